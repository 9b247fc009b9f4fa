package rules

import (
	"fmt"

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
				if f.Target {
					sharedURL(p, f)
				}
				if !f.Target {
					continue // its redirects are reported when it is linted
				}
				for rv := range redirects(f).Items() {
					r := at(f, rv)
					for _, other := range p.Index.ByURL(r.Value) {
						if other != f && other.Written {
							redirectOverPage(p, f, r, other)
						}
					}
				}
			}
		},
	}
}

// sharedURL reports the pages written at f's URL, once, on the first of
// them that is linted (f), naming the others.
func sharedURL(p *lint.SitePass, f *lint.Facts) {
	var group []*lint.Facts
	for _, o := range p.Index.ByURL(f.URL) {
		if o.Written {
			group = append(group, o)
		}
	}
	if len(group) < 2 || firstTarget(group) != f {
		return
	}
	d := lint.Diagnostic{Span: urlSpan(f), Message: fmt.Sprintf("URL %s is also the URL of %s: Jekyll publishes only one of them; give each page its own permalink", f.URL, others(group, f))}
	for _, o := range group {
		if o != f {
			d.Related = append(d.Related, urlRelated(o, "published at the same URL"))
		}
	}
	p.Report(f, d)
}

// redirectOverPage reports f's redirect_from entry r that takes the URL of
// other: one finding, on the entry to remove.
func redirectOverPage(p *lint.SitePass, f *lint.Facts, r valueAt, other *lint.Facts) {
	if f.Target {
		p.Report(f, lint.Diagnostic{Span: r.Span(),
			Message: fmt.Sprintf("redirect_from %s is the URL of %s: the redirect replaces that page; remove the entry", r.Value, other.Info.Rel),
			Related: []lint.Related{urlRelated(other, "the page the redirect replaces")}})
	}
}
