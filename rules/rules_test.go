package rules_test

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/linttest"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
)

var update = flag.Bool("update", false, "rewrite the .golden files of fixes")

// TestFixtures lints each fixture site under testdata/rules and checks the
// findings against the `want` comments in its pages.
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/rules/*")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		have[filepath.Base(d)] = true
		t.Run(filepath.Base(d), func(t *testing.T) { linttest.Run(t, d, *update) })
	}
	// sites laid out like other real Jekyll sites: every finding is a want
	sites, _ := filepath.Glob("../testdata/jekyll/sites/*")
	for _, d := range sites {
		t.Run("site/"+filepath.Base(d), func(t *testing.T) { linttest.Run(t, d, *update) })
	}
	for _, r := range rules.All() {
		if !have[r.Name] {
			t.Errorf("rule %s has no fixture folder testdata/rules/%s", r.Name, r.Name)
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestRuleDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if !kebab.MatchString(r.Name) {
			t.Errorf("rule name %q is not kebab-case", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule name %q used twice", r.Name)
		}
		seen[r.Name] = true
		if !strings.HasPrefix(r.Doc, "# ") || r.Title() == "" {
			t.Errorf("%s: doc must start with a # title", r.Name)
		}
		for _, h := range []string{"\n## Bad\n", "\n## Good\n", "\n## Options\n"} {
			if !strings.Contains(r.Doc, h) {
				t.Errorf("%s: doc lacks a %q section", r.Name, strings.TrimSpace(h))
			}
		}
		if r.Run == nil && r.RunSite == nil && !r.Engine {
			t.Errorf("%s: rule checks nothing", r.Name)
		}
	}
}

// TestDocExamples lints each doc's Bad and Good examples as pages of a help
// site: the bad one must trigger the rule, the good one must not.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		t.Run(r.Name, func(t *testing.T) {
			for _, section := range []string{"Bad", "Good"} {
				files := examples(t, r.Doc, section)
				dir := t.TempDir()
				cfg := "collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\n"
				if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(cfg), 0o644); err != nil {
					t.Fatal(err)
				}
				for name, body := range files {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if page := strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".html"); page && !strings.HasPrefix(body, "---") && !strings.HasPrefix(body, "\ufeff---") {
						// a snippet of a page's body: Jekyll renders only files with front matter
						body = "---\ntitle: Example\n---\n" + body
					}
					if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				ws, err := workspace.Open(workspace.Options{Paths: []string{dir}, RuleSeverities: map[string]string{r.Name: "error"}})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, f := range ws.Run().Findings {
					if f.Rule == r.Name {
						n++
						if section == "Good" {
							t.Errorf("good example: %s:%d: %s", f.Path, f.Start.Line, f.Message)
						}
					}
				}
				if section == "Bad" && n == 0 {
					t.Errorf("bad example does not trigger %s", r.Name)
				}
			}
		})
	}
}

// examples returns the pages of a doc section: one fenced block is one page
// at content/_help/create-account/example._en.md, unless it is written as
// "-- path --" separated files.
func examples(t *testing.T, doc, section string) map[string]string {
	t.Helper()
	i := strings.Index(doc, "\n## "+section+"\n")
	if i < 0 {
		t.Fatalf("no %s section", section)
	}
	rest := doc[i+len(section)+5:]
	// the section ends at the next "## " heading outside a code block
	fenced, off := false, 0
	for _, line := range strings.SplitAfter(rest, "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(line, "## ") {
			rest = rest[:off]
			break
		}
		off += len(line)
	}
	start := strings.Index(rest, "```markdown\n")
	end := strings.LastIndex(rest, "\n```")
	if start < 0 || end < start {
		t.Fatalf("%s section has no ```markdown block", section)
	}
	body := rest[start+len("```markdown\n") : end+1]
	files := map[string]string{}
	if !strings.HasPrefix(body, "-- ") {
		files["content/_help/create-account/example._en.md"] = body
		return files
	}
	name := ""
	for _, line := range strings.SplitAfter(body, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimSpace(line), " --") {
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "-- "), " --")
			continue
		}
		files[name] += line
	}
	return files
}

// TestReadmeListsRules keeps the README's rule table in step with the rules.
func TestReadmeListsRules(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		fixable := "no"
		if r.Fixable {
			fixable = "yes"
		}
		row := "| `" + r.Name + "` | " + r.Severity.String() + " | " + fixable + " | "
		if !strings.Contains(string(b), row) {
			t.Errorf("README.md has no row %q…", row)
		}
	}
}

// TestPageAlone lints one page by itself, as pre-commit does: cross-file
// rules still read the whole site, and only that page's findings appear.
func TestPageAlone(t *testing.T) {
	for _, page := range []string{
		"../testdata/rules/link-target/content/_help/create-account/links._en.md",
		"../testdata/rules/link-locale/content/_help/create-account/page._es.md",
		"../testdata/rules/order-unique/content/_help/verify-your-identity/accepted-ids._en.md",
	} {
		ws, err := workspace.Open(workspace.Options{Paths: []string{page}})
		if err != nil {
			t.Fatal(err)
		}
		res := ws.Run()
		if res.Files != 1 {
			t.Errorf("%s: linted %d files, want 1", page, res.Files)
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		linttest.Check(t, page, data, res.Findings)
	}
}

func TestSplitURL(t *testing.T) {
	for _, d := range []string{"https://WWW.IRS.gov:443/help/x?a=1#Top", "/es/help/a%C3%B1o/#misi%C3%B3n", "#frag", "mailto:a@b.gov", "//cdn.example.gov/x.js", "https://user@host.gov", "relative/page", "HTTP://Example.gov"} {
		got, ok := rules.SplitURLForTest(d)
		u, err := url.Parse(d)
		if !ok || err != nil {
			t.Errorf("%q: ok=%v err=%v", d, ok, err)
			continue
		}
		path := u.Path
		if u.Opaque != "" {
			path = u.Opaque // mailto:a@b.gov: net/url calls it opaque; the rules look only at the scheme
		}
		want := fmt.Sprintf("%s|%s|%s|%s", strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), path, u.Fragment)
		if got != want {
			t.Errorf("%q: got %s, want %s (net/url)", d, got, want)
		}
	}
}
