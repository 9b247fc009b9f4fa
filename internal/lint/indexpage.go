package lint

import (
	"bytes"
	"encoding/binary"
	"iter"
	"slices"
	"unsafe"

	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// IndexPage is what the site index keeps of a page that is not linted: the
// values of the front matter keys that site rules read (Rule.IndexKeys),
// and the page's anchors. It is kept encoded, in one byte slice: a large
// site's index then costs one small allocation per page, none at all when
// the index cache maps its file, and the cache saves the bytes as they are.
// Nothing is decoded until a rule asks; a pre-commit run asks for few.
//
// The encoding (binenc): a flags varint (1: skip, 2: ids known); the count
// of values, each a key, a YAML kind, a count of items and the items'
// bytes (length-prefixed, so that a lookup steps over a long list in one
// read), each item a text, a tag, and where it is written (line, column
// and end column, 0 when not known), for related locations; then the
// anchors and the rules' data, each section length-prefixed and holding a
// count and its entries (an anchor is a string; a contribution, a rule's
// name and its bytes).
type IndexPage struct{ rec []byte }

const (
	flagSkip     = 1
	flagIDsKnown = 2
)

// SkipPage is the index page of a file that feeds nothing to the index:
// binary, or HTML without front matter (which Jekyll copies as is).
func SkipPage() IndexPage { return IndexPage{rec: []byte{flagSkip}} }

// NewIndexPage keeps what the site index needs of pg: the top-level
// front matter values of keys, the anchors, and the rules' own data.
func NewIndexPage(pg *page.Page, keys []string, data []RuleData) IndexPage {
	var b []byte
	flags := uint64(0)
	if idsKnown(pg) {
		flags |= flagIDsKnown
	}
	b = binenc.AppendUint(b, flags)
	vals := indexValues(pg, keys, false)
	b = binenc.AppendInt(b, len(vals))
	var part []byte // a value's items, a section: encoded, then appended with their length
	for _, kv := range vals {
		b = binenc.AppendString(b, kv.Key)
		b = binenc.AppendUint(b, uint64(kv.Kind))
		b = binenc.AppendInt(b, len(kv.items))
		part = part[:0]
		for _, v := range kv.items {
			part = binenc.AppendString(part, v.Text)
			part = binenc.AppendString(part, v.Tag)
			part = binenc.AppendInt(part, int(v.Line))
			part = binenc.AppendInt(part, int(v.Column))
			part = binenc.AppendInt(part, int(v.EndColumn))
		}
		b = binenc.AppendBytes(b, part)
	}
	part = binenc.AppendInt(part[:0], len(pg.Headings)+len(pg.HTMLIDs))
	for _, h := range pg.Headings {
		part = binenc.AppendString(part, h.ID)
	}
	for _, h := range pg.HTMLIDs {
		part = binenc.AppendString(part, h.ID)
	}
	b = binenc.AppendBytes(b, part)
	part = binenc.AppendInt(part[:0], len(data))
	for _, d := range data {
		part = binenc.AppendString(part, d.Rule)
		part = binenc.AppendBytes(part, d.Data)
	}
	b = binenc.AppendBytes(b, part)
	return IndexPage{rec: slices.Clip(b)}
}

// idsKnown reports whether a page's anchors are all known: its ids were
// computed exactly, and no include and no front matter rendered by its
// layout can add others.
func idsKnown(pg *page.Page) bool {
	return pg.IDsExact && len(pg.Headings) > 0 && len(pg.Includes) == 0 && !pg.FrontMatterLinks && !liquidMayAddIDs(pg)
}

// liquidMayAddIDs reports whether Liquid output can put headings or ids on
// the page, which helplint cannot list: rendered Markdown or a page's
// content (`markdownify`, `content`), or output alone on its lines, where
// blocks of HTML go.
func liquidMayAddIDs(pg *page.Page) bool {
	for _, t := range pg.Liquid.Tokens {
		if t.Kind != liquid.Output {
			continue
		}
		args := t.Args(pg.File.Text)
		if !t.Inline || bytes.Contains(args, []byte("markdownify")) || bytes.Contains(args, []byte("content")) {
			return true
		}
	}
	return false
}

// DecodeIndexPage returns the index page encoded in rec, which must not
// be modified while the page is in use; ok is false when rec is damaged.
// It checks the whole encoding once, so that later reads need not.
func DecodeIndexPage(rec []byte) (ip IndexPage, ok bool) {
	if len(rec) == 0 || rec[0] > flagSkip|flagIDsKnown { // the flags, in their one byte
		return IndexPage{}, false
	}
	c := newCursor(rec)
	for {
		_, kind, n, enc, more := c.next()
		if !more {
			break
		}
		if kind > yaml.AliasNode || !validItems(enc, n) {
			return IndexPage{}, false
		}
	}
	for range c.anchors() {
	}
	for range c.data() {
	}
	if c.bad || c.i != len(rec) {
		return IndexPage{}, false
	}
	return IndexPage{rec: rec}, true
}

// validItems reports whether enc holds exactly n items of a value.
func validItems(enc []byte, n int) bool {
	r := binenc.NewReader(enc)
	for range n {
		readItem(&r)
	}
	return r.Err() == nil && r.Len() == 0
}

// readItem reads one encoded item of a value.
func readItem(r *binenc.Reader) Value {
	v := Value{Text: r.String(), Tag: r.String()}
	v.Line, v.Column, v.EndColumn = int32(r.Int()), int32(r.Int()), int32(r.Int())
	return v
}

// Bytes returns the encoding, which the caller must not modify.
func (ip IndexPage) Bytes() []byte { return ip.rec }

// Skip reports whether the file feeds nothing to the index (see SkipPage).
func (ip IndexPage) Skip() bool { return len(ip.rec) > 0 && ip.rec[0]&flagSkip != 0 }

// IDsKnown reports whether Anchors are all the page's anchors.
func (ip IndexPage) IDsKnown() bool { return len(ip.rec) > 0 && ip.rec[0]&flagIDsKnown != 0 }

// Lookup returns the value of key, one of the index keys.
func (ip IndexPage) Lookup(key string) (KeyValue, bool) {
	c := newCursor(ip.rec)
	for {
		k, kind, n, enc, more := c.next()
		if !more {
			return KeyValue{}, false
		}
		if string(k) == key {
			return KeyValue{Key: key, Kind: kind, n: n, enc: enc}, true
		}
	}
}

// values returns the page's values, and where the sections after them
// start. Keys and encodings share the page's bytes.
func (ip IndexPage) values() ([]KeyValue, int) {
	c := newCursor(ip.rec)
	var out []KeyValue
	if c.left > 0 {
		out = make([]KeyValue, 0, min(c.left, 32))
	}
	for {
		k, kind, n, enc, more := c.next()
		if !more {
			break
		}
		out = append(out, KeyValue{Key: unsafe.String(unsafe.SliceData(k), len(k)), Kind: kind, n: n, enc: enc})
	}
	return out, c.i
}

// dataAt is Data, for a page whose sections start at offset at (see
// values). It reads the bytes directly, without a cursor: site rules ask
// every page of the site for their data, several rules each, and the
// encoding was checked whole when it was decoded.
func (ip IndexPage) dataAt(at int, rule string) []byte {
	b := ip.rec
	if len(b) == 0 || b[0]&flagSkip != 0 || at >= len(b) {
		return nil
	}
	l, i, ok := uvarint(b, at) // the anchors' section, stepped over
	if !ok || l > uint64(len(b)-i) {
		return nil
	}
	l, i, ok = uvarint(b, i+int(l)) // the data's section: its length, count, then name and bytes of each
	if !ok || l > uint64(len(b)-i) {
		return nil
	}
	sec := b[:i+int(l)]
	n, i, ok := uvarint(sec, i)
	for ; ok && n > 0; n-- {
		var nl, dl uint64
		if nl, i, ok = uvarint(sec, i); !ok || nl > uint64(len(sec)-i) {
			return nil
		}
		name := sec[i : i+int(nl)]
		if dl, i, ok = uvarint(sec, i+int(nl)); !ok || dl > uint64(len(sec)-i) {
			return nil
		}
		if string(name) == rule {
			return sec[i : i+int(dl) : i+int(dl)]
		}
		i += int(dl)
	}
	return nil
}

// Anchors yields the ids of the page's headings and HTML elements.
func (ip IndexPage) Anchors() iter.Seq[string] {
	return func(yield func(string) bool) {
		c := newCursor(ip.rec)
		for {
			if _, _, _, _, more := c.next(); !more {
				break
			}
		}
		for id := range c.anchors() {
			if !yield(id) {
				return
			}
		}
	}
}

// Data returns what the rule contributed to the index for the page
// (Rule.Contribute), or nil. The bytes are the index's: read them only.
func (ip IndexPage) Data(rule string) []byte {
	c := newCursor(ip.rec)
	for {
		if _, _, _, _, more := c.next(); !more {
			break
		}
	}
	return ip.dataAt(c.i, rule)
}

// cursor reads an IndexPage encoding in order, for Lookup, Anchors and
// DecodeIndexPage alike. Past the end of a damaged encoding it reads
// nothing more and sets bad.
type cursor struct {
	b     []byte
	i     int
	flags uint64
	left  uint64 // values not yet read
	bad   bool
}

func newCursor(rec []byte) cursor {
	if len(rec) == 0 {
		return cursor{} // the zero IndexPage: nothing
	}
	flags, i, ok := uvarint(rec, 0)
	c := cursor{b: rec, i: i, flags: flags, bad: !ok}
	if ok && flags&flagSkip == 0 {
		c.left, c.i, ok = uvarint(rec, i)
		c.bad = !ok
	}
	return c
}

// str reads a length-prefixed string; its bounds in c.b.
func (c *cursor) str() (int, int) {
	n, start, ok := uvarint(c.b, c.i)
	if c.bad || !ok || n > uint64(len(c.b)-start) {
		c.fail()
		return c.i, c.i
	}
	c.i = start + int(n)
	return start, c.i
}

func (c *cursor) fail() { c.bad, c.i, c.left = true, len(c.b), 0 }

// next reads the next value: its key, kind, number of items and their
// encoding; more is false after the last. It works on locals: it runs for
// every value of every page a site rule looks at.
func (c *cursor) next() (key []byte, kind yaml.Kind, n int, enc []byte, more bool) {
	b, i := c.b, c.i
	if c.left == 0 || i >= len(b) { // values remain only while bytes do
		if c.left != 0 {
			c.fail()
		}
		return nil, 0, 0, nil, false
	}
	c.left--
	var kl, k, items, l uint64
	var ok1, ok2, ok3 bool
	kl, i, ok1 = uvarint(b, i)
	if !ok1 || kl > uint64(len(b)-i) {
		c.fail()
		return nil, 0, 0, nil, false
	}
	ks := i
	i += int(kl)
	k, i, ok2 = uvarint(b, i)
	items, i, ok3 = uvarint(b, i)
	if !ok2 || !ok3 || items > uint64(len(b)-i) { // each item takes five bytes at least
		c.fail()
		return nil, 0, 0, nil, false
	}
	l, i, ok1 = uvarint(b, i) // the items' bytes
	if !ok1 || l > uint64(len(b)-i) {
		c.fail()
		return nil, 0, 0, nil, false
	}
	c.i = i + int(l)
	return b[ks : ks+int(kl)], yaml.Kind(k), int(items), b[i:c.i:c.i], true
}

// uvarint reads the varint at b[i:] and returns it with the offset after
// it; ok is false past the end or for a damaged varint.
func uvarint(b []byte, i int) (v uint64, next int, ok bool) {
	if i < len(b) && b[i] < 0x80 {
		return uint64(b[i]), i + 1, true
	}
	if i >= len(b) {
		return 0, len(b), false
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 {
		return 0, len(b), false
	}
	return v, i + n, true
}

// anchors yields the anchors, once next has read every value.
func (c *cursor) anchors() iter.Seq[string] {
	return func(yield func(string) bool) {
		all := unsafe.String(unsafe.SliceData(c.b), len(c.b)) // anchors cost no copy
		c.section(func() bool {
			s, e := c.str()
			return !c.bad && yield(all[s:e])
		})
	}
}

// data yields the rules' contributions, once anchors has read every anchor.
func (c *cursor) data() iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		all := unsafe.String(unsafe.SliceData(c.b), len(c.b)) // names cost no copy
		c.section(func() bool {
			ns, ne := c.str()
			ds, de := c.str()
			return !c.bad && yield(all[ns:ne], c.b[ds:de:de])
		})
	}
}

// section reads a counted section of the encoding (the anchors, the
// rules' data): its length and count, then each entry by item, until item
// returns false; the cursor then stands after the section, however much
// of it item read. An entry that runs past the section damages the page.
// A page that feeds nothing to the index has no sections.
func (c *cursor) section(item func() bool) {
	end, ok := c.sectionStart()
	if !ok {
		return
	}
	n, i, ok := uvarint(c.b[:end], c.i)
	if !ok {
		c.fail()
		return
	}
	c.i = i
	whole := c.b
	c.b = whole[:end] // entries are read within the section
	all := true
	for range n {
		if !item() {
			all = false
			break
		}
	}
	if c.bad {
		c.b, c.i = whole, len(whole)
		return
	}
	c.b = whole
	if all && c.i != end {
		c.fail() // entries that do not fill their section
		return
	}
	c.i = end
}

// sectionStart reads a section's length and returns where it ends.
func (c *cursor) sectionStart() (end int, ok bool) {
	if c.flags&flagSkip != 0 || c.bad || len(c.b) == 0 {
		return 0, false
	}
	l, i, ok := uvarint(c.b, c.i)
	if !ok || l > uint64(len(c.b)-i) {
		c.fail()
		return 0, false
	}
	c.i = i
	return i + int(l), true
}

// KeyValue is a top-level front matter value as the index keeps it.
type KeyValue struct {
	Key string
	// Kind is the YAML node kind of the value.
	Kind yaml.Kind
	// the scalar value, or the scalar items of a list (nested collections
	// are left out): decoded on a parsed page, encoded on an index page
	items []Value
	enc   []byte
	n     int
}

// First returns the scalar of a scalar value, or the first item of a list.
func (kv KeyValue) First() (Value, bool) {
	for v := range kv.Items() {
		return v, true
	}
	return Value{}, false
}

// Len is how many scalars Items yields.
func (kv KeyValue) Len() int {
	if kv.enc == nil {
		return len(kv.items)
	}
	return kv.n
}

// Items yields the scalar value, or the scalar items of a list.
func (kv KeyValue) Items() iter.Seq[Value] {
	return func(yield func(Value) bool) {
		if kv.enc == nil {
			for _, v := range kv.items {
				if !yield(v) {
					return
				}
			}
			return
		}
		r := binenc.NewReader(kv.enc)
		for range kv.n {
			if !yield(readItem(&r)) {
				return
			}
		}
	}
}

// Value is a scalar of the front matter.
type Value struct {
	// Text is the scalar's value; Tag its short YAML tag ("!!str", "!!int", "!!null"…).
	Text, Tag string
	// Span is where the scalar is written on a page parsed in full (Placed
	// is then true); empty on a page that is not linted, where no finding lands.
	Span   source.Span
	Placed bool
	// Plain is true for a plain scalar (no quotes, no block style) on a
	// page parsed in full: an edit appended to its text stays part of it.
	Plain bool
	// Verbatim is true when the text at Span is Text, byte for byte (a
	// scalar on one line): an edit may be built on it.
	Verbatim bool
	// Line, Column and EndColumn are where the scalar is written on a page
	// that is not linted (1-based, columns in characters; 0 when not
	// known), for related locations that point at it.
	Line, Column, EndColumn int32
}
