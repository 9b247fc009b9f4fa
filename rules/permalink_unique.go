package rules

import (
	"github.com/helplint/helplint/internal/lint"
)

// permalinkUnique reports two pages published at one URL, and a
// redirect_from entry that takes another page's URL: Jekyll writes one
// file over the other, and one of the pages silently disappears.
func permalinkUnique() *lint.Rule {
	return &lint.Rule{
		Name:      "permalink-unique",
		Doc:       doc("permalink-unique"),
		Severity:  lint.Error,
		IndexKeys: []string{"redirect_from"},
		RunSite: func(p *lint.SitePass) {
			for _, f := range p.Index.Pages {
				if !f.Written || f.URL == "" {
					continue
				}
				if f.Target { // the other side of a shared URL is reported when it is linted
					for _, other := range p.Index.ByURL(f.URL) {
						if other != f && other.Written {
							p.Reportf(f, urlSpan(f), "URL %s is also the URL of %s: Jekyll publishes only one of them; give each page its own permalink", f.URL, other.Info.Rel)
						}
					}
				}
				for rv := range redirects(f).Items() {
					r := at(f, rv)
					for _, other := range p.Index.ByURL(r.Value) {
						if other == f || !other.Written {
							continue
						}
						if f.Target {
							p.Reportf(f, r.Span(), "redirect_from %s is the URL of %s: the redirect replaces that page; remove the entry", r.Value, other.Info.Rel)
						}
						if other.Target {
							p.Reportf(other, urlSpan(other), "URL %s is taken over by a redirect_from entry of %s: remove that entry", other.URL, f.Info.Rel)
						}
					}
				}
			}
		},
	}
}
