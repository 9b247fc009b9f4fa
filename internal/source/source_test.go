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
