package fix

import (
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

func TestDiff(t *testing.T) {
	old := []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nl\n")
	new := []byte("a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nl\nk")
	want := "diff a/p b/p\n--- a/p\n+++ b/p\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -9,3 +9,4 @@\n i\n j\n l\n+k\n\\ No newline at end of file\n"
	if got := Diff("p", old, new); got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
	if Diff("p", old, old) != "" {
		t.Error("equal inputs give a diff")
	}
	if got := Diff("./docs/../p.md", []byte("a\n"), []byte("b\n")); got[:28] != "diff a/p.md b/p.md\n--- a/p.m" {
		t.Errorf("names not cleaned: %q", got)
	}
}
