package rules

import (
	"fmt"

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
			groups := lint.Grouped(p.Index, func(f *lint.Facts) (key, bool) {
				ov, ok := f.Scalar("order")
				if !ok || ov.Tag != "!!int" || f.RedirectStub {
					return key{}, false
				}
				cat, _ := factScalar(f, "category")
				level := "top"
				if child, ok := f.Scalar("child"); ok && child.Text == "true" {
					level = "child"
				}
				return key{f.Info.Collection, f.Info.Locale, cat.Value, level, ov.Text}, true
			})
			for _, fs := range groups {
				if len(fs) < 2 {
					continue
				}
				f := firstTarget(fs)
				if f == nil {
					continue
				}
				ov, _ := f.Scalar("order")
				d := lint.Diagnostic{Span: at(f, ov).Span(), Message: fmt.Sprintf("order %s is also the order of %s: the navigation lists tied pages in no set order; give each page its own order",
					ov.Text, others(fs, f))}
				for _, o := range fs {
					if o != f {
						oo, _ := o.Scalar("order")
						d.Related = append(d.Related, at(o, oo).related("the same order"))
					}
				}
				p.Report(f, d)
			}
		},
	}
}
