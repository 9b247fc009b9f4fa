package charscan

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
)

// candidate is a multi-byte UTF-8 sequence found in the bytes of a run.
type candidate struct {
	first, n int // index of the first character in the run, and how many
	decoded  rune
	ok       bool
}

// mojibake finds the damaged stretches in one run of characters that all
// map to bytes >= 0x80; bytes[i] is the byte of the character at
// offsets[i], and offsets has one more entry: the run's end.
func mojibake(text []byte, bytes []byte, offsets []int) []Issue {
	return findMojibake(text, bytes, offsets, false)
}

// findMojibake is mojibake; layer is true for the text a repair decoded,
// which is damage already: its words have no context to weigh.
func findMojibake(text []byte, bytes []byte, offsets []int, layer bool) []Issue {
	if len(bytes) < 2 {
		return nil
	}
	var cands []candidate
	for i := 0; i < len(bytes); {
		if r, ok := cesuPair(bytes[i:]); ok { // an emoji written as two surrogates (CESU-8)
			cands = append(cands, candidate{first: i, n: 6, decoded: r})
			i += 6
			continue
		}
		n := seqLen(bytes[i])
		if n >= 2 && i+n <= len(bytes) {
			r, size := utf8.DecodeRune(bytes[i : i+n])
			if r != utf8.RuneError && size == n {
				cands = append(cands, candidate{first: i, n: n, decoded: r})
				i += n
				continue
			}
		}
		i++
	}
	lost := lostByte(text, bytes, offsets)
	if len(cands) == 0 {
		return lost
	}
	runes := make([]rune, len(bytes))
	for i := range bytes {
		runes[i] = DecodeByte(bytes[i])
	}
	for k := range cands {
		c := &cands[k]
		c.ok = plausible(c.decoded) && suspicious(runes[c.first:c.first+c.n])
		if !layer && c.ok && c.n == 2 && (runes[c.first] == 'Ã' || runes[c.first] == 'Å') && common[runes[c.first+1]] && runes[c.first+1] > 0xFF {
			// Å— or Ã“ may be a word in capitals before a dash or a quote: damage
			// only when a lower-case letter follows at once (Ã–l is Öl)
			next, _ := utf8.DecodeRune(text[offsets[c.first+c.n]:])
			c.ok = unicode.IsLower(next)
		}
	}
	// A sequence next to damage is damage too, when its repair is plausible:
	// a CJK word whose middle character happens to look like French punctuation.
	for changed := true; changed; {
		changed = false
		for k := range cands {
			c := &cands[k]
			// a C1 control is no character people write, but it is the middle
			// layer of text damaged twice (” → â€\u009d → Ã¢â‚¬Â\u009d)
			if c.ok || !plausible(c.decoded) && !layered(c.decoded) {
				continue
			}
			if k > 0 && cands[k-1].ok && cands[k-1].first+cands[k-1].n == c.first ||
				k+1 < len(cands) && cands[k+1].ok && c.first+c.n == cands[k+1].first {
				c.ok, changed = true, true
			}
		}
	}
	var out []Issue
	for k := 0; k < len(cands); {
		if !cands[k].ok {
			k++
			continue
		}
		j := k
		for j+1 < len(cands) && cands[j+1].ok && cands[j].first+cands[j].n == cands[j+1].first {
			j++
		}
		from, to := cands[k].first, cands[j].first+cands[j].n
		out = append(out, Issue{Kind: Mojibake, Span: source.Span{Start: offsets[from], End: offsets[to]},
			Repair: repair(bytes[from:to])})
		k = j + 1
	}
	return append(out, lost...)
}

// lostByte finds "â€" at the end of a run followed by ? or U+FFFD: a
// punctuation mark (’ “ ” – — …) whose last byte was lost on the way. Which
// one cannot be known: the repair writes U+FFFD, which replacement-char
// then reports, so that an editor retypes the character.
func lostByte(text, bytes []byte, offsets []int) []Issue {
	n := len(bytes)
	if n < 2 || bytes[n-2] != 0xE2 || bytes[n-1] != 0x80 {
		return nil
	}
	end := offsets[n]
	size := 0
	switch r, s := utf8.DecodeRune(text[end:]); {
	case r == '?':
		size = 1
	case r == utf8.RuneError && s == 3:
		size = 3
	default:
		return nil
	}
	return []Issue{{Kind: Mojibake, Span: source.Span{Start: offsets[n-2], End: end + size}, Repair: "\uFFFD"}}
}

// repair decodes the bytes as UTF-8 (surrogate pairs of CESU-8 joined),
// and again while the result is itself wholly mojibake (text damaged twice
// or three times).
func repair(b []byte) string {
	s := joinCESU(b)
	for layer := 0; layer < 3; layer++ {
		var raw []byte
		var offs []int
		for i, r := range s {
			c, ok := EncodeRune(r)
			if !ok {
				return s
			}
			raw = append(raw, c)
			offs = append(offs, i)
		}
		inner := findMojibake([]byte(s), raw, append(offs, len(s)), true)
		if len(inner) != 1 || inner[0].Span.Start != 0 || inner[0].Span.End != len(s) {
			return s
		}
		s = joinCESU(raw)
		if !utf8.ValidString(s) {
			return joinCESU(b)
		}
	}
	return s
}

// cesuPair decodes a character outside the BMP written as two UTF-16
// surrogates, each encoded as three UTF-8 bytes (CESU-8), at the start of b.
func cesuPair(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != 0xED || b[1] < 0xA0 || b[1] > 0xAF || b[3] != 0xED || b[4] < 0xB0 || b[4] > 0xBF ||
		b[2]&0xC0 != 0x80 || b[5]&0xC0 != 0x80 {
		return 0, false
	}
	hi := rune(b[1]&0x0F)<<6 | rune(b[2]&0x3F) // the high surrogate's 10 bits
	lo := rune(b[4]&0x0F)<<6 | rune(b[5]&0x3F)
	return 0x10000 + hi<<10 + lo, true
}

// joinCESU returns b as text, with its CESU-8 surrogate pairs joined.
func joinCESU(b []byte) string {
	if bytes.IndexByte(b, 0xED) < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if r, ok := cesuPair(b[i:]); ok {
			out = utf8.AppendRune(out, r)
			i += 6
			continue
		}
		out = append(out, b[i])
		i++
	}
	return string(out)
}

// layered reports a decoded character that is no text people write but is
// what a first repair of text damaged twice gives: a C1 control, or one of
// Windows-1252's own characters (˜, ˆ), which the next repair decodes.
func layered(r rune) bool {
	if r >= 0x80 && r <= 0x9F {
		return true
	}
	_, ok := EncodeRune(r)
	return ok
}

func seqLen(b byte) int {
	switch {
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// suspicious reports whether the characters, as written, are unlikely in
// real text: a lead character followed by a symbol that never follows a
// letter, or Â, Ã, Å followed by anything from the Latin-1 symbol range.
func suspicious(rs []rune) bool {
	if len(rs) == 2 && (rs[0] == 'Â' || rs[0] == 'Ã' || rs[0] == 'Å') {
		return true
	}
	for _, r := range rs[1:] {
		if !common[r] {
			return true
		}
	}
	return false
}

// plausible reports whether a repaired character is one people write:
// Latin, Greek and Cyrillic letters and symbols, general punctuation,
// currency and letterlike symbols, ligatures (ﬁ), CJK, Hangul, emoji, and
// the byte order mark; and Armenian, Hebrew, Arabic, the Indic scripts,
// Thai, Lao and Georgian.
func plausible(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F, r >= 0x370 && r <= 0x4FF:
		return true
	case r >= 0x530 && r <= 0x6FF, r >= 0x900 && r <= 0xEFF, r >= 0x10A0 && r <= 0x10FF:
		return true // Armenian, Hebrew, Arabic; the Indic scripts, Thai, Lao; Georgian
	case r >= 0x1E00 && r <= 0x1EFF, r >= 0x2000 && r <= 0x2BFF:
		return true
	case r >= 0x3000 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7AF, r >= 0xF900 && r <= 0xFAFF:
		return true
	case r >= 0xFB00 && r <= 0xFB4F, r >= 0xFE00 && r <= 0xFE0F, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFFEF, r == 0xFEFF:
		return true
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x20000 && r <= 0x2FFFF:
		return true
	}
	return false
}
