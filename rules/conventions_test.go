package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/workspace"
)

// openSite writes files into a new site and opens it with no configuration
// but what the files hold.
func openSite(t *testing.T, files map[string]string) (*workspace.Workspace, string) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := workspace.Open(workspace.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	return ws, dir
}

// lintSite writes files into a new site and returns its findings of rule
// as "file:line: message".
func lintSite(t *testing.T, files map[string]string, rule string) []string {
	t.Helper()
	ws, dir := openSite(t, files)
	var out []string
	for _, f := range ws.Run().Findings {
		if f.Rule == rule {
			rel, _ := filepath.Rel(dir, f.Path)
			out = append(out, filepath.ToSlash(rel)+":"+itoa(f.Start.Line)+": "+f.Message)
		}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// links writes n Markdown links to distinct external hosts, each with the IAL ial.
func links(n int, ial string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("[site](https://host" + string(rune('a'+i)) + ".org/)" + ial + "\n\n")
	}
	return b.String()
}

// TestMarkerDetection: the external-link convention holds only where the
// configuration names it or the pages show it, by the documented evidence.
func TestMarkerDetection(t *testing.T) {
	page := func(body string) string { return "---\ntitle: P\n---\n" + body }
	cfg := "url: https://docs.example.org\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // findings of external-link-marked
	}{
		{"no class anywhere", map[string]string{"_config.yml": cfg, "a.md": page(links(6, ""))}, nil},
		{"a styling class on every external link is no marker", map[string]string{"_config.yml": cfg,
			"a.md": page(links(6, "{:.no-underline}"))}, nil},
		{"a marker class on 4 of 6 external links", map[string]string{"_config.yml": cfg,
			"a.md": page(links(4, "{:.link-external}")), "b.md": page("[x](https://other.org/a)\n\n[y](https://other.org/b)\n")},
			[]string{
				"b.md:4: link to other.org leaves the site but is not marked: add link-external, the class this site marks external links with (4 of its 6 external links carry it)",
				"b.md:6: link to other.org leaves the site but is not marked: add link-external, the class this site marks external links with (4 of its 6 external links carry it)",
			}},
		{"too few marked links", map[string]string{"_config.yml": cfg,
			"a.md": page(links(2, "{:.link-external}") + "[x](https://other.org/a)\n")}, nil},
		{"a class that internal links carry as often is no marker", map[string]string{"_config.yml": cfg,
			"a.md": page(links(4, "{:.external}") + "[i](/a/){:.external}\n\n[j](/b/){:.external}\n\n[x](https://other.org/a)\n")}, nil},
		{"external_marker: none switches it off", map[string]string{"_config.yml": cfg, ".helplint.yaml": "external_marker: none\n",
			"a.md": page(links(4, "{:.link-external}") + "[x](https://other.org/a)\n")}, nil},
		{"a configured marker needs no evidence", map[string]string{"_config.yml": cfg, ".helplint.yaml": "external_marker: ext\n",
			"a.md": page("[x](https://other.org/a)\n")},
			[]string{"a.md:4: link to other.org leaves the site but is not marked: add ext, the class external_marker names in the configuration"}},
		{"a configured marker the pages show keeps their evidence and the domains they never mark", map[string]string{"_config.yml": cfg,
			".helplint.yaml": "external_marker: link-external\n",
			"a.md":           page(links(20, "{:.link-external}")),
			"b.md":           page(strings.Repeat("[o](https://docs.own.org/x)\n\n", 5) + "[x](https://other.org/a)\n")},
			[]string{"b.md:14: link to other.org leaves the site but is not marked: add link-external, the class this site marks external links with (20 of its 26 external links carry it)"}},
		{"own hosts, their subdomains and placeholder hosts are not external", map[string]string{
			"_config.yml": cfg, "CNAME": "www.example.net\n", ".helplint.yaml": "external_marker: ext\n",
			"a.md": page("[a](https://docs.example.org/x/) [b](https://api.example.org/) [c](https://www.example.net/) " +
				"[d](http://localhost:4000/) [e](http://127.0.0.1/) [f](https://example.com/) [g](https://site.test/) [h](https://other.org/)\n")},
			[]string{"a.md:4: link to other.org leaves the site but is not marked: add ext, the class external_marker names in the configuration"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lintSite(t, tt.files, "external-link-marked")
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestRedirectSlashConvention: a redirect_from entry without its slash is
// reported only where nearly all of the site's entries keep one.
func TestRedirectSlashConvention(t *testing.T) {
	entries := func(n int, slash bool) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("  - /old/" + strconv.Itoa(i))
			if slash {
				b.WriteString("/")
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	cfg := "permalink: pretty\n"
	mixed := map[string]string{"_config.yml": cfg,
		"a.md": "---\ntitle: A\nredirect_from:\n" + entries(30, true) + "---\n",
		"b.md": "---\ntitle: B\nredirect_from:\n  - /vanity\n  - /short\n---\n"}
	if got := lintSite(t, mixed, "redirect-from"); len(got) != 0 {
		t.Errorf("2 slashless entries of 32 are the site's own habit, got:\n%s", strings.Join(got, "\n"))
	}
	strict := map[string]string{"_config.yml": cfg,
		"a.md": "---\ntitle: A\nredirect_from:\n" + entries(60, true) + "---\n",
		"b.md": "---\ntitle: B\nredirect_from:\n  - /vanity\n---\n"}
	want := []string{`b.md:4: redirect_from entry "/vanity" must be a path that starts and ends with /, as the site's URLs and 60 of its 61 redirect_from entries do`}
	if got := lintSite(t, strict, "redirect-from"); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinkLocaleSchemes: a link to another language's copy of a page that
// exists in the page's own language is reported whichever language has
// the prefix; a site whose URLs carry no locale has no such finding.
func TestLinkLocaleSchemes(t *testing.T) {
	pg := func(lang, permalink, body string) string {
		return "---\ntitle: " + lang + permalink + "\nlang: " + lang + "\npermalink: " + permalink + "\n---\n" + body
	}
	both := map[string]string{"_config.yml": "languages: [en, es]\n",
		"en/a.md": pg("en", "/en/a/", ""), "es/a.md": pg("es", "/es/a/", ""),
		"en/b.md": pg("en", "/en/b/", "[a](/es/a/)\n"), "es/b.md": pg("es", "/es/b/", "[a](/en/a/)\n")}
	want := []string{
		"en/b.md:6: this English page links to the es page /es/a/, but /en/a/ exists: keep readers in their language",
		"es/b.md:6: this es page links to the English page /en/a/, but /es/a/ exists: keep readers in their language",
	}
	got := lintSite(t, both, "link-locale")
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("English under /en/:\ngot\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	folders := map[string]string{"_config.yml": "title: x\n",
		"docs/a.md": "---\ntitle: A\n---\n", "docs/de/a.md": "---\ntitle: A de\n---\n[a](/docs/a/)\n",
		"docs/fr/a.md": "---\ntitle: A fr\n---\n[de](/docs/de/a/)\n"}
	if got := lintSite(t, folders, "link-locale"); len(got) != 0 {
		t.Errorf("locales in folders below the root are no URL prefix:\n%s", strings.Join(got, "\n"))
	}
}

// TestLanguagesOverride: .helplint.yaml's languages replace what the site
// shows: folders it does not name are no locale.
func TestLanguagesOverride(t *testing.T) {
	files := map[string]string{"_config.yml": "title: x\n",
		"docs/a.md": "---\ntitle: Same\n---\n", "docs/de/a.md": "---\ntitle: Same\n---\n", "docs/fr/a.md": "---\ntitle: Same\n---\n"}
	if got := lintSite(t, files, "title-unique"); len(got) != 0 {
		t.Errorf("pages in three languages share a title, which is no defect:\n%s", strings.Join(got, "\n"))
	}
	files[".helplint.yaml"] = "languages: [en]\n"
	if got := lintSite(t, files, "title-unique"); len(got) == 0 {
		t.Error("with languages: [en], de/ and fr/ are folders of English pages, whose titles tie")
	}
}

// TestOrderConvention: orders tie on a site only where its pages keep them
// apart; a collection whose pages share orders by the dozen sorts them
// some other way.
func TestOrderConvention(t *testing.T) {
	cfg := "collections: {guides: {output: true}}\n"
	pg := func(order int) string {
		return "---\ntitle: P" + strconv.Itoa(order) + "\norder: " + strconv.Itoa(order) + "\n---\n"
	}
	kept := map[string]string{"_config.yml": cfg}
	for i := range 12 {
		kept["_guides/p"+strconv.Itoa(i)+".md"] = pg(i)
	}
	kept["_guides/tie.md"] = pg(3)
	if got := lintSite(t, kept, "order-unique"); len(got) != 1 {
		t.Errorf("one tie among 13 ordered pages: got %d findings\n%s", len(got), strings.Join(got, "\n"))
	}
	shared := map[string]string{"_config.yml": cfg}
	for i := range 12 {
		shared["_guides/p"+strconv.Itoa(i)+".md"] = pg(i % 3)
	}
	if got := lintSite(t, shared, "order-unique"); len(got) != 0 {
		t.Errorf("12 pages in 3 orders are no ordered list:\n%s", strings.Join(got, "\n"))
	}
}

// TestNeverMarkedDomain: a domain the site links to often and never marks,
// while it marks nearly every other external link, is its own.
func TestNeverMarkedDomain(t *testing.T) {
	var b strings.Builder
	for i := range 6 {
		b.WriteString("[sandbox](https://idp" + strconv.Itoa(i) + ".sandbox-org.net/)\n\n")
	}
	files := map[string]string{"_config.yml": "url: https://docs.example.org\n",
		"a.md": "---\ntitle: A\n---\n" + links(8, "{:.usa-link--external}") + "[x](https://other.org/)\n\n" + b.String()}
	want := []string{"a.md:20: link to other.org leaves the site but is not marked: add usa-link--external, the class this site marks external links with (8 of its 15 external links carry it)"}
	if got := lintSite(t, files, "external-link-marked"); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBuiltinSchemaShown: the built-in help schema holds a _help collection
// only where its pages show that shape.
func TestBuiltinSchemaShown(t *testing.T) {
	cfg := "collections: {help: {output: true}}\n"
	other := map[string]string{"_config.yml": cfg}
	for i := range 5 {
		other["_help/p"+strconv.Itoa(i)+".md"] = "---\ntitle: P" + strconv.Itoa(i) + "\n---\n"
	}
	if got := lintSite(t, other, "front-matter-schema"); len(got) != 0 {
		t.Errorf("a _help collection of its own shape is held to the built-in schema:\n%s", strings.Join(got, "\n"))
	}
	shown := map[string]string{"_config.yml": cfg}
	for i := range 10 {
		n := strconv.Itoa(i)
		shown["_help/topic/p"+n+".md"] = "---\ntitle: P" + n + "\ncategory: topic\npermalink: /help/topic/p" + n + "/\norder: " + n + "\n---\n"
	}
	shown["_help/topic/empty.md"] = "---\ntitle: E\ncategory: topic\npermalink: /help/topic/e/\norder: 20\nkeywords:\n---\n"
	if got := lintSite(t, shown, "front-matter-schema"); len(got) != 1 {
		t.Errorf("one empty keywords among pages of the built-in shape: got %d\n%s", len(got), strings.Join(got, "\n"))
	}
}
