package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIndexCacheEndToEnd runs helplint twice on one page of a small site,
// as pre-commit does, with the index cache on: the second run reads the
// other page from the cache, and after that page changes, from disk again.
// It waits out the cache's racy window (three seconds) once.
func TestIndexCacheEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the index cache's racy window")
	}
	site := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("_config.yml", "collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\n")
	write("content/_help/a._en.md", "---\ntitle: A\n---\n\nSee [b](/help/b/#steps).\n")
	write("content/_help/b._en.md", "---\ntitle: B\npermalink: /help/b/\n---\n\n## Steps\n\nText.\n")
	time.Sleep(3500 * time.Millisecond) // older than the racy window, so the cache keeps them
	cache := t.TempDir()
	run := func() string {
		var out, errb bytes.Buffer
		env := IO{Stdout: &out, Stderr: &errb, UserCacheDir: func() (string, error) { return cache, nil },
			Getenv: func(string) string { return "" }}
		Main([]string{"--format", "json", filepath.Join(site, "content/_help/a._en.md")}, env)
		if errb.Len() > 0 {
			t.Fatalf("stderr: %s", errb.String())
		}
		return out.String()
	}
	first := run()
	if strings.Contains(first, "#steps") {
		t.Fatalf("the anchor exists, yet: %s", first)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "helplint", "index-*.bin"))
	if len(files) != 1 {
		t.Fatalf("no cache written: %v", files)
	}
	before, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if second := run(); second != first {
		t.Errorf("with the cache:\n%s\nwithout:\n%s", second, first)
	}
	// a run that read every other page from the cache leaves it as it was
	if after, err := os.Stat(files[0]); err != nil || !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the second run rewrote the cache (it read pages again): %v", err)
	}
	write("content/_help/b._en.md", "---\ntitle: B\npermalink: /help/b/\n---\n\n## Other steps\n\nText.\n")
	if third := run(); !strings.Contains(third, "#steps is not the id of any heading") {
		t.Errorf("the changed page was not read again: %s", third)
	}
	// a page added: the folder's listing changed, so the site is walked again
	write("content/_help/c._en.md", "---\ntitle: A\n---\n\nText.\n")
	if fourth := run(); !strings.Contains(fourth, "c._en.md") {
		t.Errorf("the added page was not seen: %s", fourth)
	}
}

// TestFewTargets checks when the command is told that a run lints few
// pages: a named page with the index cache, not a folder.
func TestFewTargets(t *testing.T) {
	site := t.TempDir()
	for rel, text := range map[string]string{
		"_config.yml":            "collections_dir: content\ncollections:\n  help:\n    output: true\n",
		"content/_help/a._en.md": "---\ntitle: A\n---\n\nText.\n",
		"content/_help/b._en.md": "---\ntitle: B\n---\n\nText.\n",
	} {
		p := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := t.TempDir()
	for _, tc := range []struct {
		path string
		want int
	}{
		{filepath.Join(site, "content/_help/a._en.md"), 1},
		{filepath.Join(site, "content"), 0},
	} {
		calls := 0
		var out bytes.Buffer
		env := IO{Stdout: &out, Stderr: &out, UserCacheDir: func() (string, error) { return cache, nil },
			Getenv: func(string) string { return "" }, FewTargets: func() { calls++ }}
		Main([]string{tc.path}, env)
		if calls != tc.want {
			t.Errorf("%s: FewTargets called %d times, want %d\n%s", tc.path, calls, tc.want, out.String())
		}
	}
}
