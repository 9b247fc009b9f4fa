package rules

import (
	"bytes"
	"slices"
	"sort"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/table"
)

// linkSyntax reports Markdown that was meant as a link but renders as
// text, and attribute lists kramdown never applies.
func linkSyntax() *lint.Rule {
	return &lint.Rule{
		Name:     "link-syntax",
		Doc:      doc("link-syntax"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			sc := newLinkScan(p.Page)
			sc.brackets(p)
			sc.detachedIALs(p)
			checkRenderedLinks(p)
			sc.curlyIALs(p)
		},
	}
}

// linkScan is what link-syntax's checks share of a page: its masked text,
// the regions that are not Markdown, the ends of the links' texts, and
// the table cell separators.
type linkScan struct {
	pg       *page.Page
	m        []byte
	opaque   []source.Span
	textEnds []int // ascending offsets of the ] that end a link's text (a page may have thousands)
	seps     []int // ascending: tables and rows come in file order
}

func newLinkScan(pg *page.Page) *linkScan {
	sc := &linkScan{pg: pg, m: pg.Masked, opaque: opaqueSpans(pg), textEnds: make([]int, 0, len(pg.Links))}
	for _, l := range pg.Links {
		if (l.Kind == page.Markdown || l.Kind == page.Image) && !l.InFrontMatter {
			sc.textEnds = append(sc.textEnds, l.Text.End)
			if e := l.Span.End - 1; l.IAL == nil && e > l.Text.End && sc.m[e] == ']' {
				sc.textEnds = append(sc.textEnds, e) // a reference's label: [text][ref](note) is a link, then text
			}
		}
	}
	slices.Sort(sc.textEnds)
	sc.seps = table.Seps(pg.Tables)
	return sc
}

// endsText reports whether the ] at off ends a link's text.
func (sc *linkScan) endsText(off int) bool {
	_, found := slices.BinarySearch(sc.textEnds, off)
	return found
}

// in reports whether off lies where Markdown is not read.
func (sc *linkScan) in(off int) bool {
	i := sort.Search(len(sc.opaque), func(i int) bool { return sc.opaque[i].End > off })
	return i < len(sc.opaque) && sc.opaque[i].Start <= off
}

// cut reports a would-be link that a table's cell separator splits: a | in
// its brackets, which the table rules report (escape it).
func (sc *linkScan) cut(start, end int) bool {
	k, _ := slices.BinarySearch(sc.seps, start)
	return k < len(sc.seps) && sc.seps[k] < end
}

// brackets reports ](…) and ] (…) that render as text, not links.
func (sc *linkScan) brackets(p *lint.Pass) {
	m := sc.m
	for i := sc.pg.BodyStart; i+1 < len(m); i++ {
		// most bytes are no ]: IndexByte steps to the next one
		j := bytes.IndexByte(m[i:len(m)-1], ']')
		if j < 0 {
			return
		}
		i += j
		switch {
		case m[i+1] == '(' && !sc.endsText(i) && !sc.in(i):
			open := openBracket(m, i)
			if open < 0 || sc.cut(open, i) {
				continue
			}
			p.Reportf(source.Span{Start: open, End: i + 2}, "%s", brokenLinkReason(sc.pg, m, open, i))
		case (m[i+1] == ' ' || m[i+1] == '\t') && !sc.in(i):
			j := i + 1
			for j < len(m) && (m[j] == ' ' || m[j] == '\t') {
				j++
			}
			if j < len(m) && m[j] == '(' && looksLikeURL(m[j+1:]) {
				if open := openBracket(m, i); open >= 0 && !sc.endsText(i) {
					p.Reportf(source.Span{Start: open, End: j + 1}, "[text] (url) renders as text: kramdown needs ] and ( side by side; remove the space")
				}
			}
		}
	}
}

// brokenLinkReason says why [text](… at open and i renders as text.
func brokenLinkReason(pg *page.Page, m []byte, open, i int) string {
	msg := "this renders as text, not a link: "
	switch {
	case insideLink(pg, open):
		return msg + "a link cannot hold another link; take the inner one out"
	case bytes.IndexByte(m[i+2:lineEnd(m, i)], ')') < 0:
		return msg + "the link's ( is never closed with )"
	case looksLikeURL(m[i+2:]) && bytes.ContainsAny(m[i+2:i+2+bytes.IndexByte(m[i+2:lineEnd(m, i)], ')')], " \t"):
		return "a space in the destination: kramdown links to the text as written, space and all, and the link goes nowhere; remove the space (or write %20)"
	}
	return msg + "check the brackets and parentheses, and escape a literal ] as \\]"
}

// detachedIALs reports attribute lists kramdown applies to nothing: a stray
// ) or ] between a link and its list, or a space before it.
func (sc *linkScan) detachedIALs(p *lint.Pass) {
	m := sc.m
	for _, l := range sc.pg.Links {
		if l.InFrontMatter || (l.Kind != page.Markdown && l.Kind != page.Autolink) || l.IAL != nil {
			continue
		}
		end := l.Span.End
		j := end
		for j < len(m) && (m[j] == ')' || m[j] == ']') {
			j++
		}
		k := j
		for k < len(m) && (m[k] == ' ' || m[k] == '\t') {
			k++
		}
		if k+1 < len(m) && m[k] == '{' && m[k+1] == ':' && !sc.in(k) {
			switch {
			case j > end:
				p.Reportf(source.Span{Start: end, End: j}, "stray %s between the link and its attribute list: kramdown then applies the attribute list to nothing; remove it", string(m[end:j]))
			case k > end:
				p.Reportf(source.Span{Start: end, End: k + 2}, "the attribute list is not glued to the link: kramdown applies {: … } only right after the link's ); remove the space")
			}
		}
	}
}

// ialOpen starts an inline attribute list.
var ialOpen = []byte("{:")

// curlyIALs reports attribute lists written with typographic quotes, which
// kramdown shows as text.
func (sc *linkScan) curlyIALs(p *lint.Pass) {
	m := sc.m
	for i := sc.pg.BodyStart; i+1 < len(m); i++ {
		j := bytes.Index(m[i:], ialOpen)
		if j < 0 {
			return
		}
		if i += j; !sc.in(i) {
			e := lineEnd(m, i)
			if j := bytes.IndexByte(m[i:e], '}'); j > 0 {
				ial := m[i : i+j+1]
				if bytes.ContainsAny(ial, "“”‘’") {
					p.Reportf(source.Span{Start: i, End: i + j + 1}, "attribute list written with typographic quotes: kramdown needs straight quotes (\" or '); it shows this as text")
				}
			}
		}
	}
}

// opaqueSpans are regions where Markdown syntax is not read: code blocks,
// code spans, HTML blocks, raw blocks, sorted and merged.
func opaqueSpans(pg *page.Page) []source.Span {
	var s []source.Span
	s = append(s, pg.Code...)
	s = append(s, pg.CodeSpans...)
	s = append(s, pg.HTMLBlocks...)
	for _, b := range pg.Liquid.Blocks {
		if b.Name == "raw" {
			s = append(s, source.Span{Start: b.Open.Start, End: max(b.Close.End, b.Body.End)})
		}
	}
	sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start })
	var out []source.Span
	for _, x := range s {
		if n := len(out); n > 0 && x.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, x.End)
			continue
		}
		out = append(out, x)
	}
	return out
}

// openBracket finds the [ that the ] at close pairs with, on the same line.
func openBracket(m []byte, close int) int {
	depth := 0
	for i := close; i >= 0 && m[i] != '\n'; i-- {
		if i > 0 && m[i-1] == '\\' {
			continue
		}
		switch m[i] {
		case ']':
			depth++
		case '[':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func insideLink(pg *page.Page, off int) bool {
	for _, l := range pg.Links {
		if l.Kind == page.Markdown && !l.InFrontMatter && off > l.Text.Start-1 && off < l.Span.End {
			return true
		}
		if l.Kind == page.Markdown && !l.InFrontMatter && l.Span.Start > off && l.Span.Start < lineEnd(pg.Masked, off) {
			// [outer [inner](u) rest](v): the inner link starts after the outer [
			return true
		}
	}
	return false
}

func lineEnd(m []byte, i int) int {
	if j := bytes.IndexByte(m[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(m)
}

func looksLikeURL(b []byte) bool {
	for _, p := range []string{"http://", "https://", "/", "#", "mailto:", "tel:"} {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	return false
}
