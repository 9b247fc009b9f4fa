// Package fix merges the fixes of a file's findings, applies them to a copy,
// and writes the result atomically; it also renders unified diffs.
package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/helplint/helplint/internal/lint"
)

// Merge picks, in order of position, the fixes whose edits do not overlap
// the edits already picked, and returns their edits sorted, plus the number
// of fixes skipped because they conflict. Two insertions at one offset
// conflict, since their order would be a guess.
func Merge(fixes []lint.Fix) (edits []lint.Edit, skipped int) {
	sorted := make([]lint.Fix, 0, len(fixes))
	for _, f := range fixes {
		if len(f.Edits) > 0 {
			sorted = append(sorted, f)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Edits[0].Span.Start < sorted[j].Edits[0].Span.Start })
	seen := map[string]bool{}
	for _, f := range sorted {
		key := fmt.Sprint(f.Edits)
		if seen[key] {
			continue // the same repair offered by two findings is applied once
		}
		if conflicts(edits, f.Edits) {
			skipped++
			continue
		}
		seen[key] = true
		edits = append(edits, f.Edits...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Span.Start < edits[j].Span.Start })
	return edits, skipped
}

func conflicts(have, add []lint.Edit) bool {
	for _, a := range add {
		for _, h := range have {
			if a.Span.Start < h.Span.End && h.Span.Start < a.Span.End {
				return true
			}
			if a.Span.Start == h.Span.Start && (a.Span.Len() == 0 || h.Span.Len() == 0) {
				return true
			}
			if a.Span.Len() == 0 && a.Span.Start > h.Span.Start && a.Span.Start < h.Span.End {
				return true
			}
		}
	}
	return false
}

// Apply returns a copy of src with the sorted, non-overlapping edits applied.
func Apply(src []byte, edits []lint.Edit) []byte {
	out := make([]byte, 0, len(src)+64)
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Span.Start]...)
		out = append(out, e.New...)
		last = e.Span.End
	}
	return append(out, src[last:]...)
}

// Writer writes files atomically: a temporary file in the same folder,
// fsync, the original's mode, then rename over the original. A failure at
// any step leaves the original untouched.
type Writer struct {
	// BeforeRename, when set, runs after the temporary file is written and
	// before the rename; an error from it aborts the write (tests use it to
	// simulate an interrupted write).
	BeforeRename func(tmp string) error
}

// Write replaces path's contents with data.
func (w Writer) Write(path string, data []byte) (err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".helplint-*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), fi.Mode().Perm()); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if w.BeforeRename != nil {
		if err = w.BeforeRename(tmp.Name()); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
