package page

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// markupCutByByte is openingsCut as it was first written, one byte at a
// time with every bound checked at every mark: markupCut must agree with it.
func markupCutByByte(body []byte, from int, l markupLimits) int {
	lineStart, opens, run, line, marks, total := from, 0, 0, 0, 0, 0
	parLines, parBrackets, blank := 0, 0, true
	over := func() bool {
		return opens > l.openings || run > l.runBrackets || line > l.brackets || marks > l.brackets ||
			parLines*parBrackets > l.paragraphWork || total+line+marks > l.pageMarks
	}
	for i := from; i < len(body); i++ {
		c := body[i]
		if !markupByte[c] {
			blank = false
			continue
		}
		switch c {
		case '\n':
			switch {
			case blank:
				parLines, parBrackets = 0, 0
			case notInline(body[lineStart:i]):
				parBrackets -= line
			default:
				parLines++
			}
			total += line + marks
			if !blank {
				total += lineWeight(body[lineStart:i])
			}
			lineStart, opens, run, line, marks, blank = i+1, 0, 0, 0, 0, true
		case ' ', '\t', '\r':
			opens, run = 0, 0
			continue
		case '[':
			run++
			line++
			parBrackets++
			blank = false
		case ']':
			blank = false
			if i+1 >= len(body) || body[i+1] != '(' {
				continue
			}
			opens++
		default:
			marks++
			blank = false
		}
		if over() {
			return lineStart
		}
	}
	return -1
}

// smallLimits reach every bound on a few lines, so the short and the
// long way through a line are both compared near every bound.
var smallLimits = markupLimits{openings: 3, runBrackets: 5, brackets: 9, paragraphWork: 40, pageMarks: 90}

// TestMarkupCutByByte compares markupCut with the byte-by-byte count on
// pages built to reach each bound, on the repository's pages, and on the
// corpus when it is there, with the real bounds and with small ones.
func TestMarkupCutByByte(t *testing.T) {
	pages := []string{
		strings.Repeat("*a* _b_ `c`\n", 20),
		strings.Repeat("[a](", 8) + "\n",
		strings.Repeat("[", 12) + " x\n",
		"x [a][b] [c]\n[d] [e] [f]\n[g]\n\n[h] [i]\n",
		"  \t\r\n\r\n<a>[b]</a>\n[x]: /y\n[z]: /w \"t\"\n",
		"## h\n## h\n" + strings.Repeat("# a [b]\n", 12),
		strings.Repeat("[a](b) ", 3) + strings.Repeat("] ", 30) + "\n",
		"no break at the end [[[[[[[[[[",
		strings.Repeat("[x] ", 200) + "\n" + strings.Repeat("a\n", 300),
		strings.Repeat("[a](", 300) + "\n",
		strings.Repeat("[[", 600) + "\n",
		strings.Repeat("*a* _b_ `c`\n", maxPageMarks/7+1),
		strings.Repeat("[a] [b] [c] [d]\n", 1<<11),
	}
	read := func(root string) {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
				if b, err := os.ReadFile(p); err == nil {
					pages = append(pages, string(b))
				}
			}
			return nil
		})
	}
	read("../../testdata")
	read("../../../shared/corpus")
	for _, text := range pages {
		body := []byte(text)
		for _, l := range []markupLimits{pageLimits, smallLimits} {
			for _, from := range []int{0, bytes.IndexByte(body, '\n') + 1} {
				if got, want := markupCut(body, from, l), markupCutByByte(body, from, l); got != want {
					t.Fatalf("markupCut(%.60q, %d, %+v) = %d, byte by byte %d", text, from, l, got, want)
				}
			}
		}
	}
}

// FuzzMarkupCut: markupCut cuts where the byte-by-byte count does, from
// any line's start, with bounds small enough (down to 1) that random pages
// reach them.
func FuzzMarkupCut(f *testing.F) {
	f.Add([]byte("[a](b) *c* _d_ `e`\n\n[f] [g]\n<h>[i]\n[j]: /k\n"), uint8(3), uint8(5), uint8(0), uint8(9), uint8(40), uint8(1))
	f.Add([]byte(strings.Repeat("[a](", 8)+"\r\n  \n"), uint8(2), uint8(9), uint8(1), uint8(1), uint8(1), uint8(0))
	f.Add([]byte("# h\n## [x]\n  \r\n\t\n]( ](\n"), uint8(1), uint8(1), uint8(1), uint8(1), uint8(1), uint8(2))
	f.Fuzz(func(t *testing.T, body []byte, a, b, c, d, e, line uint8) {
		l := markupLimits{openings: int(a%10) + 1, runBrackets: int(b%20) + 1, brackets: int(c%40) + 1,
			paragraphWork: int(d) + 1, pageMarks: 2*int(e) + 1}
		starts := []int{0}
		for i, ch := range body {
			if ch == '\n' {
				starts = append(starts, i+1)
			}
		}
		from := starts[int(line)%len(starts)]
		if got, want := markupCut(body, from, l), markupCutByByte(body, from, l); got != want {
			t.Fatalf("markupCut(%q, %d, %+v) = %d, byte by byte %d", body, from, l, got, want)
		}
	})
}
