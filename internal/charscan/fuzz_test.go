package charscan

import (
	"testing"
	"unicode/utf8"
)

// FuzzScan checks that any input scans without a panic, that issues lie in
// the input in order, and that every mojibake repair, damaged again the way
// the damage happened (through one or more Windows-1252 readings), gives
// back exactly the text it repairs: the repair is lossless.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"doesnâ€™t", "CafÃ©", "Ã¢â‚¬â„¢", "ä¸\u00adæ–‡", "ðŸ˜€", "\xff\xfe", "a\u200bb\ufeffc\u0092", "sécurité\u00a0»", "doesnâ€?t", "Ã  partir", "í ½í´’", "voilÃ le", "à¸ à¸²", "Ñ�Ñ‚", "Ã„â€œ"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		for _, is := range Scan(data) {
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
			// pairs joined; in the damaged text itself a space may stand for
			// a lost A0 byte, a final Ã for à whose A0 vanished, and U+FFFD
			// for a lost byte, whose sequence repairs to U+FFFD. A byte lost
			// as ? (â€? → U+FFFD) is the one repair that cannot be undone.
			orig := string(data[is.Span.Start:is.Span.End])
			if is.Repair == "\uFFFD" && orig == "â€?" {
				continue
			}
			s := orig
			for layer := 0; layer < 4 && s != is.Repair; layer++ {
				var b []byte
				for _, r := range s {
					c, ok := EncodeRune(r)
					switch {
					case ok:
					case layer == 0 && r == ' ':
						c = 0xA0
					case r == utf8.RuneError:
						c = lostMark
					default:
						t.Fatalf("%q in the damaged text %q maps to no byte", r, orig)
					}
					b = append(b, c)
				}
				if layer == 0 && b[len(b)-1] == 0xC3 {
					b = append(b, 0xA0)
				}
				s = joinCESU(lostToFFFD(b))
			}
			if s != is.Repair {
				t.Fatalf("repair %q of %q is not the bytes of the damaged text", is.Repair, orig)
			}
		}
	})
}

// lostToFFFD writes U+FFFD for each UTF-8 sequence in b whose lost bytes
// are written lostMark, and for each lostMark alone.
func lostToFFFD(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if n := lossyLen(b[i:]); n > 0 {
			out = utf8.AppendRune(out, utf8.RuneError)
			i += n
			continue
		}
		if b[i] == lostMark {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[i])
		}
		i++
	}
	return out
}

// lossyLen is the length of the sequence at the start of b when some of
// its continuation bytes are lostMark, or 0.
func lossyLen(b []byte) int {
	n := seqLen(b[0])
	if n < 2 || len(b) < n {
		return 0
	}
	lost := false
	for _, c := range b[1:n] {
		switch {
		case c == lostMark:
			lost = true
		case c < 0x80 || c > 0xBF:
			return 0
		}
	}
	if !lost {
		return 0
	}
	return n
}
