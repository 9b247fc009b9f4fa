package page

import (
	"bytes"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/source"
)

// kramdown reads HTML blocks by its own rules, not CommonMark's (which
// goldmark follows): a line that starts (after up to three spaces) with the
// start tag of an element that is not span-level opens an HTML block, and
// that block ends at the element's matching end tag, across blank lines;
// span-level elements at the start of a line are paragraph text. The
// element's content is raw HTML unless its `markdown` attribute (or the
// parse_block_html option) makes kramdown parse it as Markdown blocks
// ("1" or "block") or as text ("span"). The scan below follows
// kramdown 2.4's parser (parser/kramdown/html.rb and parser/html.rb).

// htmlScan is what the scan finds: raw HTML regions, which are not Markdown,
// and the start and end tags of elements whose content is Markdown.
type htmlScan struct {
	raw  []source.Span // whole lines, from the start tag's line to the end tag's
	tags []source.Span // tags around Markdown content: blanked for the Markdown parser, read for ids and links
	// inside are the contents of elements read as Markdown blocks: kramdown's
	// GFM parser leaves their headings to the converter's kramdown-style ids
	inside []source.Span
}

// htmlElementsWithoutBody are kramdown's HTML_ELEMENTS_WITHOUT_BODY.
var htmlElementsWithoutBody = map[string]bool{"area": true, "base": true, "br": true, "col": true, "command": true,
	"embed": true, "hr": true, "img": true, "input": true, "keygen": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true}

// contentModel is kramdown's HTML_CONTENT_MODEL: what parse_block_html (or
// markdown="1") makes of an element's content; elements not listed are raw.
var contentModel = func() map[string]byte {
	m := map[string]byte{}
	for _, e := range strings.Fields("address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td") {
		m[e] = 'b'
	}
	for _, e := range strings.Fields("a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt") {
		m[e] = 's'
	}
	return m
}()

// openElement is an element whose content the scan is inside: Markdown
// blocks, or raw HTML (raw holds the raw elements still open, innermost
// last, around a Markdown element inside them).
type openElement struct {
	name  string
	model byte // 'b' (Markdown blocks), 's' (text) or 'r' (raw)
	raw   []string
	start int // where the content starts
}

// scanHTML finds kramdown's HTML blocks in src[from:]. Fenced code blocks
// are skipped: a tag in them is code.
func scanHTML(src []byte, from int, parseBlockHTML bool) htmlScan {
	h := &htmlScanner{src: src, parseBlockHTML: parseBlockHTML}
	// only a line with a < changes what the scan finds or holds open: it
	// ends with the last one (a page of Markdown alone has none)
	last := bytes.LastIndexByte(src, '<')
	for ls := from; ls <= last && ls < len(src); {
		le := lineEndAt(src, ls)
		i := ls
		for i < le && i-ls < 3 && src[i] == ' ' {
			i++
		}
		next, moved := -1, false
		switch {
		case i < le && (src[i] == '`' || src[i] == '~') && fenceLen(src[i:le], src[i]) >= 3:
			next, moved = skipFence(src, le, src[i], fenceLen(src[i:le], src[i])), true
		case i+1 < le && src[i] == '<' && src[i+1] == '/':
			next, moved = h.endTag(i)
		case i+3 < le && bytes.HasPrefix(src[i:], []byte("<!--")):
			if end := bytes.Index(src[i+4:], []byte("-->")); end >= 0 {
				e := lineEndAt(src, i+4+end+3)
				h.sc.raw = append(h.sc.raw, source.Span{Start: ls, End: e})
				next, moved = e+1, true
			}
		case i < le && src[i] == '<':
			next, moved = h.startTag(ls, i, le)
		}
		if !moved {
			next = le + 1
		}
		ls = next
	}
	for _, e := range h.stack {
		if e.model == 'b' {
			h.sc.inside = append(h.sc.inside, source.Span{Start: e.start, End: len(src)}) // kramdown closes it at the end
		}
	}
	return h.sc
}

// htmlScanner is scanHTML's state: what it found, and the elements open.
type htmlScanner struct {
	src            []byte
	parseBlockHTML bool
	sc             htmlScan
	stack          []openElement
}

// raw reads raw HTML from off inside the elements open, and returns where
// the line scan resumes.
func (h *htmlScanner) raw(start, off int, open []string) int {
	e, inner, rest := rawElement(h.src, off, open)
	if inner.name == "" {
		h.sc.raw = append(h.sc.raw, source.Span{Start: start, End: lineEndAt(h.src, e)})
		return lineEndAt(h.src, e) + 1
	}
	// a Markdown element inside raw HTML: its content is read as blocks
	h.sc.raw = append(h.sc.raw, source.Span{Start: start, End: inner.tagStart})
	h.sc.tags = append(h.sc.tags, source.Span{Start: inner.tagStart, End: e})
	h.stack = append(h.stack, openElement{model: 'r', raw: rest}, openElement{name: inner.name, model: 'b', start: e})
	return lineEndAt(h.src, e) + 1
}

// endTag reads the end tag at i, at a line's start: it closes the element
// open, or, closing nothing, starts a paragraph. moved is true when the
// scan resumes at next rather than at the next line.
func (h *htmlScanner) endTag(i int) (next int, moved bool) {
	name, end, ok := matchCloseTag(h.src, i)
	if !ok {
		return 0, false
	}
	if len(h.stack) == 0 || !sameElement(name, h.stack[len(h.stack)-1].name) {
		// an end tag that closes nothing starts a paragraph in kramdown
		// (goldmark would open an HTML block): it is raw HTML in the text,
		// and the lines after it are Markdown
		h.sc.tags = append(h.sc.tags, source.Span{Start: i, End: end})
		return 0, false
	}
	h.sc.tags = append(h.sc.tags, source.Span{Start: i, End: end})
	h.sc.inside = append(h.sc.inside, source.Span{Start: h.stack[len(h.stack)-1].start, End: i})
	h.stack = h.stack[:len(h.stack)-1]
	if n := len(h.stack); n > 0 && h.stack[n-1].model == 'r' {
		open := h.stack[n-1].raw
		h.stack = h.stack[:n-1]
		return h.raw(end, end, open), true
	}
	return 0, false
}

// startTag reads the start tag at i, on the line from ls to le: a block
// element opens raw HTML, text or Markdown blocks, as its content model
// says; a span element's tag starts a paragraph.
func (h *htmlScanner) startTag(ls, i, le int) (next int, moved bool) {
	src := h.src
	name, end, closed, ok := matchStartTag(src, i)
	lower := strings.ToLower(name)
	if ok && spanElements[lower] && end <= le && len(bytes.TrimSpace(src[end:le])) == 0 {
		// a span element's tag alone on its line is paragraph text in
		// kramdown; goldmark would open an HTML block with it
		h.sc.tags = append(h.sc.tags, source.Span{Start: i, End: end})
	}
	if !ok || spanElements[lower] {
		return 0, false
	}
	switch model := elementModel(src[i:end], lower, h.parseBlockHTML); {
	case closed || htmlElementsWithoutBody[lower]:
		e := lineEndAt(src, end)
		h.sc.raw = append(h.sc.raw, source.Span{Start: ls, End: e})
		return e + 1, true
	case model == 'r':
		return h.raw(ls, end, []string{name}), true
	case model == 's':
		h.sc.tags = append(h.sc.tags, source.Span{Start: i, End: end})
		return spanContent(src, end, name, &h.sc), true
	default:
		h.sc.tags = append(h.sc.tags, source.Span{Start: i, End: end})
		h.stack = append(h.stack, openElement{name: name, model: model, start: end})
		return lineEndAt(src, end) + 1, true
	}
}

// elementModel is the content model of the element whose start tag is tag:
// the markdown attribute's, else raw unless parse_block_html is on.
func elementModel(tag []byte, name string, parseBlockHTML bool) byte {
	model := byte('r')
	if parseBlockHTML {
		model = contentModel[name]
		if model == 0 {
			model = 'r'
		}
	}
	if v, ok := attrValue(tag, "markdown"); ok {
		switch v {
		case "0":
			model = 'r'
		case "1":
			model = contentModel[name]
			if model == 0 {
				model = 'r'
			}
		case "block":
			model = 'b'
		case "span":
			model = 's'
		}
	}
	return model
}

// attrValue returns the value of attribute key in a start tag that
// matchStartTag accepted (values quoted).
func attrValue(tag []byte, key string) (string, bool) {
	for from := 0; ; {
		k := indexFoldASCII(tag[from:], key)
		if k < 0 {
			return "", false
		}
		k += from
		from = k + len(key)
		if k == 0 || !isHTMLSpace(tag[k-1]) {
			continue
		}
		j := k + len(key)
		for j < len(tag) && isHTMLSpace(tag[j]) {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			return "", true
		}
		j++
		for j < len(tag) && isHTMLSpace(tag[j]) {
			j++
		}
		if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
			if e := bytes.IndexByte(tag[j+1:], tag[j]); e >= 0 {
				return string(tag[j+1 : j+1+e]), true
			}
		}
		return "", true
	}
}

// indexFoldASCII is the offset of the first match of key, a lower-case
// ASCII word, in b with ASCII letters of either case; -1 when none. It
// reads b where it is, where bytes.ToLower would copy every tag.
func indexFoldASCII(b []byte, key string) int {
	if len(key) == 0 {
		return 0
	}
	anchored := key[0] < 'a' || key[0] > 'z' // a key that starts with no letter (`</p`): step to its first byte
	for i := 0; i+len(key) <= len(b); i++ {
		if anchored {
			n := bytes.IndexByte(b[i:len(b)-len(key)+1], key[0])
			if n < 0 {
				return -1
			}
			i += n
		}
		j := 0
		for j < len(key) && b[i+j]|0x20 == key[j] && (key[j] >= 'a' && key[j] <= 'z' || b[i+j] == key[j]) {
			j++
		}
		if j == len(key) {
			return i
		}
	}
	return -1
}

// spanContent skips the text content of an element read as span-level
// Markdown, up to its end tag (kramdown scans for `</name>`, nesting
// nothing), and returns where the line scan resumes.
func spanContent(src []byte, from int, name string, sc *htmlScan) int {
	// in either case, without lowering a copy of the rest of the page for
	// every element (quadratic on a page of many)
	k := indexFoldASCII(src[from:], "</"+strings.ToLower(name))
	if k < 0 {
		return len(src)
	}
	_, end, ok := matchCloseTag(src, from+k)
	if !ok {
		end = from + k + 2 + len(name)
	}
	sc.tags = append(sc.tags, source.Span{Start: from + k, End: end})
	return lineEndAt(src, end) + 1
}

// innerMarkdown is an element inside raw HTML whose markdown attribute makes
// its content Markdown blocks: the raw region stops at its start tag.
type innerMarkdown struct {
	name     string
	tagStart int
}

// rawElement reads raw HTML content from off inside the elements of
// stack (outermost first), as kramdown's parse_raw_html does: every start
// tag (not void, not self-closed) opens an element that only its own end
// tag closes; an end tag that does not close the innermost element is
// text; comments and processing instructions are skipped whole; script and
// style run to their end tag. It returns the offset after the end tag of
// the outermost element (or the end of the text: kramdown closes it there),
// or the end of the start tag of an inner element with markdown="1" or
// "block", whose content is Markdown, with the elements still open.
func rawElement(src []byte, off int, stack []string) (int, innerMarkdown, []string) {
	stack = slices.Clone(stack)
	for i := off; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		top := stack[len(stack)-1]
		if low := strings.ToLower(top); low == "script" || low == "style" {
			k := indexFoldASCII(src[i:], "</"+low)
			if k < 0 {
				break
			}
			i += k
		}
		switch {
		case bytes.HasPrefix(src[i:], []byte("<!--")):
			k := bytes.Index(src[i+4:], []byte("-->"))
			if k < 0 {
				i++
				continue
			}
			i += 4 + k + 3
		case bytes.HasPrefix(src[i:], []byte("<?")):
			k := bytes.Index(src[i+2:], []byte("?>"))
			if k < 0 {
				i++
				continue
			}
			i += 2 + k + 2
		case i+1 < len(src) && src[i+1] == '/':
			n, end, ok := matchCloseTag(src, i)
			if !ok {
				i++
				continue
			}
			if sameElement(n, top) {
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					return end, innerMarkdown{}, nil
				}
			}
			i = end
		default:
			n, end, closed, ok := matchStartTag(src, i)
			if !ok {
				i++
				continue
			}
			if !closed && !htmlElementsWithoutBody[strings.ToLower(n)] {
				if m := elementModel(src[i:end], strings.ToLower(n), false); m == 'b' {
					return end, innerMarkdown{name: n, tagStart: i}, stack
				}
				stack = append(stack, n)
			}
			i = end
		}
	}
	return len(src), innerMarkdown{}, nil
}

// sameElement compares tag names as kramdown does: HTML elements without
// regard to case, other names exactly.
func sameElement(a, b string) bool {
	if contentModel[strings.ToLower(b)] != 0 || spanElements[strings.ToLower(b)] || htmlElementsWithoutBody[strings.ToLower(b)] {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// isNameByte is a byte of kramdown's (REXML's) element and attribute names.
func isNameByte(c byte) bool {
	return c == '-' || c == '.' || c == '_' || c == ':' || c >= '0' && c <= '9' || isASCIILetter(c) || c >= 0x80
}

// matchStartTag matches kramdown's HTML_TAG_RE at src[i] == '<': a name,
// attributes whose values are quoted (or absent), an optional `/`, `>`;
// the tag may span lines.
func matchStartTag(src []byte, i int) (name string, end int, closed, ok bool) {
	j := i + 1
	if j >= len(src) || !(isASCIILetter(src[j]) || src[j] == '_' || src[j] >= 0x80) {
		return "", 0, false, false
	}
	for j < len(src) && isNameByte(src[j]) {
		j++
	}
	name = string(src[i+1 : j])
	for {
		k := j
		for k < len(src) && isHTMLSpace(src[k]) {
			k++
		}
		if k < len(src) && src[k] == '>' {
			return name, k + 1, false, true
		}
		if k+1 < len(src) && src[k] == '/' && src[k+1] == '>' {
			return name, k + 2, true, true
		}
		if k == j || k >= len(src) || !isNameByte(src[k]) {
			return "", 0, false, false // attributes are separated by space
		}
		for k < len(src) && isNameByte(src[k]) {
			k++
		}
		m := k
		for m < len(src) && isHTMLSpace(src[m]) {
			m++
		}
		if m < len(src) && src[m] == '=' {
			m++
			for m < len(src) && isHTMLSpace(src[m]) {
				m++
			}
			if m >= len(src) || (src[m] != '"' && src[m] != '\'') {
				return "", 0, false, false
			}
			e := bytes.IndexByte(src[m+1:], src[m])
			if e < 0 {
				return "", 0, false, false
			}
			k = m + 1 + e + 1
		}
		j = k
	}
}

// matchCloseTag matches kramdown's HTML_TAG_CLOSE_RE at src[i:]: `</name\s*>`.
func matchCloseTag(src []byte, i int) (name string, end int, ok bool) {
	j := i + 2
	for j < len(src) && isNameByte(src[j]) {
		j++
	}
	if j == i+2 {
		return "", 0, false
	}
	name = string(src[i+2 : j])
	for j < len(src) && isHTMLSpace(src[j]) {
		j++
	}
	if j >= len(src) || src[j] != '>' {
		return "", 0, false
	}
	return name, j + 1, true
}

// fenceLen counts the run of c at the start of line.
func fenceLen(line []byte, c byte) int {
	n := 0
	for n < len(line) && line[n] == c {
		n++
	}
	if c == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return 0 // a backtick fence's info string has no backtick
	}
	return n
}

// skipFence returns the start of the line after the fence that closes the
// one ending at le (the rest of the text when it never closes).
func skipFence(src []byte, le int, c byte, n int) int {
	for ls := le + 1; ls < len(src); {
		e := lineEndAt(src, ls)
		i := ls
		for i < e && i-ls < 3 && src[i] == ' ' {
			i++
		}
		if m := fenceLen(src[i:e], c); m >= n && len(bytes.TrimSpace(src[i+m:e])) == 0 {
			return e + 1
		}
		ls = e + 1
	}
	return len(src)
}

// markdownInput is the text the Markdown parser reads: the masked page
// with kramdown's raw HTML regions and the tags around Markdown content
// blanked (goldmark would read them by CommonMark's rules), and each
// `{% highlight %}` block, whose body Liquid turns into code, written as a
// fenced code block of the same length. It returns the masked page itself
// when there is nothing to change, and the highlight blocks that could not
// be written as fences (not alone on their lines), whose lines are code.
func markdownInput(pg *Page, sc htmlScan) ([]byte, []source.Span) {
	hls := highlightBodies(pg.Liquid)
	if len(sc.raw)+len(sc.tags)+len(hls) == 0 {
		return pg.Masked, nil
	}
	md := make([]byte, len(pg.Masked))
	copy(md, pg.Masked)
	for _, s := range sc.raw {
		blank(md, s)
	}
	for _, s := range sc.tags {
		blank(md, s)
	}
	var code []source.Span
	for _, h := range hls {
		open, end := tagAt(pg.Liquid, h.Start), tagAt(pg.Liquid, h.End-1)
		if inSpans(sc.raw, open.Start) {
			continue
		}
		if !aloneOnLine(md, open) || !aloneOnLine(md, end) {
			code = append(code, source.Span{Start: lineStartAt(md, open.Start), End: lineEndAt(md, end.End)})
			blank(md, source.Span{Start: open.Start, End: end.End})
			continue
		}
		n := min(open.End-open.Start, end.End-end.Start)
		for k := open.Start; k < open.Start+n; k++ {
			md[k] = '`'
		}
		for k := end.Start; k < end.End; k++ {
			md[k] = '`'
		}
	}
	return md, code
}

// aloneOnLine reports whether only spaces share s's line.
func aloneOnLine(src []byte, s source.Span) bool {
	return len(bytes.TrimSpace(src[lineStartAt(src, s.Start):s.Start])) == 0 &&
		len(bytes.TrimSpace(src[s.End:lineEndAt(src, s.End)])) == 0
}

// blank overwrites s with spaces, keeping line breaks.
func blank(dst []byte, s source.Span) {
	for i := s.Start; i < s.End && i < len(dst); i++ {
		if dst[i] != '\n' && dst[i] != '\r' {
			dst[i] = ' '
		}
	}
}

// kramdownHTML records the HTML regions and Markdown elements' tags that
// the scan found: their ids, links, headings and images.
func (b *builder) kramdownHTML(sc htmlScan) {
	for _, s := range sc.raw {
		b.pg.HTMLBlocks = append(b.pg.HTMLBlocks, s)
		b.html(s)
	}
	for _, s := range sc.tags {
		b.html(s)
	}
}

// tagAt is the span of the Liquid token that holds off.
func tagAt(r liquid.Result, off int) source.Span {
	for _, t := range r.Tokens {
		if t.Span.Contains(off) {
			return t.Span
		}
	}
	return source.Span{Start: off, End: off}
}
