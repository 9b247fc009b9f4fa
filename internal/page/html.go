package page

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/helplint/helplint/internal/source"
	"golang.org/x/net/html"
)

// isWordRune is Ruby's \p{Word}: letters, marks, decimal digits and connector punctuation.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.M, unicode.Pc)
}

// html tokenizes the raw HTML in span s and records links and ids. Token
// offsets come from summing the length of each token's raw bytes.
func (b *builder) html(s source.Span) {
	src := b.pg.Masked
	z := html.NewTokenizer(bytes.NewReader(src[s.Start:s.End]))
	off := s.Start
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		raw := z.Raw()
		start := off
		off += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		b.tag(start, off)
	}
}

// inlineTag records the start tag of inline raw HTML, which goldmark has
// already delimited exactly: no tokenizer is needed for one tag.
func (b *builder) inlineTag(s source.Span) {
	src := b.pg.Masked
	if s.End-s.Start >= 3 && src[s.Start] == '<' && isASCIILetter(src[s.Start+1]) && src[s.End-1] == '>' {
		b.tag(s.Start, s.End)
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// tag records the ids and links of the start tag src[start:end].
func (b *builder) tag(start, off int) {
	src := b.pg.Masked
	name, attrs := scanTag(src, start, off)
	for _, a := range attrs {
		switch {
		case a.name == "data-proofer-ignore":
			b.ignored = append(b.ignored, source.Span{Start: start, End: elementEnd(src, name, off)})
		case a.name == "id" || (a.name == "name" && name == "a"):
			if a.value.End > a.value.Start {
				b.pg.HTMLIDs = append(b.pg.HTMLIDs, HTMLID{ID: html.UnescapeString(string(b.pg.File.Text[a.value.Start:a.value.End])), Span: a.value})
			}
		}
	}
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		b.pg.HTMLHeadings = append(b.pg.HTMLHeadings, HTMLHeading{Level: int(name[1] - '0'), Span: source.Span{Start: start, End: off}})
	case "img":
		img := Img{Span: source.Span{Start: start, End: off}, HTML: true}
		for _, a := range attrs {
			v := html.UnescapeString(string(b.pg.File.Text[a.value.Start:a.value.End]))
			switch a.name {
			case "alt":
				img.Alt, img.HasAlt = a.value, true
			case "src":
				img.Src = v
			case "role", "aria-hidden", "aria-label", "aria-labelledby", "title":
				if img.Attrs == nil {
					img.Attrs = map[string]string{}
				}
				img.Attrs[a.name] = v
			}
		}
		b.pg.Images = append(b.pg.Images, img)
	}
	if name != "a" {
		return
	}
	l := Link{Kind: HTML, Span: source.Span{Start: start, End: off}, TagEnd: off - 1}
	l.Inner, l.InnerFound = innerOfA(src, off)
	hasHref := false
	for _, a := range attrs {
		switch a.name {
		case "aria-label", "aria-labelledby":
			l.AriaLabel = html.UnescapeString(string(b.pg.File.Text[a.value.Start:a.value.End]))
			l.HasAriaLabel = true
		case "href":
			hasHref = true
			l.DestSpan = a.value
			l.Dest = html.UnescapeString(string(b.pg.File.Text[a.value.Start:a.value.End]))
			l.DestLiquid = b.pg.LiquidIn(a.value)
		case "class":
			l.HasClassAttr = true
			l.ClassAttr = a.value
			l.Classes = strings.Fields(string(src[a.value.Start:a.value.End]))
		}
	}
	if off-2 >= start && src[off-2] == '/' {
		l.TagEnd = off - 2
	}
	if hasHref {
		b.pg.Links = append(b.pg.Links, l)
	}
}

// innerOfA finds the content of the <a> whose start tag ends at off: up to
// the first </a>, which must come before a blank line (the end of the
// paragraph or HTML block) and before another <a>.
func innerOfA(src []byte, off int) (source.Span, bool) {
	for i := off; i+1 < len(src); i++ {
		switch {
		case src[i] == '\n' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r' && i+2 < len(src) && src[i+2] == '\n'):
			return source.Span{}, false
		case src[i] == '<' && i+2 < len(src) && src[i+1] == '/' && (src[i+2] == 'a' || src[i+2] == 'A') &&
			(i+3 == len(src) || src[i+3] == '>' || isHTMLSpace(src[i+3])):
			return source.Span{Start: off, End: i}, true
		case src[i] == '<' && i+2 < len(src) && (src[i+1] == 'a' || src[i+1] == 'A') && isHTMLSpace(src[i+2]):
			return source.Span{}, false
		}
	}
	return source.Span{}, false
}

type attr struct {
	name  string
	value source.Span // the value without quotes
}

// scanTag reads the name and attributes of the start tag src[start:end]
// (which the tokenizer delimited), keeping the byte span of each value.
func scanTag(src []byte, start, end int) (string, []attr) {
	i := start + 1
	j := i
	for j < end && !isHTMLSpace(src[j]) && src[j] != '>' && src[j] != '/' {
		j++
	}
	name := strings.ToLower(string(src[i:j]))
	var attrs []attr
	i = j
	for i < end {
		for i < end && (isHTMLSpace(src[i]) || src[i] == '/') {
			i++
		}
		if i >= end || src[i] == '>' {
			break
		}
		j = i
		for j < end && !isHTMLSpace(src[j]) && src[j] != '=' && src[j] != '>' && !(src[j] == '/' && j+1 < end && src[j+1] == '>') {
			j++
		}
		if j == i {
			j++ // a stray '=' or similar; skip it
		}
		a := attr{name: strings.ToLower(string(src[i:j]))}
		i = j
		for i < end && isHTMLSpace(src[i]) {
			i++
		}
		if i < end && src[i] == '=' {
			i++
			for i < end && isHTMLSpace(src[i]) {
				i++
			}
			if i < end && (src[i] == '"' || src[i] == '\'') {
				q := src[i]
				k := bytes.IndexByte(src[i+1:end], q)
				if k < 0 {
					k = end - i - 1
				}
				a.value = source.Span{Start: i + 1, End: i + 1 + k}
				i = i + 1 + k + 1
			} else {
				k := i
				for k < end && !isHTMLSpace(src[k]) && src[k] != '>' {
					k++
				}
				a.value = source.Span{Start: i, End: k}
				i = k
			}
		} else {
			a.value = source.Span{Start: i, End: i}
		}
		attrs = append(attrs, a)
	}
	return name, attrs
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// spanElements are the HTML elements kramdown reads as span-level: a line
// that starts with one of them is a paragraph, not an HTML block.
var spanElements = map[string]bool{"a": true, "abbr": true, "acronym": true, "b": true, "big": true, "bdo": true, "br": true,
	"button": true, "cite": true, "code": true, "del": true, "dfn": true, "em": true, "i": true, "img": true, "input": true,
	"ins": true, "kbd": true, "label": true, "mark": true, "option": true, "q": true, "rb": true, "rbc": true, "rp": true,
	"rt": true, "rtc": true, "ruby": true, "samp": true, "select": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "tt": true, "u": true, "var": true}

// elementEnd returns the offset after the end tag that closes the element
// name whose start tag ends at off (same-name elements nest), or off when
// there is none.
func elementEnd(src []byte, name string, off int) int {
	if htmlElementsWithoutBody[name] {
		return off
	}
	depth := 1
	for i := off; i < len(src); {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return off
		}
		i += j
		if n, end, ok := matchCloseTag(src, i); ok && strings.EqualFold(n, name) {
			if depth--; depth == 0 {
				return end
			}
			i = end
			continue
		}
		if n, end, closed, ok := matchStartTag(src, i); ok {
			if !closed && strings.EqualFold(n, name) {
				depth++
			}
			i = end
			continue
		}
		i++
	}
	return off
}
