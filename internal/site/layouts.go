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

// layoutParent reads a layout's `layout:` front matter key.
var layoutParent = regexp.MustCompile(`(?m)\A---\s*\n(?:.*\n)*?layout:\s*['"]?([\w./-]+)`)

// TitleLayouts returns the layouts in the site's _layouts folder that render
// the page's title as its <h1>, themselves or through the layout they are
// placed in. A layout that is not in the folder (a theme's) is unknown, and
// not listed.
func (s *Site) TitleLayouts() map[string]bool {
	dir := filepath.Join(s.Root, "_layouts")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	own := map[string]bool{}
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
		if m := layoutParent.FindSubmatch(data); m != nil {
			parent[base] = strings.TrimSuffix(string(m[1]), ".html")
		}
	}
	out := map[string]bool{}
	for name := range own {
		// up the chain of layouts, which a cycle must not hang
		for n, steps := name, 0; n != "" && steps < 16; n, steps = parent[n], steps+1 {
			if own[n] {
				out[name] = true
				break
			}
		}
	}
	return out
}
