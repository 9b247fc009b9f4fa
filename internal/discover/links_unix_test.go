//go:build unix

package discover

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWalkLinks: links are followed inside the walked folder only, each
// real folder is read once, and what is passed over is noted.
func TestWalkLinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	write(t, filepath.Join(root, "a.md"), "x")
	write(t, filepath.Join(root, "real", "r.md"), "x")
	write(t, filepath.Join(root, "zz", "only-linked", "o.md"), "x")
	write(t, filepath.Join(dir, "elsewhere", "e.md"), "x")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	link(root, "loop")                                       // the root itself
	link("/", "disk")                                        // the whole disk: outside
	link(filepath.Join(dir, "elsewhere"), "away")            // a folder outside
	link(filepath.Join(dir, "elsewhere", "e.md"), "page.md") // a page outside
	link(filepath.Join(root, "real"), "alias")               // a folder walked anyway
	if err := os.MkdirAll(filepath.Join(root, "hidden"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(filepath.Join(root, "zz", "only-linked"), "hidden/b") // walked under its real path first
	// ten links at each of six levels: each real folder once
	for i := range 10 {
		link(filepath.Join(root, "real"), fmt.Sprintf("real/l%d", i))
	}
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	var notes []string
	files, errs := Walk([]string{root}, Options{Match: IsPageName, Note: func(p, why string) {
		r, _ := filepath.Rel(root, p)
		notes = append(notes, r+": "+why)
	}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range files {
		r, _ := filepath.Rel(root, f.Path)
		got = append(got, filepath.ToSlash(r))
	}
	if want := "a.md real/r.md zz/only-linked/o.md"; strings.Join(got, " ") != want {
		t.Errorf("files %q, want %q", strings.Join(got, " "), want)
	}
	wantNotes := []string{"away: a symbolic link to " + filepath.Join(dir, "elsewhere") + ", outside",
		"disk: a symbolic link to /, outside", "page.md: a symbolic link to " + filepath.Join(dir, "elsewhere", "e.md"),
		"pipe.md: not a regular file"}
	if len(notes) != len(wantNotes) {
		t.Fatalf("notes %q, want %q", notes, wantNotes)
	}
	for i, n := range notes {
		if !strings.HasPrefix(n, wantNotes[i]) {
			t.Errorf("note %q, want %q…", n, wantNotes[i])
		}
	}
}
