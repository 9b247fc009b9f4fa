package source

import "testing"

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
