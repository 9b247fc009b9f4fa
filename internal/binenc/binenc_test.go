package binenc

import (
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var b []byte
	b = AppendUint(b, math.MaxUint64)
	b = AppendInt(b, 300)
	b = AppendString(b, "héllo")
	b = AppendBytes(b, []byte{0, 1, 2})
	b = append(b, "raw"...)
	b = AppendInt(b, 2) // a count
	r := NewReader(b)
	if v := r.Uint(); v != math.MaxUint64 {
		t.Errorf("Uint = %d", v)
	}
	if v := r.Int(); v != 300 {
		t.Errorf("Int = %d", v)
	}
	if v := r.String(); v != "héllo" {
		t.Errorf("String = %q", v)
	}
	if v := r.Bytes(); string(v) != "\x00\x01\x02" || cap(v) != 3 {
		t.Errorf("Bytes = %q (cap %d)", v, cap(v))
	}
	if v := r.Raw(3); string(v) != "raw" || cap(v) != 3 {
		t.Errorf("Raw = %q (cap %d)", v, cap(v))
	}
	if n := r.Count(1); n != 0 || r.Err() == nil {
		t.Errorf("a count of 2 items with no bytes left read as %d, err %v", n, r.Err())
	}
}

func TestCorrupt(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       nil,
		"long length": AppendUint(nil, 1<<30),
		"bad varint":  {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
	} {
		r := NewReader(data)
		_ = r.String()
		if r.Err() == nil {
			t.Errorf("%s: no error", name)
		}
		// after an error every read is zero, never a panic
		if r.Uint() != 0 || r.String() != "" || r.Bytes() != nil || r.Int() != 0 || r.Raw(1) != nil || r.Len() != 0 {
			t.Errorf("%s: reads after an error are not zero", name)
		}
	}
	if r := NewReader([]byte{1, 2}); r.Raw(3) != nil || r.Err() == nil {
		t.Error("Raw past the end is not corruption")
	}
	if r := NewReader(AppendUint(nil, 1<<41)); r.Int() != 0 || r.Err() == nil {
		t.Error("an int beyond 2^40 is not corruption")
	}
}
