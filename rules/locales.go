package rules

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
)

// A locale's URL prefix (/es/ for Spanish pages) is a convention, not
// Jekyll's: a site shows it when the pages of a locale are served under
// /<locale>/. link-locale, permalink-locale and redirect-from read the
// site's prefixes from here, learned from the URLs of its pages, so that a
// site whose translations live at /downloads/de/ (or whose English pages
// sit under /en/ like the others) is held to its own scheme.

// minPrefixShare is the share of a locale's pages that must be served
// under /<locale>/ for the prefix to be the site's convention.
const minPrefixShare = 0.9

// localeScheme is how a site's URLs carry their locale.
type localeScheme struct {
	// def is the site's default locale.
	def string
	// prefixed holds the locales whose pages are served under /<locale>/
	// (by their URLs, or by _config.yml's languages), with how many of how
	// many pages are.
	prefixed map[string][2]int
	// declared are the languages _config.yml names.
	declared []string
}

// localeSchemeOf learns the site's locale prefixes from its written pages.
func localeSchemeOf(ix *lint.Index, s *site.Site) localeScheme {
	// three rules ask
	return ix.Memo("localeScheme", func() any { return findLocaleScheme(ix, s) }).(localeScheme)
}

// findLocaleScheme is localeSchemeOf, computed.
func findLocaleScheme(ix *lint.Index, s *site.Site) localeScheme {
	count := map[string][2]int{} // locale -> pages under its prefix, pages
	for _, f := range ix.Pages {
		if !f.Written || f.URL == "" || f.RedirectStub {
			continue
		}
		loc := f.Info.Locale
		if !f.Info.Localized && loc != s.Config.DefaultLocale {
			continue
		}
		c := count[loc]
		if strings.HasPrefix(f.URL, "/"+loc+"/") {
			c[0]++
		}
		c[1]++
		count[loc] = c
	}
	ls := localeScheme{def: s.Config.DefaultLocale, prefixed: map[string][2]int{}, declared: s.Declared}
	for loc, c := range count {
		if c[0] > 0 && float64(c[0]) >= minPrefixShare*float64(c[1]) {
			ls.prefixed[loc] = c
		}
	}
	// _config.yml's languages (jekyll-polyglot's setting) serve every
	// language but the default under its prefix
	for _, loc := range s.Declared {
		if _, ok := ls.prefixed[loc]; !ok && loc != ls.def {
			ls.prefixed[loc] = count[loc]
		}
	}
	return ls
}

// any reports whether the site has locale prefixes at all.
func (ls localeScheme) any() bool { return len(ls.prefixed) > 0 }

// split reads the locale prefix of a URL path: "/es/help/x/" is ("es",
// "/help/x/"); a path under no prefix is the default locale's when that
// has none, else unknown (ok false).
func (ls localeScheme) split(p string) (loc, rest string, ok bool) {
	if seg, _, found := strings.Cut(strings.TrimPrefix(p, "/"), "/"); found || seg != "" {
		if _, pre := ls.prefixed[seg]; pre && strings.HasPrefix(p, "/") {
			rest := "/" // "/es" alone
			if found {
				rest = p[1+len(seg):] // "/" and what follows the prefix, without building it
			}
			return seg, rest, true
		}
	}
	if _, pre := ls.prefixed[ls.def]; pre {
		return "", p, false
	}
	return ls.def, p, true
}

// in is the path rest in locale loc: under its prefix, if it has one.
func (ls localeScheme) in(loc, rest string) string {
	if _, pre := ls.prefixed[loc]; pre {
		return "/" + loc + rest
	}
	return rest
}

// evidence says why loc's prefix is the site's: "its es pages are served
// under /es/ (45 of 45)".
func (ls localeScheme) evidence(loc string) string {
	c := ls.prefixed[loc]
	if float64(c[0]) < minPrefixShare*float64(c[1]) || c[0] == 0 {
		return fmt.Sprintf("_config.yml's languages serve %s pages under /%s/", loc, loc)
	}
	return fmt.Sprintf("the site serves its %s pages under /%s/ (%d of %d)", loc, loc, c[0], c[1])
}

// oldLanguageFolder reports whether p starts with a language tag that no
// page of the site is served under any more: the address of a renamed
// language folder (/zh-cn/ for today's /zh-hans/), which a redirect keeps.
func (ls localeScheme) oldLanguageFolder(p string) bool {
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	_, pre := ls.prefixed[seg]
	return !pre && site.LanguageTag(seg)
}
