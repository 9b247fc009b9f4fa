package page

import (
	"bytes"
	"strings"

	"github.com/helplint/helplint/internal/source"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// builder derives the page's lists from goldmark's tree and the masked text.
type builder struct {
	pg  *Page
	ids map[string]int // heading ids given so far, for kramdown's -1, -2 suffixes
	// rawEnd is where the last HTML block kramdown keeps raw ends, when that
	// is past the end goldmark (CommonMark) gives it.
	rawEnd int
}

// nodeStart is the offset of a node's first byte, or -1.
func nodeStart(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
		return -1
	}
	return n.Pos()
}

func (b *builder) walk() {
	src := b.pg.Masked
	_ = ast.Walk(b.pg.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if b.rawEnd > 0 && nodeStart(n) >= 0 && nodeStart(n) < b.rawEnd {
			return ast.WalkSkipChildren, nil // inside an HTML block kramdown keeps raw
		}
		switch n := n.(type) {
		case *ast.Heading:
			b.heading(n)
		case *ast.Link:
			b.markdownLink(n.Pos(), Markdown)
		case *ast.Image:
			b.markdownLink(n.Pos(), Image)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				d := source.Span{Start: n.Pos() + 1, End: n.Pos() + 1 + len(n.Label(src))}
				l := Link{Kind: Autolink,
					Span: source.Span{Start: n.Pos(), End: d.End + 1},
					Dest: string(b.pg.File.Text[d.Start:d.End]), DestSpan: d, DestLiquid: b.pg.LiquidIn(d)}
				if ial, ok := parseIAL(src, l.Span.End); ok { // kramdown applies a glued IAL to an autolink too
					l.IAL, l.Classes, l.Span.End = &ial, ial.Classes, ial.Span.End
				}
				b.pg.Links = append(b.pg.Links, l)
			}
		case *ast.CodeSpan:
			b.pg.CodeSpans = append(b.pg.CodeSpans, codeSpan(src, n.Pos()))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			b.pg.Code = append(b.pg.Code, b.blockLines(n))
		case *ast.HTMLBlock:
			s := b.blockLines(n)
			if n.HasClosure() {
				s.End = lineEndAt(src, segLast(n.ClosureLine.Start, n.ClosureLine.Stop))
			}
			if end := kramdownBlockEnd(src, s); end > s.End {
				s.End = end
				b.rawEnd = end
			}
			b.pg.HTMLBlocks = append(b.pg.HTMLBlocks, s)
			b.html(s)
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				first, last := n.Segments.At(0), n.Segments.At(n.Segments.Len()-1)
				b.inlineTag(source.Span{Start: first.Start, End: last.Stop})
			}
		}
		return ast.WalkContinue, nil
	})
}

// blockLines returns whole lines from the block's first line to its last.
// A fenced block's lines exclude its fences, so they are added back.
func (b *builder) blockLines(n ast.Node) source.Span {
	src := b.pg.Masked
	lines := n.Lines()
	var s source.Span
	if lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		s = source.Span{Start: lineStartAt(src, lines.At(0).Start), End: lineEndAt(src, segLast(last.Start, last.Stop))}
	} else {
		p := max(n.Pos(), 0)
		s = source.Span{Start: lineStartAt(src, p), End: lineEndAt(src, p)}
	}
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if f.Info != nil {
			s.Start = lineStartAt(src, f.Info.Segment.Start)
		} else if lines.Len() > 0 {
			s.Start = lineStartAt(src, max(s.Start-1, 0))
		}
		// the closing fence follows the last content line, if there is one
		e := s.End
		if e < len(src) {
			ne := lineEndAt(src, e+1)
			if fence := bytes.TrimSpace(src[e+1 : ne]); len(fence) >= 3 && (fence[0] == '`' || fence[0] == '~') && len(bytes.Trim(fence, string(fence[0]))) == 0 {
				s.End = ne
			}
		}
	}
	for s.End > s.Start && src[s.End-1] == '\r' {
		s.End--
	}
	return s
}

// segLast is the offset of a segment's last byte: goldmark's line segments
// end after their newline, which belongs to the line.
func segLast(start, stop int) int { return max(start, stop-1) }

func lineStartAt(src []byte, off int) int {
	off = min(off, len(src))
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

func lineEndAt(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

// codeSpan returns the span of the code span whose opening backticks start at p.
func codeSpan(src []byte, p int) source.Span {
	n := 0
	for p+n < len(src) && src[p+n] == '`' {
		n++
	}
	for i := p + n; i < len(src); {
		if src[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(src) && src[j] == '`' {
			j++
		}
		if j-i == n {
			return source.Span{Start: p, End: j}
		}
		i = j
	}
	return source.Span{Start: p, End: p + n}
}

// markdownLink records the link whose `[` (or `![`) goldmark placed at p.
// goldmark gives inline nodes a start but no end, so the end is found by
// reading the link syntax forward from the start.
func (b *builder) markdownLink(p int, kind LinkKind) {
	src := b.pg.Masked
	open := p
	if kind == Image && open < len(src) && src[open] == '!' {
		open++
	}
	if open >= len(src) || src[open] != '[' {
		return
	}
	closeBracket := matchBracket(src, open)
	if closeBracket < 0 {
		return
	}
	l := Link{Kind: kind, Text: source.Span{Start: open + 1, End: closeBracket}}
	end := closeBracket + 1
	if end < len(src) && src[end] == '(' {
		ds, de, e, ok := inlineDest(src, end)
		if !ok {
			return
		}
		l.DestSpan = source.Span{Start: ds, End: de}
		end = e
	} else if end < len(src) && src[end] == '[' {
		if e := matchBracket(src, end); e >= 0 {
			end = e + 1
		}
	}
	if l.DestSpan.End > l.DestSpan.Start {
		d := l.DestSpan
		if src[d.Start] == '<' && d.End-d.Start >= 2 {
			d = source.Span{Start: d.Start + 1, End: d.End - 1}
			l.DestSpan = d
		}
		l.Dest = string(b.pg.File.Text[d.Start:d.End])
		l.DestLiquid = b.pg.LiquidIn(d)
	}
	if ial, ok := parseIAL(src, end); ok {
		l.IAL = &ial
		l.Classes = ial.Classes
		end = ial.Span.End
	}
	l.Span = source.Span{Start: p, End: end}
	b.pg.Links = append(b.pg.Links, l)
	if kind == Image {
		img := Img{Span: l.Span, Alt: l.Text, HasAlt: true, Src: l.Dest}
		if l.IAL != nil && len(l.IAL.Attrs) > 0 {
			img.Attrs = l.IAL.Attrs
		}
		b.pg.Images = append(b.pg.Images, img)
	}
}

// matchBracket returns the offset of the `]` that closes the `[` at open,
// skipping backslash escapes and code spans, or -1.
func matchBracket(src []byte, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			s := codeSpan(src, i)
			i = s.End - 1
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// inlineDest reads `(dest "title")` starting at the `(` at p. It returns the
// destination's span, the offset after `)`, and whether the syntax holds.
func inlineDest(src []byte, p int) (ds, de, end int, ok bool) {
	i := skipSpace(src, p+1)
	ds = i
	if i < len(src) && src[i] == '<' {
		for i++; i < len(src) && src[i] != '>' && src[i] != '\n'; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		if i >= len(src) || src[i] != '>' {
			return 0, 0, 0, false
		}
		i++
	} else {
		depth := 0
		for ; i < len(src); i++ {
			c := src[i]
			if c == '\\' {
				i++
				continue
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			} else if c <= ' ' {
				break
			}
		}
	}
	de = i
	i = skipSpace(src, i)
	if i < len(src) && (src[i] == '"' || src[i] == '\'' || src[i] == '(') && i > de {
		q := src[i]
		if q == '(' {
			q = ')'
		}
		for i++; i < len(src) && src[i] != q; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		i = skipSpace(src, i+1)
	}
	if i >= len(src) || src[i] != ')' {
		return 0, 0, 0, false
	}
	return ds, de, i + 1, true
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// heading records a heading with the id kramdown's GFM parser gives it.
func (b *builder) heading(n *ast.Heading) {
	src := b.pg.Masked
	h := Heading{Level: n.Level}
	lines := n.Lines()
	if lines.Len() > 0 {
		h.Span = source.Span{Start: lines.At(0).Start, End: lines.At(lines.Len() - 1).Stop}
		for h.Span.End > h.Span.Start && (src[h.Span.End-1] == '\n' || src[h.Span.End-1] == '\r') {
			h.Span.End--
		}
	} else {
		p := max(n.Pos(), 0)
		h.Span = source.Span{Start: p, End: p}
	}
	if id, ok := n.AttributeString("id"); ok {
		if s, ok := id.([]byte); ok {
			h.ID, h.Explicit = string(s), true
		}
	}
	var sb strings.Builder
	b.headingText(n, &sb)
	h.Text = strings.TrimSpace(sb.String())
	if !h.Explicit {
		h.ID = b.gfmID(h.Text)
	}
	b.pg.Headings = append(b.pg.Headings, h)
}

// typography is what kramdown's typographic_syms and smart quotes make of
// plain text (kramdown's GFM ids are built from the converted text).
var typography = strings.NewReplacer("---", "—", "--", "–", "...", "…", "<<", "«", ">>", "»")

// headingText collects the text kramdown's update_raw_text builds an id
// from: text (after typography and entities), code spans, link text, and
// no images.
func (b *builder) headingText(n ast.Node, sb *strings.Builder) {
	src := b.pg.Masked
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			sb.WriteString(html.UnescapeString(typography.Replace(string(c.Segment.Value(src)))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte('\n')
			}
		case *ast.String:
			sb.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					sb.Write(tx.Segment.Value(src))
				}
			}
		case *ast.AutoLink:
			sb.Write(c.Label(src))
		case *ast.Image, *ast.RawHTML:
		default:
			b.headingText(c, sb)
		}
	}
}

// gfmID is kramdown-parser-gfm's generate_gfm_header_id: lower-case, drop
// what is not a word character, '-' or space, spaces to '-', and number
// repeats -1, -2, ….
func (b *builder) gfmID(text string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ' || r == '\t':
			sb.WriteByte('-')
		case r == '-' || r == '_' || isWordRune(r):
			sb.WriteRune(r)
		}
	}
	id := sb.String()
	n := b.ids[id]
	b.ids[id] = n + 1
	if n > 0 {
		return id + "-" + itoa(n)
	}
	return id
}

func itoa(n int) string {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(buf[i:])
		}
	}
}

// blockIALs finds kramdown block attribute lists standing alone on a line,
// outside code and HTML blocks.
func (b *builder) blockIALs() {
	src := b.pg.Masked
	for ls := b.pg.BodyStart; ls < len(src); {
		le := lineEndAt(src, ls)
		i := ls
		for i < le && i-ls < 4 && src[i] == ' ' {
			i++
		}
		if i < le && src[i] == '{' && i+1 < le && src[i+1] == ':' && !b.inBlock(ls) {
			if ial, ok := parseIAL(src[:le], i); ok && len(bytes.TrimSpace(src[ial.Span.End:le])) == 0 {
				b.pg.BlockIALs = append(b.pg.BlockIALs, ial)
			}
		}
		ls = le + 1
	}
}

// inBlock reports whether off lies in a code or HTML block.
func (b *builder) inBlock(off int) bool {
	for _, s := range b.pg.Code {
		if off >= s.Start && off <= s.End {
			return true
		}
	}
	for _, s := range b.pg.HTMLBlocks {
		if off >= s.Start && off <= s.End {
			return true
		}
	}
	return false
}

// includes lists `{% include %}` tags and the file each names.
func (b *builder) includes() {
	text := b.pg.File.Text
	for _, t := range b.pg.Liquid.Tokens {
		if t.Name != "include" && t.Name != "include_relative" {
			continue
		}
		s := t.ArgsSpan
		e := s.Start
		for e < s.End && text[e] != ' ' && text[e] != '\t' && text[e] != '\n' && text[e] != '\r' {
			e++
		}
		if e == s.Start || t.Name == "include_relative" {
			continue
		}
		b.pg.Includes = append(b.pg.Includes, Include{Name: string(text[s.Start:e]), NameSpan: source.Span{Start: s.Start, End: e}, Tag: t.Span})
	}
}
