// Package liquid finds Liquid tags ({% … %}) and output markup ({{ … }}) in
// a page body, with exact byte spans, and blanks them out so that the
// Markdown parser sees a body of the same length as the file.
package liquid

import (
	"bytes"

	"github.com/helplint/helplint/internal/source"
)

// Kind tells a tag from output markup.
type Kind uint8

const (
	// Tag is `{% name args %}`.
	Tag Kind = iota
	// Output is `{{ expression }}`.
	Output
)

// Token is one piece of Liquid markup. It holds spans rather than copies
// of its text: a page of 50 MB of tags holds four million of them (issue 29).
type Token struct {
	Span source.Span // the whole token, delimiters included
	// ArgsSpan is the markup after the name (for Output: the expression),
	// trimmed; Args reads it.
	ArgsSpan source.Span
	Name     string // tag name ("include", "endcapture"); empty for Output
	Kind     Kind
	// Inline is true when the token shares a line with other text; Mask then
	// fills it with 'x' instead of spaces so that a link destination such as
	// `{{ site.url }}/x` or `{% link a.md %}` stays one word.
	Inline bool
}

// Args is the token's markup after its name in src, the text Lex read.
func (t Token) Args(src []byte) []byte { return src[t.ArgsSpan.Start:t.ArgsSpan.End] }

// knownNames are the tag names of Liquid and Jekyll, shared by every token
// that names one instead of each holding its own copy.
var knownNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{"if", "elsif", "else", "unless", "case", "when", "for", "break",
		"continue", "cycle", "tablerow", "assign", "capture", "increment", "decrement", "raw",
		"comment", "include", "include_relative", "render", "liquid", "echo", "highlight", "link",
		"post_url", "seo", "feed_meta", "avatar", "octicon"} {
		m[n] = n
		if n != "else" && n != "elsif" && n != "when" && n != "break" && n != "continue" {
			m["end"+n] = "end" + n
		}
	}
	return m
}()

// name gives the string for a tag name, a shared one when it is known.
func name(b []byte) string {
	if s, ok := knownNames[string(b)]; ok {
		return s
	}
	return string(b)
}

// Block is a `raw` or `comment` block: its opening tag, its closing tag, and
// the body between them.
type Block struct {
	Name  string      // "raw" or "comment"
	Open  source.Span // the opening tag
	Close source.Span // the closing tag; empty when the block is never closed
	Body  source.Span
}

// Result is what Lex finds.
type Result struct {
	Tokens []Token
	// Blocks holds raw and comment blocks; their bodies are not Liquid.
	Blocks []Block
	// Unclosed holds the first `{%` and the first `{{` that have no closing
	// delimiter; each runs to the end of the file, over any later one.
	Unclosed []source.Span
}

// Lex scans src[from:] for Liquid markup. Offsets are offsets into src.
// It follows Liquid's own tokenizer: a tag ends at the first `%}`, output at
// the first `}` (optionally followed by a second).
func Lex(src []byte, from int) Result {
	var r Result
	if from < len(src) {
		// every token opens with one of these: one allocation, not a
		// doubling slice's garbage
		body := src[from:]
		// (an opening without a closing after it is no token)
		tags := min(bytes.Count(body, []byte("{%")), bytes.Count(body, []byte("%}")))
		outs := min(bytes.Count(body, []byte("{{")), bytes.Count(body, []byte("}")))
		if n := tags + outs; n > 0 {
			r.Tokens = make([]Token, 0, n)
		}
	}
	i := from
	// once a search for a closing delimiter fails, every later one would
	// read to the end again: 100,000 `{% ` without `%}` on a line were
	// quadratic (issue 29)
	noTagClose, noOutClose := false, false
	for i < len(src)-1 {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j
		switch src[i+1] {
		case '%':
			end := -1
			if !noTagClose {
				end = bytes.Index(src[i+2:], []byte("%}"))
			}
			if end < 0 {
				if !noTagClose {
					r.Unclosed = append(r.Unclosed, source.Span{Start: i, End: len(src)})
				}
				noTagClose = true
				i += 2
				continue
			}
			tok := tagToken(src, i, i+2+end+2)
			r.Tokens = append(r.Tokens, tok)
			i = tok.Span.End
			if tok.Name == "raw" || tok.Name == "comment" {
				b, next := blockBody(src, tok, &r)
				r.Blocks = append(r.Blocks, b)
				i = next
			}
		case '{':
			end := -1
			if !noOutClose {
				end = bytes.IndexByte(src[i+2:], '}')
			}
			if end < 0 {
				if !noOutClose {
					r.Unclosed = append(r.Unclosed, source.Span{Start: i, End: len(src)})
				}
				noOutClose = true
				i += 2
				continue
			}
			stop := i + 2 + end + 1
			if stop < len(src) && src[stop] == '}' {
				stop++
			}
			inner := source.Span{Start: i + 2, End: stop - 1}
			if src[stop-2] == '}' && stop-2 >= i+2 {
				inner.End = stop - 2
			}
			inner = trimSpan(src, inner, true)
			r.Tokens = append(r.Tokens, Token{Kind: Output, Span: source.Span{Start: i, End: stop}, ArgsSpan: inner})
			i = stop
		default:
			i++
		}
	}
	for k := range r.Tokens {
		r.Tokens[k].Inline = !aloneOnLines(src, r.Tokens[k].Span)
	}
	return r
}

// tagToken splits `{%- name args -%}` spanning src[start:end].
func tagToken(src []byte, start, end int) Token {
	inner := trimSpan(src, source.Span{Start: start + 2, End: end - 2}, true)
	n := inner.Start
	for n < inner.End && isNameByte(src[n]) {
		n++
	}
	args := trimSpan(src, source.Span{Start: n, End: inner.End}, false)
	return Token{Kind: Tag, Span: source.Span{Start: start, End: end},
		Name: name(src[inner.Start:n]), ArgsSpan: args}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// trimSpan drops white space, and with dashes also Liquid's `-` whitespace
// control markers, from both ends of a span.
func trimSpan(src []byte, s source.Span, dashes bool) source.Span {
	if dashes {
		if s.Start < s.End && src[s.Start] == '-' {
			s.Start++
		}
		if s.End > s.Start && src[s.End-1] == '-' {
			s.End--
		}
	}
	for s.Start < s.End && isSpace(src[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpace(src[s.End-1]) {
		s.End--
	}
	return s
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// blockBody finds the end of a raw or comment block opened by tok. Comments
// nest; raw does not. It returns where scanning resumes.
func blockBody(src []byte, open Token, r *Result) (Block, int) {
	b := Block{Name: open.Name, Open: open.Span, Body: source.Span{Start: open.Span.End, End: len(src)}}
	closer := "end" + open.Name
	depth := 0
	i := open.Span.End
	for i < len(src) {
		j := bytes.Index(src[i:], []byte("{%"))
		if j < 0 {
			break
		}
		end := bytes.Index(src[i+j+2:], []byte("%}"))
		if end < 0 {
			break
		}
		tok := tagToken(src, i+j, i+j+2+end+2)
		switch {
		case tok.Name == closer && depth == 0:
			b.Body.End = tok.Span.Start
			b.Close = tok.Span
			r.Tokens = append(r.Tokens, tok)
			return b, tok.Span.End
		case tok.Name == closer:
			depth--
		case open.Name == "comment" && tok.Name == "comment":
			depth++
		}
		i = tok.Span.End
	}
	return b, len(src)
}

// aloneOnLines reports whether only white space shares the lines of span s.
func aloneOnLines(src []byte, s source.Span) bool {
	for i := s.Start - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	for i := s.End; i < len(src) && src[i] != '\n'; i++ {
		if src[i] != ' ' && src[i] != '\t' && src[i] != '\r' {
			return false
		}
	}
	return true
}

// Mask overwrites, in dst (a copy of the source), every Liquid token and
// every comment block with filler of the same length. Comments, raw
// delimiters and tokens alone on their lines become spaces, keeping line
// breaks, so they read as blank lines; inline tokens become 'x', line
// breaks included, so that the words around them hold together. Raw bodies are kept: Jekyll outputs them as written.
func Mask(dst []byte, r Result) {
	for _, t := range r.Tokens {
		if !t.Inline || t.Name == "raw" || t.Name == "endraw" || t.Name == "comment" || t.Name == "endcomment" {
			blank(dst, t.Span, ' ')
			continue
		}
		// an inline token that spans lines is one run of text once Liquid
		// has run (`[x]({{\n site.baseurl }}/a/)` is a link): its line
		// breaks go too, and the Markdown parser reads one line
		for i := t.Span.Start; i < t.Span.End && i < len(dst); i++ {
			dst[i] = 'x'
		}
	}
	for _, b := range r.Blocks {
		if b.Name == "comment" {
			blank(dst, source.Span{Start: b.Open.Start, End: max(b.Close.End, b.Body.End)}, ' ')
		}
	}
	// An unclosed delimiter stays as text: Liquid rejects the page, and liquid-syntax says so.
}

func blank(dst []byte, s source.Span, fill byte) {
	for i := s.Start; i < s.End && i < len(dst); i++ {
		if dst[i] != '\n' && dst[i] != '\r' {
			dst[i] = fill
		}
	}
}
