package site

import (
	"os"
	"path/filepath"
	"testing"
)

func TestURLsAt(t *testing.T) {
	files := map[string]bool{"docs/guide.pdf": true, "legacy/index.html": true}
	u := NewURLs(func(rel string) bool { return files[rel] }, false, 0)
	u.Add("/help/", Entry{What: ServesPage, Page: 0})
	u.Add("/components/index", Entry{What: ServesPage, Page: 1}) // /:collection/:path on _components/index.md
	u.Add("/404", Entry{What: ServesPage, Page: 2})              // permalink: /404, written as 404.html
	u.Add("/old/index.html", Entry{What: ServesRedirect, Page: 0, To: "/help/"})
	u.Add("/help/", Entry{What: ServesRedirect, Page: 3}) // a page's URL stays a page's
	tests := []struct {
		url  string
		what What
		page int
		form string
	}{
		{"/help/", ServesPage, 0, "/help/"},
		{"/help", ServesPage, 0, "/help/"},
		{"/help/index.html", ServesPage, 0, "/help/"},
		{"/components/", ServesPage, 1, "/components/index"},
		{"/components/index.html", ServesPage, 1, "/components/index"},
		{"/404.html", ServesPage, 2, "/404"},
		{"/404", ServesPage, 2, "/404"},
		{"/old/", ServesRedirect, 0, "/old/index.html"},
		{"/docs/guide.pdf", ServesFile, -1, "/docs/guide.pdf"},
		{"/legacy/", ServesFolderIndex, -1, "/legacy/"},
		{"/nothing/", Unknown, -1, ""},
	}
	for _, tt := range tests {
		e, form := u.At(tt.url)
		if e.What != tt.what || e.Page != tt.page || form != tt.form {
			t.Errorf("At(%q) = %v page %d at %q, want %v page %d at %q", tt.url, e.What, e.Page, form, tt.what, tt.page, tt.form)
		}
	}
	if e, _ := NewURLs(nil, true, 0).At("/nothing/"); e.What != MaybeGenerated {
		t.Errorf("a site whose plugins write: At = %v, want %v", e.What, MaybeGenerated)
	}
}

func TestPluginsWrite(t *testing.T) {
	tests := []struct {
		plugin string
		want   bool
	}{
		{"module X\n  class G < Jekyll::Generator\n    def generate(site)\n      site.pages << PageWithoutAFile.new(site, site.source, '', 'x.html')\n    end\n  end\nend\n", true},
		{"module X\n  class G < Jekyll::Generator\n    def generate(site)\n      site.data['version'] = '3.1'\n    end\n  end\nend\n", false},
		{"Jekyll::Hooks.register :site, :post_write do |site|\n  File.write(path, body)\nend\n", true},
		{"module Jekyll\n  module Filters\n    def shout(s) = s.upcase\n  end\nend\n", false},
	}
	for _, tt := range tests {
		root := t.TempDir()
		if err := os.Mkdir(filepath.Join(root, "_plugins"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "_plugins", "p.rb"), []byte(tt.plugin), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Load(root)
		if err != nil {
			t.Fatal(err)
		}
		if got, name := s.PluginsWrite(); got != tt.want || got && name != "_plugins/p.rb" {
			t.Errorf("PluginsWrite(%q) = %v %q, want %v", tt.plugin, got, name, tt.want)
		}
	}
}

func TestLoadSource(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "src", "_includes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "_config.yml"), []byte("source: src\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "src"); s.Root != want {
		t.Errorf("Root = %s, want %s", s.Root, want)
	}
	if rel := s.Rel(filepath.Join(root, "src", "a", "b.md")); rel != "a/b.md" {
		t.Errorf("Rel = %q, want a/b.md", rel)
	}
	if rel := s.Rel(filepath.Join(root, "README.md")); rel != "" {
		t.Errorf("a file outside the source: Rel = %q, want \"\"", rel)
	}
	if err := os.WriteFile(filepath.Join(root, "_config.yml"), []byte("source: nowhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(root); err == nil {
		t.Error("source: naming no folder: no error")
	}
}

func TestTitleLayouts(t *testing.T) {
	root := t.TempDir()
	layouts := map[string]string{
		"page.html":    "<h1>{{ page.title }}</h1>\n{{ content }}\n",
		"subhead.html": "<h1>{{ page.title }}</h1>\n<h2>{{ page.subhead }}</h2>\n{{ content }}\n",
		"help.html":    "---\nlayout: page\n---\n<nav></nav>\n{{ content }}\n<h2>Related</h2>\n",
		"chapter.html": "---\nlayout: subhead\n---\n{{ content }}\n",
		"nav.html":     "<nav><h3>Guides</h3></nav>\n<h1>{{ page.title }}</h1>\n{{ content }}\n",
	}
	if err := os.Mkdir(filepath.Join(root, "_layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range layouts {
		if err := os.WriteFile(filepath.Join(root, "_layouts", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	got := s.TitleLayouts()
	want := map[string]bool{"page": true, "help": true, "nav": true} // a subhead before the content: the content may start at h3
	for name := range layouts {
		name = name[:len(name)-len(".html")]
		if got[name] != want[name] {
			t.Errorf("TitleLayouts()[%q] = %v, want %v", name, got[name], want[name])
		}
	}
}
