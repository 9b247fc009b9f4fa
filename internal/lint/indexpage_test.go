package lint

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/page"
)

var indexKeys = []string{"title", "order", "redirect_from", "child", "permalink"}

// values flattens the values of keys as Lookup gives them.
func values(lookup func(string) (KeyValue, bool)) [][]string {
	var out [][]string
	for _, k := range indexKeys {
		kv, ok := lookup(k)
		if !ok {
			out = append(out, nil)
			continue
		}
		got := []string{k, fmt.Sprint(kv.Kind)}
		for v := range kv.Items() {
			got = append(got, v.Text, v.Tag)
		}
		if n := (len(got) - 2) / 2; kv.Len() != n {
			panic(fmt.Sprintf("%s: Len %d, Items yields %d", k, kv.Len(), n))
		}
		out = append(out, got)
	}
	return out
}

// TestIndexPage checks that the encoded index page of a page answers as
// its parsed values do, and survives DecodeIndexPage unchanged.
func TestIndexPage(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		anchors   []string
		idsKnown  bool
	}{
		{"scalars and a list", "---\ntitle: Hello\norder: 5\nredirect_from:\n  - /a/\n  -\n  - [nested]\n  - /b/\n---\n# Hi\n\n## Hi\n", []string{"hi", "hi-1"}, true},
		{"single redirect and null", "---\nredirect_from: /old/\npermalink:\ntitle: ''\n---\n<p id=\"x\">y</p>\n", []string{"x"}, false},
		{"mapping value", "---\nchild: {a: 1}\ntitle: !custom T\n---\ntext\n", nil, false},
		{"no front matter", "# Only a heading\n", []string{"only-a-heading"}, true},
		{"include hides ids", "---\ntitle: T\n---\n# A\n\n{% include x.html %}\n", []string{"a"}, false},
		{"other keys only", "---\nlayout: x\n---\n", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg := page.NewParser().ParseIndex("p.md", []byte(tc.src))
			ip := NewIndexPage(pg, indexKeys, nil)
			parsed := indexValues(pg, indexKeys, true)
			want := values(func(k string) (KeyValue, bool) {
				f := &Facts{Parsed: &Parsed{}, Values: parsed}
				return f.Lookup(k)
			})
			if got := values(ip.Lookup); !reflect.DeepEqual(got, want) {
				t.Errorf("values:\n got %q\nwant %q", got, want)
			}
			if got := slices.Collect(ip.Anchors()); !slices.Equal(got, tc.anchors) {
				t.Errorf("anchors %q, want %q", got, tc.anchors)
			}
			if ip.IDsKnown() != tc.idsKnown || ip.Skip() {
				t.Errorf("ids known %v (want %v), skip %v", ip.IDsKnown(), tc.idsKnown, ip.Skip())
			}
			again, ok := DecodeIndexPage(ip.Bytes())
			if !ok || !reflect.DeepEqual(again, ip) {
				t.Errorf("DecodeIndexPage: %v, %+v", ok, again)
			}
			// stops when asked
			for range ip.Anchors() {
				break
			}
		})
	}
}

func TestSkipAndZeroPages(t *testing.T) {
	for _, ip := range []IndexPage{SkipPage(), {}} {
		if _, ok := ip.Lookup("title"); ok {
			t.Errorf("%v: a value", ip.Bytes())
		}
		if n := len(slices.Collect(ip.Anchors())); n != 0 || ip.IDsKnown() {
			t.Errorf("%v: %d anchors, ids known %v", ip.Bytes(), n, ip.IDsKnown())
		}
	}
	if !SkipPage().Skip() || (IndexPage{}).Skip() {
		t.Error("Skip is wrong")
	}
	if _, ok := DecodeIndexPage(SkipPage().Bytes()); !ok {
		t.Error("the skip page does not decode")
	}
	for _, rec := range [][]byte{nil, {}, {4}, {1, 0}, {0}, {0, 1, 0, 8, 1}, {0, 1, 0, 32, 0, 0}, {0, 0, 1}, {0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 1, 5, 0}} {
		if _, ok := DecodeIndexPage(rec); ok {
			t.Errorf("%v decoded", rec)
		}
	}
}

// FuzzDecodeIndexPage feeds damaged records to the decoder (the index
// cache is a file anyone may damage): it must never panic, and reading
// everything of a record it accepts must not either.
func FuzzDecodeIndexPage(f *testing.F) {
	pg := page.NewParser().ParseIndex("p.md", []byte("---\ntitle: A\nredirect_from: [/a/, null]\n---\n# Hi\n"))
	f.Add(NewIndexPage(pg, indexKeys, nil).Bytes())
	f.Add(SkipPage().Bytes())
	// flags, one value (key, kind, one item in 11 bytes), empty anchors and data sections
	f.Add([]byte{2, 1, 5, 't', 'i', 't', 'l', 'e', 8, 1, 11, 1, 'x', 5, '!', '!', 's', 't', 'r', 0, 0, 0, 1, 0, 1, 0})
	f.Fuzz(func(t *testing.T, rec []byte) {
		ip, ok := DecodeIndexPage(rec)
		if !ok {
			return
		}
		if ip.Skip() && len(rec) != 1 {
			t.Errorf("a skip page with more: %v", rec)
		}
		values(ip.Lookup)
		for range ip.Anchors() {
		}
		// what the facts of an index page read: its values once, then data from their end
		vs, at := ip.values()
		for _, kv := range vs {
			for range kv.Items() {
			}
		}
		ip.dataAt(at, "link-target")
	})
}

// FuzzIndexPage encodes the index page of random page text: the
// decoder must accept every encoding NewIndexPage writes.
func FuzzIndexPage(f *testing.F) {
	f.Add("---\ntitle: A\norder: 1\nredirect_from: [/a/, null]\n---\n# Hi\n<a id=\"x\"></a>\n")
	f.Add("---\ntitle:\n  - x\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		pg := page.NewParser().ParseIndex("p.md", []byte(src))
		ip := NewIndexPage(pg, indexKeys, nil)
		if _, ok := DecodeIndexPage(ip.Bytes()); !ok {
			t.Errorf("%q: its index page %v does not decode", src, ip.Bytes())
		}
		for _, kv := range indexValues(pg, indexKeys, false) {
			got, ok := ip.Lookup(kv.Key)
			n := 0
			for range got.Items() {
				n++
			}
			if !ok || got.Kind != kv.Kind || n != len(kv.items) {
				t.Errorf("%q: %s reads back as %+v", src, kv.Key, got)
			}
		}
	})
}

func BenchmarkIndexPageLookup(b *testing.B) {
	pg := page.NewParser().ParseIndex("p.md", []byte("---\ntitle: Page 24 about email\ncategory: create-account\npermalink: /help/create-account/page-1/\norder: 24\n---\n# A\n\n## B\n"))
	ip := NewIndexPage(pg, []string{"title", "category", "permalink", "order", "child", "redirect_from", "redirect_to"}, nil)
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range []string{"title", "order", "child", "redirect_from"} {
			ip.Lookup(k)
		}
	}
}

// TestIndexPageData: the rules' own data ride after the values and
// anchors, each read back by its rule's name, and the anchors still read.
func TestIndexPageData(t *testing.T) {
	pg := page.NewParser().Parse("p.md", []byte("---\ntitle: T\n---\n## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	ip := NewIndexPage(pg, []string{"title"}, []RuleData{{Rule: "other", Data: []byte{0, 1}}, {Rule: "shape", Data: []byte(pg.Shape(nil))}})
	if d := ip.Data("other"); string(d) != "\x00\x01" {
		t.Errorf("other's data = %q", d)
	}
	if d := ip.Data("none"); d != nil {
		t.Errorf("a rule that contributed nothing reads %q", d)
	}
	if v, ok := ip.Lookup("title"); !ok || v.Key != "title" {
		t.Error("the values do not read beside the data")
	}
	got := strings.Split(strings.TrimSuffix(string(ip.Data("shape")), "\n"), "\n")
	if want := []string{"table 2x2 @6", "headings 1"}; !slices.Equal(got, want) {
		t.Errorf("shape = %q, want %q", got, want)
	}
	if _, ok := DecodeIndexPage(ip.Bytes()); !ok {
		t.Error("the encoding with a shape does not decode")
	}
	var ids []string
	for id := range ip.Anchors() {
		ids = append(ids, id)
	}
	if !slices.Equal(ids, []string{"a"}) {
		t.Errorf("anchors = %q", ids)
	}
}

// TestIndexPagePlaces: the index keeps where each value is written (line,
// column and end column in characters), through DecodeIndexPage, so that a
// related location on a page not linted has its place; the full parse and
// the cheap index parse agree on it.
func TestIndexPagePlaces(t *testing.T) {
	src := "---\ntitle: \"Créer un compte\"\nredirect_from:\n  - /a/\n  - /été/\norder: 5\n---\nText.\n"
	want := map[string][][3]int{"title": {{2, 8, 25}}, "redirect_from": {{4, 5, 8}, {5, 5, 10}}, "order": {{6, 8, 9}}}
	for _, full := range []bool{false, true} {
		pg := page.NewParser().ParseIndex("p.md", []byte(src))
		if full {
			pg = page.NewParser().Parse("p.md", []byte(src))
		}
		ip, ok := DecodeIndexPage(NewIndexPage(pg, indexKeys, nil).Bytes())
		if !ok {
			t.Fatal("the encoding does not decode")
		}
		f := &Facts{Path: "p.md", Index: ip}
		for key, places := range want {
			kv, ok := ip.Lookup(key)
			if !ok {
				t.Fatalf("no %s", key)
			}
			i := 0
			for v := range kv.Items() {
				r := f.RelatedValue(v, "m")
				if got := [3]int{r.Line, r.Column, r.EndColumn}; i >= len(places) || got != places[i] {
					t.Errorf("full parse %v: %s item %d at %v, want %v", full, key, i, got, places)
				}
				i++
			}
		}
	}
}
