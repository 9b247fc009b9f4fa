package charscan

import "testing"

// TestSpellingJoiners: joiners and directional marks that a script's
// spelling needs are not reported; the same characters elsewhere are.
func TestSpellingJoiners(t *testing.T) {
	tests := []struct {
		name, text string
		reported   int
	}{
		{"Persian non-joiner", "می\u200cخواهم", 0},
		{"Urdu non-joiner", "ہم\u200cوطن", 0},
		{"Devanagari joiner after a virama", "क्\u200dष", 0},
		{"Devanagari non-joiner after a virama", "क्\u200cष", 0},
		{"Malayalam chillu at a word's end", "ന്\u200d ", 0},
		{"emoji sequence", "👩\u200d💻", 0},
		{"right-to-left mark in Hebrew", "מחיר\u200f 25", 0},
		{"left-to-right mark in Arabic text", "الإصدار \u200e2.0", 0},
		{"non-joiner between Latin letters", "Latin\u200cletters", 1},
		{"joiner between Latin letters", "a\u200db", 1},
		{"non-joiner after a space", "کتاب \u200cها", 1},
		{"non-joiner at a word's end", "کتاب\u200c ها", 1},
		{"doubled non-joiner is one run", "می\u200c\u200cخواهم", 1},
		{"mixed scripts", "a\u200cب", 1},
		{"mark in Latin text", "English\u200e text", 1},
		{"mark far from any right-to-left letter", "שלום" + "                                        " + "x\u200fy", 1},
	}
	for _, tt := range tests {
		n := 0
		for _, is := range Scan([]byte(tt.text)) {
			if is.Kind == Invisible {
				n++
			}
		}
		if n != tt.reported {
			t.Errorf("%s: %d invisible issues, want %d", tt.name, n, tt.reported)
		}
	}
}

// TestNeedsOne: a doubled joiner inside a word keeps one; between Latin letters none.
func TestNeedsOne(t *testing.T) {
	text := []byte("می\u200c\u200cخواهم a\u200c\u200cb")
	fa := len("می")
	if !NeedsOne(text, fa, fa+6, 0x200C) {
		t.Error("the Persian word needs one non-joiner")
	}
	la := len("می\u200c\u200cخواهم a")
	if NeedsOne(text, la, la+6, 0x200C) {
		t.Error("Latin letters need none")
	}
}
