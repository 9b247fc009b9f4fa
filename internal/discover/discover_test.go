package discover

import (
	"errors"
	"io/fs"
	"time"

	"github.com/helplint/helplint/internal/readfile"
	"os"
	"path/filepath"
	"slices"
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

// walkPages walks dir for pages, honouring .gitignore, and returns their
// slash paths relative to dir.
func walkPages(t *testing.T, dir string) []string {
	t.Helper()
	files, errs := Walk([]string{dir}, Options{Gitignore: true, Match: IsPageName})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f.Path)
		got = append(got, filepath.ToSlash(r))
	}
	return got
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".git/HEAD"), "ref")
	write(t, filepath.Join(dir, ".gitignore"), "ignored.md\n/build/\n*.tmp.md\n!keep.tmp.md\n")
	for _, f := range []string{"a.md", "sub/b.markdown", "sub/c.html", "ignored.md", "build/x.md", "x.tmp.md", "keep.tmp.md",
		"_site/y.md", "node_modules/z.md", ".hidden/h.md", "note.txt", "sub/deeper/ignored.md"} {
		write(t, filepath.Join(dir, f), "x")
	}
	// a loop: sub/loop -> the root
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	got := walkPages(t, dir)
	want := "a.md keep.tmp.md sub/b.markdown sub/c.html"
	if strings.Join(got, " ") != want {
		t.Errorf("Walk = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestWalkMissingPath(t *testing.T) {
	_, errs := Walk([]string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no such file") {
		t.Errorf("errs = %v", errs)
	}
}

// TestWalkNestedGitignore: a folder's .gitignore applies below it only,
// also while sibling folders are walked side by side.
func TestWalkNestedGitignore(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".git/HEAD"), "ref")
	write(t, filepath.Join(dir, ".gitignore"), "*.draft.md\n")
	var want []string
	for i := range 12 {
		sib := "s" + string(rune('a'+i))
		if i%3 == 0 {
			write(t, filepath.Join(dir, sib, ".gitignore"), "local.md\n!keep.draft.md\n")
			want = append(want, sib+"/keep.draft.md")
		} else {
			want = append(want, sib+"/deep/local.md", sib+"/local.md")
		}
		for _, f := range []string{"local.md", "deep/local.md", "x.draft.md", "keep.draft.md"} {
			write(t, filepath.Join(dir, sib, f), "x")
		}
	}
	got := walkPages(t, dir)
	slices.Sort(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Walk =\n%s\nwant\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

// TestTrace checks that a trace holds while walking again would find the
// same files, and not after any change that could alter them.
func TestTrace(t *testing.T) {
	setup := func(t *testing.T) (dir, root string) {
		dir = t.TempDir()
		root = filepath.Join(dir, "repo", "site")
		write(t, filepath.Join(dir, "repo", ".git", "HEAD"), "ref")
		write(t, filepath.Join(root, ".gitignore"), "ignored.md\n")
		write(t, filepath.Join(root, "a.md"), "# A\n")
		write(t, filepath.Join(root, "sub", "b.md"), "# B\n")
		write(t, filepath.Join(root, "sub", ".gitignore"), "x.md\n")
		// folders and files changed an hour ago: a change now gives them another stamp,
		// however coarse the file system's clock
		old := time.Now().Add(-time.Hour)
		for _, d := range []string{root, filepath.Join(root, "sub"), filepath.Join(dir, "repo"), filepath.Join(root, "sub", ".gitignore")} {
			if err := os.Chtimes(d, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return dir, root
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir, root string)
		holds  bool
	}{
		{"nothing", func(*testing.T, string, string) {}, true},
		{"a page rewritten in place", func(t *testing.T, _, root string) { write(t, filepath.Join(root, "sub", "b.md"), "# Changed\n") }, true},
		{"a page added", func(t *testing.T, _, root string) { write(t, filepath.Join(root, "sub", "c.md"), "# C\n") }, false},
		{"a page removed", func(t *testing.T, _, root string) { os.Remove(filepath.Join(root, "a.md")) }, false},
		{"a .gitignore rewritten", func(t *testing.T, _, root string) { write(t, filepath.Join(root, "sub", ".gitignore"), "b.md\n") }, false},
		{"a .gitignore added above", func(t *testing.T, dir, _ string) { write(t, filepath.Join(dir, "repo", ".gitignore"), "*.md\n") }, false},
		{"the repository gone", func(t *testing.T, dir, _ string) { os.RemoveAll(filepath.Join(dir, "repo", ".git")) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, root := setup(t)
			files, errs, tr := WalkTraced([]string{root}, Options{Gitignore: true})
			if len(errs) > 0 || len(files) != 4 || tr.Incomplete {
				t.Fatalf("walk: %v, %d files, incomplete %v", errs, len(files), tr.Incomplete)
			}
			tc.change(t, dir, root)
			if got := tr.Holds(readfile.Lstat); got != tc.holds {
				t.Errorf("holds %v, want %v", got, tc.holds)
			}
		})
	}
	t.Run("a symbolic link", func(t *testing.T) {
		_, root := setup(t)
		if err := os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "link")); err != nil {
			t.Fatal(err)
		}
		if _, _, tr := WalkTraced([]string{root}, Options{Gitignore: true}); !tr.Incomplete || tr.Holds(readfile.Lstat) {
			t.Error("a walk through a link vouches for its files")
		}
	})
	t.Run("a root named through a link", func(t *testing.T) {
		dir, root := setup(t)
		link := filepath.Join(dir, "rootlink")
		if err := os.Symlink(root, link); err != nil {
			t.Fatal(err)
		}
		if _, _, tr := WalkTraced([]string{link}, Options{}); !tr.Incomplete {
			t.Error("a walk from a link, which can be pointed elsewhere, vouches for its files")
		}
	})
	t.Run("a missing path", func(t *testing.T) {
		_, root := setup(t)
		if _, _, tr := WalkTraced([]string{filepath.Join(root, "none")}, Options{}); !tr.Incomplete {
			t.Error("a walk with errors vouches for its files")
		}
	})
}

// TestWalkUnreadableFolder: a folder that cannot be read is an error
// naming it, and the rest is still walked.
func TestWalkUnreadableFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "x")
	write(t, filepath.Join(dir, "_includes", "i.html"), "x")
	fault := func(d string) error {
		if filepath.Base(d) == "_includes" {
			return &fs.PathError{Op: "open", Path: d, Err: fs.ErrPermission}
		}
		return nil
	}
	files, errs := Walk([]string{dir}, Options{Fault: fault})
	if len(files) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "_includes") || !errors.Is(errs[0], fs.ErrPermission) {
		t.Errorf("files %v, errors %v", files, errs)
	}
}
