package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/schema"
	"go.yaml.in/yaml/v3"
)

// validate checks a config file against its JSON Schema (schemas/helplint-config.json)
// and reports every problem as "file:line:column: message".
func validate(path string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil // an empty file: the defaults
	}
	set, err := schema.Load([]schema.Mapping{{Glob: "**", Schema: schema.BuiltinPrefix + "helplint-config"}}, ".")
	if err != nil {
		return err
	}
	root := doc.Content[0]
	var msgs []string
	for _, p := range set.Validate(set.For("config"), frontmatter.Value(root)) {
		at := root
		if key, val := frontmatter.Find(root, p.Location); p.AtKey && key != nil {
			at = key
		} else if val != nil {
			at = val
		} else if _, parent := frontmatter.Find(root, p.Location[:max(len(p.Location)-1, 0)]); parent != nil {
			at = parent
		}
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s", path, at.Line, at.Column, p.Message))
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}
