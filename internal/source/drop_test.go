package source

import (
	"strings"
	"testing"
)

// dropCases are texts whose positions must not change when the text goes:
// every kind of character, cut characters, invalid bytes, a BOM, CRLF and
// a lone CR at the end, long lines past the checkpoints' stride.
var dropCases = []string{
	"",
	"plain ASCII\nlines\n",
	"ab\r\nçé€😀x\n\nz",
	BOM + "a🔒b\r\nçd\r",
	"\xff\xfe invalid \xc3 cut \xe2\x82 and \xf0\x9f\x98 then é\n",
	"mixed\rcr\r\nin\rlines\n\r",
	strings.Repeat("é", 700) + "\n" + strings.Repeat("a😀", 300) + "\nend",
	strings.Repeat("x", 600) + "é" + strings.Repeat("y", 600),
	strings.Repeat(strings.Repeat("a", 40)+"😀\xf0\x9f", 40) + "\r\n" + strings.Repeat("b", 300) + "€",
	// runs: characters of one length back to back, runs of other lengths
	// right after them, a run cut short by an invalid or cut character
	"帮助中心ééé😀😀帮助\n中心\xe4\xb8中心\xff中é€ü😀😀😀x帮",
	strings.Repeat("帮助中心，", 200) + "\r\n" + strings.Repeat("😀", 100) + strings.Repeat("ñ", 100) + "\n",
}

// TestDropKeepsPositions: after Drop, every offset, line end and inverse
// answers as it did with the text.
func TestDropKeepsPositions(t *testing.T) {
	for _, text := range dropCases {
		checkDrop(t, text)
	}
}

// TestDropKeepsScatteredText: a text whose multi-byte characters are
// scattered one by one keeps its text, which would weigh less than the
// list of its runs; a text in Chinese, in long runs, and one in English
// let theirs go.
func TestDropKeepsScatteredText(t *testing.T) {
	f := New("scattered.md", []byte(strings.Repeat("aé", 300)))
	if f.Drop() || f.Text == nil {
		t.Fatal("Drop let a text of scattered accents go")
	}
	for _, c := range []struct {
		text string
		runs int // and the closing entry
	}{
		{strings.Repeat("帮助中心，", 100) + "help " + strings.Repeat("帮助中心", 100), 2},
		{strings.Repeat("help centre ", 100) + "é", 1},
	} {
		f = New("a.md", []byte(c.text))
		if !f.Drop() || f.Text != nil || f.Len() != len(c.text) {
			t.Fatalf("Drop kept the text %.20q… (len %d)", c.text, f.Len())
		}
		if n := len(f.compact.runs); n != c.runs+1 {
			t.Fatalf("text %.20q…: %d entries, want %d runs and the closing one", c.text, n, c.runs)
		}
	}
}

func FuzzDrop(f *testing.F) {
	for _, c := range dropCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		checkDrop(t, text)
	})
}

func checkDrop(t *testing.T, text string) {
	t.Helper()
	full, thin := New("a.md", []byte(text)), New("a.md", []byte(text))
	if !thin.drop(true) {
		t.Fatalf("%q: drop(true) kept the text", text)
	}
	if thin.Len() != len(text) || thin.LineCount() != full.LineCount() {
		t.Fatalf("%q: Len %d, LineCount %d; want %d, %d", text, thin.Len(), thin.LineCount(), len(text), full.LineCount())
	}
	for off := -1; off <= len(text)+1; off++ {
		if a, b := full.Position(off), thin.Position(off); a != b {
			t.Fatalf("%q: Position(%d) = %+v after Drop, %+v before", text, off, b, a)
		}
	}
	for n := 0; n <= full.LineCount()+1; n++ {
		if a, b := full.LineEnd(n), thin.LineEnd(n); a != b {
			t.Fatalf("%q: LineEnd(%d) = %d after Drop, %d before", text, n, b, a)
		}
		for col := 0; col <= full.LineEnd(n)-full.LineStart(n)+2; col++ {
			if a, b := full.OffsetAt(n, col), thin.OffsetAt(n, col); a != b {
				t.Fatalf("%q: OffsetAt(%d, %d) = %d after Drop, %d before", text, n, col, b, a)
			}
			for _, enc := range []Encoding{UTF8, UTF16, UTF32} {
				if a, b := full.UnitOffset(n-1, col, enc), thin.UnitOffset(n-1, col, enc); a != b {
					t.Fatalf("%q: UnitOffset(%d, %d, %s) = %d after Drop, %d before", text, n-1, col, enc, b, a)
				}
			}
		}
	}
}
