package source

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// compact is what a file keeps of its text once Drop let the text go:
// where its multi-byte characters are, which is all that positions need
// (every other byte, ASCII or invalid, is one column and one UTF-16 unit).
type compact struct {
	size int
	// wide holds the start of every multi-byte character, and after it
	// the bytes beyond the first of all the characters before it (so the
	// character k is wide[k+1].lost-wide[k].lost+1 bytes long); a last
	// entry at the end of the file closes the list.
	wide []wideRune
	// astral holds the starts of the four-byte characters, two UTF-16 units each.
	astral []uint32
	// cr holds the offsets of the carriage returns that end lines.
	cr []uint32
}

type wideRune struct {
	off, lost uint32
}

// maxCompact is the largest file Drop compacts: offsets are 32 bits.
const maxCompact = 1 << 31

// Drop lets the file's text go, keeping what positions need: a run that
// only reports keeps every page it lints until the end, and the pages' text
// was the largest part of its memory (the Login.gov site x32: 29 of 76 MB).
// Text is nil afterwards, and Position, Line, LineStart, LineEnd, Len,
// OffsetAt and UnitOffset answer as before. Drop keeps the text when the
// file has so many multi-byte characters that the compact form would not
// be much smaller, and reports whether it dropped it.
func (f *File) Drop() bool {
	if f.Text == nil || len(f.Text) >= maxCompact {
		return false
	}
	text := f.Text
	wide, astral, cr := scan(text, nil)
	if 8*wide > len(text)/2 {
		return false // text mostly in other scripts: the list would outweigh it
	}
	c := &compact{size: len(text), wide: make([]wideRune, 0, wide+1), astral: make([]uint32, 0, astral), cr: make([]uint32, 0, cr)}
	scan(text, c)
	f.compact, f.Text = c, nil
	f.marks = nil // Position reads the compact form now; the checkpoints were the text's
	return true
}

// scan counts the multi-byte characters, the four-byte ones and the
// carriage returns ending lines of text and, when c is not nil, lists them
// in it (closing its wide list): Drop counts first, so that it allocates
// its lists once, at their size.
func scan(text []byte, c *compact) (wide, astral, cr int) {
	lost := uint32(0)
	for i := skipPlain(text, 0); i < len(text); i = skipPlain(text, i) {
		if b := text[i]; b < utf8.RuneSelf {
			if b == '\r' && (i+1 == len(text) || text[i+1] == '\n') {
				cr++
				if c != nil {
					c.cr = append(c.cr, uint32(i))
				}
			}
			i++
			continue
		}
		_, size := utf8.DecodeRune(text[i:])
		if size > 1 {
			wide++
			if size == 4 {
				astral++
			}
			if c != nil {
				c.wide = append(c.wide, wideRune{uint32(i), lost})
				lost += uint32(size - 1)
				if size == 4 {
					c.astral = append(c.astral, uint32(i))
				}
			}
		}
		i += size
	}
	if c != nil {
		c.wide = append(c.wide, wideRune{uint32(len(text)), lost})
	}
	return wide, astral, cr
}

// Len returns the length of the file in bytes.
func (f *File) Len() int {
	if f.compact != nil {
		return f.compact.size
	}
	return len(f.Text)
}

// firstWide is the index of the first multi-byte character at or after off.
func (c *compact) firstWide(off int) int {
	k, _ := slices.BinarySearchFunc(c.wide, uint32(off), func(w wideRune, o uint32) int { return int(w.off) - int(o) })
	return k
}

// column counts the characters and the UTF-16 units between start, the
// start of a character, and off, as Position's loop over the text does:
// a character that off cuts counts once, as one unit.
func (c *compact) column(start, off int) (chars, units int) {
	a, b := c.firstWide(start), c.firstWide(off)
	lost := int(c.wide[b].lost - c.wide[a].lost)
	astral := countBefore(c.astral, off) - countBefore(c.astral, start)
	if b > a {
		last := c.wide[b-1]
		if end := int(last.off) + int(c.wide[b].lost-last.lost) + 1; end > off { // off cuts the last one
			lost -= end - off
			if end-int(last.off) == 4 {
				astral--
			}
		}
	}
	chars = off - start - lost
	return chars, chars + astral
}

// sizeAt is the length of the character at off (a start of one), as
// utf8.DecodeRune reads it from the text.
func (c *compact) sizeAt(off int) int {
	k := c.firstWide(off)
	if k+1 >= len(c.wide) || int(c.wide[k].off) != off {
		return 1
	}
	return int(c.wide[k+1].lost-c.wide[k].lost) + 1
}

// crAt reports whether the byte at off is a carriage return that ends a line.
func (c *compact) crAt(off int) bool {
	_, ok := slices.BinarySearch(c.cr, uint32(off))
	return ok
}

func countBefore(offs []uint32, off int) int {
	k, _ := slices.BinarySearch(offs, uint32(off))
	return k
}

// skipPlain returns the offset of the first byte at or after i that is not
// ASCII or is a carriage return, eight bytes at a time: most of a page is
// neither, and Drop reads every page of a run.
func skipPlain(text []byte, i int) int {
	const ones, highs, crs = 0x0101010101010101, 0x8080808080808080, 0x0d0d0d0d0d0d0d0d
	for ; i+8 <= len(text); i += 8 {
		w := binary.LittleEndian.Uint64(text[i:])
		x := w ^ crs // a zero byte where w holds a CR
		if (w|(x-ones)&^x)&highs != 0 {
			break
		}
	}
	for ; i < len(text) && text[i] < utf8.RuneSelf && text[i] != '\r'; i++ {
	}
	return i
}
