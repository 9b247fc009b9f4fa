package charscan

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// damage reads UTF-8 text as Windows-1252, the way the damage happens.
func damage(s string) string {
	var sb strings.Builder
	for _, b := range []byte(s) {
		sb.WriteRune(DecodeByte(b))
	}
	return sb.String()
}

func describe(text string) string {
	var parts []string
	for _, is := range Scan([]byte(text)) {
		got := text[is.Span.Start:is.Span.End]
		switch is.Kind {
		case Mojibake:
			parts = append(parts, fmt.Sprintf("mojibake %q->%q", got, is.Repair))
		case Invalid:
			parts = append(parts, fmt.Sprintf("invalid %q", got))
		case Replacement:
			parts = append(parts, "fffd")
		case Invisible:
			parts = append(parts, fmt.Sprintf("invisible U+%04X x%d %q", is.Char, is.Count, is.Repair))
		}
	}
	return strings.Join(parts, "; ")
}

func TestScan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The name doesnâ€™t match", `mojibake "â€™"->"’"`},
		{"CafÃ© and crÃ¨me", `mojibake "Ã©"->"é"; mojibake "Ã¨"->"è"`},
		{"price:Â\u00a05", `mojibake "Â\u00a0"->"\u00a0"`},
		{"smile ðŸ˜€!", `mojibake "ðŸ˜€"->"😀"`},
		{"double Ã¢â‚¬â„¢ layer", `mojibake "Ã¢â‚¬â„¢"->"’"`},
		{"ä¸\u00adæ–‡ text", `mojibake "ä¸\u00adæ–‡"->"中文"`},
		{"â€œquotedâ€\u009d", `mojibake "â€œ"->"“"; mojibake "â€\u009d"->"”"`},
		// legitimate text
		{"âge, à, sécurité\u00a0», ñ, ß, ×, Straße…, «ÉTÉ»", ""},
		{"中文文本，日本語のテキスト、한국어", ""},
		{"Ça coûte 5 € — très «cher» ¿verdad? ¡Sí!", ""},
		{"Portuguese: NÃO, SÃO PAULO, ação, coração", ""},
		{"German: Größe, Übergröße, Äpfel…", ""},
		{"emoji 👩\u200d💻 and 👍🏽", ""},
		// invisible and invalid
		{"retrasados \u200b\u200bo", `invisible U+200B x2 ""`},
		{"O\ufeffffering", `invisible U+FEFF x1 ""`},
		{"\ufeffstart", ""},
		{"it\u0092s", `invisible U+0092 x1 "’"`},
		{"abc \u202eevil", `invisible U+202E x1 ""`},
		{"soft\u00adhyphen", ""},
		{"bad \xff\xfe bytes", `invalid "\xff\xfe"`},
		{"lost \ufffd", "fffd"},
	}
	for _, tt := range tests {
		if got := describe(tt.in); got != tt.want {
			t.Errorf("Scan(%q) = %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

// Repair applies every mojibake repair in s.
func Repair(s string) string {
	is := Scan([]byte(s))
	for i := len(is) - 1; i >= 0; i-- {
		if is[i].Kind == Mojibake {
			s = s[:is[i].Span.Start] + is[i].Repair + s[is[i].Span.End:]
		}
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	for _, w := range []string{"doesn’t", "sécurité", "Größe", "中文", "coração", "😀", "“quoted”", "€5", "niño", "правда"} {
		d := damage(w)
		if fixed := Repair(d); fixed != w {
			t.Errorf("%q: repaired to %q", w, fixed)
		}
	}
}

// TestScanLinear: a long run of sequences that prove nothing, ended by one
// that proves damage, and lines and words of repairs that wait for their
// proof, scan in linear time (spreading proof one sequence per pass took
// 13 s on the first of these).
func TestScanLinear(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want int
	}{
		{"a run of 20,000 weak sequences", strings.Repeat("å…“", 20000) + "â€™", 1},
		{"12,500 lines of damage", strings.Repeat("Ã‘ANDÃš: lÄ«dz Ä“rti, doesnâ€™t, Ñ�Ð²Ð¾ÑŽ.\n", 12500), 12500 * 6},
		{"12,500 words waiting for their line", strings.Repeat("Ã partir ", 12500) + "doesnâ€™t", 12501},
	} {
		start := time.Now()
		n := 0
		for _, is := range Scan([]byte(tc.text)) {
			if is.Kind == Mojibake {
				n++
			}
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v", tc.name, d)
		}
		if n != tc.want {
			t.Errorf("%s: %d repairs, want %d", tc.name, n, tc.want)
		}
	}
}
