package charscan

import (
	"strings"
	"testing"
)

// TestScanFirst: ScanFirst keeps the first max issues of each kind, in
// text order, exactly as Scan lists them, and counts the rest by kind.
func TestScanFirst(t *testing.T) {
	cases := []struct {
		name string
		text string
	}{
		{"mojibake on one line", strings.Repeat("CafÃ© ", 50) + "\n"},
		{"mojibake on every line", strings.Repeat("doesnâ€™t work\n", 50)},
		{"repairs that wait for their line", strings.Repeat("Ã© ", 40) + "doesnâ€™t\n" + strings.Repeat("naÃ¯ve ", 30)},
		{"kinds mixed", strings.Repeat("a\u200bb rÃ©sumÃ© \ufffd x\xff\n", 40)},
		{"no damage", strings.Repeat("café naïve\n", 20)},
	}
	for _, c := range cases {
		all := Scan([]byte(c.text))
		for _, max := range []int{0, 1, 3, 7, 25, 1000} {
			got, left := ScanFirst([]byte(c.text), max)
			var want []Issue
			var wantLeft [Kinds]int
			var n [Kinds]int
			for _, is := range all {
				if n[is.Kind]++; n[is.Kind] > max {
					wantLeft[is.Kind]++
					continue
				}
				want = append(want, is)
			}
			if len(got) != len(want) || left != wantLeft {
				t.Errorf("%s, max %d: %d issues, left %v; want %d, left %v", c.name, max, len(got), left, len(want), wantLeft)
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s, max %d: issue %d is %+v, want %+v", c.name, max, i, got[i], want[i])
					break
				}
			}
		}
	}
}
