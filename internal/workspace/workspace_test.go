package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUnreadableIncludes: a folder of the site that cannot be read is an
// error naming it, and include-missing does not call its includes missing.
// (A root process reads every folder: the error is injected.)
func TestUnreadableIncludes(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "_config.yml"), "title: x\n")
	write(t, filepath.Join(root, "_includes", "nav.html"), "<nav></nav>\n")
	write(t, filepath.Join(root, "a.md"), "---\ntitle: A\n---\n{% include nav.html %}\n{% include gone.html %}\n")
	for _, tc := range []struct {
		name    string
		fault   func(string) error
		errs    string
		missing int // include-missing findings
	}{
		{"readable", nil, "", 1},
		{"unreadable", func(d string) error {
			if filepath.Base(d) == "_includes" {
				return &fs.PathError{Op: "open", Path: d, Err: fs.ErrPermission}
			}
			return nil
		}, "_includes: permission denied (the folder is not linted", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := Open(Options{Paths: []string{root}, WalkFault: tc.fault})
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			for _, e := range ws.WalkErrors {
				errs = append(errs, e.Error())
			}
			if got := strings.Join(errs, "\n"); tc.errs == "" && got != "" || !strings.Contains(got, tc.errs) {
				t.Errorf("walk errors %q, want %q", got, tc.errs)
			}
			n := 0
			for _, f := range ws.Run().Findings {
				if f.Rule == "include-missing" {
					n++
				}
			}
			if n != tc.missing {
				t.Errorf("%d include-missing findings, want %d", n, tc.missing)
			}
		})
	}
}

// TestFileOutsideSite: a file named where no Jekyll site is in sight is
// linted alone: nothing else under its folder is read.
func TestFileOutsideSite(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "note.md"), "---\ntitle: A\n---\ntext\n")
	for i := range 20 {
		write(t, filepath.Join(dir, "unrelated", strings.Repeat("d", i+1), "x.md"), "---\ntitle: A\n---\n")
	}
	ws, err := Open(Options{Paths: []string{filepath.Join(dir, "note.md")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Inputs) != 1 || len(ws.siteFiles) != 0 {
		t.Errorf("%d inputs and %d files walked, want the named file alone", len(ws.Inputs), len(ws.siteFiles))
	}
	// the folder itself is still walked when named
	ws, err = Open(Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Inputs) != 21 {
		t.Errorf("%d inputs for the folder, want 21", len(ws.Inputs))
	}
}

// TestOldURLsAndSite: a configuration that names a missing site folder or
// a missing or broken old_urls file is an error with its line; the default
// old_urls file may be absent.
func TestOldURLsAndSite(t *testing.T) {
	for _, tc := range []struct {
		name, config, oldURLs, err string
	}{
		{"default, absent", "", "", ""},
		{"default, broken", "", "[a, b\n", "old_urls must be a YAML list"},
		{"named, absent", "rules: {}\nold_urls: retired.yml\n", "", ".helplint.yaml:2: old_urls: "},
		{"named, a mapping", "old_urls: OLD_URLS.yml\n", "a: b\n", "old_urls must be a YAML list"},
		{"named, fine", "old_urls: OLD_URLS.yml\n", "- /old/\n", ""},
		{"site missing", "\nsite: nowhere\n", "", ".helplint.yaml:2: site: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, filepath.Join(root, "_config.yml"), "title: x\n")
			write(t, filepath.Join(root, "a.md"), "---\ntitle: A\n---\n")
			write(t, filepath.Join(root, ".helplint.yaml"), tc.config)
			if tc.oldURLs != "" {
				write(t, filepath.Join(root, "OLD_URLS.yml"), tc.oldURLs)
			}
			_, err := Open(Options{Paths: []string{root}})
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

// TestCacheContext: the index cache keeps each page's verdict against the
// built-in schemas with the site's defaults applied, so the cache is one of
// the schemas in force and of the defaults; other settings keep it.
func TestCacheContext(t *testing.T) {
	contextOf := func(config, helplint string) string {
		t.Helper()
		root := t.TempDir()
		write(t, filepath.Join(root, "_config.yml"), config)
		if helplint != "" {
			write(t, filepath.Join(root, ".helplint.yaml"), helplint)
			write(t, filepath.Join(root, "s.json"), `{"type": "object"}`)
		}
		write(t, filepath.Join(root, "a.md"), "---\ntitle: A\n---\nA page.\n")
		ws, err := Open(Options{Paths: []string{root}})
		if err != nil {
			t.Fatal(err)
		}
		return ws.cacheContext()
	}
	base := contextOf("title: x\n", "")
	for _, tc := range []struct {
		name, config, helplint string
		same                   bool
	}{
		{"another title", "title: y\n", "", true},
		{"defaults", "title: x\ndefaults:\n  - scope: {path: \"\"}\n    values: {layout: page}\n", "", false},
		{"schemas configured", "title: x\n", "schemas:\n  \"**/*\": s.json\n", false},
	} {
		if got := contextOf(tc.config, tc.helplint); (got == base) != tc.same {
			t.Errorf("%s: context %q, base %q: same = %v, want %v", tc.name, got, base, got == base, tc.same)
		}
	}
}
