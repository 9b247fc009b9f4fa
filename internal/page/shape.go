package page

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/source"
)

// Shape describes the page's structure for comparing translations, one
// line an element, in order: "table ROWSxCOLUMNS", "img SRC", "items
// numbered|bulleted N" (list items of the page), "include NAME",
// "headings N" and, sorted, "link TARGET" (a target appears once). Each element but headings and links
// ends with " @LINE", the line it starts on. Text, link text and Liquid do
// not count: translations change them. locales are the locale codes whose
// path segments and prefixes are folded, so that /es/help/a/ is /help/a/.
func (pg *Page) Shape(locales []string) string {
	var b strings.Builder
	b.Grow(64 + 48*len(pg.Links))
	line := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	at := func(off int) string { return " @" + strconv.Itoa(pg.File.Position(off).Line) }
	for _, t := range pg.Tables {
		rows, cols := 0, 0
		for _, r := range t.Rows {
			if r.Kind == 0 {
				rows++
				cols = max(cols, r.Columns)
			}
		}
		if first := t.First(); first != nil {
			line("table ", strconv.Itoa(rows), "x", strconv.Itoa(cols), at(first.Line.Start))
		}
	}
	for _, img := range pg.Images {
		line("img ", foldLocale(img.Src, locales), at(img.Span.Start))
	}
	// list items are counted line by line, nested or not: kramdown nests an
	// item indented by two spaces under "1. ", where CommonMark starts a new
	// list, so lists as goldmark splits them are not kramdown's
	ordered, bullet, firstO, firstB := 0, 0, -1, -1
	for _, off := range pg.listItemLines() {
		if c := pg.Masked[off]; c >= '0' && c <= '9' {
			ordered++
			if firstO < 0 {
				firstO = off
			}
		} else {
			bullet++
			if firstB < 0 {
				firstB = off
			}
		}
	}
	if ordered > 0 {
		line("items numbered ", strconv.Itoa(ordered), at(firstO))
	}
	if bullet > 0 {
		line("items bulleted ", strconv.Itoa(bullet), at(firstB))
	}
	for _, inc := range pg.Includes {
		line("include ", inc.Name, at(inc.Tag.Start))
	}
	line("headings ", strconv.Itoa(len(pg.Headings)+len(pg.HTMLHeadings)))
	links := make([]string, 0, len(pg.Links))
	for _, l := range pg.Links {
		if l.Kind == Image || l.DestLiquid {
			continue
		}
		if t := LinkTarget(l.Dest, locales); t != "" {
			links = append(links, t)
		}
	}
	sort.Strings(links)
	for i, t := range links {
		if i == 0 || t != links[i-1] {
			line("link ", t)
		}
	}
	return b.String()
}

// listItemLines returns the offsets of the list markers that start lines
// of the body (indented or not), outside code and HTML blocks.
func (pg *Page) listItemLines() []int {
	m := pg.Masked
	var out []int
	skip := append(append([]source.Span(nil), pg.Code...), pg.HTMLBlocks...)
	for ls := pg.BodyStart; ls < len(m); {
		le := bytes.IndexByte(m[ls:], '\n')
		if le < 0 {
			le = len(m)
		} else {
			le += ls
		}
		i := ls
		for i < le && (m[i] == ' ' || m[i] == '\t') {
			i++
		}
		j := i
		for j < le && j-i < 9 && m[j] >= '0' && m[j] <= '9' {
			j++
		}
		marker := j > i && j < le && (m[j] == '.' || m[j] == ')') && j+1 < le && (m[j+1] == ' ' || m[j+1] == '\t') ||
			j == i && i+1 < le && (m[i] == '-' || m[i] == '*' || m[i] == '+') && (m[i+1] == ' ' || m[i+1] == '\t')
		if marker && !inSpans(skip, i) && !pg.inTable(i) {
			out = append(out, i)
		}
		ls = le + 1
	}
	return out
}

func inSpans(spans []source.Span, off int) bool {
	for _, s := range spans {
		if s.Contains(off) {
			return true
		}
	}
	return false
}

func (pg *Page) inTable(off int) bool {
	for _, t := range pg.Tables {
		if len(t.Rows) > 0 && off >= t.Rows[0].Line.Start && off <= t.Rows[len(t.Rows)-1].Line.End {
			return true
		}
	}
	return false
}

// LinkTarget is what a link destination is compared by across
// translations: a path with its locale folded and no fragment for links
// within a site (absolute ones keep their host), only the host for links
// elsewhere on the web ("usa.gov/es/…" is the same link as "usa.gov/…"),
// the whole address for mail and phone links; "" for a bare #fragment.
func LinkTarget(dest string, locales []string) string {
	d := strings.TrimSpace(dest)
	if i := strings.IndexByte(d, '#'); i >= 0 {
		d = d[:i]
	}
	if d == "" {
		return ""
	}
	prefix := func(p string) bool { return len(d) >= len(p) && strings.EqualFold(d[:len(p)], p) }
	switch {
	case prefix("http://") || prefix("https://") || prefix("//"):
		rest := d[strings.Index(d, "//")+2:]
		host, p, _ := strings.Cut(rest, "/")
		host = strings.TrimPrefix(strings.ToLower(host), "www.")
		return "//" + host + " " + trimSlash(foldLocale("/"+p, locales))
	case strings.HasPrefix(d, "/"):
		return trimSlash(foldLocale(d, locales))
	}
	return d
}

// trimSlash drops a trailing slash (link-target reports a missing one):
// /help/a/ and /help/a are one target here.
func trimSlash(p string) string {
	if t := strings.TrimRight(p, "/"); t != "" {
		return t
	}
	return "/"
}

// foldLocale removes locale segments and prefixes from a path or file
// name: /es/help/a/ → /help/a/, /img/es/x.png → /img/x.png, x._es.png → x.png.
// It reads the path in place and builds a new one only when a segment changes.
func foldLocale(p string, locales []string) string {
	if q := strings.IndexByte(p, '?'); q >= 0 {
		p = p[:q]
	}
	var b []byte // nil until a segment changes
	for start := 0; start <= len(p); {
		end := strings.IndexByte(p[start:], '/')
		if end < 0 {
			end = len(p)
		} else {
			end += start
		}
		seg := p[start:end]
		folded, drop := foldSegment(seg, locales)
		if b == nil && (drop || folded != seg) {
			b = append(make([]byte, 0, len(p)), p[:start]...)
		}
		if b != nil && !drop {
			b = append(b, folded...)
			if end < len(p) {
				b = append(b, '/')
			}
		}
		if end == len(p) {
			break
		}
		start = end + 1
	}
	if b == nil {
		return p
	}
	return string(b)
}

// foldSegment folds one path segment: a locale alone is dropped, a locale
// suffix (x._es, x-es.png) removed. It allocates only when it changes s.
func foldSegment(s string, locales []string) (string, bool) {
	dot := strings.LastIndexByte(s, '.')
	for _, l := range locales {
		if s == l {
			return "", true
		}
		// the stem: the name less its extension, unless the "extension" is the locale (x._es)
		stem, ext := s, ""
		if i := dot; i > 0 && i+1 < len(s) && s[i+1:] != l && !(s[i+1] == '_' && s[i+2:] == l) {
			stem, ext = s[:i], s[i:]
		}
		if !strings.HasSuffix(stem, l) || len(stem) <= len(l) {
			continue
		}
		cut := len(stem) - len(l)
		switch c := stem[cut-1]; {
		case c == '_' && cut >= 2 && stem[cut-2] == '.':
			cut -= 2
		case c == '_' || c == '-' || c == '.':
			cut--
		default:
			continue
		}
		s = stem[:cut] + ext
		dot = strings.LastIndexByte(s, '.')
	}
	return s, false
}
