package charscan

import (
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
	if len(bytes) < 2 {
		return nil
	}
	var cands []candidate
	for i := 0; i < len(bytes); {
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
	if len(cands) == 0 {
		return nil
	}
	runes := make([]rune, len(bytes))
	for i := range bytes {
		runes[i] = DecodeByte(bytes[i])
	}
	for k := range cands {
		c := &cands[k]
		c.ok = plausible(c.decoded) && suspicious(runes[c.first:c.first+c.n])
	}
	// A sequence next to damage is damage too, when its repair is plausible:
	// a CJK word whose middle character happens to look like French punctuation.
	for changed := true; changed; {
		changed = false
		for k := range cands {
			c := &cands[k]
			if c.ok || !plausible(c.decoded) {
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
	return out
}

// repair decodes the bytes as UTF-8, and again while the result is itself
// wholly mojibake (text damaged twice or three times).
func repair(b []byte) string {
	s := string(b)
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
		inner := mojibake([]byte(s), raw, append(offs, len(s)))
		if len(inner) != 1 || inner[0].Span.Start != 0 || inner[0].Span.End != len(s) {
			return s
		}
		s = string(raw)
		if !utf8.ValidString(s) {
			return string(b)
		}
	}
	return s
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
// the byte order mark.
func plausible(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x24F, r >= 0x370 && r <= 0x4FF:
		return true
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
