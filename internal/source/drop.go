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
	// runs lists the runs of multi-byte characters of one length that
	// follow each other with nothing between them (a page in Chinese is
	// mostly a few long runs, one in French many runs of one), and after
	// the last a closing entry at the end of the file.
	runs []wideRun
	// astral holds the starts of the four-byte characters, two UTF-16 units each.
	astral []uint32
	// cr holds the offsets of the carriage returns that end lines.
	cr []uint32
}

// wideRun is a run of multi-byte characters: at holds its start (the low
// 30 bits) and the length of its characters less two (the top two);
// lost counts the bytes beyond the first of every character of the runs
// before it. A run's character count is what the next entry's lost adds,
// divided by the bytes each character loses.
type wideRun struct {
	at, lost uint32
}

func (w wideRun) off() int  { return int(w.at & (1<<30 - 1)) }
func (w wideRun) size() int { return int(w.at>>30) + 2 }

// maxCompact is the largest file Drop compacts: a run's start has 30 bits.
const maxCompact = 1 << 30

// Drop lets the file's text go, keeping what positions need: a run that
// only reports keeps every page it lints until the end, and the pages' text
// was the largest part of its memory (the Login.gov site x32: 29 of 76 MB).
// Text is nil afterwards, and Position, Line, LineStart, LineEnd, Len,
// OffsetAt and UnitOffset answer as before. Drop keeps the text when its
// multi-byte characters are so scattered that the compact form would not
// be much smaller, and reports whether it dropped it.
func (f *File) Drop() bool { return f.drop(false) }

// drop is Drop; always drops whenever the compact form can hold the file
// (tests compare positions on every text, not only the ones Drop lets go).
func (f *File) drop(always bool) bool {
	if f.Text == nil || len(f.Text) >= maxCompact {
		return false
	}
	text := f.Text
	limit := len(text) / 16 // a run for every few bytes: the list would outweigh the text
	if always {
		limit = len(text)
	}
	// room for the runs of most pages from the start: growing from none
	// cost as much as the count the scan no longer makes
	c := &compact{size: len(text), runs: make([]wideRun, 0, min(limit, 64)+1)}
	if !scan(text, c, limit) {
		return false
	}
	c.runs, c.astral, c.cr = fitted(c.runs), fitted(c.astral), fitted(c.cr)
	f.compact, f.Text = c, nil
	f.marks = nil // Position reads the compact form now; the checkpoints were the text's
	return true
}

// fitted is s in an array of its own length when appending left it much
// larger: the compact forms of a run's pages stay until its end.
func fitted[T any](s []T) []T {
	if cap(s)-len(s) > len(s)/8 {
		return slices.Clone(s)
	}
	return s
}

// scan lists the runs of multi-byte characters, the four-byte characters
// and the carriage returns ending lines of text in c, closing its run
// list, in one pass over the text; it gives up (false) past maxRuns runs.
func scan(text []byte, c *compact, maxRuns int) bool {
	lost := uint32(0)
	end, last := -1, 0 // where the current run ends, and its characters' length
	for i := skipPlain(text, 0); i < len(text); i = skipPlain(text, i) {
		if b := text[i]; b < utf8.RuneSelf {
			if b == '\r' && (i+1 == len(text) || text[i+1] == '\n') {
				c.cr = append(c.cr, uint32(i))
			}
			i++
			continue
		}
		_, size := utf8.DecodeRune(text[i:])
		if size > 1 {
			if i != end || size != last {
				if len(c.runs) == maxRuns {
					return false
				}
				c.runs = append(c.runs, wideRun{uint32(i) | uint32(size-2)<<30, lost})
			}
			end, last = i+size, size
			lost += uint32(size - 1)
			if size == 4 {
				c.astral = append(c.astral, uint32(i))
			}
		}
		i += size
	}
	c.runs = append(c.runs, wideRun{uint32(len(text)), lost})
	return true
}

// Len returns the length of the file in bytes.
func (f *File) Len() int {
	if f.compact != nil {
		return f.compact.size
	}
	return len(f.Text)
}

// runBefore is the index of the last run that starts before off, or -1.
func (c *compact) runBefore(off int) int {
	k, _ := slices.BinarySearchFunc(c.runs, off, func(w wideRun, o int) int { return w.off() - o })
	return k - 1
}

// within is where off falls in run k: how many of its characters start
// before off, how many bytes into the next one it is (0 at its start),
// and whether off is past the run's end.
func (c *compact) within(k, off int) (whole, into int, past bool) {
	r := c.runs[k]
	size := r.size()
	n := int(c.runs[k+1].lost-r.lost) / (size - 1)
	d := off - r.off()
	if d >= n*size {
		return n, 0, true
	}
	return d / size, d % size, false
}

// starts counts the characters that start before off, as Position's loop
// over the text does: a character that off cuts counts once.
func (c *compact) starts(off int) int {
	k := c.runBefore(off)
	if k < 0 {
		return off
	}
	r := c.runs[k]
	whole, into, past := c.within(k, off)
	if past {
		return off - int(c.runs[k+1].lost)
	}
	return off - int(r.lost) - whole*(r.size()-1) - max(into-1, 0)
}

// column counts the characters and the UTF-16 units between start, the
// start of a character, and off, as Position's loop over the text does:
// a character that off cuts counts once, as one unit.
func (c *compact) column(start, off int) (chars, units int) {
	chars = c.starts(off) - c.starts(start)
	astral := countBefore(c.astral, off) - countBefore(c.astral, start)
	if k := c.runBefore(off); k >= 0 && c.runs[k].size() == 4 {
		if _, into, past := c.within(k, off); !past && into > 0 && off-into >= start {
			astral-- // off cuts a four-byte character, which counts as one unit
		}
	}
	return chars, chars + astral
}

// sizeAt is the length of the character at off (a start of one), as
// utf8.DecodeRune reads it from the text.
func (c *compact) sizeAt(off int) int {
	k := c.runBefore(off + 1)
	if k < 0 {
		return 1
	}
	if _, into, past := c.within(k, off); past || into != 0 {
		return 1
	}
	return c.runs[k].size()
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
