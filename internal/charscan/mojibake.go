package charscan

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
)

// Bytes that stand in a run for what the text lost: the A0 byte that
// became a space, and the byte that became U+FFFD (ftfy writes 1A too).
const (
	spaceByte = 0x20
	lostMark  = 0x1A
)

// need says what a damaged stretch waits for before it is reported.
type need uint8

const (
	now   need = iota // it proves itself
	word              // another proven stretch in the same word (ÑANDÚ's Ã‘ by its Ãš)
	line              // another proven stretch on the same line (Ã partir, Ñ� alone)
	never             // typography, a brand, a letter named: left alone
)

// finding is a repair that may wait for proof from its word or line.
type finding struct {
	Issue
	need need
}

// kind is what a candidate sequence tells about the text.
type kind uint8

const (
	implausible kind = iota // decodes to nothing people write
	layer                   // a C1 control or Windows-1252 character: a middle layer of text damaged twice
	mark                    // a combining mark: damage only beside other damage
	weak                    // plausible, but as written it may be typography (Ä“, Ã‘)
	strong                  // as written no text has it (a letter before €, ™, ©)
)

// candidate is a multi-byte UTF-8 sequence found in the bytes of a run.
type candidate struct {
	first, n int // index of the first byte in the run, and how many
	decoded  rune
	kind     kind
	lost     bool // a byte became U+FFFD: the sequence repairs to U+FFFD
	altered  bool // its A0 byte became a space
}

// mojibake finds the damaged stretches in one run of characters that all
// map to bytes >= 0x80 (with spaceByte and lostMark standing in for a lost
// A0 and a lost byte); bytes[i] is the byte of the character at
// offsets[i], and offsets has one more entry: the run's end.
// Found stretches are appended to out, and candidates reuses cands: a
// page damaged on every line makes no garbage per run.
func mojibake(text []byte, bytes []byte, offsets []int, out []finding, cands []candidate) ([]finding, []candidate) {
	if len(bytes) < 2 {
		return out, cands
	}
	cands = candidates(bytes, cands[:0])
	for k := range cands {
		// a C1 control as written is no text, whichever byte it stands for
		// (Ã\u0085 is Å read as Latin-1; Ã… may be typography)
		if c := &cands[k]; c.kind == weak && hasC1(text, offsets[c.first+1:c.first+c.n]) {
			c.kind = strong
		}
	}
	for k := 0; k < len(cands); {
		if cands[k].kind == implausible {
			k++
			continue
		}
		j := k // a chain: adjacent sequences, each plausible or a layer
		for j+1 < len(cands) && cands[j+1].kind != implausible && cands[j].first+cands[j].n == cands[j+1].first {
			j++
		}
		if f, ok := chain(text, bytes, offsets, cands[k:j+1]); ok {
			out = append(out, f)
		}
		k = j + 1
	}
	if f, ok := lostByte(text, bytes, offsets); ok {
		out = append(out, f)
	}
	return out, cands
}

// hasC1 reports whether a character at one of the offsets is a C1 control.
func hasC1(text []byte, offsets []int) bool {
	for _, o := range offsets {
		if text[o] == 0xC2 && o+1 < len(text) && text[o+1] < 0xA0 {
			return true
		}
	}
	return false
}

// candidates lists the multi-byte sequences in the bytes of a run, each
// classified by what it tells.
func candidates(b []byte, out []candidate) []candidate {
	for i := 0; i < len(b); {
		if r, altered, ok := cesuAt(b[i:]); ok { // an emoji written as two surrogates (CESU-8)
			out = append(out, candidate{first: i, n: 6, decoded: r, kind: strong, altered: altered})
			i += 6
			continue
		}
		if c, ok := sequence(b, i); ok {
			out = append(out, c)
			i += c.n
			continue
		}
		i++
	}
	return out
}

// sequence decodes the UTF-8 sequence that starts at b[i], if there is
// one: whole, with an A0 byte that became a space (ftfy's restore_byte_a0),
// or with bytes that became U+FFFD (ftfy's replace_lossy_sequences).
func sequence(b []byte, i int) (candidate, bool) {
	n := seqLen(b[i])
	if n < 2 || i+n > len(b) {
		return candidate{}, false
	}
	c := candidate{first: i, n: n}
	var buf [4]byte
	seq := buf[:0]
	for k, x := range b[i : i+n] {
		switch {
		case k > 0 && x == spaceByte && !c.altered && (n > 2 || lostSpaceLead(b[i])):
			c.altered, x = true, 0xA0
		case k > 0 && x == lostMark:
			c.lost, x = true, 0x80
		}
		seq = append(seq, x)
	}
	r, size := utf8.DecodeRune(seq)
	if c.lost {
		// which byte was lost cannot be known: a prefix that begins a
		// character people write is enough (E0 A5 then any byte is Devanagari)
		r, size = lostPrefix(seq, b[i:i+n])
	}
	if size != n { // an invalid sequence decodes to one byte
		return candidate{}, false
	}
	c.decoded = r
	c.kind = classify(b[i:i+n], r)
	if c.altered && c.kind == strong {
		c.kind = weak // a space is what text has: the sequence proves nothing alone (Opticæ § 10)
	}
	return c, true
}

// lostSpaceLead reports the lead bytes whose two-byte sequences with A0 are
// common characters (à, Š, no-break space, Π, Р): the only ones whose A0,
// turned into a space, ftfy restores.
func lostSpaceLead(b byte) bool {
	return b == 0xC2 || b == 0xC3 || b == 0xC5 || b == 0xCE || b == 0xD0
}

// lostPrefix decodes seq, whose lost bytes are written 0x80 in it, trying
// each continuation byte in their place; it returns U+FFFD and the length
// when some choice gives a plausible character.
func lostPrefix(seq, orig []byte) (rune, int) {
	var buf [4]byte
	try := buf[:len(seq)]
	for _, fill := range []byte{0x80, 0x90, 0xA0, 0xB0, 0xBF} {
		for k := range seq {
			try[k] = seq[k]
			if orig[k] == lostMark {
				try[k] = fill
			}
		}
		if r, size := utf8.DecodeRune(try); r != utf8.RuneError && size == len(seq) && plausible(r) {
			return utf8.RuneError, size
		}
	}
	return utf8.RuneError, 0
}

// classify weighs a decoded sequence by its characters as written.
func classify(b []byte, r rune) kind {
	switch {
	case unicode.Is(unicode.Mn, r):
		return mark
	case r == utf8.RuneError && bytes.IndexByte(b, lostMark) >= 0: // a lost byte: the bytes that remain decide
		if suspicious(b) {
			return strong
		}
		return weak
	case r == utf8.RuneError: // ï¿½: a replacement character, damaged
		return strong
	case !plausible(r) || !assigned(r):
		if layered(r) {
			return layer
		}
		return implausible
	case suspicious(b), b[0] == 0xE2 && r >= 0x2100 && r <= 0x2BFF:
		// â and two quote-like characters: a symbol, arrow or box drawing
		// (â”’ is ┒); no word ends in â before two quotes
		return strong
	}
	return weak
}

// assigned reports a code point Unicode gives a character: an unassigned
// one in a plausible block (U+05FD) is no text.
func assigned(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs, unicode.Cf)
}

// repairOf is the text a chain of candidates repairs to: lost sequences
// as U+FFFD, lost A0 bytes restored, then decoded layer by layer; depth is
// how many layers below the first were decoded. prev, next and rest are
// the text around the chain, which weighs each layer.
func repairOf(b []byte, cands []candidate, prev, next rune, rest []byte) (rep string, depth int) {
	raw := make([]byte, 0, len(b))
	for _, c := range cands {
		if c.lost {
			raw = utf8.AppendRune(raw, utf8.RuneError)
			continue
		}
		for _, x := range b[c.first : c.first+c.n] {
			if x == spaceByte {
				x = 0xA0
			}
			raw = append(raw, x)
		}
	}
	return repair(raw, prev, next, rest)
}

// lostByte finds "â€" at the end of a run followed by ?: a punctuation mark
// (’ “ ” – — …) whose last byte was lost on the way. Which one cannot be
// known: the repair writes U+FFFD, which replacement-char then reports, so
// that an editor retypes the character. (A byte lost as U+FFFD is part of
// the run and decoded by sequence.)
func lostByte(text, bytes []byte, offsets []int) (finding, bool) {
	n := len(bytes)
	if n < 2 || bytes[n-2] != 0xE2 || bytes[n-1] != 0x80 {
		return finding{}, false
	}
	end := offsets[n]
	if end >= len(text) || text[end] != '?' {
		return finding{}, false
	}
	return finding{Issue: Issue{Kind: Mojibake, Span: source.Span{Start: offsets[n-2], End: end + 1}, Repair: "\uFFFD"}}, true
}

// repair decodes b (valid UTF-8, perhaps with CESU-8 surrogate pairs), and
// again while the result is itself wholly mojibake: text damaged twice or
// three times, with C1 controls, combining marks and Windows-1252's own
// characters between the layers (ftfy decodes in layers the same way).
func repair(b []byte, prev, next rune, rest []byte) (string, int) {
	s := joinCESU(b)
	for layer := 0; layer < 3; layer++ {
		raw := make([]byte, 0, len(s))
		for _, r := range s {
			c, ok := EncodeRune(r)
			switch {
			case ok:
			case r == utf8.RuneError:
				c = lostMark // a byte lost in an earlier layer (â€\uFFFD)
			default:
				return s, layer
			}
			raw = append(raw, c)
		}
		inner, ok := wholly(raw)
		if !ok || !layerDamaged(s, raw, prev, next, rest) {
			return s, layer
		}
		s = inner
	}
	return s, 3
}

// layerDamaged reports whether s, a decoded layer whose bytes are raw, is
// damage itself, as the text around it shows: it holds a C1 control, or
// its sequences weigh as damage where they stand (é\u00a0» decodes to 頻,
// but it is French).
func layerDamaged(s string, raw []byte, prev, next rune, rest []byte) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0x9F {
			return true
		}
	}
	cs := candidates(raw, nil)
	at := 0
	for _, c := range cs {
		if c.first != at { // (wholly has weighed each character)
			return false
		}
		at += c.n
	}
	if at != len(raw) {
		return false
	}
	if has(cs, func(c candidate) bool { return c.lost && (c.kind != strong || raw[c.first+c.n-1] != lostMark) }) {
		// a U+FFFD between letters is a character lost, not a byte
		// (vä�šinou); after â€ it is the byte ” or — lost
		return false
	}
	if has(cs, func(c candidate) bool { return c.kind == strong }) {
		return true
	}
	// the damage around is proof enough for a word by itself (Ñ– is і)
	nd := weakNeed(raw, cs, prev, next, rest)
	return nd == now || nd == line
}

// wholly decodes raw when all of it is UTF-8 of characters a layer of
// damage can hold: those people write, combining marks, C1 controls and
// Windows-1252's characters.
func wholly(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, 0xED) < 0 && bytes.IndexByte(raw, lostMark) < 0 && !utf8.Valid(raw) {
		return "", false // most repairs end here, without a copy
	}
	s := joinCESU(lostSequences(raw))
	if !utf8.ValidString(s) {
		return "", false
	}
	for _, r := range s {
		// spacing accents (˛ ˘ ˙) as well: text damaged twice holds them
		if !plausible(r) && !layered(r) && !unicode.Is(unicode.Mn, r) && (r < 0x2B0 || r > 0x2FF) && r != utf8.RuneError {
			return "", false
		}
	}
	return s, true
}

// lostSequences writes U+FFFD for each sequence in raw whose lost bytes
// are lostMark, and for each lostMark alone (a lost byte in a layer).
func lostSequences(raw []byte) []byte {
	if bytes.IndexByte(raw, lostMark) < 0 {
		return raw
	}
	out := make([]byte, 0, len(raw)+8)
	for i := 0; i < len(raw); {
		if raw[i] == lostMark {
			out = utf8.AppendRune(out, utf8.RuneError)
			i++
			continue
		}
		if c, ok := sequence(raw, i); ok && c.lost {
			out = utf8.AppendRune(out, utf8.RuneError)
			i += c.n
			continue
		}
		out = append(out, raw[i])
		i++
	}
	return out
}

// cesuAt is cesuPair, also where the high surrogate's A0 byte became a
// space (í ½í¸\u008d).
func cesuAt(b []byte) (rune, bool, bool) {
	if len(b) >= 6 && b[0] == 0xED && b[1] == spaceByte {
		var buf [6]byte
		copy(buf[:], b[:6])
		buf[1] = 0xA0
		r, ok := cesuPair(buf[:])
		return r, true, ok
	}
	r, ok := cesuPair(b)
	return r, false, ok
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

// suspicious reports whether the bytes of a sequence, as Windows-1252
// shows them, are unlikely in real text: a lead character followed by a
// symbol that never follows a letter (€, ™, ©, a C1 control), Â before
// anything, Ã or Å before a no-break space or ¡ (à, á, Š, š). A lead before
// quotes, dashes, guillemets or an ellipsis only (Ä“, Ã‘, Å«) may be
// typography: the chain's context decides.
func suspicious(b []byte) bool {
	lead := DecodeByte(b[0])
	if len(b) == 2 && b[1] != lostMark && b[1] != spaceByte {
		switch {
		case lead == 'Â':
			return true
		case (lead == 'Ã' || lead == 'Å') && (b[1] == 0xA0 || b[1] == 0xA1):
			return true
		}
	}
	for _, x := range b[1:] {
		if x != lostMark && x != spaceByte && !common[DecodeByte(x)] {
			return true
		}
	}
	return false
}

// plausible reports whether a repaired character is one people write:
// Latin (with the IPA letters some alphabets use), Greek and Cyrillic letters and symbols, general punctuation,
// currency and letterlike symbols, arrows, math, box drawing, ligatures
// (ﬁ), CJK, Hangul, emoji, and the byte order mark; and Armenian, Hebrew,
// Arabic, the Indic scripts, Thai, Lao and Georgian.
func plausible(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x2AF, r >= 0x370 && r <= 0x4FF: // IPA for ə (Azərbaycan), ɛ, ɔ
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
