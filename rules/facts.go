package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// valueAt is a front-matter string and where it is written.
type valueAt struct {
	Value string
	Span  source.Span
}

// scalar returns a top-level string value of the front matter and its span.
func scalar(fm *frontmatter.FrontMatter, key string) (valueAt, bool) {
	_, v := fm.Lookup(key)
	if v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return valueAt{}, false
	}
	return valueAt{Value: v.Value, Span: fm.ValueSpan(v)}, true
}

// redirects returns the entries of redirect_from, a list or (as
// jekyll-redirect-from also accepts) a single string.
func redirects(fm *frontmatter.FrontMatter) []valueAt {
	_, v := fm.Lookup("redirect_from")
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.ShortTag() != "!!null" {
			return []valueAt{{Value: v.Value, Span: fm.ValueSpan(v)}}
		}
	case yaml.SequenceNode:
		var out []valueAt
		for _, c := range v.Content {
			if c.Kind == yaml.ScalarNode {
				out = append(out, valueAt{Value: c.Value, Span: fm.ValueSpan(c)})
			}
		}
		return out
	}
	return nil
}

// urlSpan is where a page's URL is written: its permalink, or the front
// matter's opening fence when the URL comes from the collection's pattern.
func urlSpan(f *lint.Facts) source.Span {
	if v, ok := scalar(f.FrontMatter, "permalink"); ok {
		return v.Span
	}
	if f.FrontMatter.Present {
		return f.FrontMatter.Open
	}
	return source.Span{}
}

// isRedirectStub reports whether a page only redirects elsewhere.
func isRedirectStub(f *lint.Facts) bool {
	_, ok := scalar(f.FrontMatter, "redirect_to")
	return ok
}

// eachNode calls fn for every node of the front matter, depth first, to a
// depth that stops pathological nesting.
func eachNode(fm *frontmatter.FrontMatter, fn func(*yaml.Node)) {
	if fm.Doc == nil {
		return
	}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if depth > 100 {
			return
		}
		fn(n)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(fm.Doc, 0)
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
