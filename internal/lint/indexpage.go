package lint

import (
	"encoding/binary"
	"iter"
	"slices"

	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/page"
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
// of values, each a key, a YAML kind, and a count of items, each a text
// and a tag; the count of anchors, each a string.
type IndexPage struct{ rec []byte }

const (
	flagSkip     = 1
	flagIDsKnown = 2
)

// SkipPage is the index page of a file that feeds nothing to the index:
// binary, or HTML without front matter (which Jekyll copies as is).
func SkipPage() IndexPage { return IndexPage{rec: []byte{flagSkip}} }

// NewIndexPage keeps what the site index needs of pg: the top-level
// front matter values of keys, and the anchors.
func NewIndexPage(pg *page.Page, keys []string) IndexPage {
	var b []byte
	flags := uint64(0)
	if idsKnown(pg) {
		flags |= flagIDsKnown
	}
	b = binenc.AppendUint(b, flags)
	vals := indexValues(pg, keys, false)
	b = binenc.AppendInt(b, len(vals))
	for _, kv := range vals {
		b = binenc.AppendString(b, kv.Key)
		b = binenc.AppendUint(b, uint64(kv.Kind))
		b = binenc.AppendInt(b, len(kv.items))
		for _, v := range kv.items {
			b = binenc.AppendString(b, v.Text)
			b = binenc.AppendString(b, v.Tag)
		}
	}
	b = binenc.AppendInt(b, len(pg.Headings)+len(pg.HTMLIDs))
	for _, h := range pg.Headings {
		b = binenc.AppendString(b, h.ID)
	}
	for _, h := range pg.HTMLIDs {
		b = binenc.AppendString(b, h.ID)
	}
	return IndexPage{rec: slices.Clip(b)}
}

// idsKnown reports whether a page's anchors are all known: its ids were
// computed exactly, and no include and no front matter rendered by its
// layout can add others.
func idsKnown(pg *page.Page) bool {
	return pg.IDsExact && len(pg.Headings) > 0 && len(pg.Includes) == 0 && !pg.FrontMatterLinks
}

// DecodeIndexPage returns the index page encoded in rec, which must not
// be modified while the page is in use; ok is false when rec is damaged.
// It checks the whole encoding once, so that later reads need not.
func DecodeIndexPage(rec []byte) (ip IndexPage, ok bool) {
	r := binenc.NewReader(rec)
	flags := r.Uint()
	if flags > flagSkip|flagIDsKnown {
		return IndexPage{}, false
	}
	if flags&flagSkip == 0 {
		for range r.Count(3) {
			r.Skip()
			if yaml.Kind(r.Uint()) > yaml.AliasNode {
				return IndexPage{}, false
			}
			for range r.Count(2) {
				r.Skip()
				r.Skip()
			}
		}
		for range r.Count(1) {
			r.Skip()
		}
	}
	if r.Err() != nil || r.Len() != 0 {
		return IndexPage{}, false
	}
	return IndexPage{rec: rec}, true
}

// Bytes returns the encoding, which the caller must not modify.
func (ip IndexPage) Bytes() []byte { return ip.rec }

// Skip reports whether the file feeds nothing to the index (see SkipPage).
func (ip IndexPage) Skip() bool { return len(ip.rec) > 0 && ip.rec[0]&flagSkip != 0 }

// IDsKnown reports whether Anchors are all the page's anchors.
func (ip IndexPage) IDsKnown() bool { return len(ip.rec) > 0 && ip.rec[0]&flagIDsKnown != 0 }

// values returns a reader at the values; ok is false for a skipped or empty page.
func (ip IndexPage) values() (r binenc.Reader, ok bool) {
	if len(ip.rec) < 2 {
		return r, false
	}
	r = binenc.NewReader(ip.rec)
	r.Uint()
	return r, true
}

// Lookup returns the value of key, one of the index keys.
func (ip IndexPage) Lookup(key string) (KeyValue, bool) {
	// site rules look up several keys of every page of the site: this
	// reads the encoding directly, one-byte varints inline
	b := ip.rec
	if len(b) < 2 {
		return KeyValue{}, false
	}
	_, i := uvarint(b, 0)
	nv, i := uvarint(b, i)
	for range nv {
		if i >= len(b) { // only a damaged record, which DecodeIndexPage refuses, ends here
			return KeyValue{}, false
		}
		var kl, kind, n, l uint64
		kl, i = uvarint(b, i)
		if kl > uint64(len(b)-i) {
			return KeyValue{}, false
		}
		k := b[i : i+int(kl)]
		i += int(kl)
		kind, i = uvarint(b, i)
		n, i = uvarint(b, i)
		start := i
		for range 2 * n {
			if l, i = uvarint(b, i); i >= len(b) || l > uint64(len(b)-i) {
				return KeyValue{}, false
			}
			i += int(l)
		}
		if string(k) == key {
			return KeyValue{Key: key, Kind: yaml.Kind(kind), n: int(n), enc: b[start:i]}, true
		}
	}
	return KeyValue{}, false
}

// uvarint reads the varint at b[i:] and returns it with the offset after
// it; past the end or damaged, it returns 0 and len(b).
func uvarint(b []byte, i int) (uint64, int) {
	if i < len(b) && b[i] < 0x80 {
		return uint64(b[i]), i + 1
	}
	if i >= len(b) {
		return 0, len(b)
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 {
		return 0, len(b)
	}
	return v, i + n
}

// Anchors yields the ids of the page's headings and HTML elements.
func (ip IndexPage) Anchors() iter.Seq[string] {
	return func(yield func(string) bool) {
		r, ok := ip.values()
		if !ok {
			return
		}
		for range r.Int() {
			r.Skip()
			r.Uint()
			for range r.Int() {
				r.Skip()
				r.Skip()
			}
		}
		for range r.Int() {
			if !yield(r.String()) {
				return
			}
		}
	}
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

// Len is the number of items: 1 for a scalar, the number of scalar items of a list.
func (kv KeyValue) Len() int {
	if kv.enc != nil {
		return kv.n
	}
	return len(kv.items)
}

// First returns the scalar of a scalar value, or the first item of a list.
func (kv KeyValue) First() (Value, bool) {
	for v := range kv.Items() {
		return v, true
	}
	return Value{}, false
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
			if !yield(Value{Text: r.String(), Tag: r.String()}) {
				return
			}
		}
	}
}

// Value is a scalar of the front matter.
type Value struct {
	// Text is the scalar's value; Tag its short YAML tag ("!!str", "!!int", "!!null"…).
	Text, Tag string
	// Node is the scalar in a parsed page, nil on a page that is not
	// linted: no finding lands there, so none needs its place.
	Node *yaml.Node
}
