package lint

import (
	"bytes"
	"sort"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

// Facts is what the site index keeps of a page once its page rules have
// run: enough for cross-file rules, without the Markdown tree.
type Facts struct {
	// Path is the path as the user named it (or as the walk found it).
	Path string
	// Abs is the absolute path.
	Abs string
	// Target is true when findings on this page are reported.
	Target bool
	Info   site.Info
	// URL is the page's output URL.
	URL         string
	File        *source.File
	FrontMatter *frontmatter.FrontMatter
	Links       []page.Link
	Headings    []page.Heading
	HTMLIDs     []page.HTMLID
	Includes    []page.Include
	// Liquid holds the spans of Liquid tokens, which fixes must not cut into.
	Liquid []source.Span
	// Directives are the page's suppression comments.
	Directives []page.Directive
	// IDsKnown is true when Headings and HTMLIDs are all the page's anchors:
	// its ids were computed exactly, and no include and no front matter
	// rendered by its layout can add others.
	IDsKnown bool
}

// NewFacts extracts the facts of a parsed page.
func NewFacts(pg *page.Page, in Input, info site.Info, s *site.Site) *Facts {
	permalink, _ := pg.FrontMatter.String("permalink")
	f := &Facts{
		Path: in.Path, Abs: in.Abs, Target: in.Target, Info: info, URL: s.URL(info, permalink),
		File: pg.File, FrontMatter: pg.FrontMatter,
		Links: pg.Links, Headings: pg.Headings, HTMLIDs: pg.HTMLIDs, Includes: pg.Includes,
		Directives: pg.Directives,
	}
	for _, t := range pg.Liquid.Tokens {
		f.Liquid = append(f.Liquid, t.Span)
	}
	f.IDsKnown = pg.IDsExact && len(pg.Headings) > 0 && len(pg.Includes) == 0 && !frontMatterMarkdown(pg)
	return f
}

// Index is every page of the site, sorted by site-relative path, with lookups by URL.
type Index struct {
	Pages []*Facts
	byURL map[string][]*Facts
}

// NewIndex sorts the pages and builds the lookups.
func NewIndex(pages []*Facts) *Index {
	sort.Slice(pages, func(i, j int) bool { return pages[i].Info.Rel < pages[j].Info.Rel })
	ix := &Index{Pages: pages, byURL: map[string][]*Facts{}}
	for _, p := range pages {
		ix.byURL[p.URL] = append(ix.byURL[p.URL], p)
	}
	return ix
}

// ByURL returns the pages published at url.
func (ix *Index) ByURL(url string) []*Facts { return ix.byURL[url] }

// frontMatterMarkdown reports front matter holding Markdown links, which a
// layout renders (with ids helplint cannot see).
func frontMatterMarkdown(pg *page.Page) bool {
	if pg.IndexOnly {
		fm := pg.FrontMatter
		return fm.Present && bytes.Contains(pg.File.Text[fm.Content.Start:fm.Content.End], []byte("]("))
	}
	for _, l := range pg.Links {
		if l.InFrontMatter {
			return true
		}
	}
	return false
}
