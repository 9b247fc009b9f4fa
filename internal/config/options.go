package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/helplint/helplint/internal/schema"
	"go.yaml.in/yaml/v3"
)

// optionField is one option of a rule, from its options struct.
type optionField struct {
	key   string // the yaml key
	index int    // the struct field
	typ   reflect.Type
	enum  []string // the values a string option takes, from its enum tag
}

// optionFields lists the options of a rule's options struct (opts is a
// pointer to it, as lint.Rule.Options returns).
func optionFields(opts any) []optionField {
	t := reflect.TypeOf(opts).Elem()
	var out []optionField
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		of := optionField{key: key, index: i, typ: f.Type}
		if e := f.Tag.Get("enum"); e != "" {
			of.enum = strings.Split(e, ",")
		}
		out = append(out, of)
	}
	return out
}

// typeSchema is the JSON Schema of a value of Go type t, as YAML writes it.
func typeSchema(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem())}
	}
	panic("config: no schema for option type " + t.String()) // caught by TestConfigSchema
}

// optionsSchema is the JSON Schema of a rule's options.
func optionsSchema(opts any) map[string]any {
	props := map[string]any{}
	for _, f := range optionFields(opts) {
		s := typeSchema(f.typ)
		if f.enum != nil {
			s = map[string]any{"enum": f.enum}
		}
		props[f.key] = s
	}
	return map[string]any{"type": "object", "additionalProperties": false, "properties": props,
		"x-unknown": "option"}
}

// decodeOptions decodes a rule's options node into opts strictly: an
// unknown key, a value of the wrong type or outside its enum is an error
// at its own line and column. name is the options' place, for messages
// ("rules.table-header.options").
func decodeOptions(n *yaml.Node, opts any, name string) error {
	if n.Kind != yaml.MappingNode {
		return posErr(n, "%s must be a mapping of option names to values", name)
	}
	fields := optionFields(opts)
	v := reflect.ValueOf(opts).Elem()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		var f *optionField
		var keys []string
		for j := range fields {
			keys = append(keys, fields[j].key)
			if fields[j].key == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			msg := fmt.Sprintf("unknown option %q", name+"."+k.Value)
			if best := schema.Closest(k.Value, keys); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			} else if len(keys) > 0 {
				msg += " (the options are " + strings.Join(keys, ", ") + ")"
			}
			return posErr(k, "%s", msg)
		}
		dst := reflect.New(f.typ)
		if err := val.Decode(dst.Interface()); err != nil {
			return posErr(val, "%s.%s must be %s; got %s", name, f.key, typeName(f.typ), describeNode(val))
		}
		if f.enum != nil && !contains(f.enum, dst.Elem().String()) {
			msg := fmt.Sprintf("%s.%s must be one of %s; got %q", name, f.key, strings.Join(f.enum, ", "), val.Value)
			if best := schema.Closest(val.Value, f.enum); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
			return posErr(val, "%s", msg)
		}
		v.Field(f.index).Set(dst.Elem())
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// posError is an error at a line and column of the configuration file.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

func posErr(n *yaml.Node, format string, args ...any) error {
	return &posError{n.Line, n.Column, fmt.Sprintf(format, args...)}
}

// typeName says what a value of Go type t is written as, in YAML words.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Slice:
		return "a list"
	case reflect.Map:
		return "a mapping"
	}
	return t.Kind().String()
}

// describeNode says what a YAML value is, for the second half of a message.
func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	return fmt.Sprintf("%q", n.Value)
}
