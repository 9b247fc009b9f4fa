package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

//go:generate go test -run TestConfigSchema -update .

// GenerateSchema returns the configuration schema base (the checked-in
// schemas/helplint-config.json) with its rules written from the rules
// themselves: every rule by name, with its options from its options type,
// so that the schema cannot fall behind the rules.
func GenerateSchema(base []byte, all []*lint.Rule) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	defs, ok := doc["$defs"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("config schema: no $defs")
	}
	severity := func() map[string]any { return map[string]any{"severity": map[string]any{"$ref": "#/$defs/severity"}} }
	rules := map[string]any{}
	overrides := map[string]any{}
	for _, r := range all {
		overrides[r.Name] = map[string]any{"$ref": "#/$defs/override-rule"}
		if r.Options == nil {
			rules[r.Name] = map[string]any{"$ref": "#/$defs/rule"}
			continue
		}
		o := optionsSchema(r.Options())
		o["x-unknown-else"] = "the options of " + r.Name + " are " + strings.Join(keys(o["properties"].(map[string]any)), ", ")
		long := severity()
		long["options"] = o
		rules[r.Name] = ruleSchema(long, "a rule takes severity and options")
	}
	defs["rule"] = ruleSchema(severity(), "this rule has no options")
	defs["override-rule"] = ruleSchema(severity(), "an override sets severities only; options apply everywhere")
	defs["rules"] = rulesSchema(rules, "a mapping of rule names to a severity or to {severity, options}")
	defs["override-rules"] = rulesSchema(overrides, "a mapping of rule names to a severity")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rulesSchema is a mapping of the rules by name to their settings.
func rulesSchema(props map[string]any, hint string) map[string]any {
	return map[string]any{"type": "object", "x-hint": hint, "additionalProperties": false, "properties": props,
		"x-unknown": "rule", "x-unknown-else": "helplint rules lists them"}
}

// ruleSchema is a rule's setting: a severity, or a mapping of the keys in long.
func ruleSchema(long map[string]any, otherwise string) map[string]any {
	forms := "off, warning, error, or {" + strings.Join(keys(long), ", ") + "}"
	return map[string]any{
		"x-hint": forms,
		"type":   []string{"string", "object"},
		"if":     map[string]any{"type": "string"},
		"then":   map[string]any{"$ref": "#/$defs/severity"},
		"else": map[string]any{"type": "object", "additionalProperties": false, "properties": long,
			"x-unknown": "key", "x-unknown-else": otherwise},
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
