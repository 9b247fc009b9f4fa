package site

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"content/_help/**/*", "content/_help/a/b.md", true},
		{"content/_help/**/*", "content/_help/b.md", true},
		{"content/**/*/*._en.md", "content/_help/x/a._en.md", true},
		{"content/**/*/*._en.md", "content/_landing/a._en.md", true},
		{"content/**/*/*._en.md", "content/a._en.md", false},
		{"content/_policy/*", "content/_policy/a.md", true},
		{"content/_policy/*", "content/_policy/x/a.md", false},
		{"*.md", "a.md", true},
		{"**/*.md", "a/b/c.md", true},
	}
	for _, tt := range tests {
		if got := GlobMatch(tt.glob, tt.name); got != tt.want {
			t.Errorf("GlobMatch(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}

func TestClassifyAndURL(t *testing.T) {
	c, err := parseConfig([]byte("collections_dir: content\ninclude: [.well-known, /_kept*]\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\n  program_updates:\n    permalink: /partners/program-updates/:path/\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Site{Config: c}
	s.prepare()
	info := s.Classify("content/_help/specific-agencies/irs._es.md")
	if info.Collection != "help" || info.InCollection != "specific-agencies/irs._es.md" || info.Locale != "es" || !info.Localized ||
		info.Kind != KindDocument || info.DocPath != "_help/specific-agencies/irs._es.md" {
		t.Errorf("Classify = %+v", info)
	}
	fm := func(m map[string]string) Lookup {
		return func(k string) (Value, bool) {
			v, ok := m[k]
			return Value{Text: v, Tag: "!!str"}, ok
		}
	}
	if o := s.Publish(s.Classify("content/_program_updates/new-thing.md"), nil); o.URL != "/partners/program-updates/new-thing/" || o.Written {
		t.Errorf("Publish = %+v", o)
	}
	if o := s.Publish(info, fm(map[string]string{"permalink": "/es/help/x/"})); o.URL != "/es/help/x/" || !o.Written {
		t.Errorf("Publish with permalink = %+v", o)
	}
	for rel, want := range map[string]bool{"content/_help/a._en.md": true, "_includes/a.md": false, "content/_drafts/a.md": false,
		"a.md": true, "docs/x/a.md": true, "docs/.x/a.md": false, "docs/_x/a.md": false, "x_/a_.md": true,
		"_a.md": false, ".a.md": false, "#a.md": false, "~a.md": false, "a.md~": false, "content/_help/_draft._en.md": false,
		".well-known/security.md": true, "docs/.well-known/x.md": true, "_kept.md": true, "_kept/x.md": true,
		// in a collection only the first folder and the name count, as Jekyll filters entries
		"content/_help/x/_y/a.md": true, "content/_help/_y/a.md": false,
		// posts: only inside collections_dir, dated
		"content/_posts/2024-01-02-a.md": true, "content/_posts/a.md": false, "_posts/2024-01-02-a.md": false,
		"content/blog/_posts/2024-01-02-a.md": true, "content/_x/_posts/2024-01-02-a.md": false,
		// Gemfile and node_modules are excluded by default; an exclude entry is a prefix
		"node_modules/a.md": false, "vendor/bundle/x.md": false, "vendor/x.md": true} {
		if got := s.IsPage(rel); got != want {
			t.Errorf("IsPage(%s) = %v", rel, got)
		}
	}
}

func TestSlugify(t *testing.T) {
	for _, tt := range []struct {
		in            string
		pretty, case_ bool
		want          string
	}{
		{"irs._en", false, false, "irs-en"},
		{"irs._en", true, true, "irs._en"},
		{"Hello, World!", false, false, "hello-world"},
		{"Hello, World!", true, true, "Hello,-World!"},
		{"  --nuestra misión--  ", false, false, "nuestra-misión"},
		{"a/b c", true, false, "a-b-c"},
	} {
		if got := slugify(tt.in, tt.pretty, tt.case_); got != tt.want {
			t.Errorf("slugify(%q, %v, %v) = %q, want %q", tt.in, tt.pretty, tt.case_, got, tt.want)
		}
	}
}

func TestFnmatchAndEscape(t *testing.T) {
	for _, tt := range []struct {
		pat, name string
		want      bool
	}{{"/*.md", "/a/b.md", true}, {"/a?c", "/abc", true}, {"/[ab]x", "/bx", true}, {"/[!ab]x", "/bx", false}, {`/\*`, "/*", true}, {"/x", "/x", true}} {
		if got := fnmatch(tt.pat, tt.name); got != tt.want {
			t.Errorf("fnmatch(%q, %q) = %v", tt.pat, tt.name, got)
		}
	}
	if got := escapePath("a b/é#c#"); got != "a%20b/%C3%A9%23c#" {
		t.Errorf("escapePath = %q", got)
	}
	if got := sanitizeURL("//a/../b/./c//"); got != "/a/b/c/" {
		t.Errorf("sanitizeURL = %q", got)
	}
}

func TestIsClean(t *testing.T) {
	for _, p := range []string{"/a/b.md", "/", "a", "a/b", ".", "..", "./a", "../a", "/a/./b", "/a/../b", "/a//b", "/a/", "/a/.", "/a/..", "a/..", "/.a/b..c/...", "", "//", "/a/b/../../c", ".hidden/x", "/.", "/..", "/..a", "/a/...", "/a.", "/a/b/.", "/./a", "/a/.b/c"} {
		// never clean when Clean would change it; clean for absolute paths Clean keeps
		clean := filepath.Clean(p) == p
		if got := isClean(p); got && !clean || !got && clean && strings.HasPrefix(p, "/") {
			t.Errorf("isClean(%q) = %v; Clean gives %q", p, got, filepath.Clean(p))
		}
	}
}

// TestLocaleFolder: on a site with languages, a folder that names one
// gives its pages their locale; the file name's locale wins.
func TestLocaleFolder(t *testing.T) {
	c, err := parseConfig([]byte("languages: [en, es]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := &Site{Config: c}
	s.prepare()
	for rel, want := range map[string]string{"es/fees.md": "es", "en/fees.md": "en", "fees.md": "en", "docs/es/x/fees.md": "es", "es/fees._en.md": "en", "fr/fees.md": "en"} {
		info := s.Classify(rel)
		if info.Locale != want || info.Localized != (rel != "fees.md" && rel != "fr/fees.md") {
			t.Errorf("Classify(%s): locale %q localized %v, want %q", rel, info.Locale, info.Localized, want)
		}
	}
	if info := s.Classify("es/fees.md"); info.LocaleInName {
		t.Error("a folder's locale is not the file name's")
	}
	// a path from the root up: the walk up the folders ends at / (it looped)
	if info := s.Classify("/es/x.md"); info.Locale != "es" {
		t.Errorf("Classify(/es/x.md): locale %q, want es", info.Locale)
	}
	if info := s.Classify("/x.md"); info.Localized {
		t.Errorf("Classify(/x.md): localized %v", info.Localized)
	}
}
