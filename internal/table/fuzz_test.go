package table

import (
	"testing"
)

// FuzzScan checks that any input scans without a panic, that every row and
// cell lies inside the input in order, and that cells lie inside their row.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"|  **Error Code**    | **Next Steps** |\n|5001  | Try again|\n",
		"| a | b |\n|---|:-:|\n| c | d |\n",
		"| x | `a|b` | c \\| d | e &#124; f |\n|---|---|\n| 1 | 2 | 3 | 4 | 5 |\n",
		"> | q | r |\n> |---|---|\n",
		"|``|`|\n|===|\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, gfm bool) {
		d := Kramdown
		if gfm {
			d = GFM
		}
		last := -1
		for _, tb := range Scan(data, 0, nil, d) {
			for _, r := range tb.Rows {
				if r.Line.Start <= last || r.Line.End > len(data) || r.Content.Start < r.Line.Start || r.Content.End > r.Line.End {
					t.Fatalf("row %+v out of place (last %d, len %d)", r, last, len(data))
				}
				last = r.Line.End
				prev := r.Content.Start
				for _, c := range r.Cells {
					if c.Span.Start < prev || c.Span.End > r.Content.End || c.Span.Start > c.Span.End {
						t.Fatalf("cell %+v outside row %+v", c, r.Content)
					}
					prev = c.Span.End
				}
			}
		}
	})
}
