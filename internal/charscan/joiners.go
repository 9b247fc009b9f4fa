package charscan

import (
	"unicode"
	"unicode/utf8"
)

// Some invisible characters are part of a script's spelling, not stray
// bytes: the zero-width non-joiner (U+200C) and joiner (U+200D) choose the
// letter forms of Arabic-script languages (Persian writes می‌خواهم with a
// non-joiner; Urdu, Kurdish and Pashto likewise) and of the Indic scripts
// (after a virama: क्‍ष), and the joiner builds emoji sequences (👩‍💻); the
// left-to-right and right-to-left marks (U+200E, U+200F) order neutral
// characters inside right-to-left text. There they are reported nowhere
// and no fix removes them. Elsewhere they can do nothing or harm: between
// Latin letters, next to a space or another joiner, doubled, at a word's
// edge, or a directional mark in text without a right-to-left letter.

// NeedsOne reports whether a run of the joiner r at text[start:end]
// stands where spelling needs one of it: a doubled non-joiner inside a
// Persian word is fixed by keeping one, not none.
func NeedsOne(text []byte, start, end int, r rune) bool {
	prev, _ := utf8.DecodeLastRune(text[:start])
	next, _ := utf8.DecodeRune(text[end:])
	return joins(prev, next, r)
}

// spelling reports whether the invisible character r at text[i:i+size] is
// one that its place's spelling needs.
func spelling(text []byte, i int, r rune, size int) bool {
	switch r {
	case 0x200C, 0x200D:
		prev, _ := utf8.DecodeLastRune(text[:i])
		next, _ := utf8.DecodeRune(text[i+size:])
		return joins(prev, next, r)
	case 0x200E, 0x200F:
		return nearRightToLeft(text, i, size)
	}
	return false
}

// joins reports whether the joiner r belongs between prev and next: two
// letters of one script that spells with it, after a virama, or two
// pieces of an emoji sequence (the joiner only).
func joins(prev, next, r rune) bool {
	if r == 0x200D && isPictographic(prev) && isPictographic(next) {
		return true
	}
	p, n := joiningScript(prev), joiningScript(next)
	// after a virama a joiner also ends a word (Malayalam's chillu: ന്‍)
	return p != noScript && (p == n || p == indicScript && virama(prev))
}

// script groups the scripts whose spelling uses the joiners.
type script int

const (
	noScript script = iota
	arabicScript
	indicScript
)

// joiningScript is the script of a letter or mark that a joiner may
// stand beside; noScript for anything else (spaces, punctuation, Latin,
// another joiner, the start or end of the text).
func joiningScript(r rune) script {
	if !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return noScript
	}
	switch {
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF, r >= 0x0700 && r <= 0x074F: // Arabic, its supplements and forms; Syriac
		return arabicScript
	case r >= 0x0900 && r <= 0x0DFF, r >= 0x1000 && r <= 0x109F, r >= 0x1780 && r <= 0x17FF: // Devanagari to Sinhala; Myanmar; Khmer
		return indicScript
	}
	return noScript
}

// virama reports the sign that kills an Indic consonant's vowel, after
// which the joiners choose a conjunct, half or final form.
func virama(r rune) bool {
	return r >= 0x0900 && r <= 0x0D7F && r&0x7F == 0x4D || r == 0x0DCA || r == 0x1039 || r == 0x103A || r == 0x17D2
}

// rtlWindow is how many characters on each side of a directional mark are
// searched for a right-to-left letter: the mark orders the neutral
// characters (digits, punctuation) next to it.
const rtlWindow = 32

// nearRightToLeft reports whether a right-to-left letter (Hebrew, Arabic
// script, Syriac, Thaana, N'Ko) stands within rtlWindow characters of the
// mark at text[i:i+size], on its line.
func nearRightToLeft(text []byte, i, size int) bool {
	for j, n := i, 0; j > 0 && n < rtlWindow; n++ {
		r, s := utf8.DecodeLastRune(text[:j])
		if r == '\n' {
			break
		}
		if rightToLeft(r) {
			return true
		}
		j -= s
	}
	for j, n := i+size, 0; j < len(text) && n < rtlWindow; n++ {
		r, s := utf8.DecodeRune(text[j:])
		if r == '\n' {
			break
		}
		if rightToLeft(r) {
			return true
		}
		j += s
	}
	return false
}

func rightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF || r >= 0x07C0 && r <= 0x07FF
}
