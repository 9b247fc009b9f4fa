package lsp

import (
	"unicode/utf8"
)

// Position encodings a client may offer (LSP 3.17's PositionEncodingKind).
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
	encUTF32 = "utf-32"
)

// Position is a zero-based line and a character offset in the negotiated encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a span between two positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// lines indexes the starts of a text's lines, to turn byte offsets into
// positions and back.
type lines struct {
	text   []byte
	starts []int
	enc    string
}

func newLines(text []byte, enc string) *lines {
	l := &lines{text: text, starts: []int{0}, enc: enc}
	for i, c := range text {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// position converts a byte offset.
func (l *lines) position(off int) Position {
	off = max(0, min(off, len(l.text)))
	lo, hi := 0, len(l.starts)-1
	for lo < hi { // the last line starting at or before off
		mid := (lo + hi + 1) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return Position{Line: lo, Character: l.units(l.text[l.starts[lo]:off])}
}

// units counts b in the negotiated encoding's code units.
func (l *lines) units(b []byte) int {
	switch l.enc {
	case encUTF8:
		return len(b)
	case encUTF32:
		return utf8.RuneCount(b)
	}
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2 // a surrogate pair
		} else {
			n++
		}
	}
	return n
}

// offset converts a position back to a byte offset; a character past the
// end of its line (or a line past the end) is clamped, as the protocol asks.
func (l *lines) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(l.starts) {
		return len(l.text)
	}
	start := l.starts[p.Line]
	end := len(l.text)
	if p.Line+1 < len(l.starts) {
		end = l.starts[p.Line+1] - 1 // before the line break
	}
	i, n := start, 0
	for i < end && n < p.Character {
		r, size := utf8.DecodeRune(l.text[i:])
		switch {
		case l.enc == encUTF8:
			n += size
		case l.enc == encUTF16 && r >= 0x10000:
			n += 2
		default:
			n++
		}
		i += size
	}
	return i
}

// rangeOf converts a byte span.
func (l *lines) rangeOf(start, end int) Range {
	return Range{Start: l.position(start), End: l.position(end)}
}
