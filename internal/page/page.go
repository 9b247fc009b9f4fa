// Package page parses a Jekyll page once into an immutable model that every
// rule reads: source bytes, front matter, Liquid tokens, a masked body of the
// same length, the Markdown tree, and the derived lists (links, headings,
// attribute lists, includes, HTML ids, code regions).
package page

import (
	"bytes"
	"slices"
	"sort"

	"github.com/helplint/helplint/internal/charscan"
	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/table"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Page is one parsed file. It is immutable after Parse returns.
type Page struct {
	File *source.File
	// BOM is true when the file starts with a UTF-8 byte order mark.
	BOM         bool
	FrontMatter *frontmatter.FrontMatter
	// BodyStart is the offset where the Markdown body starts.
	BodyStart int
	Liquid    liquid.Result
	// Masked is a copy of the file in which the BOM, the front matter and
	// Liquid are blanked; it has the same length, so offsets agree.
	Masked []byte
	// Doc is goldmark's tree of Masked.
	Doc ast.Node

	Links    []Link
	Headings []Heading
	// HTMLHeadings lists <h1>–<h6> start tags in the page's HTML.
	HTMLHeadings []HTMLHeading
	// Images lists Markdown images and HTML <img> tags.
	Images    []Img
	BlockIALs []IAL
	Includes  []Include
	// HTMLIDs lists id and name attributes of HTML elements (anchors).
	HTMLIDs []HTMLID
	// Code lists fenced and indented code blocks (whole lines).
	Code []source.Span
	// HTMLBlocks lists raw HTML blocks (whole lines).
	HTMLBlocks []source.Span
	// CodeSpans lists inline code spans, backticks included.
	CodeSpans []source.Span
	// Tables lists the tables as the site's renderer finds them.
	Tables []table.Table
	// Chars lists encoding damage: mojibake, invalid bytes, U+FFFD,
	// invisible characters; the first MaxChars of each kind.
	Chars []charscan.Issue
	// CharsLeftOut counts, by kind, the issues past the first MaxChars.
	CharsLeftOut [charscan.Kinds]int
	// Unread, when not empty, says which part of the body the Markdown
	// parse left out and why (see MaxNesting).
	Unread string
	// Directives lists the page's suppression comments.
	Directives []Directive
	// IndexOnly is true for a page parsed only for the site index (ParseIndex).
	IndexOnly bool
	// IDsExact is true when every heading id was computed as kramdown would.
	IDsExact bool
	// FrontMatterLinks is true when front matter strings hold Markdown
	// links: a layout renders them, with ids no page parse sees.
	FrontMatterLinks bool
}

// HTMLHeading is an <h1>–<h6> start tag.
type HTMLHeading struct {
	Level int
	Span  source.Span // the start tag
}

// Img is a Markdown image `![alt](src)` or an HTML <img> tag.
type Img struct {
	// Span covers `![alt](src)` with its glued IAL, or the <img> tag.
	Span source.Span
	// HTML is true for an <img> tag.
	HTML bool
	// Alt locates the alternative text: the text between the brackets, or
	// the alt attribute's value (quotes excluded); HasAlt is false for an
	// <img> without alt.
	Alt    source.Span
	HasAlt bool
	// Src is the source as written.
	Src string
	// Attrs are the other attributes that bear on the text alternative:
	// role, aria-hidden, aria-label, aria-labelledby, title, and alt when
	// a kramdown attribute list sets it.
	Attrs map[string]string
}

// LinkKind tells where a link comes from.
type LinkKind uint8

const (
	// Markdown is `[text](dest)` or a reference link.
	Markdown LinkKind = iota
	// Image is `![alt](src)`.
	Image
	// Autolink is `<https://…>`.
	Autolink
	// HTML is `<a href="…">`.
	HTML
)

// String names the kind.
func (k LinkKind) String() string {
	return [...]string{"markdown", "image", "autolink", "html"}[k]
}

// Link is a link in the body.
type Link struct {
	// Span covers the whole link: `[text](dest)` with its glued IAL, or the `<a …>` start tag.
	Span source.Span
	// Text is the link text (Markdown) or empty.
	Text source.Span
	// Dest is the destination as written in the file; DestSpan locates it.
	Dest     string
	DestSpan source.Span
	// IAL is the span attribute list glued to a Markdown link, if any.
	IAL *IAL
	// Classes are the classes from the IAL or the HTML class attribute.
	Classes []string
	// ClassAttr is the span of an HTML class attribute's value (quotes excluded), empty when absent.
	ClassAttr source.Span
	// TagEnd is the offset of the `>` (or `/>`) closing an HTML start tag.
	TagEnd int
	// Inner is the content of an HTML link, between its start and end
	// tags; empty when the end tag was not found.
	Inner source.Span
	// AriaLabel is an HTML link's aria-label (or aria-labelledby, which
	// names text elsewhere), when it has one.
	AriaLabel string
	// Tag is an HTML link's start tag as written (the text at Span), so
	// that an edit of its attributes needs no more of the page's text.
	Tag string

	// The kind and the flags sit together, in one word: the index keeps
	// every link of every page to lint, a quarter smaller so.
	Kind LinkKind
	// DestLiquid is true when the destination contains Liquid markup.
	DestLiquid bool
	// HasClassAttr is true when an HTML link has a class attribute.
	HasClassAttr bool
	// InFrontMatter is true for a link in a front-matter string.
	InFrontMatter bool
	// ProoferIgnore is true for a link in (or on) an element with the
	// data-proofer-ignore attribute: html-proofer, and link-target, leave it alone.
	ProoferIgnore bool
	// Inexact is true when the spans only approximate the link's place (a
	// link in a folded front-matter string); no fix may be built on them.
	Inexact bool
	// InnerFound is true when the end tag of an HTML link was found.
	InnerFound bool
	// HasAriaLabel is true when AriaLabel is set.
	HasAriaLabel bool
	// DestExact is true when the text at DestSpan is Dest, byte for byte
	// (no escape, no folding, spans exact): an edit may be built on it.
	DestExact bool
}

// keepSources copies into each link what edits of it read from the text,
// which a run that only reports lets go once the page rules are done.
func (pg *Page) keepSources() {
	text := pg.File.Text
	for i := range pg.Links {
		l := &pg.Links[i]
		l.DestExact = !l.Inexact && l.DestSpan.Len() == len(l.Dest) && l.DestSpan.End <= len(text) && string(text[l.DestSpan.Start:l.DestSpan.End]) == l.Dest
		if l.Kind == HTML && l.Span.End <= len(text) {
			l.Tag = string(text[l.Span.Start:l.Span.End])
		}
		if l.IAL != nil && l.IAL.Span.End <= len(text) && l.IAL.Span.Start >= 0 {
			l.IAL.Text = string(text[l.IAL.Span.Start:l.IAL.Span.End])
		}
	}
}

// HasClass reports whether the link carries class c.
func (l *Link) HasClass(c string) bool {
	for _, x := range l.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Heading is an ATX or setext heading.
type Heading struct {
	Level int
	Span  source.Span // the heading's text on its line
	Text  string      // the raw text kramdown uses for its id (Markdown kept, `{#id}` removed)
	ID    string      // the id kramdown gives it
	// Explicit is true when the id comes from `{#id}`.
	Explicit bool
}

// Include is a `{% include name args %}` tag.
type Include struct {
	Name     string
	NameSpan source.Span
	Tag      source.Span
}

// HTMLID is an id or name attribute in raw HTML.
type HTMLID struct {
	ID   string
	Span source.Span
}

// MaxChars is how many encoding issues of each kind a page keeps: more
// than the engine lists of one rule in one file (lint.MaxFindings), so that
// the last one listed still quotes its neighbours. A 50 MB page of
// mojibake held 3 GB of them.
const MaxChars = 2000

// Parser parses pages. It is safe for concurrent use.
type Parser struct {
	md goldmark.Markdown
	// Tables is the dialect whose table rules apply (kramdown by default).
	Tables table.Dialect
	// SkipChars leaves Chars empty, for runs with every encoding rule off.
	SkipChars bool
	// Kramdown are the site's kramdown options (_config.yml's `kramdown:`).
	Kramdown Kramdown
}

// Kramdown holds the kramdown options that change what a page holds.
type Kramdown struct {
	// ParseBlockHTML makes kramdown read the content of block HTML
	// elements as Markdown (parse_block_html).
	ParseBlockHTML bool
	// NoAutoIDs is auto_ids: false: headings get no automatic id.
	NoAutoIDs bool
	// AutoIDPrefix is prepended to every automatic id (auto_id_prefix).
	AutoIDPrefix string
	// Input is kramdown's parser: "GFM" (Jekyll's default) or "kramdown",
	// whose heading ids follow kramdown's own rules.
	Input string
	// AutoIDStripping makes kramdown input's ids from the heading's text
	// without its markup (auto_id_stripping).
	AutoIDStripping bool
	// Transliterated is transliterated_header_ids: kramdown's own ids spell
	// letters in ASCII, by tables helplint does not have (such ids are
	// then inexact).
	Transliterated bool
	// SiteVars are _config.yml's top-level scalar values, by key: what
	// `{{ site.KEY }}` in a heading outputs, for its id.
	SiteVars map[string]string
}

// NewParser returns a parser with the Markdown dialect of a kramdown site:
// CommonMark with header attributes (`## T {#id}`), no GFM extension
// (kramdown does not autolink bare URLs; tables are internal/table's, and
// dropCutLinks applies their cells to links).
func NewParser() *Parser {
	return &Parser{md: newMarkdown()}
}

// Parse builds the page model of path from its bytes.
func (p *Parser) Parse(path string, data []byte) *Page {
	f := source.New(path, data)
	pg := &Page{File: f, IDsExact: true}
	if !p.SkipChars {
		pg.Chars, pg.CharsLeftOut = charscan.ScanFirst(data, MaxChars)
	}
	pg.readHead()

	pg.Masked = bytes.Clone(data) // not zeroed first, as make and copy would
	for i := 0; i < pg.BodyStart; i++ {
		if pg.Masked[i] != '\n' && pg.Masked[i] != '\r' {
			pg.Masked[i] = ' '
		}
	}
	liquid.Mask(pg.Masked, pg.Liquid)
	pg.capBody()

	sc := scanHTML(pg.Masked, pg.BodyStart, p.Kramdown.ParseBlockHTML)
	md, hl := markdownInput(pg, sc)
	pg.Doc = p.md.Parser().Parse(text.NewReader(md))
	b := builder{pg: pg, ids: map[string]int{}, md: md, opts: &p.Kramdown, inside: sc.inside}
	// room for the links at once: growing the list a link at a time was a
	// twentieth of what a run allocates (the facts keep a copy of its size)
	pg.Links = make([]Link, 0, bytes.Count(md, []byte("]("))+bytes.Count(md, []byte("]["))+bytes.Count(md, []byte("<a")))
	b.walk()
	b.kramdownHTML(sc)
	pg.Code = append(pg.Code, hl...)
	pg.sortLists()
	for i := range pg.Links {
		pg.Links[i].ProoferIgnore = inSpans(b.ignored, pg.Links[i].Span.Start)
	}
	b.blockIALs()
	b.headingIDs()
	b.includes()
	p.frontMatterLinks(pg)
	pg.Directives = pg.directives()
	pg.Tables = table.Scan(pg.Masked, pg.BodyStart, b.inBlock, p.Tables)
	pg.Links, pg.Images = dropCutLinks(pg.Links, pg.Images, pg.Tables)
	pg.keepSources()
	return pg
}

// sortLists puts the lists that both the Markdown tree and the HTML scan
// fill in file order, as rules read them.
func (pg *Page) sortLists() {
	slices.SortStableFunc(pg.Links, func(a, b Link) int { return a.Span.Start - b.Span.Start })
	slices.SortStableFunc(pg.Images, func(a, b Img) int { return a.Span.Start - b.Span.Start })
	slices.SortStableFunc(pg.HTMLIDs, func(a, b HTMLID) int { return a.Span.Start - b.Span.Start })
	slices.SortStableFunc(pg.HTMLHeadings, func(a, b HTMLHeading) int { return a.Span.Start - b.Span.Start })
	slices.SortStableFunc(pg.HTMLBlocks, func(a, b source.Span) int { return a.Start - b.Start })
	slices.SortStableFunc(pg.Code, func(a, b source.Span) int { return a.Start - b.Start })
}

// dropCutLinks removes the links and images that a table's cell separator
// cuts in two. goldmark reads a table row as a paragraph (its GFM table
// extension splits cells as kramdown does not, inside code spans too, and
// costs every process 3 ms of regular expressions at start-up), while
// kramdown splits a row into cells before it reads their Markdown:
// `[a | b](/c)` in a row is two cells of text, no link, and `![a | b](/c)`
// no image.
func dropCutLinks(links []Link, images []Img, tables []table.Table) ([]Link, []Img) {
	seps := table.Seps(tables) // ascending: tables and rows come in file order
	if len(seps) == 0 {
		return links, images
	}
	cut := func(s source.Span) bool {
		i, _ := slices.BinarySearch(seps, s.Start)
		return i < len(seps) && seps[i] < s.End
	}
	links = slices.DeleteFunc(links, func(l Link) bool { return !l.InFrontMatter && cut(l.Span) })
	images = slices.DeleteFunc(images, func(img Img) bool { return cut(img.Span) })
	return links, images
}

// readHead finds what both parses need: a BOM, the front matter, where the
// body starts, and the Liquid markup.
func (pg *Page) readHead() {
	data := pg.File.Text
	start := 0
	if bytes.HasPrefix(data, []byte(source.BOM)) {
		pg.BOM = true
		start = len(source.BOM)
	}
	pg.FrontMatter = frontmatter.Parse(pg.File, start)
	pg.BodyStart = pg.FrontMatter.End
	pg.Liquid = liquid.Lex(data, pg.BodyStart)
}

// InLiquid reports whether offset off lies inside a Liquid token or a comment block.
func (pg *Page) InLiquid(off int) bool {
	return pg.LiquidIn(source.Span{Start: off, End: off + 1}) || pg.inComment(off)
}

// inComment reports whether off lies in a comment block. Blocks come in
// file order and do not overlap.
func (pg *Page) inComment(off int) bool {
	bs := pg.Liquid.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Open.Start > off }) - 1
	if i < 0 {
		return false
	}
	b := bs[i]
	return b.Name == "comment" && off >= b.Open.Start && off < max(b.Close.End, b.Body.End)
}

// LiquidIn reports whether any Liquid token overlaps span s.
func (pg *Page) LiquidIn(s source.Span) bool {
	// tokens come in file order and do not overlap: the first that ends
	// after s starts is the only one that can overlap it first (a page with
	// 100,000 tokens asks this for each finding)
	ts := pg.Liquid.Tokens
	i := sort.Search(len(ts), func(i int) bool { return ts[i].Span.End > s.Start })
	return i < len(ts) && ts[i].Span.Start < s.End
}
