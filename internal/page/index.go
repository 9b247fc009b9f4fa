package page

import (
	"bytes"

	"github.com/helplint/helplint/internal/liquid"

	"github.com/helplint/helplint/internal/source"
)

// ParseIndex is the cheap parse of a page that was not named, which only
// feeds the site index: front matter, Liquid tags (for includes), and the
// ids of ATX headings and HTML elements, found line by line without the
// Markdown parser. A page whose ids that scan cannot compute exactly (a
// heading whose text holds Markdown, links, code, emphasis, entities or
// Liquid, a setext heading, an id from an attribute list or a heading
// inside HTML read as Markdown) is parsed in full instead.
func (p *Parser) ParseIndex(path string, data []byte) *Page {
	f := source.New(path, data)
	pg := &Page{File: f, IndexOnly: true, IDsExact: true}
	pg.readHead()
	if fm := pg.FrontMatter; fm.Present {
		// not parsed as Markdown here: a link's brackets are enough to distrust the page's ids
		pg.FrontMatterLinks = bytes.Contains(data[fm.Content.Start:fm.Content.End], []byte("]("))
	}
	b := builder{pg: pg, ids: map[string]int{}}
	b.includes()
	// lines that are no Markdown: kramdown's raw HTML, and highlight bodies
	var opaque []source.Span
	if bytes.IndexByte(data[pg.BodyStart:], '<') >= 0 {
		sc := scanHTML(data, pg.BodyStart, p.Kramdown.ParseBlockHTML)
		opaque = sc.raw
		if len(sc.inside) > 0 {
			pg.IDsExact = false // headings inside HTML take kramdown's own ids
		}
	}
	opaque = append(opaque, highlightBodies(pg.Liquid)...)
	fence := byte(0)
	prevText := false
	for ls := pg.BodyStart; ls < len(data); {
		var le int
		if i := bytes.IndexByte(data[ls:], '\n'); i >= 0 {
			le = ls + i
		} else {
			le = len(data)
		}
		line := bytes.TrimRight(data[ls:le], " \t\r")
		t := bytes.TrimLeft(line, " ")
		switch {
		case len(opaque) > 0 && inSpans(opaque, ls):
		case bytes.HasPrefix(t, []byte("{:")) && bytes.IndexByte(t, '#') >= 0:
			pg.IDsExact = false // a block IAL may set a heading's id
		case fence != 0:
			if bytes.HasPrefix(t, []byte{fence, fence, fence}) {
				fence = 0
			}
		case bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")):
			fence = t[0]
		case len(t) > 0 && t[0] == '#':
			n := 0
			for n < len(t) && t[n] == '#' {
				n++
			}
			if n <= 6 && n < len(t) && t[n] == ' ' {
				b.indexHeading(t[n+1:], ls)
			}
		case prevText && len(t) > 0 && (allOf(t, '=') || allOf(t, '-') && len(t) >= 2):
			pg.IDsExact = false // a setext heading: its text is on the line above
		}
		prevText = len(t) > 0 && fence == 0
		ls = le + 1
	}
	b.indexHTMLIDs()
	if !pg.IDsExact && pg.FrontMatter.Present && !pg.FrontMatterLinks {
		// what a line scan cannot read (Markdown or Liquid in a heading, a
		// setext heading, an id from an attribute list or inside HTML) the
		// full parse can: a run on one page checks anchors on this one as a
		// run on the whole site does
		q := *p
		q.SkipChars = true // no finding lands on an index page
		full := q.Parse(path, data)
		full.IndexOnly = true
		return full
	}
	return pg
}

func allOf(b []byte, c byte) bool {
	for _, x := range b {
		if x != c {
			return false
		}
	}
	return true
}

// indexHeading records an ATX heading's id when its text is plain.
func (b *builder) indexHeading(text []byte, at int) {
	text = bytes.TrimRight(text, "# ")
	h := Heading{Span: source.Span{Start: at, End: at + len(text)}}
	if i := bytes.LastIndex(text, []byte("{#")); i >= 0 && bytes.HasSuffix(text, []byte("}")) {
		h.ID, h.Explicit = string(text[i+2:len(text)-1]), true
		text = bytes.TrimRight(text[:i], " ")
	}
	if bytes.ContainsAny(text, "[]`*<>&{}\\") || bytes.Contains(text, []byte("--")) || bytes.Contains(text, []byte("...")) || !plainText(text) {
		b.pg.IDsExact = false
	}
	h.Text = string(text)
	if !h.Explicit {
		h.ID = b.gfmID(h.Text)
	}
	b.pg.Headings = append(b.pg.Headings, h)
}

// plainText reports text that kramdown's typography leaves alone: no quotes
// it would curl.
func plainText(text []byte) bool {
	return !bytes.ContainsAny(text, "'\"")
}

// indexHTMLIDs collects id="…" attributes from the body by scanning for them.
func (b *builder) indexHTMLIDs() {
	data := b.pg.File.Text
	for i := b.pg.BodyStart; ; {
		j := bytes.Index(data[i:], []byte(` id="`))
		if j < 0 {
			return
		}
		s := i + j + len(` id="`)
		e := bytes.IndexByte(data[s:], '"')
		if e < 0 {
			return
		}
		b.pg.HTMLIDs = append(b.pg.HTMLIDs, HTMLID{ID: string(data[s : s+e]), Span: source.Span{Start: s, End: s + e}})
		i = s + e
	}
}

// highlightBodies are the spans of `{% highlight %}` blocks, whose bodies
// Liquid turns into code.
func highlightBodies(r liquid.Result) []source.Span {
	var out []source.Span
	toks := r.Tokens
	for i := 0; i < len(toks); i++ {
		if toks[i].Name != "highlight" {
			continue
		}
		for j := i + 1; j < len(toks); j++ {
			if toks[j].Name == "endhighlight" {
				out = append(out, source.Span{Start: toks[i].Span.Start, End: toks[j].Span.End})
				i = j
				break
			}
		}
	}
	return out
}
