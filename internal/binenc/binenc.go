// Package binenc is the small binary encoding of helplint's index cache:
// unsigned varints, and strings and byte strings prefixed by their length.
// A Reader never panics on damaged input: the first error sticks, and
// every later read returns zero values.
package binenc

import (
	"encoding/binary"
	"errors"
	"unsafe"
)

// ErrCorrupt is the error of a Reader that ran past its data or read a bad varint.
var ErrCorrupt = errors.New("corrupt data")

// AppendUint appends v as an unsigned varint.
func AppendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

// AppendInt appends a non-negative int (offsets, lengths, counts) as an unsigned varint.
func AppendInt(b []byte, v int) []byte { return binary.AppendUvarint(b, uint64(v)) }

// AppendString appends s, prefixed by its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendBytes appends p, prefixed by its length.
func AppendBytes(b, p []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(p)))
	return append(b, p...)
}

// Reader reads what the Append functions wrote. Strings and byte slices it
// returns share the reader's data, which the caller must never modify.
type Reader struct {
	b   []byte
	s   string // the same memory as b, so that strings cost no copy
	off int
	err error
}

// NewReader reads b. b must not be modified while anything read from it
// is in use. It returns a value, which stays on the caller's stack: readers
// are made per lookup, many thousands a run.
func NewReader(b []byte) Reader {
	return Reader{b: b, s: unsafe.String(unsafe.SliceData(b), len(b))}
}

// Err returns ErrCorrupt once a read failed.
func (r *Reader) Err() error { return r.err }

// Offset is how many bytes were read.
func (r *Reader) Offset() int { return r.off }

// Len is how many bytes remain.
func (r *Reader) Len() int { return len(r.b) - r.off }

func (r *Reader) fail() { r.err, r.off = ErrCorrupt, len(r.b) }

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	// one byte is the common case (lengths, counts, kinds): inlined, it
	// spares a call per value, and lookups read thousands
	if off := r.off; off < len(r.b) {
		if c := r.b[off]; c < 0x80 {
			r.off = off + 1
			return uint64(c)
		}
	}
	return r.uintSlow()
}

func (r *Reader) uintSlow() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

// Int reads a value written by AppendInt. Offsets, lines and counts are
// far below 2^40; a larger value is corruption.
func (r *Reader) Int() int {
	v := r.Uint()
	if v > 1<<40 {
		r.fail()
		return 0
	}
	return int(v)
}

// span returns the bounds of the next length-prefixed item.
func (r *Reader) span() (int, int, bool) {
	n := r.Uint()
	if r.err != nil {
		return 0, 0, false
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail()
		return 0, 0, false
	}
	start := r.off
	r.off += int(n)
	return start, r.off, true
}

// String reads a length-prefixed string without copying it.
func (r *Reader) String() string {
	s, e, ok := r.span()
	if !ok {
		return ""
	}
	return r.s[s:e]
}

// Raw reads the next n bytes as they are (written by plain appends).
func (r *Reader) Raw(n int) []byte {
	if r.err != nil || n > len(r.b)-r.off {
		r.fail()
		return nil
	}
	r.off += n
	return r.b[r.off-n : r.off : r.off]
}

// Bytes reads a length-prefixed byte string without copying it; its
// capacity ends with it, so an append cannot overwrite what follows.
func (r *Reader) Bytes() []byte {
	s, e, ok := r.span()
	if !ok {
		return nil
	}
	return r.b[s:e:e]
}

// Count reads a count of items that each take at least min bytes, and
// fails when fewer bytes remain: a damaged count cannot make the caller
// allocate more than the data could hold.
func (r *Reader) Count(min int) int {
	n := r.Uint()
	if r.err != nil {
		return 0
	}
	if n > uint64(r.Len()/max(min, 1)) {
		r.fail()
		return 0
	}
	return int(n)
}
