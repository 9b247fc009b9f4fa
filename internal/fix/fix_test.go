package fix

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

func edit(s, e int, n string) lint.Edit {
	return lint.Edit{Span: source.Span{Start: s, End: e}, New: n}
}

func TestMergeApply(t *testing.T) {
	src := []byte("0123456789")
	fixes := []lint.Fix{
		{Edits: []lint.Edit{edit(6, 8, "x")}},
		{Edits: []lint.Edit{edit(1, 3, "ab")}},
		{Edits: []lint.Edit{edit(2, 4, "conflict")}},
		{Edits: []lint.Edit{edit(9, 9, "+")}},
		{Edits: []lint.Edit{edit(9, 9, "+")}}, // the same repair twice counts once
	}
	edits, skipped := Merge(fixes)
	if skipped != 1 {
		t.Errorf("skipped = %d, want 1", skipped)
	}
	if got := string(Apply(src, edits)); got != "0ab345x8+9" {
		t.Errorf("Apply = %q", got)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	// an interrupted write leaves the old file and no temporary file
	err := Writer{BeforeRename: func(string) error { return errors.New("disk full") }}.Write(p, []byte("new"))
	if err == nil {
		t.Fatal("want an error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("after failed write: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("temporary file left behind: %v", ents)
	}
	if err := (Writer{}).Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("after write: %q %v", b, fi.Mode())
	}
}

func TestDiff(t *testing.T) {
	old := []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nl\n")
	new := []byte("a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nl\nk")
	want := "--- p\n+++ p\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -9,3 +9,4 @@\n i\n j\n l\n+k\n\\ No newline at end of file\n"
	if got := Diff("p", old, new); got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
	if Diff("p", old, old) != "" {
		t.Error("equal inputs give a diff")
	}
}
