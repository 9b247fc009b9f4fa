// Package charscan finds encoding damage in a file in one pass: mojibake
// (UTF-8 read as Windows-1252 and saved again), bytes that are not UTF-8,
// U+FFFD replacement characters, and invisible characters. Pure-ASCII text
// is skipped at once.
//
// The mojibake detector follows the idea of ftfy: map each character back
// to the byte a Windows-1252 reading gave it, look for valid multi-byte
// UTF-8, and repair only where the text as written is implausible (a letter
// followed by €, ™ or ©; Ã or Â before a Latin-1 symbol) and the repaired
// character is plausible (Latin, Greek, Cyrillic, punctuation, CJK, emoji).
package charscan

import (
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
)

// Kind is the kind of damage.
type Kind int

const (
	// Mojibake is text whose UTF-8 bytes were read as Windows-1252.
	Mojibake Kind = iota
	// Invalid is a run of bytes that are not UTF-8.
	Invalid
	// Replacement is U+FFFD: bytes already lost.
	Replacement
	// Invisible is a zero-width, format, bidirectional or C1 control character.
	Invisible
)

// Issue is one piece of damage.
type Issue struct {
	Kind Kind
	Span source.Span
	// Repair is the repaired text (Mojibake), or the character meant (a C1
	// control's Windows-1252 character); empty when the fix is to remove.
	Repair string
	// Char is the character found (Invisible, Replacement).
	Char rune
	// Count is how many times Char repeats in the run (Invisible).
	Count int
}

// Scan returns the damage in text, in order.
func Scan(text []byte) []Issue {
	ascii := true
	for _, c := range text {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return nil
	}
	var out []Issue
	runStart := -1 // start of the current run of characters that map to bytes >= 0x80
	runBytes := make([]byte, 0, 32)
	runOffsets := make([]int, 0, 33)
	flush := func(end int) {
		if runStart >= 0 && len(runBytes) >= 2 { // one character is no multi-byte sequence
			runOffsets = append(runOffsets, end)
			out = append(out, mojibake(text, runBytes, runOffsets)...)
		} else if runStart >= 0 && len(runBytes) == 1 && runBytes[0] == 0xC3 {
			if is, ok := lostNoBreakSpace(text, runStart); ok {
				out = append(out, is)
			}
		}
		runStart, runBytes, runOffsets = -1, runBytes[:0], runOffsets[:0]
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if runStart >= 0 {
				flush(i)
			}
			// skip the ASCII that follows at once
			i++
			for i < len(text) && text[i] < 0x80 {
				i++
			}
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			flush(i)
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRune(text[j:])
				if r2 != utf8.RuneError || s2 != 1 {
					break
				}
				j++
			}
			out = append(out, Issue{Kind: Invalid, Span: source.Span{Start: i, End: j}})
			i = j
			continue
		}
		if b, ok := EncodeRune(r); ok {
			if runStart < 0 {
				runStart = i
			}
			runBytes = append(runBytes, b)
			runOffsets = append(runOffsets, i)
		} else {
			flush(i)
		}
		switch {
		case r == utf8.RuneError:
			out = append(out, Issue{Kind: Replacement, Span: source.Span{Start: i, End: i + size}, Char: r, Count: 1})
		case isInvisible(r) && !(r == 0xFEFF && i == 0) && !spelling(text, i, r, size):
			if n := len(out); n > 0 && out[n-1].Kind == Invisible && out[n-1].Char == r && out[n-1].Span.End == i {
				out[n-1].Span.End += size
				out[n-1].Count++
			} else {
				is := Issue{Kind: Invisible, Span: source.Span{Start: i, End: i + size}, Char: r, Count: 1}
				if r >= 0x80 && r <= 0x9F {
					if d := DecodeByte(byte(r)); d != r {
						is.Repair = string(d)
					}
				}
				out = append(out, is)
			}
		}
		i += size
	}
	flush(len(text))
	return dropInvisibleInMojibake(sortIssues(out))
}

// lostNoBreakSpace finds à whose second byte, a no-break space, was lost
// on the way: "Ã partir" for "à partir", common in French and Portuguese.
// It takes a lone Ã after a word boundary, then two spaces (the lost byte's
// and the text's own) and a lower-case word: Ã is a letter only inside
// words in capitals (SÃO).
func lostNoBreakSpace(text []byte, at int) (Issue, bool) {
	end := at + 2 // Ã is two bytes
	if end >= len(text) || text[end] != ' ' {
		return Issue{}, false
	}
	if at > 0 {
		prev, _ := utf8.DecodeLastRune(text[:at])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
			return Issue{}, false
		}
	}
	j := end + 1
	for j < len(text) && text[j] == ' ' {
		j++
	}
	// the lost byte became a space, before the text's own: two spaces, then
	// a lower-case word ("Ã  partir"); with one space it may be a letter
	next, _ := utf8.DecodeRune(text[j:])
	if j < end+2 || !unicode.IsLower(next) {
		return Issue{}, false
	}
	return Issue{Kind: Mojibake, Span: source.Span{Start: at, End: end + 1}, Repair: "à"}, true
}

// isInvisible reports characters that show nothing, or reorder text:
// zero-width characters, format characters (Unicode category Cf, which
// includes the bidirectional controls and U+FEFF) and C1 controls.
func isInvisible(r rune) bool {
	if r >= 0x80 && r <= 0x9F {
		return true
	}
	if r == 0x00AD {
		return false // a soft hyphen is a legitimate hyphenation hint
	}
	// most text is letters: only these ranges hold format characters
	if r < 0x600 || r >= 0x2070 && r < 0xFEFF || r > 0xFEFF && r < 0xFFF9 {
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// emojiJoiner reports a zero-width joiner inside an emoji sequence (👩‍💻),
// where it is part of the character.
func emojiJoiner(text []byte, i int, r rune, size int) bool {
	if r != 0x200D {
		return false
	}
	prev, _ := utf8.DecodeLastRune(text[:i])
	next, _ := utf8.DecodeRune(text[i+size:])
	return isPictographic(prev) && isPictographic(next)
}

func isPictographic(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF
}

func sortIssues(is []Issue) []Issue {
	// issues are appended in text order except mojibake runs, flushed at their end
	for i := 1; i < len(is); i++ {
		for j := i; j > 0 && is[j].Span.Start < is[j-1].Span.Start; j-- {
			is[j], is[j-1] = is[j-1], is[j]
		}
	}
	return is
}

// dropInvisibleInMojibake removes C1 controls that are part of a mojibake
// run: the run's repair already accounts for them.
func dropInvisibleInMojibake(is []Issue) []Issue {
	out := is[:0]
	var last source.Span
	for _, x := range is {
		if x.Kind == Mojibake {
			last = x.Span
		}
		// one defect, one finding: the damaged run's own characters are its part
		if (x.Kind == Invisible || x.Kind == Replacement) && x.Span.Start >= last.Start && x.Span.End <= last.End {
			continue
		}
		out = append(out, x)
	}
	return out
}
