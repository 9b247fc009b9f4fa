package rules

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
)

// LinkLocaleOptions are link-locale's options.
type LinkLocaleOptions struct {
	// Exempt lists path prefixes whose pages exist in one language only.
	Exempt []string `yaml:"exempt"`
}

// linkLocale reports a page that links to another language's copy of a
// page that exists in its own language, whichever language has the
// prefix, on a site whose URLs carry their locale (see localeScheme).
func linkLocale() *lint.Rule {
	return &lint.Rule{
		Name:     "link-locale",
		Doc:      doc("link-locale"),
		Severity: lint.Error,
		Options:  func() any { return &LinkLocaleOptions{} },
		RunSite: func(p *lint.SitePass) {
			opts := p.Options.(*LinkLocaleOptions)
			ls := localeSchemeOf(p.Index, p.Site)
			if !ls.any() {
				return // no URL carries a locale: no language to leave by a link
			}
			for _, f := range p.Index.Targets {
				for i := range f.Links {
					if d, ok := otherLanguageLink(p, ls, f, &f.Links[i], opts.Exempt); ok {
						p.Report(f, d)
					}
				}
			}
		},
	}
}

// otherLanguageLink reports a link of page f to a page in another language
// than f's whose copy in f's language exists.
func otherLanguageLink(p *lint.SitePass, ls localeScheme, f *lint.Facts, l *page.Link, exempted []string) (lint.Diagnostic, bool) {
	d := classify(l, p.Config)
	if d.kind != destInternal || !d.sameSite || exempt(d.path, exempted) {
		return lint.Diagnostic{}, false
	}
	loc := f.Info.Locale
	to, rest, ok := ls.split(d.path)
	if !ok || to == loc {
		return lint.Diagnostic{}, false
	}
	own := ls.in(loc, rest)
	t, _ := pageAt(p, own)
	if other, _ := pageAt(p, d.path); t == nil || other == nil {
		return lint.Diagnostic{}, false
	}
	msg := fmt.Sprintf("this %s page links to the %s page %s, but %s exists: keep readers in their language", languageName(loc), languageName(to), d.path, t.URL)
	return lint.Diagnostic{Span: linkSpan(l), Message: msg, Related: []lint.Related{urlRelated(t, "the "+languageName(loc)+" page")}}, true
}

// languageName names a locale in messages: English by name, others by code.
func languageName(loc string) string {
	if loc == "en" {
		return "English"
	}
	return loc
}

func exempt(p string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(p, x) {
			return true
		}
	}
	return false
}
