package charscan

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
)

// chain weighs a chain of adjacent candidate sequences as a whole, the way
// ftfy weighs a string: one strong sign of damage makes the whole chain
// damage (a quote-like character beside ē in baņķieri); without one, the
// characters around the chain decide, or proof from its word or line.
func chain(text, b []byte, offsets []int, cs []candidate) (finding, bool) {
	last := cs[len(cs)-1]
	from, to := cs[0].first, last.first+last.n
	start, end := offsets[from], offsets[to]
	// an à whose A0 byte was lost: the space after Ã is the text's own
	// (voilÃ le → voilà le) unless it was the A0 (Ã  partir, Ã s vezes)
	grave := last.altered && b[last.first] == 0xC3
	if grave && !graveSpaceIsByte(text, end) {
		end = offsets[last.first+1]
	}
	prev, next := before(text, start), after(text, end)
	rep, depth := repairOf(b, cs, prev, next, text[end:])
	var nd need
	switch {
	case has(cs, func(c candidate) bool { return c.kind == strong }):
		nd = strongNeed(b, cs, prev, next)
	case depth > 0:
		nd = now // what it decodes to is damage again: text damaged twice (Ã‘Â\u0081 is с)
	case len(cs) == 1 && grave:
		nd = graveNeed(text, start, offsets[last.first+1])
	default:
		nd = weakNeed(b, cs, prev, next, text[end:])
	}
	if nd == never {
		return finding{}, false
	}
	return finding{Issue: Issue{Kind: Mojibake, Span: source.Span{Start: start, End: end}, Repair: rep}, need: nd}, true
}

// strongNeed: a chain with a strong sign is damage, but a lone pair in
// capitals is left to its word (BÅ™ is a brand, ÐÅ® stylized text), and a
// multiplication or diameter sign by a number is one (2×£10, Ø±0.1).
func strongNeed(b []byte, cs []candidate, prev, next rune) need {
	if len(cs) > 1 || cs[0].n != 2 || cs[0].lost || cs[0].altered {
		return now
	}
	switch lead := DecodeByte(b[cs[0].first]); {
	case (lead == '×' || lead == 'Ø') && (isDigit(prev) || isDigit(next)):
		return never // a multiplication sign or a diameter by a number (Ø±0.1 mm)
	case lead != 'Â' && lead != 'Ã' && unicode.IsLetter(cs[0].decoded) && cs[0].decoded < 0x530 && capitals(prev, next) && !control(b[cs[0].first+1]):
		return word // (an Arabic letter or comma after a capital is no stylized capital: macOSØŒ)
	}
	return now
}

// weakNeed weighs a chain whose characters may be typography as written;
// rest is the text after it.
func weakNeed(b []byte, cs []candidate, prev, next rune, rest []byte) need {
	c := cs[0]
	switch {
	case has(cs, func(c candidate) bool { return c.kind == layer }) && len(cs) == 1:
		return never // a C1 control alone: invisible-char reports it
	case len(cs) == 1 && c.kind == mark:
		// a combining accent after a character, whose second byte shows as a
		// C1 control or a symbol (eÌ\u0081 is é written as e and U+0301, $Ì¶6
		// a struck-out 6)
		if c.decoded >= 0x300 && c.decoded <= 0x36F && !unicode.IsSpace(prev) && prev != 0 && suspicious(b[c.first:c.first+c.n]) {
			return now
		}
		return word
	case has(cs, func(c candidate) bool { return c.lost || c.altered }):
		if has(cs, func(c candidate) bool { return c.altered && c.n > 2 }) {
			return never // é, æ and the like before a space and a symbol: only a neighbour proves it (ภ in ภา)
		}
		if capitals(prev, next) {
			return word
		}
		return line
	case len(cs) >= 3 && !has(cs, func(c candidate) bool { return c.kind != weak }) && !capitals(prev, next):
		return now // three letters in a row, each a lead and a quote or dash: a word (נוסחה)
	case !has(cs, func(c candidate) bool { return !letterPair(b, c) }):
		// capital letters of Latin-1 before quotes, dashes or guillemets,
		// and Vietnamese letters (á»“ is ồ)
		if apostrophe(b, cs[len(cs)-1], rest) {
			return never // Ä’s: the plural of a letter
		}
		switch {
		case isLower(prev) || isDigit(prev):
			return now // lÄ«dz, 3Ã—4: no capital with typography after it sits inside a word
		case len(cs) == 1 && b[c.first] == 0xC3 && isLetter(prev) && isLetter(next):
			return now // HÃ”TEL: Ã before a quote or dash is a letter only at a word's end
		case (isLower(next) || isDigit(next)) && (!unicode.IsUpper(prev) || opening(b[cs[len(cs)-1].first+1])):
			// Ä“rti, PÄ“teris; but a word in capitals may end in Ó before a
			// dash or a closing quote, and a word follow it (ATENCIÓN—ahora)
			return now
		case capitals(prev, next):
			return word // Ã‘ in ÑANDÚ: Å—Ä—Ö is three letters between dashes
		case alone(prev, next):
			return line // a word by itself (Ð¡ is С): its line decides
		}
		return never
	case alone(prev, next):
		return line // a CJK syllable by itself (í•\u00a0 is 할)
	}
	return word
}

// letterPair reports a candidate whose characters, as written, are a
// capital letter of Latin-1 and a quote-like character (Ä“), or that
// decodes to a Vietnamese letter.
func letterPair(b []byte, c candidate) bool {
	if c.decoded >= 0x1E00 && c.decoded <= 0x1EFF {
		return true
	}
	return c.n == 2 && b[c.first] >= 0xC3 && b[c.first] != 0xD7
}

// graveNeed weighs a lone Ã and a space: à whose A0 byte was lost. Ã is a
// letter only in words in capitals (IRMÃ e), or named as one.
func graveNeed(text []byte, at, space int) need {
	prev := before(text, at)
	j := space + 1
	for j < len(text) && text[j] == ' ' {
		j++
	}
	next := after(text, j)
	switch {
	case !isLower(next), unicode.IsUpper(prev), isDigit(prev):
		return never
	case j > space+1, isLower(prev), graveSpaceIsByte(text, space+1):
		return now // Ã  partir (the lost byte's space and the text's), voilÃ le, Ã s vezes
	case prev == ' ' && isLower(before(text, trimSpaces(text, at))):
		return now // prêt Ã l'emploi
	}
	return line // a line that starts "Ã partir": its other damage decides
}

// graveSpaceIsByte reports whether the space before text[at:] was the A0
// byte of à rather than the text's own: another space follows, or the rest
// of a Portuguese contraction (às, àquele, àquela, àquilo).
func graveSpaceIsByte(text []byte, at int) bool {
	rest := text[at:]
	if len(rest) > 0 && rest[0] == ' ' {
		return true
	}
	if len(rest) > 0 && rest[0] == 's' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\n') {
		return true // às, but not à s'éloigner
	}
	return len(rest) >= 4 && (string(rest[:4]) == "quel" || string(rest[:4]) == "quil")
}

// apostrophe reports a chain that ends in ’ followed by an English
// contraction's ending ('s, 't, 'd, 'm, 'll, 're, 've).
func apostrophe(b []byte, c candidate, rest []byte) bool {
	if b[c.first+c.n-1] != 0x92 {
		return false
	}
	for _, e := range []string{"s", "t", "d", "m", "ll", "re", "ve"} {
		if len(rest) >= len(e) && string(rest[:len(e)]) == e && !isLetter(after(rest, len(e))) {
			return true
		}
	}
	return false
}

// alone reports a stretch with a space or a line's end on one side, and
// one of these or sentence punctuation on the other: not inside quotes.
func alone(prev, next rune) bool {
	return (prev == 0 || prev == ' ' || prev == '\n') && (next == 0 || next == ' ' || next == '\n' || next == '\r' || strings.ContainsRune(".,;:!?", next))
}

// control reports a byte that Windows-1252 leaves undefined: as written, a
// C1 control, which no stylized text has (DÄ°QQÆ\u008fT is DİQQƏT).
func control(b byte) bool {
	return b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D
}

// opening reports the bytes of marks that open what follows (‘ “ « ¡ ¿):
// after a letter and before one they are no typography.
func opening(b byte) bool {
	return b == 0x91 || b == 0x93 || b == 0xAB || b == 0xA1 || b == 0xBF
}

// capitals reports a stretch in a word in capitals: a capital letter on
// one side and no lower-case letter on the other.
func capitals(prev, next rune) bool {
	return unicode.IsUpper(prev) && !unicode.IsLower(next) || unicode.IsUpper(next) && !unicode.IsLower(prev)
}

func has(cs []candidate, f func(candidate) bool) bool {
	for _, c := range cs {
		if f(c) {
			return true
		}
	}
	return false
}

func trimSpaces(text []byte, at int) int {
	for at > 0 && text[at-1] == ' ' {
		at--
	}
	return at
}

// before is the character before text[at], 0 at the start.
func before(text []byte, at int) rune {
	if at <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRune(text[:at])
	return r
}

// after is the character at text[at], 0 at the end.
func after(text []byte, at int) rune {
	if at >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRune(text[at:])
	return r
}

func isLower(r rune) bool  { return unicode.IsLower(r) }
func isLetter(r rune) bool { return unicode.IsLetter(r) }
func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
