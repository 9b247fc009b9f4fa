package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/lint"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ body, want string }{
		{"rulez: {}\n", `:1: unknown key "rulez" (did you mean "rules"?)`},
		{"gitignore: maybe\n", `:1: gitignore must be true or false; got "maybe"`},
		{"internal_hosts: login.gov\n", `:1: internal_hosts must be a list of host names; got "login.gov"`},
		{"rules:\n  mojibake: loud\n", `:2: rules.mojibake must be one of off, warning, error; got "loud"`},
		{"overrides:\n  - files: [a]\n", `:2: missing required key "overrides[0].rules"`},
		{"markdown: commonmark\n", `:1: markdown must be one of kramdown, gfm; got "commonmark"`},
		{"rules: [\n", "did not find expected"},
	}
	for _, tt := range tests {
		_, err := Load(write(t, tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.body, err, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	p := write(t, "rules:\n  mojibake: off\n  table-header:\n    severity: warning\n    options: {first_row_header: true}\noverrides:\n  - files: ['content/_policy/**']\n    rules: {mojibake: error}\n")
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	type opts struct {
		FirstRowHeader bool `yaml:"first_row_header"`
	}
	rules := []*lint.Rule{
		{Name: "mojibake", Severity: lint.Error},
		{Name: "table-header", Severity: lint.Error, Options: func() any { return &opts{} }},
		{Name: "bom", Severity: lint.Error},
	}
	settings, err := c.Resolve(rules, map[string]string{"bom": "off"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]lint.Settings{}
	for _, s := range settings {
		got[s.Rule.Name] = s
	}
	if _, ok := got["bom"]; ok {
		t.Error("bom is off from the command line but still enabled")
	}
	if s := got["mojibake"]; s.Severity("content/_help/a.md") != lint.Off || s.Severity("content/_policy/a.md") != lint.Error {
		t.Error("mojibake override for a folder not applied")
	}
	if s := got["table-header"]; s.Severity("x") != lint.Warning || !s.Options.(*opts).FirstRowHeader {
		t.Errorf("table-header settings: %v %+v", s.Severity("x"), s.Options)
	}
	if _, err := c.Resolve(rules, map[string]string{"nope": "error"}); err == nil {
		t.Error("unknown rule from the command line accepted")
	}
	bad := write(t, "rules:\n  no-such-rule: error\n")
	c, _ = Load(bad)
	if _, err := c.Resolve(rules, nil); err == nil || !strings.Contains(err.Error(), `:2: unknown rule "no-such-rule"`) {
		t.Errorf("err = %v", err)
	}
}
