package rules

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
)

var redirectShape = regexp.MustCompile(`^/.+/$`)

// redirectFrom checks each redirect_from entry: a path that starts and
// ends with /, unique across the site, in the page's own locale.
func redirectFrom() *lint.Rule {
	return &lint.Rule{
		Name:      "redirect-from",
		Doc:       doc("redirect-from"),
		Severity:  lint.Error,
		IndexKeys: []string{"redirect_from"},
		RunSite: func(p *lint.SitePass) {
			// the uses of the values that targets list, the only ones reported
			n := 0
			for _, f := range p.Index.Targets {
				n += redirects(f).Len()
			}
			byValue := make(map[string][]use, n) // sized once: a large site lists tens of thousands
			for _, f := range p.Index.Targets {
				for r := range redirects(f).Items() {
					byValue[r.Text] = nil
				}
			}
			for _, f := range p.Index.Pages {
				for r := range redirects(f).Items() {
					if uses, ok := byValue[r.Text]; ok {
						byValue[r.Text] = append(uses, use{f, at(f, r)})
					}
				}
			}
			ls := localeSchemeOf(p.Index, p.Site)
			// an entry records an old address, which may have had another
			// form: the slash is the site's convention only where its URLs
			// and nearly all its entries keep it
			slashes := trailingSlashSite(p.Index, nil, false)
			withSlash, entries := redirectSlashes(p.Index)
			slashes = slashes && slashKept(withSlash, entries, minSlashEntries)
			shown := builtinShown(p)
			for _, f := range p.Index.Targets {
				// a schema that describes redirect_from owns its shape (front-matter-schema reports it)
				owned := schemaOwns(p, shown, f, "redirect_from")
				for rv := range redirects(f).Items() {
					r := at(f, rv)
					if rv.Tag == "!!null" || strings.TrimSpace(r.Value) == "" {
						if !owned {
							p.Reportf(f, r.Span(), "empty redirect_from entry: jekyll-redirect-from makes a redirect page at the site's root; remove it")
						}
						continue
					}
					if site.RedirectURL(r.Value) == f.URL && f.URL != "" {
						p.Reportf(f, r.Span(), "redirect_from %s is this page's own URL: the redirect page replaces the page, which then redirects to itself; remove the entry", r.Value)
						continue
					}
					if !strings.HasSuffix(r.Value, "/") {
						if other := writtenAt(p, r.Value+"/", f); other != nil {
							p.Report(f, lint.Diagnostic{Span: r.Span(), Related: []lint.Related{urlRelated(other, "the page at "+r.Value+"/")},
								Message: fmt.Sprintf("redirect_from %s is the URL of %s without its trailing slash: servers answer %s with the redirect page instead of that page; remove the entry", r.Value, other.Info.Rel, r.Value)})
							continue
						}
					}
					if slashes && !owned && !redirectShape.MatchString(r.Value) {
						p.Reportf(f, r.Span(), "redirect_from entry %s must be a path that starts and ends with /, as the site's URLs and %d of its %d redirect_from entries do", quote(r.Value), withSlash, entries)
						continue
					}
					if d, ok := listedTwice(f, r, byValue[r.Value]); ok {
						p.Report(f, d)
					}
					if msg := redirectLocale(ls, f, r.Value); msg != "" {
						p.Reportf(f, r.Span(), "%s", msg)
					}
				}
			}
		},
	}
}

// redirectLocale says why a redirect_from entry of f lies outside f's
// locale, or "": on a site whose URLs carry their locale, an entry starts
// with the page's own prefix. An entry under an old language folder that no
// page is served under any more (/zh-cn/ renamed /zh-hans/) keeps that
// address alive, and is fine.
func redirectLocale(ls localeScheme, f *lint.Facts, entry string) string {
	if !ls.any() || ls.oldLanguageFolder(entry) {
		return ""
	}
	loc := f.Info.Locale
	to, _, ok := ls.split(entry)
	if !ok || to == loc {
		return ""
	}
	if _, pre := ls.prefixed[loc]; pre {
		return fmt.Sprintf("redirect_from %s on a %s page must start with /%s/: %s", entry, loc, loc, ls.evidence(loc))
	}
	return fmt.Sprintf("redirect_from %s starts with /%s/, but this page is in %s: move the entry to the %s page", entry, to, languageName(loc), to)
}

// use is one redirect_from entry of the site: its page and value.
type use struct {
	f *lint.Facts
	v valueAt
}

// listedTwice reports the entry r of the page f when other entries list
// the same path (uses, in index order): once, on the first of them,
// naming the others.
func listedTwice(f *lint.Facts, r valueAt, uses []use) (lint.Diagnostic, bool) {
	if len(uses) < 2 {
		return lint.Diagnostic{}, false
	}
	if uses[0].f != f || uses[0].v.raw != r.raw {
		return lint.Diagnostic{}, false // the first entry reports it
	}
	d := lint.Diagnostic{Span: r.Span()}
	var names []string
	for _, u := range uses {
		if u.v.raw == r.raw && u.f == f {
			continue
		}
		where := u.f.Info.Rel
		if u.f == f {
			where = "this page, line " + strconv.Itoa(f.File.Position(u.v.Span().Start).Line)
		}
		if !slices.Contains(names, where) {
			names = append(names, where)
		}
		d.Related = append(d.Related, u.v.related("also lists "+r.Value))
	}
	d.Message = fmt.Sprintf("redirect_from %s is also listed by %s: a path can redirect to one page only; keep one entry", r.Value, fewNames(names))
	return d, true
}

// trailingSlashSite reports whether the site's convention is URLs that end
// with /, as on Login.gov's site: all its written pages' URLs (except's
// aside, and 404 pages and file URLs such as /feed.json) do, or, when
// mostly is true, nine in ten of them. Sites with .html URLs (posts, the
// date style) have no such rule, and jekyll-redirect-from serves any path.
func trailingSlashSite(ix *lint.Index, except *lint.Facts, mostly bool) bool {
	slash, other := urlSlashes(ix, except)
	if !mostly {
		return slash > 0 && other == 0
	}
	return slash > 0 && other*10 <= slash+other
}

// urlSlashes counts the URLs of the site's written pages but except's
// (404 pages and file URLs aside) that end with /, and the others.
func urlSlashes(ix *lint.Index, except *lint.Facts) (slash, other int) {
	for _, f := range ix.Pages {
		if f == except || !f.Written || f.URL == "" || strings.HasSuffix(f.URL, "/404.html") || fileURL(f.URL) {
			continue
		}
		if strings.HasSuffix(f.URL, "/") {
			slash++
		} else {
			other++
		}
	}
	return slash, other
}

// minSlashEntries is how many redirect_from entries show the site's habit
// before a slashless one is a deviation from it.
const minSlashEntries = 20

// redirectSlashes counts the site's redirect_from entries that are paths,
// and those of them that end with /.
func redirectSlashes(ix *lint.Index) (slash, all int) {
	for _, f := range ix.Pages {
		for r := range redirects(f).Items() {
			if strings.HasPrefix(r.Text, "/") && r.Tag != "!!null" {
				all++
				if strings.HasSuffix(r.Text, "/") {
					slash++
				}
			}
		}
	}
	return slash, all
}

// schemaOwns reports whether the page's front matter schema describes key:
// front-matter-schema then reports its shape, and site rules its meaning.
// shown are the collections whose pages show their built-in schema
// (builtinShown); a built-in schema elsewhere holds nothing.
func schemaOwns(p *lint.SitePass, shown map[string]bool, f *lint.Facts, key string) bool {
	if p.Config.Schemas == nil || p.Config.SchemasBuiltin && !shown[f.Info.Collection] {
		return false
	}
	sch := p.Config.Schemas.For(f.Info.Rel)
	return sch != nil && sch.Properties[key] != nil
}

// writtenAt returns a written page other than f at URL u, or nil.
func writtenAt(p *lint.SitePass, u string, f *lint.Facts) *lint.Facts {
	for _, o := range p.Index.ByURL(u) {
		if o != f && o.Written {
			return o
		}
	}
	return nil
}

// fileURL reports a URL that names a file other than a page (/feed.json,
// /sitemap.xml): it has an extension other than .html.
func fileURL(u string) bool {
	ext := strings.ToLower(path.Ext(u))
	return ext != "" && ext != ".html" && ext != ".htm" && !strings.HasSuffix(u, "/")
}
