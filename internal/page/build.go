package page

import (
	"bytes"
	"slices"
	"strings"
	"unicode"

	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/source"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// builder derives the page's lists from goldmark's tree and the masked text.
type builder struct {
	pg  *Page
	ids map[string]int // heading ids given so far, for kramdown's -1, -2 suffixes
	// md is the text goldmark parsed (see markdownInput): the masked page
	// with kramdown's raw HTML blanked and highlight blocks as fences.
	md []byte
	// opts are the site's kramdown options (nil: kramdown's defaults).
	opts *Kramdown
	// defs are the page's link definitions, by normalized label.
	defs map[string]*refDef
	// inside are the contents of HTML elements read as Markdown blocks.
	inside []source.Span
	// ignored are the elements with data-proofer-ignore.
	ignored []source.Span
	// alds are the page's attribute list definitions, by name.
	alds map[string]IAL
	// blocks find the code and HTML blocks that hold an offset, made on
	// first use (inBlock).
	blocks *reach
}

func (b *builder) walk() {
	src := b.pg.Masked
	b.defs = b.linkDefs()
	_ = ast.Walk(b.pg.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			b.heading(n)
		case *ast.Link:
			b.markdownLink(n.Pos(), Markdown)
		case *ast.Image:
			b.markdownLink(n.Pos(), Image)
		case *ast.AutoLink:
			if n.Pos() >= 0 && n.Pos() < len(src) && src[n.Pos()] == '<' {
				d := source.Span{Start: n.Pos() + 1, End: n.Pos() + 1 + len(n.Label(src))}
				l := Link{Kind: Autolink,
					Span: source.Span{Start: n.Pos(), End: d.End + 1},
					Dest: string(b.pg.File.Text[d.Start:d.End]), DestSpan: d, DestLiquid: b.pg.LiquidIn(d)}
				if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(l.Dest), "mailto:") {
					l.Dest = "mailto:" + l.Dest // kramdown links `<a@b.c>` to mailto:a@b.c
				}
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
	src := b.md
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
	} else {
		label := string(src[l.Text.Start:l.Text.End])
		if strings.HasPrefix(label, "^") {
			return // a footnote marker (kramdown's footnotes), not a link
		}
		if end < len(src) && src[end] == '[' {
			if e := matchBracket(src, end); e >= 0 {
				if e > end+1 {
					label = string(src[end+1 : e])
				}
				end = e + 1
			}
		}
		if d := b.defs[normalizeLabel(label)]; d != nil {
			// the destination is the definition's: a fix on it mends every
			// use, so only the first use carries it exactly
			l.DestSpan, l.Inexact, d.used = d.dest, d.used, true
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
	sb.Grow(h.Span.Len()) // the text is about as long as the line: one allocation, not a few
	b.headingText(n, &sb)
	h.Text = strings.TrimSpace(stripSpanIALs(sb.String()))
	b.pg.Headings = append(b.pg.Headings, h)
}

// stripSpanIALs removes span attribute lists (`**x**{:.c}`) from heading
// text: kramdown applies them to the element before, and they are no text.
func stripSpanIALs(s string) string {
	for i := strings.Index(s, "{:"); i >= 0; {
		if a, ok := parseIAL([]byte(s), i); ok {
			s = s[:i] + s[a.Span.End:]
		} else {
			i++
		}
		k := strings.Index(s[i:], "{:")
		if k < 0 {
			break
		}
		i += k
	}
	return s
}

// headingIDs gives each heading its id, once the block attribute lists
// are known: an id from `{#id}` or from a block IAL (`{: #id}` on the line
// after the heading, or before it) replaces the automatic one, which is
// then not counted among the repeats (kramdown's GFM parser numbers ids
// after parsing, and only for headings without one).
func (b *builder) headingIDs() {
	var at headingLines
	if len(b.pg.BlockIALs) > 0 {
		at = b.headingLines()
		ids := 0
		for _, ial := range b.pg.BlockIALs {
			if ial.ID != "" {
				ids++
			}
		}
		b.pg.HTMLIDs = slices.Grow(b.pg.HTMLIDs, ids)
	}
	for _, ial := range b.pg.BlockIALs {
		if ial.ID == "" {
			continue
		}
		if k := b.ialTarget(ial, at); k >= 0 {
			b.pg.Headings[k].ID, b.pg.Headings[k].Explicit = ial.ID, true
		} else {
			// an id on another block is an anchor too
			b.pg.HTMLIDs = append(b.pg.HTMLIDs, HTMLID{ID: ial.ID, Span: ial.Span})
		}
	}
	used := map[string]int{} // the converter's count of kramdown-style ids
	for k := range b.pg.Headings {
		h := &b.pg.Headings[k]
		prefix := ""
		if b.opts != nil {
			prefix = b.opts.AutoIDPrefix
		}
		switch {
		case h.Explicit:
		case b.opts != nil && b.opts.NoAutoIDs:
			h.ID = ""
		case b.opts != nil && b.opts.Input == "kramdown" || inSpans(b.inside, h.Span.Start):
			// kramdown's own ids: by kramdown input, or (with GFM input) for
			// a heading inside an HTML element read as Markdown, which the
			// GFM parser passes over and kramdown's converter names
			raw := b.rawHeadingText(*h)
			h.ID = prefix + kramdownID(raw, used)
			if b.opts != nil && b.opts.Transliterated && strings.IndexFunc(raw, func(r rune) bool { return r >= 0x80 }) >= 0 {
				b.pg.IDsExact = false
			}
		default:
			h.ID = prefix + b.gfmID(h.Text)
		}
	}
}

// rawHeadingText is the text kramdown's own ids are made from: the text
// of the heading's elements with GFM input, or with kramdown input the
// source text (auto_id_stripping: the text without markup).
func (b *builder) rawHeadingText(h Heading) string {
	if b.opts == nil || b.opts.Input != "kramdown" || b.opts.AutoIDStripping {
		return h.Text
	}
	t := strings.TrimSpace(string(b.pg.Masked[h.Span.Start:h.Span.End]))
	if i := strings.LastIndex(t, "{#"); i >= 0 && strings.HasSuffix(t, "}") {
		t = strings.TrimSpace(t[:i])
	}
	return strings.TrimSpace(strings.TrimRight(t, "#"))
}

// kramdownID is kramdown's converter's generate_id: no leading characters
// that are not ASCII letters, only ASCII letters, digits, spaces and '-',
// spaces to '-', lower case, "section" when nothing is left, and repeats
// numbered -1, -2, ….
func kramdownID(text string, used map[string]int) string {
	i := strings.IndexFunc(text, func(r rune) bool { return r < 0x80 && isASCIILetter(byte(r)) })
	if i < 0 {
		text = ""
	} else {
		text = text[i:]
	}
	var sb strings.Builder
	for k := 0; k < len(text); k++ {
		c := text[k]
		switch {
		case c == ' ':
			sb.WriteByte('-')
		case c == '-' || c >= '0' && c <= '9' || isASCIILetter(c):
			sb.WriteByte(c | 0x20*b2i(c >= 'A' && c <= 'Z'))
		}
	}
	id := sb.String()
	if id == "" {
		id = "section"
	}
	if n, ok := used[id]; ok {
		used[id] = n + 1
		return id + "-" + itoa(n+1)
	}
	used[id] = 0
	return id
}

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
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
			v := c.Segment.Value(src)
			if seg := (source.Span{Start: c.Segment.Start, End: c.Segment.Stop}); b.pg.LiquidIn(seg) {
				sb.WriteString(html.UnescapeString(typography.Replace(b.resolveLiquid(seg))))
			} else if bytes.ContainsAny(v, "-.<>&") {
				sb.WriteString(html.UnescapeString(typography.Replace(string(v))))
			} else {
				sb.Write(v) // what typography and entities leave as it is, without the copies
			}
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
	id := gfmSlug(text)
	n := b.ids[id]
	b.ids[id] = n + 1
	if n > 0 {
		return id + "-" + itoa(n)
	}
	return id
}

// gfmSlug is kramdown's GFM id of a heading's text before it is made
// unique: lower case, spaces as -, only word characters, - and _ kept.
// It lowers each character as it goes (strings.ToLower does the same per
// character), in one buffer sized once.
func gfmSlug(text string) string {
	var sb strings.Builder
	sb.Grow(len(text))
	for _, r := range text {
		if r == '\u0130' {
			sb.WriteString("i\u0307") // Ruby's downcase maps İ to i and a combining dot
			continue
		}
		switch r = unicode.ToLower(r); {
		case r == ' ' || r == '\t':
			sb.WriteByte('-')
		case r == '-' || r == '_' || isWordRune(r):
			sb.WriteRune(r)
		}
	}
	return sb.String()
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
	if n := bytes.Count(src[b.pg.BodyStart:], []byte("{:")); n > 0 {
		// at most one list per `{:`: one allocation, not a growing slice's
		// garbage on a page of hundreds of thousands (issue 29)
		b.pg.BlockIALs = make([]IAL, 0, n)
	}
	// only a line that starts with `{:` after at most four spaces holds
	// one: step from one `{:` to the next, not over every line
	for at := b.pg.BodyStart; at < len(src); {
		j := bytes.Index(src[at:], []byte("{:"))
		if j < 0 {
			break
		}
		i := at + j
		ls := max(lineStartAt(src, i), b.pg.BodyStart)
		at = i + 2
		if i-ls > 4 || len(bytes.TrimLeft(src[ls:i], " ")) > 0 || b.inBlock(ls) {
			continue
		}
		le := lineEndAt(src, i)
		if name, ald, ok := parseALD(src[:le], i); ok {
			if b.alds == nil {
				b.alds = map[string]IAL{}
			}
			b.alds[name] = ald // a definition: no block takes it
		} else if ial, ok := parseIAL(src[:le], i); ok && len(bytes.TrimSpace(src[ial.Span.End:le])) == 0 {
			b.pg.BlockIALs = append(b.pg.BlockIALs, ial)
		}
		at = le + 1
	}
	if b.alds == nil {
		return
	}
	// kramdown resolves references once every definition is read
	for k := range b.pg.BlockIALs {
		b.pg.BlockIALs[k].apply(b.alds)
	}
	for k := range b.pg.Links {
		if l := &b.pg.Links[k]; l.IAL != nil && len(l.IAL.Refs) > 0 {
			ial := *l.IAL
			ial.apply(b.alds)
			l.IAL, l.Classes = &ial, ial.Classes
		}
	}
}

// inBlock reports whether off lies in a code or HTML block: an attribute
// list there is text, and a line there is never a Markdown table. (The body
// of a Liquid raw block is Markdown: Jekyll outputs it as written, and
// kramdown reads it.)
func (b *builder) inBlock(off int) bool {
	if b.blocks == nil {
		spans := append(slices.Clip(b.pg.Code), b.pg.HTMLBlocks...)
		slices.SortStableFunc(spans, func(x, y source.Span) int { return x.Start - y.Start })
		r := newReach(spans)
		b.blocks = &r
	}
	return b.blocks.holds(off)
}

// reach answers whether any of a list of spans in start order holds an
// offset, by binary search, nested spans included: each span's end is kept
// as the furthest any span up to it reaches. A search of every block for
// every attribute list was quadratic on a page of code blocks with ids.
type reach struct {
	starts, ends []int
}

func newReach(spans []source.Span) reach {
	r := reach{starts: make([]int, len(spans)), ends: make([]int, len(spans))}
	furthest := -1
	for k, s := range spans {
		furthest = max(furthest, s.End)
		r.starts[k], r.ends[k] = s.Start, furthest
	}
	return r
}

// holds reports whether a span starts at or before off and ends at or after it.
func (r reach) holds(off int) bool {
	k, found := slices.BinarySearch(r.starts, off)
	if found {
		return true
	}
	return k > 0 && off <= r.ends[k-1]
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

// lastIndex is bytes.LastIndex found from the front: bytes.Index is
// vectorized where LastIndex hashes every byte (Rabin-Karp), and most
// pages hold sep rarely or never (a page without a link definition took a
// fortieth of the page model's time to search for "]:").
func lastIndex(s, sep []byte) int {
	if len(sep) == 0 {
		return len(s)
	}
	last := -1
	for from := 0; ; {
		i := bytes.Index(s[from:], sep)
		if i < 0 {
			return last
		}
		last = from + i
		from = last + 1
	}
}

// refDef is a link definition `[label]: dest`.
type refDef struct {
	dest source.Span
	used bool
}

// linkDefs finds kramdown's link definitions (`[label]: dest "title"`, up
// to three spaces in, outside HTML blocks) in the text goldmark read; a
// label defined twice takes its last definition, as in kramdown.
func (b *builder) linkDefs() map[string]*refDef {
	src := b.md
	var defs map[string]*refDef
	last := lastIndex(src, []byte("]:")) // a definition's line holds one: none after the last
	for ls := b.pg.BodyStart; ls <= last && ls < len(src); {
		le := lineEndAt(src, ls)
		i := ls
		for i < le && i-ls < 3 && src[i] == ' ' {
			i++
		}
		if i < le && src[i] == '[' && i+1 < le && src[i+1] != '^' {
			if k := bytes.Index(src[i:le], []byte("]:")); k > 1 && !bytes.ContainsAny(src[i+1:i+k], "[]") {
				label := normalizeLabel(string(src[i+1 : i+k]))
				d := skipSpace(src[:le], i+k+2)
				e := d
				if d < le && src[d] == '<' {
					if g := bytes.IndexByte(src[d:le], '>'); g > 0 {
						d, e = d+1, d+g
					}
				} else {
					for e < le && src[e] != ' ' && src[e] != '\t' && src[e] != '\r' {
						e++
					}
				}
				if e > d {
					if defs == nil {
						defs = map[string]*refDef{}
					}
					defs[label] = &refDef{dest: source.Span{Start: d, End: e}}
				}
			}
		}
		ls = le + 1
	}
	return defs
}

// normalizeLabel is kramdown's normalize_link_id: white space runs to one
// space, lower case.
func normalizeLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// ialTarget returns the index of the heading a block IAL applies to, or
// -1: the block that ends on the line before the IAL, else (after a blank
// line) the block that starts on the next line that is not blank.
func (b *builder) ialTarget(ial IAL, at headingLines) int {
	src := b.md
	ls := lineStartAt(src, ial.Span.Start)
	if ls > b.pg.BodyStart {
		prev := lineStartAt(src, ls-1)
		if len(bytes.TrimSpace(src[prev:ls-1])) > 0 {
			if k, ok := at.last[prev]; ok {
				return k
			}
			return -1
		}
	}
	next := lineEndAt(src, ial.Span.End) + 1
	for next < len(src) && len(bytes.TrimSpace(src[next:lineEndAt(src, next)])) == 0 {
		next = lineEndAt(src, next) + 1
	}
	if k, ok := at.first[next]; ok {
		return k
	}
	return -1
}

// headingLines maps the start of each heading's first line and of its last
// line to the heading's index (the first heading there), so that finding
// the heading an attribute list stands by is one lookup: a search of every
// heading for every list was quadratic on a page of headings with ids.
type headingLines struct{ first, last map[int]int }

func (b *builder) headingLines() headingLines {
	at := headingLines{first: make(map[int]int, len(b.pg.Headings)), last: make(map[int]int, len(b.pg.Headings))}
	for k, h := range b.pg.Headings {
		if first := lineStartAt(b.md, h.Span.Start); !hasKey(at.first, first) {
			at.first[first] = k
		}
		if last := b.headingLastLine(h); !hasKey(at.last, last) {
			at.last[last] = k
		}
	}
	return at
}

func hasKey(m map[int]int, k int) bool {
	_, ok := m[k]
	return ok
}

// headingLastLine is the start of a heading's last line: its own for an
// ATX heading, the underline's for a setext one.
func (b *builder) headingLastLine(h Heading) int {
	src := b.md
	ls := lineStartAt(src, h.Span.Start)
	if t := bytes.TrimLeft(src[ls:h.Span.Start], " "); len(t) > 0 && t[0] == '#' {
		return ls
	}
	return lineEndAt(src, h.Span.End) + 1
}

// resolveLiquid is the text of seg once Liquid has run, for a heading's
// id: `{{ site.KEY }}` is the value _config.yml gives KEY (Parser.SiteVars);
// any other Liquid output is unknown, and makes the page's ids inexact.
func (b *builder) resolveLiquid(seg source.Span) string {
	var sb strings.Builder
	at := seg.Start
	for _, t := range b.pg.Liquid.Tokens {
		if t.Span.End <= seg.Start || t.Span.Start >= seg.End {
			continue
		}
		if t.Span.Start > at {
			sb.Write(b.pg.Masked[at:t.Span.Start])
		}
		v, ok := "", false
		if key, site := bytes.CutPrefix(t.Args(b.pg.File.Text), []byte("site.")); site && t.Kind == liquid.Output && b.opts != nil {
			v, ok = b.opts.SiteVars[string(key)]
		}
		if !ok {
			b.pg.IDsExact = false
			v = string(b.pg.Masked[max(at, t.Span.Start):min(t.Span.End, seg.End)])
		}
		sb.WriteString(v)
		at = max(at, t.Span.End)
	}
	if at < seg.End {
		sb.Write(b.pg.Masked[at:seg.End])
	}
	return sb.String()
}
