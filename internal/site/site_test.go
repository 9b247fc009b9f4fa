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
	s := &Site{Config: Config{CollectionsDir: "content", DefaultLocale: "en", Include: []string{".well-known", "/_kept*"}, Collections: map[string]Collection{
		"help": {Output: true, Permalink: "/:collection/:path/"}, "program_updates": {Permalink: "/partners/program-updates/:path/"}}}}
	info := s.Classify("content/_help/specific-agencies/irs._es.md")
	if info.Collection != "help" || info.InCollection != "specific-agencies/irs._es.md" || info.Locale != "es" || !info.Localized {
		t.Errorf("Classify = %+v", info)
	}
	if u := s.URL(s.Classify("content/_program_updates/new-thing.md"), ""); u != "/partners/program-updates/new-thing/" {
		t.Errorf("URL = %q", u)
	}
	if u := s.URL(info, "/es/help/x/"); u != "/es/help/x/" {
		t.Errorf("URL with permalink = %q", u)
	}
	for rel, want := range map[string]bool{"content/_help/a._en.md": true, "_includes/a.md": false, "content/_drafts/a.md": false,
		"a.md": true, "docs/x/a.md": true, "docs/.x/a.md": false, "docs/_x/a.md": false, "x_/a_.md": true,
		"_a.md": false, ".a.md": false, "#a.md": false, "~a.md": false, "a.md~": false, "content/_help/_draft._en.md": false,
		".well-known/security.md": true, "docs/.well-known/x.md": true, "_kept.md": true, "_kept/x.md": true} {
		if got := s.IsPage(rel); got != want {
			t.Errorf("IsPage(%s) = %v", rel, got)
		}
	}
}

func TestIsClean(t *testing.T) {
	for _, p := range []string{"/a/b.md", "/", "a", "a/b", ".", "..", "./a", "../a", "/a/./b", "/a/../b", "/a//b", "/a/", "/a/.", "/a/..", "a/..", "/.a/b..c/...", "", "//", "/a/b/../../c", ".hidden/x"} {
		// never clean when Clean would change it; clean for absolute paths Clean keeps
		clean := filepath.Clean(p) == p
		if got := isClean(p); got && !clean || !got && clean && strings.HasPrefix(p, "/") {
			t.Errorf("isClean(%q) = %v; Clean gives %q", p, got, filepath.Clean(p))
		}
	}
}
