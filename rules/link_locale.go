package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// LinkLocaleOptions are link-locale's options.
type LinkLocaleOptions struct {
	// Exempt lists path prefixes whose pages exist in one language only.
	Exempt []string `yaml:"exempt"`
}

// linkLocale reports translated pages that send readers to the English
// page when one exists in their language, and English pages that link into
// a translation.
func linkLocale() *lint.Rule {
	return &lint.Rule{
		Name:     "link-locale",
		Doc:      doc("link-locale"),
		Severity: lint.Error,
		Options:  func() any { return &LinkLocaleOptions{Exempt: []string{"/partners/"}} },
		RunSite: func(p *lint.SitePass) {
			opts := p.Options.(*LinkLocaleOptions)
			prefixes := p.Site.LocalePrefixes()
			for _, f := range p.Index.Targets {
				loc := f.Info.Locale
				localized := f.Info.Localized && loc != p.Site.Config.DefaultLocale
				for i := range f.Links {
					l := &f.Links[i]
					d := classify(l, p.Config)
					if d.kind != destInternal || !d.sameSite || exempt(d.path, opts.Exempt) {
						continue
					}
					if localized {
						if strings.HasPrefix(d.path, "/"+loc+"/") {
							continue
						}
						if other := otherLocalePrefix(d.path, prefixes); other != "" {
							p.Reportf(f, linkSpan(l), "this %s page links to the %s page %s: link to the %s page instead", loc, other, d.path, loc)
							continue
						}
						if t, _ := pageAt(p, "/"+loc+d.path); t != nil && isPage(p, d.path) {
							p.Reportf(f, linkSpan(l), "this %s page links to the English page %s, but %s exists: keep readers in their language", loc, d.path, t.URL)
						}
						continue
					}
					if other := otherLocalePrefix(d.path, prefixes); other != "" {
						p.Reportf(f, linkSpan(l), "this English page links to the %s page %s: link to the English page instead", other, d.path)
					}
				}
			}
		},
	}
}

func exempt(p string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(p, x) {
			return true
		}
	}
	return false
}

func otherLocalePrefix(p string, prefixes []string) string {
	for _, l := range prefixes {
		if strings.HasPrefix(p, "/"+l+"/") || p == "/"+l {
			return l
		}
	}
	return ""
}

// isPage reports whether a page is written at u or a form served for it.
func isPage(p *lint.SitePass, u string) bool {
	t, _ := pageAt(p, u)
	return t != nil
}
