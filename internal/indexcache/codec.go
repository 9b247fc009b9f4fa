package indexcache

import (
	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/lint"
	"go.yaml.in/yaml/v3"
)

// encodePage appends an index page.
func encodePage(b []byte, ip *lint.IndexPage) []byte {
	if ip.Skip {
		return binenc.AppendBool(b, false)
	}
	b = binenc.AppendBool(b, true)
	items := 0
	for _, kv := range ip.Values {
		items += len(kv.Items)
	}
	b = binenc.AppendInt(b, len(ip.Values))
	b = binenc.AppendInt(b, items)
	for _, kv := range ip.Values {
		b = binenc.AppendString(b, kv.Key)
		b = binenc.AppendUint(b, uint64(kv.Kind))
		b = binenc.AppendInt(b, len(kv.Items))
		for _, v := range kv.Items {
			b = binenc.AppendString(b, v.Text)
			b = binenc.AppendString(b, v.Tag)
		}
	}
	b = binenc.AppendInt(b, len(ip.Anchors))
	for _, a := range ip.Anchors {
		b = binenc.AppendString(b, a)
	}
	return binenc.AppendBool(b, ip.IDsKnown)
}

// decodePage reads what encodePage wrote into ip; ok is false for damaged
// data. Its strings share rec's memory.
func decodePage(rec []byte, ip *lint.IndexPage, a *arena) (ok bool) {
	*ip = lint.IndexPage{}
	r := binenc.NewReader(rec)
	if !r.Bool() {
		ip.Skip = true
		return r.Err() == nil && r.Len() == 0
	}
	if n := r.Count(3); n > 0 {
		ip.Values = take(&a.vals, n)
		items := take(&a.items, r.Count(2))
		for i := range ip.Values {
			kv := &ip.Values[i]
			kv.Key = r.String()
			kv.Kind = yaml.Kind(r.Uint())
			if m := r.Int(); m > 0 {
				if m > len(items) {
					return false
				}
				kv.Items, items = items[:m:m], items[m:]
				for j := range kv.Items {
					kv.Items[j].Text = r.String()
					kv.Items[j].Tag = r.String()
				}
			}
		}
		if len(items) != 0 {
			return false
		}
	} else if r.Int() != 0 {
		return false
	}
	if n := r.Count(1); n > 0 {
		ip.Anchors = take(&a.strs, n)
		for i := range ip.Anchors {
			ip.Anchors[i] = r.String()
		}
	}
	ip.IDsKnown = r.Bool()
	return r.Err() == nil && r.Len() == 0
}

// arena hands out the slices of decoded pages from large blocks: a run
// decodes thousands of pages, and an allocation for each part of each page
// cost more than the decoding.
type arena struct {
	vals  []lint.KeyValue
	items []lint.Value
	strs  []string
}

const arenaBlock = 1024

// take cuts n items from the block in *pool, starting a new block when it
// has too few left.
func take[T any](pool *[]T, n int) []T {
	if n > len(*pool) {
		*pool = make([]T, max(n, arenaBlock))
	}
	s := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return s
}
