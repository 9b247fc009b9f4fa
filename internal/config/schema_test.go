package config_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/rules"
)

var update = flag.Bool("update", false, "rewrite schemas/helplint-config.json from the rules")

const schemaPath = "../../schemas/helplint-config.json"

// TestConfigSchema keeps the checked-in configuration schema equal to the
// one generated from the rules (go generate ./internal/config rewrites it).
func TestConfigSchema(t *testing.T) {
	base, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	got, err := config.GenerateSchema(base, rules.All())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(got, base) {
		t.Errorf("%s is not what the rules generate: run go generate ./internal/config", schemaPath)
	}
}

// TestSchemaHasEveryOption checks, without the generator, that every option
// of every rule is in the schema, under its yaml key.
func TestSchemaHasEveryOption(t *testing.T) {
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	at := func(v any, path ...string) any {
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		return v
	}
	n := 0
	for _, r := range rules.All() {
		rule := at(doc, "$defs", "rules", "properties", r.Name)
		if rule == nil {
			t.Errorf("rule %s is not in the schema", r.Name)
			continue
		}
		opts := at(rule, "else", "properties", "options", "properties")
		if r.Options == nil {
			if opts != nil {
				t.Errorf("rule %s has no options, but the schema lists some", r.Name)
			}
			continue
		}
		typ := reflect.TypeOf(r.Options()).Elem()
		for i := range typ.NumField() {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if at(opts, key) == nil {
				t.Errorf("option %s of rule %s is not in the schema", key, r.Name)
			}
			n++
		}
	}
	if n < 10 {
		t.Errorf("only %d options found", n)
	}
}
