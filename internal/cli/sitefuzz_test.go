package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/lint"
)

// fuzzSitePages are where FuzzSiteRules puts its pages: an English help
// page and its Spanish translation, another help page and a page outside
// the collections, so that the cross-file rules (translations, titles,
// orders, links between pages, redirects) have something to compare.
var fuzzSitePages = []string{"content/_help/a/x._en.md", "content/_help/a/x._es.md", "content/_help/b/y._en.md", "content/about.md"}

// FuzzSiteRules lints a small multilingual site whose pages come from the
// fuzzer (cut at NUL bytes) with every rule on, page and cross-file, and
// fails on a panic the runner caught (an internal error) or a finding
// placed outside its file.
func FuzzSiteRules(f *testing.F) {
	f.Add("---\ntitle: X\ncategory: a\norder: 1\npermalink: /help/a/x/\n---\n# X\n[y](/help/b/y/) [ext](https://irs.gov/)\n\x00" +
		"---\ntitle: X\ncategory: a\norder: 1\npermalink: /es/help/a/x/\n---\n# X\n[y](/es/help/b/y/)\n\x00" +
		"---\ntitle: X\ncategory: b\norder: 1\npermalink: /help/b/y/\nredirect_from: /old/\n---\n| a |\n| b |\n\x00" +
		"---\ntitle: About\n---\n{% include missing.html %} [x](/help/a/x/#none)\n")
	f.Add("---\ntitle: X\norder: 1\n---\n\x00---\ntitle: Y\norder: 1\npermalink: /x\n---\n<a href=\"/es/\">es</a>\x00\x00---\nredirect_to: /help/\n---\n")
	dir := f.TempDir()
	cfg := "collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\nlanguages: [en, es]\n" +
		"defaults:\n  - scope:\n      path: 'content/_help/**/*'\n    values:\n      layout: help\n"
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(cfg), 0o644); err != nil {
		f.Fatal(err)
	}
	runner := everyRuleRunner(f, dir, func(*lint.Rule) bool { return true }, 2)
	f.Fuzz(func(t *testing.T, s string) {
		texts := strings.SplitN(s, "\x00", len(fuzzSitePages))
		var inputs []lint.Input
		for i, rel := range fuzzSitePages {
			text := "---\ntitle: Page " + rel + "\n---\n"
			if i < len(texts) {
				text = texts[i]
			}
			inputs = append(inputs, lint.Input{Path: rel, Abs: filepath.Join(dir, rel), Target: true, Data: []byte(text)})
		}
		res := runner.Run(inputs)
		for _, p := range res.Problems {
			if p.Fatal {
				t.Fatalf("%s\non %q", p.Message, s)
			}
		}
		for _, fd := range res.Findings {
			if fd.Start.Line < 1 || fd.Start.Column < 1 || fd.End.Line < fd.Start.Line {
				t.Fatalf("%s at %d:%d-%d:%d on %q", fd.Rule, fd.Start.Line, fd.Start.Column, fd.End.Line, fd.End.Column, s)
			}
		}
	})
}
