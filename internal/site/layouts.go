package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/helplint/helplint/internal/readfile"
)

// titleH1 finds an <h1> whose text is the page's title: `<h1 …>{{ page.title }}`.
var titleH1 = regexp.MustCompile(`(?is)<h1\b[^>]*>\s*(<[^>]+>\s*)*\{\{-?\s*page\.title\b`)

// subHeading finds an <h2>–<h6> start tag, and content the page's content.
var (
	subHeading = regexp.MustCompile(`(?i)<h[2-6]\b`)
	content    = regexp.MustCompile(`\{\{-?\s*content\s*-?\}\}`)
)

// headingBeforeContent reports whether a layout renders a heading below
// h1 between the title's <h1> and the page's content (a subhead): the
// content's first level is then not the one after h1. (Headings before the
// title, a site's navigation, say, do not count.)
func headingBeforeContent(data []byte) bool {
	start := 0
	if loc := titleH1.FindIndex(data); loc != nil {
		start = loc[1]
	}
	end := len(data)
	if loc := content.FindIndex(data[start:]); loc != nil {
		end = start + loc[0]
	}
	return subHeading.Match(data[start:end])
}

// layoutParent reads a layout's `layout:` front matter key.
var layoutParent = regexp.MustCompile(`(?m)\A---\s*\n(?:.*\n)*?layout:\s*['"]?([\w./-]+)`)

// TitleLayouts returns the layouts in the site's _layouts folder that render
// the page's title as its <h1>, themselves or through the layout they are
// placed in, and no other heading before the page's content (a layout with
// a subhead is not listed: the content may start lower). A layout that is
// not in the folder (a theme's) is unknown, and not listed.
func (s *Site) TitleLayouts() map[string]bool {
	dir := filepath.Join(s.Root, "_layouts")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	own := map[string]bool{}
	sub := map[string]bool{}
	parent := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".html") {
			continue
		}
		data, err := readfile.ReadSmall(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		base := strings.TrimSuffix(name, ".html")
		own[base] = titleH1.Match(data)
		sub[base] = headingBeforeContent(data)
		if m := layoutParent.FindSubmatch(data); m != nil {
			parent[base] = strings.TrimSuffix(string(m[1]), ".html")
		}
	}
	out := map[string]bool{}
	for name := range own {
		// up the chain of layouts, which a cycle must not hang
		title := false
		for n, steps := name, 0; n != "" && steps < 16; n, steps = parent[n], steps+1 {
			if sub[n] {
				title = false
				break
			}
			title = title || own[n]
		}
		if title {
			out[name] = true
		}
	}
	return out
}
