package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrintConfigRoundTrip: --print-config prints a .helplint.yaml that
// loads to the same configuration: printed, loaded and printed again, it is
// the same, and it keeps every setting the original file made.
func TestPrintConfigRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".helplint.yaml": `site: docs
markdown: gfm
include: ['docs/**']
exclude: ['docs/_drafts/**']
gitignore: false
schemas:
  '**/_help/**': builtin:help
  'docs/_notes/**': notes.json
internal_hosts: [example.gov, www.example.gov]
external_marker: ext-link
old_urls: retired.yml
redirect_layouts: [moved]
rules:
  mojibake: warning
  bom: off
  table-header: {options: {first_row_header: true}}
  link-text: {severity: warning, options: {bare_url: all, phrases: {en: [go here]}}}
  translation-parity: {options: {pairing: folder, keys: {help: [order]}}}
overrides:
  - files: ['docs/_policy/**']
    rules: {mojibake: error, bom: {severity: warning}}
`,
		"notes.json":       `{"type": "object"}`,
		"docs/_config.yml": "title: Docs\n",
		"docs/retired.yml": "- /old-page/\n",
		"docs/page.md":     "---\ntitle: Page\n---\n\nText.\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, first, errs := runIn(t, dir, "--print-config", "docs")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	printedYAML := first
	first = uncommented(first) // each value's source is a comment
	for _, want := range []string{"\nsite: docs\n", "markdown: gfm\n", "  - docs/_drafts/**\n", "gitignore: false\n",
		"  docs/_notes/**: notes.json\n", "  - www.example.gov\n", "external_marker: ext-link\n", "old_urls: retired.yml\n",
		"  - moved\n", "  mojibake:\n    severity: warning\n", "  bom:\n    severity: \"off\"\n", "first_row_header: true\n",
		"bare_url: all\n", "      - go here\n", "pairing: folder\n", "        help:\n          - order\n",
		"      bom: warning\n      mojibake: error\n"} {
		if !strings.Contains("\n"+first, want) {
			t.Errorf("--print-config lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "config:") {
		t.Errorf("--print-config writes a key .helplint.yaml does not have:\n%s", first)
	}
	printed := filepath.Join(dir, "printed.yaml")
	if err := os.WriteFile(printed, []byte(printedYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	code, second, errs := runIn(t, dir, "--print-config", "--config", printed, "docs")
	if code != 0 {
		t.Fatalf("the printed configuration does not load: exit %d: %s\n%s", code, errs, first)
	}
	if second = uncommented(second); second != first {
		t.Errorf("printed again, the configuration differs:\n%s\nfirst:\n%s", second, first)
	}
}

// uncommented drops the YAML comments of --print-config's output (the
// source of each value, which names the file read).
func uncommented(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if i := strings.Index(l, " # "); i >= 0 {
			l = l[:i]
		}
		out = append(out, l)
	}
	return strings.TrimLeft(strings.Join(out, "\n"), "\n")
}
