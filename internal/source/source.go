// Package source holds a file's original bytes and converts byte offsets
// into the line and column positions that users and output formats need.
//
// Every position in helplint is a byte offset into the original file; lines
// and columns are derived here, only when a finding is printed.
package source

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in a file's original bytes.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset off lies inside the span.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// Position is a 1-based line and column. Column counts Unicode code points
// (an invalid byte counts as one); ByteColumn counts UTF-8 bytes and
// UTF16Column counts UTF-16 code units, for formats that want those.
type Position struct {
	Offset      int
	Line        int
	Column      int
	ByteColumn  int
	UTF16Column int
}

// File is a file's path, its bytes and the offsets at which its lines start.
type File struct {
	Path  string
	Text  []byte
	lines []uint32 // every text helplint reads is at most 64 MiB (lint.MaxFileSize, the language server's message bound)
	bom   int      // length of a leading byte order mark, which editors do not show as a column

	// marks are column checkpoints on long lines, built once on first
	// use: a column counted from the line start for every finding made
	// 25,000 links on one 500 KB line take minutes (issue 29)
	marksOnce sync.Once
	marks     []mark

	// compact replaces Text once Drop let it go.
	compact *compact
}

// mark is the column at a rune boundary of a long line.
type mark struct {
	off, col, u16 int
}

// markStride is how many bytes apart the checkpoints of a long line are:
// a position costs at most this many bytes of decoding.
const markStride = 256

// BOM is the UTF-8 encoding of U+FEFF.
const BOM = "\xEF\xBB\xBF"

// New indexes text. Lines end at '\n'; a '\r' before it belongs to the line,
// so CRLF files keep the same line numbers as LF files.
func New(path string, text []byte) *File {
	lines := make([]uint32, 1, bytes.Count(text, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, uint32(i))
	}
	f := &File{Path: path, Text: text, lines: lines}
	if len(text) >= 3 && string(text[:3]) == BOM {
		f.bom = 3
	}
	return f
}

// LineCount returns the number of lines; a trailing newline starts an empty last line.
func (f *File) LineCount() int { return len(f.lines) }

// LineStart returns the offset of the first byte of 1-based line n.
func (f *File) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.lines) {
		return f.Len()
	}
	return int(f.lines[n-1])
}

// LineEnd returns the offset of the end of 1-based line n, before its "\n" or "\r\n".
func (f *File) LineEnd(n int) int {
	end := f.Len()
	if n < len(f.lines) {
		end = int(f.lines[n]) - 1
	}
	if end > f.LineStart(n) && f.crAt(end-1) {
		end--
	}
	return end
}

// crAt reports whether the byte at off, the last of a line, is a carriage return.
func (f *File) crAt(off int) bool {
	if f.compact != nil {
		return f.compact.crAt(off)
	}
	return f.Text[off] == '\r'
}

// sizeAt is the length of the character at off, a start of one before the end.
func (f *File) sizeAt(off, end int) (size int, astral bool) {
	if f.compact != nil {
		size = f.compact.sizeAt(off)
		return size, size == 4
	}
	r, size := utf8.DecodeRune(f.Text[off:end])
	return size, r >= 0x10000
}

// Line returns the 1-based line number holding offset off.
func (f *File) Line(off int) int {
	lo, hi := 0, len(f.lines)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(f.lines[m]) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Position converts a byte offset into a 1-based position.
// Offsets past the end are clamped to the end of the file.
func (f *File) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > f.Len() {
		off = f.Len()
	}
	line := f.Line(off)
	start := int(f.lines[line-1])
	if line == 1 && f.bom > 0 && off >= f.bom {
		start = f.bom
	}
	p := Position{Offset: off, Line: line, Column: 1, ByteColumn: 1 + off - start, UTF16Column: 1}
	if f.compact != nil {
		chars, units := f.compact.column(start, off)
		p.Column, p.UTF16Column = 1+chars, 1+units
		return p
	}
	i := start
	if off-start > markStride {
		if m, ok := f.markBefore(start, off); ok {
			i, p.Column, p.UTF16Column = m.off, m.col, m.u16
		}
	}
	for i < off {
		r, size := utf8.DecodeRune(f.Text[i:])
		if i+size > off {
			size = off - i // an offset inside a rune still counts that rune once
		}
		i += size
		p.Column++
		if r >= 0x10000 && size == 4 {
			p.UTF16Column += 2
		} else {
			p.UTF16Column++
		}
	}
	return p
}

// OffsetAt converts a 1-based line and a 1-based column in code points into
// a byte offset. It is the inverse of Position for parsers, such as YAML's,
// that report positions in characters.
func (f *File) OffsetAt(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return f.Len()
	}
	off := int(f.lines[line-1])
	end := f.LineEnd(line)
	c := 1
	if col > markStride/4 && (line > 1 || f.bom == 0) && f.compact == nil { // OffsetAt counts a BOM as a column, the checkpoints do not
		f.marksOnce.Do(f.buildMarks)
		// the last checkpoint of the line at or before col
		lo := sort.Search(len(f.marks), func(k int) bool { return f.marks[k].off >= off })
		hi := sort.Search(len(f.marks), func(k int) bool { return f.marks[k].off >= end })
		if k := lo + sort.Search(hi-lo, func(k int) bool { return f.marks[lo+k].col > col }) - 1; k >= lo {
			off, c = f.marks[k].off, f.marks[k].col
		}
	}
	for ; c < col && off < end; c++ {
		size, _ := f.sizeAt(off, end)
		off += size
	}
	return off
}

// Encoding is a unit that a language server counts columns in (LSP 3.17's
// PositionEncodingKind, whose names these are).
type Encoding string

// The encodings a client may negotiate.
const (
	UTF8  Encoding = "utf-8"
	UTF16 Encoding = "utf-16"
	UTF32 Encoding = "utf-32"
)

// Units returns the 0-based line holding off and the number of enc's code
// units between that line's start and off: a position as a language server
// speaks it. Unlike Position's columns, a byte order mark counts as the
// character it is: it is part of the buffer the client sent.
func (f *File) Units(off int, enc Encoding) (line, units int) {
	p := f.Position(off)
	line = p.Line - 1
	bomUnits := 0
	if p.Line == 1 && f.bom > 0 && p.Offset >= f.bom {
		bomUnits = 1
	}
	switch enc {
	case UTF8:
		return line, p.Offset - int(f.lines[line])
	case UTF32:
		return line, p.Column - 1 + bomUnits
	}
	return line, p.UTF16Column - 1 + bomUnits
}

// UnitOffset is the inverse of Units: the byte offset of a 0-based line and
// a count of enc's code units into it. A count past the end of the line
// stops at the line's end (before its "\r\n"), and a line past the last at
// the end of the text, as the protocol asks.
func (f *File) UnitOffset(line, units int, enc Encoding) int {
	if line < 0 {
		return 0
	}
	if line >= len(f.lines) {
		return f.Len()
	}
	off, end := int(f.lines[line]), f.LineEnd(line+1)
	for n := 0; off < end && n < units; {
		size, astral := f.sizeAt(off, end)
		switch {
		case enc == UTF8:
			n += size
		case enc == UTF16 && astral:
			n += 2 // a surrogate pair
		default:
			n++
		}
		off += size
	}
	return off
}

// markBefore returns the last checkpoint at or before off on the line
// that starts at start.
func (f *File) markBefore(start, off int) (mark, bool) {
	f.marksOnce.Do(f.buildMarks)
	k := sort.Search(len(f.marks), func(k int) bool { return f.marks[k].off > off }) - 1
	if k < 0 || f.marks[k].off < start {
		return mark{}, false
	}
	return f.marks[k], true
}

// buildMarks walks every line longer than markStride once, as Position
// would, and keeps a checkpoint every markStride bytes.
func (f *File) buildMarks() {
	for n := range f.lines {
		start, end := int(f.lines[n]), len(f.Text)
		if n+1 < len(f.lines) {
			end = int(f.lines[n+1])
		}
		if end-start <= markStride {
			continue
		}
		if n == 0 {
			start = max(start, f.bom)
		}
		col, u16, last := 1, 1, start
		for i := start; i < end; {
			if i-last >= markStride {
				f.marks = append(f.marks, mark{off: i, col: col, u16: u16})
				last = i
			}
			r, size := utf8.DecodeRune(f.Text[i:])
			i += size
			col++
			if r >= 0x10000 && size == 4 {
				u16 += 2
			} else {
				u16++
			}
		}
	}
}
