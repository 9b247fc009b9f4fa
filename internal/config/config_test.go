package config

import (
	"fmt"

	"go.yaml.in/yaml/v3"
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
		{"rulez: {}\n", `:1:1: unknown key "rulez" (did you mean "rules"?)`},
		{"gitignore: maybe\n", `:1:12: gitignore must be true or false; got "maybe"`},
		{"internal_hosts: login.gov\n", `:1:17: internal_hosts must be a list of host names; got "login.gov"`},
		{"rules:\n  mojibake: loud\n", `:2:13: rules.mojibake must be one of off, warning, error; got "loud"`},
		{"overrides:\n  - files: [a]\n", `:2:5: missing required key "overrides[0].rules"`},
		{"markdown: commonmark\n", `:1:11: markdown must be one of kramdown, gfm; got "commonmark"`},
		{"rules: [\n", "did not find expected"},
		// each error at its own line and column, with no Go type names
		{"rules:\n  table-header:\n    options: {first_row_headr: true}\n",
			`:3:15: unknown option "first_row_headr" in rules.table-header.options (did you mean "first_row_header"?)`},
		{"rules:\n  table-header:\n    severity: error\n    options:\n      first_row_header: 3\n",
			`:5:25: rules.table-header.options.first_row_header must be true or false; got 3`},
		{"rules:\n  mojibake: {severity: eror}\n", `:2:24: rules.mojibake.severity must be one of off, warning, error; got "eror" (did you mean "error"?)`},
		{"rules:\n  heading-increment: {options: {body_h1: alwayz}}\n",
			`:2:42: rules.heading-increment.options.body_h1 must be one of report, always, allow; got "alwayz" (did you mean "always"?)`},
		{"rules:\n  translation-parity: {options: {pairing: foldr}}\n",
			`:2:43: rules.translation-parity.options.pairing must be one of suffix, folder, auto; got "foldr" (did you mean "folder"?)`},
		{"rules:\n  tabel-header: off\n", `:2:3: unknown rule "tabel-header" in rules (did you mean "table-header"?)`},
		{"rules:\n  bom: {options: {x: 1}}\n", `:2:9: unknown key "options" in rules.bom: this rule has no options`},
		{"rules:\n  bom: 3\n", `:2:8: rules.bom must be off, warning, error, or {severity}; got 3`},
		{"rules:\n  link-text: {options: {phrases: [here]}}\n", `:2:34: rules.link-text.options.phrases must be a mapping; got a list`},
		{"overrides:\n  - files: [a]\n    rules: {bom: {severity: off, options: {}}}\n",
			`:3:34: unknown key "options" in overrides[0].rules.bom: an override sets severities only; options apply everywhere`},
	}
	for _, tt := range tests {
		_, err := Load(write(t, tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.body, err, tt.want)
		} else if strings.Contains(err.Error(), "rules.") && strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%q: more than one error for one defect: %v", tt.body, err)
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
	c, _ = Load("")
	c.Rules = map[string]RuleCfg{"mojibak": {Severity: "error", line: 2, col: 3}}
	if _, err := c.Resolve(rules, nil); err == nil || !strings.Contains(err.Error(), `configuration:2:3: unknown rule "mojibak" (did you mean "mojibake"?)`) {
		t.Errorf("err = %v", err)
	}
	c.Rules = nil
	if _, err := c.Resolve(rules, map[string]string{"tabel-header": "off"}); err == nil || !strings.Contains(err.Error(), `--rule: unknown rule "tabel-header" (did you mean "table-header"?)`) {
		t.Errorf("err = %v", err)
	}
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), `:2:3: unknown rule "no-such-rule" in rules: helplint rules lists them`) {
		t.Errorf("err = %v", err)
	}
}

func TestDecodeOptions(t *testing.T) {
	type opts struct {
		Mode  string   `yaml:"mode" enum:"fast,slow"`
		On    bool     `yaml:"on"`
		Names []string `yaml:"names"`
	}
	tests := []struct{ body, want string }{
		{"mode: slow\non: true\nnames: [a, b]\n", ""},
		{"mode: slwo\n", `1:7: o.mode must be one of fast, slow; got "slwo" (did you mean "slow"?)`},
		{"on: 3\n", `1:5: o.on must be true or false; got "3"`},
		{"names: {a: 1}\n", `1:8: o.names must be a list; got a mapping`},
		{"\nnmes: [a]\n", `2:1: unknown option "o.nmes" (did you mean "names"?)`},
		{"zzz: 1\n", `1:1: unknown option "o.zzz" (the options are mode, on, names)`},
		{"[a]\n", `1:1: o must be a mapping of option names to values`},
	}
	for _, tt := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(tt.body), &doc); err != nil {
			t.Fatal(err)
		}
		o := &opts{Mode: "fast"}
		err := decodeOptions(doc.Content[0], o, "o")
		if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
			t.Errorf("%q: err = %v, want %q", tt.body, err, tt.want)
		}
		if tt.want == "" && (o.Mode != "slow" || !o.On || len(o.Names) != 2) {
			t.Errorf("%q decoded as %+v", tt.body, o)
		}
	}
}
