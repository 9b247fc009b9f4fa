package rules

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// valueAt is a front-matter string and where it is written: its span on
// a page parsed in full, empty on a page that is not linted.
type valueAt struct {
	Value string
	span  source.Span
	// the page of the site index and its value, for related locations
	page *lint.Facts
	raw  lint.Value
}

// related is where the value is written, as a related location (the
// start of its file when the value is not on a page of the index).
func (v valueAt) related(msg string) lint.Related {
	if v.page == nil {
		return lint.Related{Message: msg}
	}
	return v.page.RelatedValue(v.raw, msg)
}

// Span is where the value is written; empty on a page that is not linted.
func (v valueAt) Span() source.Span { return v.span }

// scalar returns a top-level string value of the front matter.
func scalar(fm *frontmatter.FrontMatter, key string) (valueAt, bool) {
	_, v := fm.Lookup(key)
	if v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return valueAt{}, false
	}
	return valueAt{Value: v.Value, span: fm.ValueSpan(v)}, true
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
	return valueAt{Value: v.Text, span: v.Span, page: f, raw: v}
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
	if f.Parsed != nil && f.Fences.Present {
		return f.Fences.Open
	}
	return source.Span{}
}

// urlRelated is where a page's URL is written, as a related location:
// its permalink, or the page itself when its collection's pattern gives it.
func urlRelated(f *lint.Facts, msg string) lint.Related {
	if v, ok := factScalar(f, "permalink"); ok {
		return v.related(msg)
	}
	return f.RelatedPage(msg)
}

// maxNamed is how many other pages a message names; related locations
// list them all.
const maxNamed = 3

// others names the site-relative paths of the pages in fs other than f:
// the first few, then how many more.
func others(fs []*lint.Facts, f *lint.Facts) string {
	var out []string
	for _, o := range fs {
		if o != f {
			out = append(out, o.Info.Rel)
		}
	}
	return fewNames(out)
}

// fewNames joins the first maxNamed names and says how many more there are.
func fewNames(names []string) string {
	if len(names) <= maxNamed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxNamed], ", "), len(names)-maxNamed)
}

// firstTarget is the page of a group (in index order) that a defect the
// group shares lands on: one finding, on the group's first page, nil when
// that page is not linted (a page linted alone then reports no more than
// a run over the whole site does).
func firstTarget(fs []*lint.Facts) *lint.Facts {
	if len(fs) > 0 && fs[0].Target {
		return fs[0]
	}
	return nil
}
