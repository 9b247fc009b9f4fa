package rules

import (
	"fmt"

	"github.com/helplint/helplint/internal/lint"
)

// maxTied is the share of a collection's ordered pages (in one locale)
// that may tie before the order is no convention there: a collection whose
// pages share orders by the dozen sorts them some other way, or lists them
// apart (USWDS's components each under their own parent).
const maxTied = 0.1

// orderKept reports, by collection and locale (as scope reads a key), whether
// its pages keep their orders apart: one pair ties, or at most maxTied of them.
// groups are every page of the site by key, as a run on one page needs too.
func orderKept[K comparable](groups map[K][]*lint.Facts, scope func(K) string) map[string]bool {
	tied, all := map[string]int{}, map[string]int{}
	for k, fs := range groups {
		sc, n := scope(k), len(fs)
		all[sc] += n
		if n > 1 {
			tied[sc] += n
		}
	}
	out := map[string]bool{}
	for sc, n := range all {
		out[sc] = tied[sc] <= 2 || float64(tied[sc]) <= maxTied*float64(n) // one tie is a slip on any site
	}
	return out
}

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
			keyOf := func(f *lint.Facts) (key, bool) {
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
			}
			groups := lint.Grouped(p.Index, keyOf)
			// the order is a convention where a collection's pages keep it
			// apart: few of them tie (see orderKept)
			kept := orderKept(groups, func(k key) string { return k.collection + "\x00" + k.locale })
			for k, fs := range groups {
				if len(fs) < 2 || !kept[k.collection+"\x00"+k.locale] {
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
