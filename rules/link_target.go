package rules

import (
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

// siteIndex holds what link rules look up across the site: the site's URL
// model (lint.Index.URLs), and the first path segments its pages and
// redirects use. It is built on first use: most links name a page, and
// most runs lint a few pages.
type siteIndex struct {
	p        *lint.SitePass
	prefixes map[string]bool // first path segments that pages or redirects use
	// slashes of links to the site's own pages end with /: the site's
	// habit, when nearly all do (see slashHabit)
	slashes, links int
}

func newSiteIndex(p *lint.SitePass) *siteIndex { return &siteIndex{p: p} }

func (ix *siteIndex) build() {
	if ix.prefixes != nil {
		return
	}
	ix.prefixes = map[string]bool{}
	for _, f := range ix.p.Index.Pages {
		if !f.Written {
			continue
		}
		ix.prefixes[firstSegment(f.URL)] = true
		for _, r := range f.Redirects(ix.p.Site) {
			ix.prefixes[firstSegment(r.From)] = true
		}
	}
}

// redirectOwner returns the page that asks for a redirect at u (in front
// matter or through defaults), or nil.
func (ix *siteIndex) redirectOwner(u string) *lint.Facts {
	if e, _ := urlsOf(ix.p).At(u); e.What == site.ServesRedirect {
		return ix.p.Index.Pages[e.Page]
	}
	return nil
}

// prefix reports whether a page or redirect URL starts with segment seg.
func (ix *siteIndex) prefix(seg string) bool {
	ix.build()
	return ix.prefixes[seg]
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}

// urlsOf is the site's URL model.
func urlsOf(p *lint.SitePass) *site.URLs {
	return p.Index.URLs(p.Site, func(rel string) bool { return p.Config.Files[rel] })
}

// pageAt finds the page written at URL path p, or at one of the forms a
// host serves for it (site.ServedForms), and the form that found it.
func pageAt(p *lint.SitePass, urlPath string) (*lint.Facts, string) {
	if e, form := urlsOf(p).At(urlPath); e.What == site.ServesPage {
		return p.Index.Pages[e.Page], form
	}
	return nil, ""
}

// ids returns the anchors of a page, and whether they are all known: a page
// whose content partly comes from includes or from front matter rendered by
// its layout may have ids helplint cannot see.
func ids(f *lint.Facts) (map[string]bool, bool) {
	out := map[string]bool{}
	if f.Parsed == nil {
		for id := range f.Index.Anchors() {
			out[id] = true
		}
		return out, f.IDsKnown
	}
	for _, h := range f.Headings {
		out[h.ID] = true
	}
	for _, h := range f.HTMLIDs {
		out[h.ID] = true
	}
	return out, f.IDsKnown
}

// oldURLsName names the file of retired URLs the site's configuration
// read, from the site's root.
func oldURLsName(p *lint.SitePass) string {
	file := p.Config.OldURLsFile
	if rel, err := filepath.Rel(p.Site.Root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.Base(file)
}

// linkTarget reports internal links to nothing: no page, redirect or file of
// the site; links to redirect placeholders and retired URLs; #anchors that
// no heading or element on the target page has; {% link %} to a missing file.
func linkTarget() *lint.Rule {
	return &lint.Rule{
		Name:       "link-target",
		Doc:        doc("link-target"),
		Severity:   lint.Error,
		IndexKeys:  []string{"redirect_from"},
		Contribute: contributeSlashes,
		RunSite: func(p *lint.SitePass) {
			ix := newSiteIndex(p)
			ix.slashes, ix.links = slashHabit(p.Index)
			for _, f := range p.Index.Targets {
				for i := range f.Links {
					l := &f.Links[i]
					if !isLink(l) || l.ProoferIgnore {
						continue
					}
					checkTarget(p, ix, f, l)
				}
			}
		},
	}
}

// targetOf reads a link's destination as a browser follows it: a relative
// path against the page's URL, entities in a Markdown fragment decoded (as
// kramdown writes the href), and href="#" or #top as the top of the page
// (ok is false for a link to the top of the same page: nothing to check).
func targetOf(p *lint.SitePass, f *lint.Facts, l *page.Link) (d dest, ok bool) {
	d = classify(l, p.Config)
	if d.kind == destOther {
		d = relative(l, f, d)
	}
	if l.Kind == page.Markdown && strings.IndexByte(d.fragment, '&') >= 0 {
		d.fragment = html.UnescapeString(d.fragment) // #l&eacute;quipe is #léquipe
	}
	if (d.kind == destFragment || d.kind == destInternal) && topOfPage(d.fragment) {
		d.fragment = ""
		return d, d.kind != destFragment
	}
	return d, true
}

// retired reports whether old lists u, u without its trailing slash or u
// with one more; the last is looked up through a buffer, which a map
// lookup converts without building a string for every link.
func retired(old map[string]bool, u string) bool {
	if len(old) == 0 {
		return false
	}
	if old[u] || old[strings.TrimSuffix(u, "/")] {
		return true
	}
	var buf [256]byte
	return old[string(append(append(buf[:0], u...), '/'))]
}

func checkTarget(p *lint.SitePass, ix *siteIndex, f *lint.Facts, l *page.Link) {
	d, ok := targetOf(p, f, l)
	if !ok {
		return
	}
	span := linkSpan(l)
	switch d.kind {
	case destFragment:
		if all, known := ids(f); known && !all[d.fragment] {
			p.Reportf(f, span, "#%s is not the id of any heading or element on this page: fix the anchor, or give the heading an id with {#%s}", d.fragment, d.fragment)
		}
	case destLinkTag:
		root := p.Site.Root
		cands := []string{filepath.Join(root, d.linkTag)}
		if cd := p.Site.Config.CollectionsDir; cd != "" {
			cands = append(cands, filepath.Join(root, cd, d.linkTag))
		}
		for _, c := range cands {
			if _, err := os.Stat(c); err == nil {
				return
			}
		}
		p.Reportf(f, span, "{%% link %s %%} names a file that does not exist: Jekyll stops the build; fix the path", d.linkTag)
	case destInternal:
		if !d.sameSite {
			return // another host of the organisation: not this site's pages
		}
		u := d.path
		if base := p.Site.Config.Baseurl; base != "" && strings.HasPrefix(u, base+"/") {
			u = u[len(base):] // written with the baseurl the site is served under
		}
		if retired(p.Config.OldURLs, u) {
			p.Reportf(f, span, "link to %s, a retired URL listed in %s: link to the page that replaced it", u, oldURLsName(p))
			return
		}
		if p.Site.Loose {
			return // no site in sight: its URLs are unknown
		}
		target, form := pageAt(p, u)
		if target != nil && form == u+"/" {
			if slashKept(ix.slashes, ix.links, minSlashLinks) {
				reportSlash(p, f, l, u, target, ix)
			}
			return // the site writes its links without the slash, which its server redirects
		}
		if target == nil {
			if owner := ix.redirectOwner(u); owner != nil {
				p.Report(f, lint.Diagnostic{Span: span, Related: []lint.Related{urlRelated(owner, "the page the redirect leads to")},
					Message: fmt.Sprintf("link to %s, a redirect_from placeholder of %s: link to %s directly", u, owner.Info.Rel, owner.URL)})
				return
			}
			rel := strings.TrimPrefix(u, "/")
			if p.Config.Files[rel] || p.Config.Files[path.Join(rel, "index.html")] || p.Config.Files[path.Join(rel, "index.md")] || p.Config.Unknown(rel) {
				return
			}
			if e, _ := urlsOf(p).At(u); e.What == site.MaybeGenerated {
				return // a plugin of the site may write it (--verbose names the plugin)
			}
			seg := firstSegment(u)
			if !ix.prefix(seg) && !p.Config.Dirs[seg] && !p.Config.Files[seg] && !unknownSectionBroken(p, u) {
				return // a folder the build fills in (assets copied from packages): unknown here
			}
			if !strings.HasSuffix(u, "/") && path.Ext(u) != "" && !ix.prefix(seg) {
				return
			}
			p.Reportf(f, span, "link to %s: no page, redirect or file of this site has that URL; fix the link", u)
			return
		}
		if d.fragment != "" {
			if all, known := ids(target); known && !all[d.fragment] {
				p.Report(f, lint.Diagnostic{Span: span, Related: []lint.Related{target.RelatedPage("the page linked to")},
					Message: fmt.Sprintf("#%s is not the id of any heading or element on %s: fix the anchor", d.fragment, target.Info.Rel)})
			}
		}
	}
}

// minSlashLinks is how many links to the site's pages show its habit
// before one without the slash is a slip.
const minSlashLinks = 20

// slashKept reports whether slash of all paths ending with / is a habit:
// at least least of them, and 49 in 50.
func slashKept(slash, all, least int) bool { return all >= least && (all-slash)*50 <= all }

// contributeSlashes counts a page's links to paths of the site that name
// no file (no extension, not the root): how many end with /, of how many.
func contributeSlashes(p *lint.Pass) []byte {
	slash, all := 0, 0
	for i := range p.Page.Links {
		l := &p.Page.Links[i]
		if !isLink(l) {
			continue
		}
		d := classify(l, p.Config)
		if d.kind != destInternal || !d.sameSite || d.path == "/" || path.Ext(d.path) != "" {
			continue
		}
		all++
		if strings.HasSuffix(d.path, "/") {
			slash++
		}
	}
	if all == 0 {
		return nil
	}
	return strconv.AppendInt(append(strconv.AppendInt(nil, int64(slash), 10), ' '), int64(all), 10)
}

// slashHabit adds up the site's links that end with /, of its links to
// paths: where 49 in 50 do at least (and minSlashLinks), a link that
// lacks only the slash of a page's URL is a slip; a site whose links leave
// it off relies on its server's redirect (GitHub Pages and jekyll serve
// answer /x with /x/), on purpose.
func slashHabit(ix *lint.Index) (slash, all int) {
	for _, f := range ix.Pages {
		// "slashes links", read without fmt: a pre-commit run reads every page's
		if ss, as, ok := strings.Cut(string(f.Data("link-target")), " "); ok {
			s, err1 := strconv.Atoi(ss)
			a, err2 := strconv.Atoi(as)
			if err1 == nil && err2 == nil {
				slash, all = slash+s, all+a
			}
		}
	}
	return slash, all
}

// reportSlash reports a link that names a page's URL without its trailing
// slash: the server answers it with a redirect at best, a 404 at worst.
func reportSlash(p *lint.SitePass, f *lint.Facts, l *page.Link, u string, target *lint.Facts, ix *siteIndex) {
	d := lint.Diagnostic{Span: linkSpan(l), Message: fmt.Sprintf("link to %s lacks only the trailing slash of %s, the URL of %s: add the slash, as %d of the site's %d links to its pages do", u, target.URL, target.Info.Rel, ix.slashes, ix.links),
		Related: []lint.Related{urlRelated(target, "the page at "+target.URL)}}
	// the slash goes where the path ends, before a query or a fragment
	if l.DestExact {
		end := len(l.Dest)
		if i := strings.IndexAny(l.Dest, "?#"); i >= 0 {
			end = i
		}
		if end > 0 && l.Dest[end-1] != '/' {
			at := source.Span{Start: l.DestSpan.Start + end, End: l.DestSpan.Start + end}
			d.Fixes = []lint.Fix{{Message: "add the trailing slash", Edits: []lint.Edit{{Span: at, New: "/"}}}}
		}
	}
	p.Report(f, d)
}

// topOfPage reports a fragment that names no element but the top of the
// page: "" (href="#") and "top", which HTML reads so when no element has
// that id.
func topOfPage(fragment string) bool {
	return fragment == "" || strings.EqualFold(fragment, "top")
}

// relative resolves a relative link (`../x/`, `guide/`) against the URL of
// the page it is on, as a browser does, into a link within the site; d
// when it is no relative path or the page has no URL.
func relative(l *page.Link, f *lint.Facts, d dest) dest {
	t := strings.TrimSpace(l.Dest)
	if l.DestLiquid || f.URL == "" || t == "" || strings.HasPrefix(t, "/") || strings.HasPrefix(t, "#") {
		return d
	}
	u, ok := splitURL(t)
	if !ok || u.scheme != "" || u.host != "" || u.path == "" || strings.ContainsAny(u.path, " *()<>\\") {
		return d // (what is no path, link-syntax reports)
	}
	if first, _, more := strings.Cut(u.path, "/"); more && strings.Count(first, ".") >= 1 && first != ".." && first != "." {
		return d // a host without its scheme (`login.gov/security/`): link-syntax reports it
	}
	base := f.URL
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	p := path.Join(base, u.path)
	if strings.HasSuffix(u.path, "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return dest{kind: destInternal, sameSite: true, path: p, fragment: u.fragment}
}

// unknownSectionBroken reports whether a link to a page under a first path
// segment the site has nothing under is broken for certain: no plugin of
// the site writes pages or files (the URL model would say MaybeGenerated)
// and no theme can add them. A link to a file (an extension) may still
// name what a build step outside Jekyll adds, as assets from packages.
func unknownSectionBroken(p *lint.SitePass, u string) bool {
	if e, _ := urlsOf(p).At(u); e.What != site.Unknown || p.Site.Config.Theme != "" {
		return false
	}
	return strings.HasSuffix(u, "/") || path.Ext(u) == ""
}
