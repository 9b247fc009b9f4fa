package rules

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"golang.org/x/net/html"
)

// pageLang is the language a page is written in, as its layout declares it:
// front matter `lang`, else the `lang` that defaults give it, else the
// locale in its file name, else the site's default; "es-MX" reads as "es".
func pageLang(p *lint.Pass) string {
	lang := ""
	if v, ok := scalar(p.Page.FrontMatter, "lang"); ok {
		lang = v.Value
	} else if v, ok := p.Defaults["lang"].(string); ok {
		lang = v
	}
	if lang == "" {
		lang = p.Info.Locale
	}
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	return lang
}

// captured reports whether offset off lies inside a {% capture %} block:
// its text is rendered wherever the captured variable is output (an
// include's box, usually), so its place in the page's outline is unknown.
func captured(p *lint.Pass, off int) bool {
	depth, start := 0, 0
	for _, t := range p.Page.Liquid.Tokens {
		switch t.Name {
		case "capture":
			if depth == 0 {
				start = t.Span.End
			}
			depth++
		case "endcapture":
			if depth > 0 {
				depth--
				if depth == 0 && off >= start && off < t.Span.Start {
					return true
				}
			}
		}
	}
	return depth > 0 && off >= start
}

// visibleText is what a reader hears of Markdown or HTML link text: tags
// and emphasis markers dropped, images read as their alt text, entities and
// backslash escapes resolved, white space folded.
func visibleText(src []byte) string {
	if !bytes.ContainsAny(src, "<&!") {
		return markdownText(string(src)) // no tags, entities or images: the common case
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(markdownImagesAsAlt(string(src))))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "img" && hasAttr {
				for more := true; more; {
					var k, v []byte
					k, v, more = z.TagAttr()
					if string(k) == "alt" {
						b.WriteString(" " + string(v) + " ")
					}
				}
			}
		}
	}
	return markdownText(b.String())
}

// markdownText drops emphasis markers and backslash escapes and folds white space.
func markdownText(t string) string {
	if !strings.ContainsAny(t, "\\*_`~\n\t") && !strings.Contains(t, "  ") {
		return strings.TrimSpace(t) // plain words: the common case
	}
	out := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t) && strings.IndexByte("\\`*_{}[]()#+-.!<>|~\"'", t[i+1]) >= 0:
			out = append(out, t[i+1])
			i++
		case c == '*' || c == '_' && (i == 0 || i+1 == len(t) || !isWordByte(t[i-1]) || !isWordByte(t[i+1])) || c == '`' || c == '~':
		default:
			out = append(out, c)
		}
	}
	return foldSpace(out)
}

// foldSpace is strings.Join(strings.Fields(string(b)), " ") without the
// list of fields (link-text reads every link's text): each run of white
// space becomes one space, none at the ends. It writes over b.
func foldSpace(b []byte) string {
	res, pending := b[:0], false
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if unicode.IsSpace(r) {
			pending = len(res) > 0
			i += size
			continue
		}
		if pending {
			res, pending = append(res, ' '), false
		}
		res = append(res, b[i:i+size]...)
		i += size
	}
	return string(res)
}

func isWordByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// markdownImagesAsAlt replaces `![alt](src)` with its alt text.
func markdownImagesAsAlt(s string) string {
	for {
		i := strings.Index(s, "![")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "](")
		if j < 0 {
			return s
		}
		k := strings.IndexByte(s[i+j:], ')')
		if k < 0 {
			return s
		}
		s = s[:i] + " " + s[i+2:i+j] + " " + s[i+j+k+1:]
	}
}

// phraseKey folds text for comparing it with a list of phrases: lower
// case, white space folded, surrounding punctuation and symbols dropped.
func phraseKey(s string) string {
	simple, lower := s != "", true
	for i := 0; i < len(s) && simple; i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			lower = false
		default:
			simple = c == ' ' && i > 0 && i+1 < len(s) && s[i+1] != ' '
		}
	}
	switch {
	case simple && lower:
		return s // lower-case words with single spaces: already folded
	case simple:
		return strings.ToLower(s) // ASCII words with single spaces: only the case to fold
	case len(s) <= 2*maxPhrase && isASCII(s):
		return asciiPhraseKey(s)
	}
	s = strings.ToLower(foldSpace([]byte(s)))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) })
}

// asciiPhraseKey is phraseKey of ASCII text, in one pass over a buffer on
// the stack: in ASCII, the punctuation and symbols phraseKey trims are
// every printable byte but letters, digits and the space.
func asciiPhraseKey(s string) string {
	var buf [2 * maxPhrase]byte
	b := buf[:0]
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			space = len(b) > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b, space = append(b, ' '), false
		}
		b = append(b, c)
	}
	trim := func(c byte) bool { return c == ' ' || c > ' ' && c < 0x7F && !isWordByte(c) }
	for len(b) > 0 && trim(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && trim(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return string(b)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// spanText returns the file's text in span s.
func spanText(p *lint.Pass, s source.Span) []byte { return p.Page.File.Text[s.Start:s.End] }
