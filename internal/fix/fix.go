// Package fix merges the fixes of a file's findings, applies them to a copy,
// and writes the result without losing a writer's work or the file's
// metadata; it also renders unified diffs.
package fix

import (
	"fmt"
	"sort"

	"github.com/helplint/helplint/internal/lint"
)

// Merge picks, in order of position, the fixes whose edits do not overlap
// the edits already picked, and returns their edits sorted, plus the number
// of fixes skipped because they conflict. Two insertions at one offset
// conflict, since their order would be a guess.
func Merge(fixes []lint.Fix) (edits []lint.Edit, skipped int) {
	choices := Choose(fixes)
	for _, c := range choices {
		if c == Conflict {
			skipped++
		}
	}
	return Edits(fixes, choices), skipped
}

// Choice is what Choose makes of one fix.
type Choice uint8

// The choices.
const (
	// Kept: the fix is applied.
	Kept Choice = iota
	// Duplicate: an earlier fix makes the same edits; it is applied once.
	Duplicate
	// Conflict: the fix overlaps one kept before it; it waits for the next round.
	Conflict
	// Empty: the fix has no edits.
	Empty
)

// Choose decides, in order of position, which fixes are kept: those whose
// edits do not overlap the edits of the fixes kept before them.
func Choose(fixes []lint.Fix) []Choice {
	out := make([]Choice, len(fixes))
	order := make([]int, 0, len(fixes))
	for i, f := range fixes {
		if len(f.Edits) == 0 {
			out[i] = Empty
			continue
		}
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, b int) bool { return fixes[order[a]].Edits[0].Span.Start < fixes[order[b]].Edits[0].Span.Start })
	seen := map[string]bool{}
	var have []lint.Edit
	for _, i := range order {
		key := fmt.Sprint(fixes[i].Edits)
		switch {
		case seen[key]:
			out[i] = Duplicate // the same repair offered by two findings is applied once
		case conflicts(have, fixes[i].Edits):
			out[i] = Conflict
		default:
			seen[key] = true
			have = append(have, fixes[i].Edits...)
			out[i] = Kept
		}
	}
	return out
}

// Edits returns the edits of the kept fixes, sorted by position.
func Edits(fixes []lint.Fix, choices []Choice) []lint.Edit {
	var edits []lint.Edit
	for i, f := range fixes {
		if choices[i] == Kept {
			edits = append(edits, f.Edits...)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Span.Start < edits[j].Span.Start })
	return edits
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
