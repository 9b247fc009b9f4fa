package source

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPosition(t *testing.T) {
	f := New("a.md", []byte("ab\r\nçé€😀x\n\nz"))
	tests := []struct {
		off                      int
		line, col, bytecol, u16c int
	}{
		{0, 1, 1, 1, 1},
		{2, 1, 3, 3, 3},   // the '\r'
		{4, 2, 1, 1, 1},   // 'ç'
		{6, 2, 2, 3, 2},   // 'é'
		{8, 2, 3, 5, 3},   // '€'
		{11, 2, 4, 8, 4},  // '😀'
		{15, 2, 5, 12, 6}, // 'x' after a surrogate pair
		{17, 3, 1, 1, 1},
		{18, 4, 1, 1, 1},
		{99, 4, 2, 2, 2},
	}
	for _, tt := range tests {
		p := f.Position(tt.off)
		if p.Line != tt.line || p.Column != tt.col || p.ByteColumn != tt.bytecol || p.UTF16Column != tt.u16c {
			t.Errorf("Position(%d) = %+v, want line %d col %d bytecol %d utf16 %d", tt.off, p, tt.line, tt.col, tt.bytecol, tt.u16c)
		}
	}
	if got := f.LineEnd(1); got != 2 {
		t.Errorf("LineEnd(1) = %d, want 2 (before CRLF)", got)
	}
	if got := f.OffsetAt(2, 4); got != 11 {
		t.Errorf("OffsetAt(2,4) = %d, want 11", got)
	}
	if f.LineCount() != 4 {
		t.Errorf("LineCount = %d, want 4", f.LineCount())
	}
}

func TestPositionBOM(t *testing.T) {
	f := New("a.md", []byte(BOM+"ab"))
	if p := f.Position(3); p.Column != 1 {
		t.Errorf("column after BOM = %d, want 1", p.Column)
	}
	if p := f.Position(4); p.Column != 2 {
		t.Errorf("column of b = %d, want 2", p.Column)
	}
}

// TestUnits: a language server's positions in each encoding, and back; a
// count past a CRLF line's end stops before its "\r\n"; a byte order mark
// is one character of the buffer.
func TestUnits(t *testing.T) {
	text := []byte("a🔒b\r\nçd\n")
	bom := New("b.md", []byte(BOM+"a🔒b"))
	for _, tt := range []struct {
		f          *File
		enc        Encoding
		off        int
		line, unit int
	}{
		{New("a.md", text), UTF16, 5, 0, 3}, {New("a.md", text), UTF8, 5, 0, 5}, {New("a.md", text), UTF32, 5, 0, 2},
		{New("a.md", text), UTF16, 8, 1, 0}, {New("a.md", text), UTF16, 10, 1, 1}, {New("a.md", text), UTF8, 10, 1, 2},
		{New("a.md", text), UTF32, 11, 1, 2}, {New("a.md", text), UTF16, 12, 2, 0},
		{bom, UTF16, 3, 0, 1}, {bom, UTF16, 8, 0, 4}, {bom, UTF8, 8, 0, 8}, {bom, UTF32, 8, 0, 3},
	} {
		if l, u := tt.f.Units(tt.off, tt.enc); l != tt.line || u != tt.unit {
			t.Errorf("%s Units(%d) = %d:%d, want %d:%d", tt.enc, tt.off, l, u, tt.line, tt.unit)
		}
		if got := tt.f.UnitOffset(tt.line, tt.unit, tt.enc); got != tt.off {
			t.Errorf("%s UnitOffset(%d, %d) = %d, want %d", tt.enc, tt.line, tt.unit, got, tt.off)
		}
	}
	f := New("a.md", text)
	for _, tt := range []struct{ line, unit, want int }{
		{0, 99, 6}, // before "\r\n"
		{-1, 3, 0},
		{5, 0, len(text)},
		{1, 99, 11},
	} {
		if got := f.UnitOffset(tt.line, tt.unit, UTF16); got != tt.want {
			t.Errorf("UnitOffset(%d, %d) = %d, want %d", tt.line, tt.unit, got, tt.want)
		}
	}
}

// naivePosition counts from the line start, as Position did before it
// kept checkpoints.
func naivePosition(f *File, off int) (col, u16 int) {
	start := f.LineStart(f.Line(off))
	if f.Line(off) == 1 && f.bom > 0 && off >= f.bom {
		start = f.bom
	}
	col, u16 = 1, 1
	for i := start; i < off; {
		r, size := utf8.DecodeRune(f.Text[i:])
		size = min(size, off-i)
		i += size
		col++
		if r >= 0x10000 && size == 4 {
			u16 += 2
		} else {
			u16++
		}
	}
	return col, u16
}

func naiveOffsetAt(f *File, line, col int) int {
	off, end := f.LineStart(line), f.LineEnd(line)
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(f.Text[off:end])
		off += size
	}
	return off
}

// TestLongLinePositions checks the checkpoints of long lines against
// counting from the line start, at every offset, in both directions.
func TestLongLinePositions(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(BOM)
	pieces := []string{"a", "é", "€", "😀", "\xff", "\xe2\x82", " ", "\r"}
	for i := 0; i < 3000; i++ {
		b.WriteString(pieces[(i*7+i/13)%len(pieces)])
		if i%1400 == 1399 {
			b.WriteString("\r\n")
		}
	}
	f := New("long.md", b.Bytes())
	for off := 0; off <= len(f.Text); off++ {
		p := f.Position(off)
		col, u16 := naivePosition(f, off)
		if p.Column != col || p.UTF16Column != u16 {
			t.Fatalf("Position(%d) = col %d utf16 %d, want %d %d", off, p.Column, p.UTF16Column, col, u16)
		}
		if got, want := f.OffsetAt(p.Line, p.Column), naiveOffsetAt(f, p.Line, p.Column); got != want {
			t.Fatalf("OffsetAt(%d, %d) = %d, want %d", p.Line, p.Column, got, want)
		}
	}
}

// TestPositionWorkIsBounded: a position on a long line decodes at most
// a checkpoint's stride of bytes, however far it is from the line start.
func TestPositionWorkIsBounded(t *testing.T) {
	text := bytes.Repeat([]byte("é"), 1<<20)
	f := New("one-line.md", text)
	f.Position(0) // builds the checkpoints
	allocs := testing.AllocsPerRun(10, func() { f.Position(len(text) - 1) })
	if allocs != 0 {
		t.Errorf("Position allocates %v times", allocs)
	}
	start := time.Now()
	for off := 0; off < len(text); off += 97 {
		f.Position(off)
	}
	// counting from the line start would decode 10^11 bytes here: minutes
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("10,000 positions on a 2 MB line took %v", d)
	}
}
