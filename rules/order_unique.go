package rules

import (
	"github.com/helplint/helplint/internal/lint"
	"go.yaml.in/yaml/v3"
)

// orderUnique reports pages of one collection, locale, category and level
// that share an `order`: the navigation then lists them in no set order.
func orderUnique() *lint.Rule {
	return &lint.Rule{
		Name:     "order-unique",
		Doc:      doc("order-unique"),
		Severity: lint.Warning,
		RunSite: func(p *lint.SitePass) {
			type key struct{ collection, locale, category, level, order string }
			groups := map[key][]*lint.Facts{}
			spans := map[*lint.Facts]valueAt{}
			for _, f := range p.Index.Pages {
				_, ov := f.FrontMatter.Lookup("order")
				if ov == nil || ov.Kind != yaml.ScalarNode || ov.ShortTag() != "!!int" {
					continue
				}
				cat, _ := scalar(f.FrontMatter, "category")
				level := "top"
				if _, child := f.FrontMatter.Lookup("child"); child != nil && child.Value == "true" {
					level = "child"
				}
				k := key{f.Info.Collection, f.Info.Locale, cat.Value, level, ov.Value}
				groups[k] = append(groups[k], f)
				spans[f] = valueAt{Value: ov.Value, Span: f.FrontMatter.ValueSpan(ov)}
			}
			for _, fs := range groups {
				if len(fs) < 2 {
					continue
				}
				for _, f := range fs {
					p.Reportf(f, spans[f].Span, "order %s is also the order of %s: the navigation lists tied pages in no set order; give each page its own order",
						spans[f].Value, others(fs, f))
				}
			}
		},
	}
}
