package rules

import (
	"github.com/helplint/helplint/internal/lint"
)

// orderUnique reports pages of one collection, locale, category and level
// that share an `order`: the navigation then lists them in no set order.
func orderUnique() *lint.Rule {
	return &lint.Rule{
		Name:      "order-unique",
		Doc:       doc("order-unique"),
		Severity:  lint.Warning,
		IndexKeys: []string{"order", "category", "child"},
		RunSite: func(p *lint.SitePass) {
			type key struct{ collection, locale, category, level, order string }
			type entry struct {
				f *lint.Facts
				v lint.Value
			}
			groups := map[key][]entry{}
			for _, f := range p.Index.Pages {
				ov, ok := f.Scalar("order")
				if !ok || ov.Tag != "!!int" {
					continue
				}
				cat, _ := factScalar(f, "category")
				level := "top"
				if child, ok := f.Scalar("child"); ok && child.Text == "true" {
					level = "child"
				}
				k := key{f.Info.Collection, f.Info.Locale, cat.Value, level, ov.Text}
				groups[k] = append(groups[k], entry{f, ov})
			}
			for _, es := range groups {
				if len(es) < 2 {
					continue
				}
				fs := make([]*lint.Facts, len(es))
				for i, e := range es {
					fs[i] = e.f
				}
				for _, e := range es {
					if e.f.Target {
						p.Reportf(e.f, at(e.f, e.v).Span(), "order %s is also the order of %s: the navigation lists tied pages in no set order; give each page its own order",
							e.v.Text, others(fs, e.f))
					}
				}
			}
		},
	}
}
