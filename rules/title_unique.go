package rules

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
)

// dated reports a post or draft: its date tells it from another of the
// same title (a yearly "Security incident disclosure"), in its URL and in
// every listing of the blog.
func dated(f *lint.Facts) bool {
	return f.Info.Kind == site.KindPost || f.Info.Kind == site.KindDraft
}

// titleUnique reports two published pages in one locale with the same title:
// readers cannot tell them apart in search results, tabs and bookmarks.
func titleUnique() *lint.Rule {
	return &lint.Rule{
		Name:      "title-unique",
		Doc:       doc("title-unique"),
		Severity:  lint.Warning,
		IndexKeys: []string{"title", "redirect_to"},
		RunSite: func(p *lint.SitePass) {
			type key struct{ locale, title string }
			groups := lint.Grouped(p.Index, func(f *lint.Facts) (key, bool) {
				t, ok := factScalar(f, "title")
				if !ok || strings.TrimSpace(t.Value) == "" || !f.Written || f.RedirectStub || dated(f) {
					return key{}, false
				}
				return key{f.Info.Locale, strings.TrimSpace(t.Value)}, true
			})
			for k, fs := range groups {
				if len(fs) < 2 {
					continue
				}
				f := firstTarget(fs)
				if f == nil {
					continue
				}
				t, _ := factScalar(f, "title")
				d := lint.Diagnostic{Span: t.Span(), Message: fmt.Sprintf("title %s is also the title of %s: readers cannot tell the pages apart in search results and tabs; make each title say what its page is about",
					quote(k.title), others(fs, f))}
				for _, o := range fs {
					if o != f {
						ot, _ := factScalar(o, "title")
						d.Related = append(d.Related, ot.related("the same title"))
					}
				}
				p.Report(f, d)
			}
		},
	}
}
