package rules

import (
	"bytes"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// LinkTextOptions are link-text's options.
type LinkTextOptions struct {
	// Phrases are more link texts that do not say where a link goes, by
	// language ("en", "es", ...), added to the built-in ones.
	Phrases map[string][]string `yaml:"phrases"`
	// BareURL is "mismatch" (the default) or "all": which links whose text
	// is a web address are reported, as warnings. By default only those
	// whose text names another host than the link goes to: sites show
	// their own address on purpose (so that readers learn the real one).
	BareURL string `yaml:"bare_url" enum:"mismatch,all"`
}

// genericLinkText are link texts that say nothing of where a link goes, by
// the language of the page.
var genericLinkText = map[string][]string{
	"en": {"click here", "here", "this link", "read more", "learn more", "more", "click", "link", "this", "more info", "this page"},
	"es": {"haga clic aquí", "haz clic aquí", "aquí", "este enlace", "más información", "leer más", "más", "enlace"},
	"fr": {"cliquez ici", "ici", "ce lien", "en savoir plus", "lire la suite", "plus", "lien"},
	"zh": {"点击这里", "点击此处", "这里", "此处", "此链接", "了解更多", "更多", "链接"},
}

// genericLinkKeys are genericLinkText's phrases folded by phraseKey, once.
var genericLinkKeys = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for lang, list := range genericLinkText {
		out[lang] = map[string]bool{}
		for _, g := range list {
			out[lang][phraseKey(g)] = true
		}
	}
	return out
}()

// linkText reports links whose text does not say where they go: none at
// all, a generic phrase, or a bare URL (a warning).
func linkText() *lint.Rule {
	return &lint.Rule{
		Name:     "link-text",
		Doc:      doc("link-text"),
		Severity: lint.Error,
		Options:  func() any { return &LinkTextOptions{BareURL: "mismatch"} },
		Run: func(p *lint.Pass) {
			opts := p.Options.(*LinkTextOptions)
			terms := &termIndex{text: p.Page.Masked}
			lang := pageLang(p)
			extra := opts.Phrases[lang]
			generic := func(text string) bool {
				k := phraseKey(text)
				if genericLinkKeys[lang][k] {
					return true
				}
				for _, g := range extra {
					if phraseKey(g) == k {
						return true
					}
				}
				return false
			}
			for i := range p.Page.Links {
				l := &p.Page.Links[i]
				if l.InFrontMatter {
					continue
				}
				text, ok := linkVisibleText(p, l)
				if !ok || imageAltOwns(p, l) {
					continue
				}
				switch {
				case text == "":
					if imageNamesLink(p, l) {
						continue // its image's alt names it, or image-alt reports the image that lacks one
					}
					p.Reportf(l.Span, "link has no text: screen readers announce only its address; write text that says where it goes")
				case len(text) <= maxPhrase && generic(text) && !inLinkRun(p, l, i) && !terms.discussed(l, text):
					p.Reportf(l.Span, "link text %s does not say where the link goes: readers who list a page's links hear only that; name the destination (its page title, say)", quote(text))
				case bareURL(text) && !l.DestLiquid && sameAddress(text, l.Dest) && opts.BareURL == "all":
					p.Report(lint.Diagnostic{Span: l.Span, Warning: true,
						Message: fmt.Sprintf("link text %s is a bare address: screen readers spell it out; name the destination instead", quote(text))})
				case bareURL(text) && !l.DestLiquid && !sameHost(text, l.Dest):
					p.Report(lint.Diagnostic{Span: l.Span, Warning: true,
						Message: fmt.Sprintf("link text %s names another site than the link goes to (%s): readers trust the text; make them agree", quote(text), l.Dest)})
				}
			}
		},
	}
}

// imageNamesLink reports whether a link without text holds an image that
// gives it its name (alt text, a title, an aria-label) or lacks its alt
// text altogether, which image-alt reports: adding the alt fixes both, so
// the defect is the image's.
func imageNamesLink(p *lint.Pass, l *page.Link) bool {
	in := l.Text
	if l.Kind == page.HTML {
		in = l.Inner
	}
	for _, img := range imagesIn(p.Page, in) {
		if img.Span.End > in.End {
			continue
		}
		named := strings.TrimSpace(img.Attrs["title"]) != "" || strings.TrimSpace(img.Attrs["aria-label"]) != "" ||
			img.HasAlt && strings.TrimSpace(string(spanText(p, img.Alt))) != ""
		if named || img.HTML && !img.HasAlt {
			return true
		}
	}
	return false
}

// imagesIn are the page's images that start within span (the page lists
// them in file order): a binary search, not a scan, for each link.
func imagesIn(pg *page.Page, span source.Span) []page.Img {
	imgs := pg.Images
	lo := sort.Search(len(imgs), func(i int) bool { return imgs[i].Span.Start >= span.Start })
	hi := sort.Search(len(imgs), func(i int) bool { return imgs[i].Span.Start >= span.End })
	return imgs[lo:max(lo, hi)]
}

// termIndex finds where a page names a phrase as a term, in emphasis or
// quotes (*click here*, "here"): a style guide that shows a vague link as
// the example to avoid. The page is lowered and searched once per phrase,
// whatever the number of links that use it.
type termIndex struct {
	text  []byte // the masked page: Liquid (and its comments) blanked
	lower []byte
	at    map[string][]int // phrase -> offsets of its emphasized or quoted forms, ascending
}

// discussed reports whether the page names the link's text as a term
// somewhere other than in the link itself.
func (ti *termIndex) discussed(l *page.Link, phrase string) bool {
	pos := ti.positions(strings.ToLower(phrase))
	lo := sort.SearchInts(pos, l.Span.Start)
	hi := sort.SearchInts(pos, l.Span.End)
	return len(pos) > hi-lo
}

// lowerInPlace lowers the letters of text whose lower case is as long,
// so that offsets into it are offsets into text.
func lowerInPlace(text []byte) []byte {
	out := make([]byte, len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == size {
			utf8.EncodeRune(out[i:], lr)
		} else {
			copy(out[i:i+size], text[i:i+size])
		}
		i += size
	}
	return out
}

func (ti *termIndex) positions(phrase string) []int {
	if pos, ok := ti.at[phrase]; ok {
		return pos
	}
	if ti.lower == nil {
		ti.lower, ti.at = lowerInPlace(ti.text), map[string][]int{}
	}
	var pos []int
	for _, q := range [][2]string{{"*", "*"}, {"_", "_"}, {`"`, `"`}, {"“", "”"}, {"`", "`"}} {
		term := []byte(q[0] + phrase + q[1])
		for at := 0; ; {
			i := bytes.Index(ti.lower[at:], term)
			if i < 0 {
				break
			}
			pos = append(pos, at+i)
			at += i + len(term)
		}
	}
	sort.Ints(pos)
	ti.at[phrase] = pos
	return pos
}

// inLinkRun reports whether the link at index i stands next to another
// link with only spaces or punctuation between ("[now] [several] [more]
// [reasons]"): a word of a sentence linked word by word, not a link that
// calls itself "more".
func inLinkRun(p *lint.Pass, l *page.Link, i int) bool {
	text := p.Page.File.Text
	between := func(a, b int) bool {
		if a > b {
			return false
		}
		return len(bytes.Trim(text[a:b], " \t\r\n,;:-")) == 0
	}
	links := p.Page.Links
	if i > 0 && !links[i-1].InFrontMatter && between(links[i-1].Span.End, l.Span.Start) {
		return true
	}
	return i+1 < len(links) && !links[i+1].InFrontMatter && between(l.Span.End, links[i+1].Span.Start)
}

// imageAltOwns reports whether the link's only content is images that
// image-alt reports: the link has no text because an image lacks its alt
// (or has a useless one), and writing the alt fixes both; one finding.
func imageAltOwns(p *lint.Pass, l *page.Link) bool {
	content := l.Text
	if l.Kind == page.HTML {
		if !l.InnerFound {
			return false
		}
		content = l.Inner
	} else if l.Kind != page.Markdown || l.Text.End < l.Text.Start {
		return false
	}
	imgs := imagesIn(p.Page, content)
	if len(imgs) == 0 {
		return false // nothing reported: the text owns no image
	}
	rest := bytes.Clone(spanText(p, content))
	reported := false
	for i := range imgs {
		img := &imgs[i]
		if img.Span.End > content.End {
			continue
		}
		for j := img.Span.Start; j < img.Span.End; j++ {
			rest[j-content.Start] = ' '
		}
		reported = reported || altProblem(p, img, &ImageAltOptions{}) != ""
	}
	return reported && len(bytes.TrimSpace(rest)) == 0
}

// maxPhrase is longer than any generic phrase (in bytes): longer link
// text is descriptive without comparing it.
const maxPhrase = 64

// linkVisibleText is the text a link is announced with; ok is false when
// it cannot be known (Liquid in it, an HTML link whose end is not found).
func linkVisibleText(p *lint.Pass, l *page.Link) (string, bool) {
	switch l.Kind {
	case page.Markdown:
		if l.Text.End < l.Text.Start || p.Page.LiquidIn(l.Text) {
			return "", false
		}
		if raw := spanText(p, l.Text); len(raw) > 2*maxPhrase && bytes.IndexByte(raw, ' ') >= 0 {
			return "long text", true // says more than any generic phrase, and is no bare address
		}
		if l.IAL != nil && strings.TrimSpace(l.IAL.Attrs["aria-label"]) != "" {
			return strings.TrimSpace(l.IAL.Attrs["aria-label"]), true
		}
		return visibleText(codeSpansAsText(spanText(p, l.Text))), true
	case page.Autolink:
		return l.Dest, true
	case page.HTML:
		if l.HasAriaLabel && strings.TrimSpace(l.AriaLabel) != "" {
			return strings.TrimSpace(l.AriaLabel), true // it names the link, whatever its content
		}
		if !l.InnerFound || p.Page.LiquidIn(l.Inner) {
			return "", false
		}
		return visibleText(spanText(p, l.Inner)), true
	}
	return "", false
}

// bareURL reports whether link text is a web address.
func bareURL(text string) bool {
	prefix := func(p string) bool { return len(text) >= len(p) && strings.EqualFold(text[:len(p)], p) }
	return (prefix("http://") || prefix("https://") || prefix("www.")) && !strings.Contains(text, " ")
}

// sameHost reports whether link text that is a web address names the host
// the link goes to ("www." and case aside); a relative destination is on
// the site itself. A translated page that shows the site's address and
// links to its own language's path is fine.
func sameHost(text, dest string) bool {
	host := func(u string) (string, bool) {
		u = strings.TrimSpace(u)
		abs := false
		for _, p := range []string{"https://", "http://", "//"} {
			if len(u) >= len(p) && strings.EqualFold(u[:len(p)], p) {
				u, abs = u[len(p):], true
				break
			}
		}
		h, _, _ := strings.Cut(u, "/")
		h, _, _ = strings.Cut(h, "?")
		h, _, _ = strings.Cut(h, "#")
		return strings.TrimPrefix(strings.ToLower(h), "www."), abs || strings.HasPrefix(strings.ToLower(u), "www.")
	}
	th, _ := host(text)
	dh, abs := host(dest)
	return !abs || th == dh
}

// sameAddress reports whether link text that is a web address names the
// link's destination: scheme, "www.", case of the host and a trailing
// slash aside.
func sameAddress(text, dest string) bool {
	norm := func(u string) string {
		u = strings.TrimSpace(u)
		for _, p := range []string{"https://", "http://"} {
			if len(u) >= len(p) && strings.EqualFold(u[:len(p)], p) {
				u = u[len(p):]
			}
		}
		host, rest, _ := strings.Cut(u, "/")
		host = strings.TrimPrefix(strings.ToLower(host), "www.")
		if i := strings.IndexAny(rest, "?#"); i < 0 {
			rest = strings.TrimSuffix(rest, "/")
		}
		return host + "/" + rest
	}
	return norm(text) == norm(dest)
}

// codeSpansAsText escapes what code spans in Markdown link text hold: kramdown
// shows `<details>` in a code span as text, which an HTML reading of the
// link text would take for a tag.
func codeSpansAsText(src []byte) []byte {
	if bytes.IndexByte(src, '`') < 0 || !bytes.ContainsAny(src, "<&") {
		return src
	}
	var out []byte
	for i := 0; i < len(src); {
		if src[i] != '`' {
			out = append(out, src[i])
			i++
			continue
		}
		n := 1
		for i+n < len(src) && src[i+n] == '`' {
			n++
		}
		fence := src[i : i+n]
		end := bytes.Index(src[i+n:], fence)
		if end < 0 {
			out = append(out, fence...)
			i += n
			continue
		}
		out = append(out, html.EscapeString(string(src[i+n:i+n+end]))...)
		i += n + end + n
	}
	return out
}
