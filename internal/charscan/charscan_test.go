package charscan

import (
	"fmt"
	"strings"
	"testing"
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
