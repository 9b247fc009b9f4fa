package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// permalinkLocale checks that a page's URL carries its locale (and only its
// own) where the site's URLs carry their locale (see localeScheme), and,
// where the site shows that habit, that a page's category is the folder it
// lives in.
func permalinkLocale() *lint.Rule {
	return &lint.Rule{
		Name:      "permalink-locale",
		Doc:       doc("permalink-locale"),
		Severity:  lint.Error,
		IndexKeys: []string{"category", "permalink"},
		RunSite: func(p *lint.SitePass) {
			ls := localeSchemeOf(p.Index, p.Site)
			folders := categoryFolders(p.Index)
			for _, f := range p.Index.Targets {
				if pl, ok := factScalar(f, "permalink"); ok && ls.any() {
					permalinkInLocale(p, ls, f, pl)
				}
				if !folders[f.Info.Collection] {
					continue
				}
				folder, _, ok := strings.Cut(f.Info.InCollection, "/")
				if cat, has := factScalar(f, "category"); has && ok && cat.Value != folder {
					p.Reportf(f, cat.Span(), "category %s does not match the page's folder %s: the %s collection files each page under its folder's category; write category: %s", quote(cat.Value), quote(folder), f.Info.Collection, folder)
				}
			}
		},
	}
}

// permalinkInLocale reports a permalink outside the page's locale prefix,
// or inside another locale's.
func permalinkInLocale(p *lint.SitePass, ls localeScheme, f *lint.Facts, pl valueAt) {
	loc := f.Info.Locale
	if _, pre := ls.prefixed[loc]; pre {
		if !strings.HasPrefix(pl.Value, "/"+loc+"/") {
			p.Reportf(f, pl.Span(), "permalink %s of a %s page must start with /%s/: %s", pl.Value, loc, loc, ls.evidence(loc))
		}
		return
	}
	for l := range ls.prefixed {
		if l != loc && strings.HasPrefix(pl.Value, "/"+l+"/") {
			p.Reportf(f, pl.Span(), "permalink %s starts with /%s/, but this page is in %s: move the page to the %s locale or fix the permalink (%s)", pl.Value, l, languageName(loc), l, ls.evidence(l))
		}
	}
}

// minCategoryPages is how many pages of a collection show that its
// categories are its folders before one that differs is a slip.
const minCategoryPages = 4

// categoryFolders are the collections whose pages' category is the first
// folder they live in, as on Login.gov's help centre: at least
// minCategoryPages pages in folders have a category, and all but one (or
// one in twenty) equal their folder.
func categoryFolders(ix *lint.Index) map[string]bool {
	count := map[string][2]int{}
	for _, f := range ix.Pages {
		folder, _, inFolder := strings.Cut(f.Info.InCollection, "/")
		cat, ok := factScalar(f, "category")
		if f.Info.Collection == "" || !inFolder || !ok {
			continue
		}
		c := count[f.Info.Collection]
		if cat.Value == folder {
			c[0]++
		}
		c[1]++
		count[f.Info.Collection] = c
	}
	out := map[string]bool{}
	for col, c := range count {
		out[col] = c[1] >= minCategoryPages && c[1]-c[0] <= max(1, c[1]/20)
	}
	return out
}
