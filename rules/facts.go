package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// valueAt is a front-matter string and the node that holds it. Its span
// is computed only when a finding needs it: site rules look at the values
// of every page of the site but report on few.
type valueAt struct {
	Value string
	Node  *yaml.Node
	fm    *frontmatter.FrontMatter
}

// Span is where the value is written; empty on a page that is not linted.
func (v valueAt) Span() source.Span {
	if v.Node == nil {
		return source.Span{}
	}
	return v.fm.ValueSpan(v.Node)
}

// scalar returns a top-level string value of the front matter.
func scalar(fm *frontmatter.FrontMatter, key string) (valueAt, bool) {
	_, v := fm.Lookup(key)
	if v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return valueAt{}, false
	}
	return valueAt{Value: v.Value, Node: v, fm: fm}, true
}

// factScalar is scalar for a page of the site index.
func factScalar(f *lint.Facts, key string) (valueAt, bool) {
	v, ok := f.Scalar(key)
	if !ok || v.Tag == "!!null" {
		return valueAt{}, false
	}
	return at(f, v), true
}

// at places a value of the site index's page f.
func at(f *lint.Facts, v lint.Value) valueAt {
	if f.Parsed == nil {
		return valueAt{Value: v.Text} // a page that is not linted: no place needed
	}
	return valueAt{Value: v.Text, Node: v.Node, fm: f.FrontMatter}
}

// redirects returns redirect_from, a list or (as jekyll-redirect-from also
// accepts) a single string, whose Items are the entries; empty without
// entries. (An iterator returned from here would cost an allocation per
// call, and site rules call it for every page of the site.)
func redirects(f *lint.Facts) lint.KeyValue {
	kv, ok := f.Lookup("redirect_from")
	if ok && kv.Kind == yaml.ScalarNode {
		v, _ := kv.First()
		ok = v.Tag != "!!null"
	}
	if !ok || kv.Kind != yaml.ScalarNode && kv.Kind != yaml.SequenceNode {
		return lint.KeyValue{}
	}
	return kv
}

// urlSpan is where a page's URL is written: its permalink, or the front
// matter's opening fence when the URL comes from the collection's pattern.
func urlSpan(f *lint.Facts) source.Span {
	if v, ok := factScalar(f, "permalink"); ok {
		return v.Span()
	}
	if f.Parsed != nil && f.FrontMatter.Present {
		return f.FrontMatter.Open
	}
	return source.Span{}
}

// others lists the site-relative paths of the pages in fs other than f.
func others(fs []*lint.Facts, f *lint.Facts) string {
	var out []string
	for _, o := range fs {
		if o != f {
			out = append(out, o.Info.Rel)
		}
	}
	return strings.Join(out, ", ")
}
