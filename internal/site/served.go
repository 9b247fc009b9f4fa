package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
)

// What is what the built site has at a URL.
type What uint8

const (
	// Unknown: nothing the site's source says is written there.
	Unknown What = iota
	// ServesPage: a page or collection document is written there.
	ServesPage
	// ServesRedirect: jekyll-redirect-from writes a redirect page there.
	ServesRedirect
	// ServesFile: a file Jekyll copies as it is (a static file).
	ServesFile
	// ServesFolderIndex: a folder whose index file is a page, a redirect or a file.
	ServesFolderIndex
	// MaybeGenerated: nothing known, but the site's plugins write files
	// helplint cannot see (a Generator, a hook that writes): it may be there.
	MaybeGenerated
)

// String names what a URL serves.
func (w What) String() string {
	return [...]string{"unknown", "page", "redirect", "file", "folder index", "maybe generated"}[w]
}

// Entry is what one URL serves: its kind, and the index (in the caller's
// list of pages) of the page that writes it or asks for the redirect.
type Entry struct {
	What What
	Page int
	// To is where a redirect sends readers.
	To string
}

// URLs answers "what is at this URL" for a site: the pages, documents and
// redirects added to it, the site's files, and its plugins. Build it with
// Add, then only read it (it is then safe for concurrent use).
type URLs struct {
	byURL map[string]Entry
	files func(rel string) bool
	// Generated is true when the site's plugins may write pages or files
	// (see Site.PluginsWrite).
	Generated bool
}

// NewURLs returns an empty map of the site's URLs, with room for about n;
// files reports whether a site-relative path is a file of the source (nil:
// none).
func NewURLs(files func(rel string) bool, generated bool, n int) *URLs {
	return &URLs{byURL: make(map[string]Entry, n), files: files, Generated: generated}
}

// Add records what url serves. A page's entry stays; of two redirects at
// one URL the later stays, as the later redirect page Jekyll writes
// replaces the file of the earlier.
func (u *URLs) Add(url string, e Entry) {
	if url == "" {
		return
	}
	if old, ok := u.byURL[url]; !ok || old.What == ServesRedirect && e.What == ServesRedirect {
		u.byURL[url] = e
	}
}

// ServedForms are the URLs a request for u is answered from, in order: u
// itself, then the file a static host serves for it (u/ is u/index.html,
// u is u.html, a folder URL is its /index), as GitHub Pages, Netlify and
// Jekyll's own server do.
func ServedForms(u string) []string {
	var forms []string
	eachServedForm(u, func(f string) bool {
		forms = append(forms, f)
		return true
	})
	return forms
}

// eachServedForm yields ServedForms(u) one by one until yield returns
// false: most links are answered by u itself, and the other forms are
// built only when it is not (the real site x32 built 130,000 of them).
func eachServedForm(u string, yield func(string) bool) {
	if !yield(u) {
		return
	}
	var more []string
	switch {
	case strings.HasSuffix(u, "/"):
		more = []string{u + "index.html", u + "index"}
	case strings.HasSuffix(u, "/index.html"):
		more = []string{strings.TrimSuffix(u, "index.html"), strings.TrimSuffix(u, ".html")}
	case strings.HasSuffix(u, "/index"):
		more = []string{strings.TrimSuffix(u, "index"), u + ".html"}
	default:
		more = []string{u + "/", u + ".html", u + "/index.html", u + "/index"}
		if strings.HasSuffix(u, ".html") {
			more = append(more, strings.TrimSuffix(u, ".html"), strings.TrimSuffix(u, ".html")+"/")
		}
	}
	for _, f := range more {
		if !yield(f) {
			return
		}
	}
}

// At returns what the site serves at u, and the URL (one of
// ServedForms(u)) that serves it.
func (u *URLs) At(url string) (Entry, string) {
	var hit Entry
	at, found := "", false
	eachServedForm(url, func(f string) bool {
		hit, found = u.byURL[f]
		at = f
		return !found
	})
	if found {
		return hit, at
	}
	if u.files != nil {
		rel := strings.TrimPrefix(url, "/")
		if u.files(rel) {
			return Entry{What: ServesFile, Page: -1}, url
		}
		for _, ix := range []string{"index.html", "index.htm"} {
			if u.files(strings.TrimSuffix(rel, "/") + "/" + ix) {
				return Entry{What: ServesFolderIndex, Page: -1}, url
			}
		}
	}
	if u.Generated {
		return Entry{What: MaybeGenerated, Page: -1}, ""
	}
	return Entry{What: Unknown, Page: -1}, ""
}

// pluginWrites are what a plugin's Ruby does to add pages or files to the
// site: pages, documents and static files made in code (a Generator that
// makes none only changes data), files written by a hook.
var pluginWrites = [][]byte{[]byte("StaticFile.new"), []byte("Page.new"), []byte("PageWithoutAFile"),
	[]byte("Document.new"), []byte("File.write"), []byte("pages <<"), []byte("pages.push"), []byte("static_files <<"),
	[]byte("static_files.concat"), []byte("docs <<")}

// PluginsWrite reports whether a plugin of the site (_plugins/*.rb, which
// Jekyll loads unless safe) may write pages or files that its source does
// not show, and names the first such plugin.
func (s *Site) PluginsWrite() (bool, string) {
	files, _ := filepath.Glob(filepath.Join(s.Root, "_plugins", "*.rb"))
	more, _ := filepath.Glob(filepath.Join(s.Root, "_plugins", "*", "*.rb"))
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, w := range pluginWrites {
			if bytes.Contains(data, w) {
				return true, filepath.ToSlash(strings.TrimPrefix(f, s.Root+string(filepath.Separator)))
			}
		}
	}
	return false, ""
}
