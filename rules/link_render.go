package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// The checks of link-syntax on links that render, but wrong: a destination
// that is no URL, a domain without its scheme, an escaped bracket that
// splits the text, and Markdown links inside HTML blocks, which kramdown
// leaves as text.

var (
	// schemeless is a destination that starts with a domain name but has no
	// scheme: the browser resolves `www.irs.gov/x` as a path of this site.
	schemeless = regexp.MustCompile(`(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(gov|com|org|net|edu|mil|us|io|info|int)(/|$|[?#])`)
	// htmlBlockLink is Markdown link syntax inside an HTML block.
	htmlBlockLink = regexp.MustCompile(`\[[^\]\n]+\]\((https?://|/|#|mailto:)[^)\s]*\)`)
	// markdownAttr is kramdown's markdown="1" (or block/span) on an HTML tag.
	markdownAttr = regexp.MustCompile(`(?i)\smarkdown\s*=\s*["']?(1|block|span)`)
)

// checkRenderedLinks reports Markdown links that render, but not as meant.
func checkRenderedLinks(p *lint.Pass) {
	pg := p.Page
	for i := range pg.Links {
		l := &pg.Links[i]
		if l.Kind != page.Markdown || l.InFrontMatter || l.DestLiquid {
			continue
		}
		checkDest(p, l)
		checkEscapedBrackets(p, l)
	}
	checkHTMLBlockLinks(p)
}

// checkDest reports a destination that is no URL.
func checkDest(p *lint.Pass, l *page.Link) {
	d := l.Dest
	exact := l.DestExact
	switch {
	case strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")") && strings.Count(d, "(") == 1:
		diag := lint.Diagnostic{Span: linkSpan(l), Message: fmt.Sprintf("doubled parenthesis: the link goes to %s, parentheses included; remove the extra ( and )", d)}
		if exact {
			diag.Fixes = []lint.Fix{{Message: "remove the extra parentheses", Edits: []lint.Edit{
				{Span: source.Span{Start: l.DestSpan.Start, End: l.DestSpan.Start + 1}},
				{Span: source.Span{Start: l.DestSpan.End - 1, End: l.DestSpan.End}}}}}
		}
		p.Report(diag)
	case d != "" && strings.IndexByte("*<>([", d[0]) >= 0 || strings.HasPrefix(d, "<*") || strings.ContainsAny(strings.TrimSpace(d), " \t"):
		p.Reportf(linkSpan(l), "destination %s is not a URL: kramdown links to it as written and the link goes nowhere; write the address alone", quote(d))
	case schemeless.MatchString(d):
		diag := lint.Diagnostic{Span: linkSpan(l), Message: fmt.Sprintf("destination %s has no scheme: the browser reads it as a path on this site; write https://%s", d, d)}
		if exact {
			diag.Fixes = []lint.Fix{{Message: "add https://", Edits: []lint.Edit{{Span: source.Span{Start: l.DestSpan.Start, End: l.DestSpan.Start}, New: "https://"}}}}
		}
		p.Report(diag)
	}
}

// escapeReach is how far back along its line an unclosed \[ before a
// link is looked for.
const escapeReach = 4096

// checkEscapedBrackets reports a \[ that is never closed in a link's text,
// or that stands before the link on its line: the reader sees a lone [ and
// the link's text is not what was meant.
func checkEscapedBrackets(p *lint.Pass, l *page.Link) {
	m := p.Page.Masked
	if l.Text.End <= l.Text.Start {
		return
	}
	text := m[l.Text.Start:l.Text.End]
	if bytes.Count(text, []byte(`\[`)) > bytes.Count(text, []byte(`\]`)) {
		p.Reportf(linkSpan(l), "the link text has \\[ without \\]: readers see a lone [; close it with \\] or remove the backslash")
		return
	}
	// back along the line: an escaped [ whose ] never comes before the link;
	// at most escapeReach bytes back, so that a line of thousands of links
	// is not read again for each (a report found within reach is the one
	// the whole line gives: only a \[ further back is missed)
	open := 0
	for i := l.Span.Start - 1; i > 0 && i >= l.Span.Start-escapeReach && m[i] != '\n'; i-- {
		if m[i-1] != '\\' {
			continue
		}
		switch m[i] {
		case ']':
			open--
		case '[':
			open++
		}
		if open > 0 {
			p.Reportf(source.Span{Start: i - 1, End: l.Span.End}, "\\[ before this link is never closed: the link's text is only its brackets' part and a lone [ shows; move the [ into the link or remove the backslash")
			return
		}
	}
}

// checkHTMLBlockLinks reports Markdown link syntax inside HTML blocks:
// kramdown keeps the block as it is, so `[text](url)` shows as text,
// unless the block asks for Markdown with markdown="1".
func checkHTMLBlockLinks(p *lint.Pass) {
	m := p.Page.Masked
	for _, b := range p.Page.HTMLBlocks {
		block := m[b.Start:b.End]
		if !bytes.Contains(block, []byte("](")) || markdownAttr.Match(block) || bytes.HasPrefix(bytes.TrimSpace(block), []byte("<!--")) {
			continue
		}
		scan := &blockScan{lower: bytes.ToLower(block)}
		for _, loc := range htmlBlockLink.FindAllIndex(block, -1) {
			s := source.Span{Start: b.Start + loc[0], End: b.Start + loc[1]}
			if scan.inside(loc[0]) {
				continue
			}
			p.Reportf(s, "Markdown link inside an HTML block: kramdown shows it as text; write <a href=\"…\">…</a>, or add markdown=\"1\" to the block's first tag")
		}
	}
}

// blockScan tells, moving forward through an HTML block, whether an
// offset lies inside <!-- … --> or a <code> or <pre> element. Links come
// in order: looking back from each to the block's start made a block of
// thousands of links quadratic.
type blockScan struct {
	lower              []byte // the block, lower-cased
	at                 int
	comment, code, pre bool
}

func (s *blockScan) inside(off int) bool {
	for ; s.at < off; s.at++ {
		if s.lower[s.at] != '<' && s.lower[s.at] != '-' {
			continue
		}
		rest := s.lower[s.at:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			s.comment = true
		case bytes.HasPrefix(rest, []byte("-->")):
			s.comment = false
		case bytes.HasPrefix(rest, []byte("<code")):
			s.code = true
		case bytes.HasPrefix(rest, []byte("</code")):
			s.code = false
		case bytes.HasPrefix(rest, []byte("<pre")):
			s.pre = true
		case bytes.HasPrefix(rest, []byte("</pre")):
			s.pre = false
		}
	}
	return s.comment || s.code || s.pre
}
