package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// permalinkLocale checks that a page's URL carries its locale (and only its
// own), and that a help page's category is the folder it lives in.
func permalinkLocale() *lint.Rule {
	return &lint.Rule{
		Name:     "permalink-locale",
		Doc:      doc("permalink-locale"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			fm := p.Page.FrontMatter
			if fm.Root == nil {
				return
			}
			loc := p.Info.Locale
			if pl, ok := scalar(fm, "permalink"); ok {
				if p.Info.Localized && loc != p.Site.Config.DefaultLocale {
					if !strings.HasPrefix(pl.Value, "/"+loc+"/") {
						p.Reportf(pl.Span(), "permalink %s of a %s page must start with /%s/", pl.Value, loc, loc)
					}
				} else {
					for _, l := range p.Site.LocalePrefixes() {
						if strings.HasPrefix(pl.Value, "/"+l+"/") {
							p.Reportf(pl.Span(), "permalink %s starts with /%s/, but this page is in %s: rename the file to ._%s.md or fix the permalink", pl.Value, l, loc, l)
						}
					}
				}
			}
			if p.Info.Collection == "help" {
				folder, _, ok := strings.Cut(p.Info.InCollection, "/")
				if cat, has := scalar(fm, "category"); has && ok && cat.Value != folder {
					p.Reportf(cat.Span(), "category %s does not match the page's folder %s: the help index files the page under the wrong category; write category: %s", quote(cat.Value), quote(folder), folder)
				}
			}
		},
	}
}
