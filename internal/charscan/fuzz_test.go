package charscan

import (
	"testing"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/slowinput"
)

// FuzzScan checks that any input scans without a panic and in time linear
// in its size (testdata/fuzz/FuzzScan holds damage on every line), that issues lie in
// the input in order, and that every mojibake repair, damaged again the way
// the damage happened (through one or more Windows-1252 readings), gives
// back exactly the text it repairs: the repair is lossless.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"doesnâ€™t", "CafÃ©", "Ã¢â‚¬â„¢", "ä¸\u00adæ–‡", "ðŸ˜€", "\xff\xfe", "a\u200bb\ufeffc\u0092", "sécurité\u00a0»", "doesnâ€?t", "Ã  partir", "í ½í´’"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		var issues []Issue
		slowinput.Check(t, len(data), func() { issues = Scan(data) })
		for _, is := range issues {
			if is.Span.Start < last || is.Span.End > len(data) || is.Span.Start >= is.Span.End {
				t.Fatalf("issue %+v out of place (last %d, len %d)", is, last, len(data))
			}
			last = is.Span.Start
			if is.Kind != Mojibake {
				continue
			}
			if !utf8.ValidString(is.Repair) {
				t.Fatalf("repair %q is not UTF-8", is.Repair)
			}
			// undo the damage layer by layer: each character back to the one
			// byte a Windows-1252 (or Latin-1) reading gave it, surrogate
			// pairs joined; a lost byte (â€? → U+FFFD) and the lost no-break
			// space of à ("Ã " → à) are the repairs that cannot be undone
			orig := string(data[is.Span.Start:is.Span.End])
			if is.Repair == "\uFFFD" && (orig == "â€?" || orig == "â€\uFFFD") || is.Repair == "à" && orig == "Ã " {
				continue
			}
			s := orig
			for layer := 0; layer < 4 && s != is.Repair; layer++ {
				var b []byte
				for _, r := range s {
					c, ok := EncodeRune(r)
					if !ok {
						t.Fatalf("%q in the damaged text %q maps to no byte", r, orig)
					}
					b = append(b, c)
				}
				s = joinCESU(b)
			}
			if s != is.Repair {
				t.Fatalf("repair %q of %q is not the bytes of the damaged text", is.Repair, orig)
			}
		}
	})
}
