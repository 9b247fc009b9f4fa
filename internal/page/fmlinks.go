package page

import (
	"bytes"
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/source"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// frontMatterLinks finds links in front-matter strings, which layouts on a
// site like Login.gov's render as Markdown (lists of tips, partner page
// sections). Each string is parsed as Markdown on its own; offsets map back
// to the file exactly for plain and quoted one-line scalars and for literal
// (|) blocks. Links in folded or multi-line strings are placed at the
// string's start and marked Inexact, so no fix is offered for them.
func (p *Parser) frontMatterLinks(pg *Page) {
	fm := pg.FrontMatter
	for n := range fm.Nodes() {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && (strings.Contains(n.Value, "](") || strings.Contains(n.Value, "<a ") || strings.Contains(n.Value, "<https://") || strings.Contains(n.Value, "<http://")) {
			p.scalarLinks(pg, fm, n)
		}
	}
}

func (p *Parser) scalarLinks(pg *Page, fm *frontmatter.FrontMatter, n *yaml.Node) {
	value := []byte(n.Value)
	mapOff, exact := valueMapping(pg.File, fm, n)
	sub := &Page{File: source.New(pg.File.Path, value), Masked: value}
	sub.Doc = p.md.Parser().Parse(text.NewReader(value))
	b := builder{pg: sub, ids: map[string]int{}}
	b.walk()
	pg.FrontMatterLinks = pg.FrontMatterLinks || len(sub.Links) > 0
	for _, l := range sub.Links {
		l.InFrontMatter = true
		l.Inexact = !exact
		m := func(s source.Span) source.Span { return source.Span{Start: mapOff(s.Start), End: mapOff(s.End)} }
		l.Span, l.Text, l.DestSpan, l.ClassAttr = m(l.Span), m(l.Text), m(l.DestSpan), m(l.ClassAttr)
		l.TagEnd = mapOff(l.TagEnd)
		if l.IAL != nil {
			ial := *l.IAL
			ial.Span = m(ial.Span)
			l.IAL = &ial
		}
		pg.Links = append(pg.Links, l)
	}
}

// valueMapping returns a function from offsets in a scalar's value to
// offsets in the file, and whether it is exact.
func valueMapping(f *source.File, fm *frontmatter.FrontMatter, n *yaml.Node) (func(int) int, bool) {
	start := fm.Offset(n)
	inexact := func(int) int { return start }
	text := f.Text
	value := n.Value
	switch {
	case n.Style&(yaml.LiteralStyle) != 0:
		// content lines follow the indicator line, indented
		line := f.Line(start) + 1
		var lineOffs []int // file offset of each value line's first character
		indent := -1
		for _, vl := range strings.SplitAfter(value, "\n") {
			if vl == "" {
				break
			}
			ls := f.LineStart(line)
			if indent < 0 {
				i := ls
				for i < len(text) && text[i] == ' ' {
					i++
				}
				indent = i - ls
			}
			body := strings.TrimSuffix(vl, "\n")
			at := ls + indent
			if body == "" {
				at = ls
			} else if at+len(body) > len(text) || string(text[at:at+len(body)]) != body {
				return inexact, false
			}
			lineOffs = append(lineOffs, at)
			line++
		}
		return func(off int) int {
			k := strings.Count(value[:min(off, len(value))], "\n")
			if k >= len(lineOffs) {
				return start
			}
			ls := strings.LastIndexByte(value[:min(off, len(value))], '\n') + 1
			return lineOffs[k] + off - ls
		}, true
	case n.Style&yaml.FoldedStyle != 0 || (n.Style == 0 && strings.Contains(value, " ") && f.Line(fm.ValueSpan(n).End) == f.Line(start) && !bytes.HasPrefix(text[start:], []byte(value))):
		return foldedMapping(f, n, start, value)
	}
	if q := n.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle); q != 0 && strings.Contains(n.Value, " ") {
		if ls := f.Line(start); ls != f.Line(fm.ValueSpan(n).End) || !bytes.HasPrefix(text[start+1:], []byte(value)) {
			// a quoted string folded over lines: without escapes it folds like a plain one
			if !strings.ContainsAny(value, "\\'\"") {
				return foldedMapping(f, n, start+1, value)
			}
		}
	}
	vs := fm.ValueSpan(n)
	raw := text[vs.Start:vs.End]
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && len(raw) >= 2 {
		raw = raw[1 : len(raw)-1]
		vs.Start++
	}
	if !bytes.Equal(raw, []byte(value)) {
		return inexact, false
	}
	return func(off int) int { return vs.Start + off }, true
}

// foldedMapping maps a folded (>) block, or a plain scalar folded over
// several lines, by replaying YAML's folding: the content lines, without
// their indentation, joined by a space, or by line breaks where blank
// lines stand between them.
func foldedMapping(f *source.File, n *yaml.Node, start int, value string) (func(int) int, bool) {
	text := f.Text
	line := f.Line(start)
	first := line + 1 // a block's content starts on the line after the indicator
	if n.Style&yaml.FoldedStyle == 0 {
		first = line // a plain scalar starts on its key's line
	}
	type piece struct{ vo, fo, n int } // value offset, file offset, length
	var pieces []piece
	vo := 0
	blank := 0
	for l := first; l <= f.LineCount() && vo < len(value); l++ {
		ls, le := f.LineStart(l), f.LineEnd(l)
		cs := ls
		if l == first && n.Style&yaml.FoldedStyle == 0 {
			cs = start
		}
		for cs < le && (text[cs] == ' ' || text[cs] == '\t') {
			cs++
		}
		ce := le
		// a block scalar keeps trailing white space; a plain one does not
		for n.Style&yaml.FoldedStyle == 0 && ce > cs && (text[ce-1] == ' ' || text[ce-1] == '\t') {
			ce--
		}
		if cs == ce {
			blank++
			continue
		}
		if len(pieces) > 0 {
			if blank > 0 {
				vo += blank // each blank line folds to one line break
			} else {
				vo++ // a single line break folds to a space
			}
		}
		blank = 0
		seg := text[cs:ce]
		if q := n.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle); q != 0 && vo+len(seg) == len(value)+1 && (seg[len(seg)-1] == '"' || seg[len(seg)-1] == '\'') {
			seg = seg[:len(seg)-1] // the closing quote of a quoted string
		}
		if vo+len(seg) > len(value) || value[vo:vo+len(seg)] != string(seg) {
			return func(int) int { return start }, false
		}
		pieces = append(pieces, piece{vo, cs, len(seg)})
		vo += len(seg)
	}
	if len(pieces) == 0 {
		return func(int) int { return start }, false
	}
	return func(off int) int {
		for i := len(pieces) - 1; i >= 0; i-- {
			if off >= pieces[i].vo {
				return pieces[i].fo + min(off-pieces[i].vo, pieces[i].n)
			}
		}
		return start
	}, true
}
