package site

import (
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Duplicate is a key defined twice in one mapping of _config.yml. Jekyll
// reads the file with Psych, which keeps the last value; yaml.v3 refuses
// the file.
type Duplicate struct {
	Key string
	// Line and Column are where the later definition starts (1-based;
	// the column in characters).
	Line, Column int
	// First is the line of the earlier definition.
	First int
}

// yamlValues converts a YAML document into plain values as Psych reads
// it: mappings with string keys (map[string]any), sequences ([]any) and
// scalars resolved as yaml.v3 resolves them. A key defined twice keeps
// its last value and is listed; `<<` merges as Psych merges, in order.
// yaml.v3's own decoding into maps compares every key with every other
// (a _config.yml with 40,000 keys took 7 s) and refuses duplicates.
func yamlValues(data []byte) (map[string]any, []Duplicate, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil, nil
	}
	c := &converter{done: map[*yaml.Node]any{}, budget: 4*len(data) + 1<<16}
	v, err := c.value(doc.Content[0], 0)
	if err != nil {
		return nil, nil, err
	}
	switch m := v.(type) {
	case map[string]any:
		return m, c.dups, nil
	case nil:
		return nil, c.dups, nil
	}
	return nil, nil, fmt.Errorf("line %d: the file must be a mapping of keys to values", doc.Content[0].Line)
}

// maxDepth bounds the nesting of values (and so the recursion).
const maxDepth = 1000

// errBudget is the error for a document whose aliases expand past the
// converter's budget (a "billion laughs" document).
var errBudget = errors.New("aliases expand the document too far")

// converter converts nodes, each once: an alias shares the value of its anchor.
type converter struct {
	done   map[*yaml.Node]any
	dups   []Duplicate
	budget int // entries left to copy; merges copy mappings
}

func (c *converter) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("line %d: values nest deeper than %d levels", n.Line, maxDepth)
	}
	if v, ok := c.done[n]; ok {
		return v, nil
	}
	var v any
	var err error
	switch n.Kind {
	case yaml.ScalarNode:
		err = n.Decode(&v)
	case yaml.AliasNode:
		v, err = c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, e := range n.Content {
			if s[i], err = c.value(e, depth+1); err != nil {
				break
			}
		}
		v = s
	case yaml.MappingNode:
		v, err = c.mapping(n, depth)
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			v, err = c.value(n.Content[0], depth+1)
		}
	}
	if err != nil {
		return nil, err
	}
	c.done[n] = v
	return v, nil
}

func (c *converter) mapping(n *yaml.Node, depth int) (map[string]any, error) {
	m := make(map[string]any, len(n.Content)/2)
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		if c.budget--; c.budget < 0 {
			return nil, fmt.Errorf("line %d: %w", k.Line, errBudget)
		}
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
			if err := c.merge(m, vn, depth); err != nil {
				return nil, err
			}
			continue
		}
		kv, err := c.value(k, depth+1)
		if err != nil {
			return nil, err
		}
		key := fmt.Sprint(kv)
		if kv == nil {
			key = ""
		}
		if line, ok := first[key]; ok {
			c.dups = append(c.dups, Duplicate{Key: key, Line: k.Line, Column: k.Column, First: line})
		} else {
			first[key] = k.Line
		}
		if m[key], err = c.value(vn, depth+1); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// merge copies into m the mappings a `<<` value names: one mapping, or a
// sequence of them, each overriding what came before.
func (c *converter) merge(m map[string]any, vn *yaml.Node, depth int) error {
	sources := []*yaml.Node{vn}
	if vn.Kind == yaml.SequenceNode {
		sources = vn.Content
	}
	for _, s := range sources {
		v, err := c.value(s, depth+1)
		if err != nil {
			return err
		}
		sm, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("line %d: << must merge a mapping", s.Line)
		}
		if c.budget -= len(sm); c.budget < 0 {
			return fmt.Errorf("line %d: %w", s.Line, errBudget)
		}
		for k, x := range sm {
			m[k] = x
		}
	}
	return nil
}
