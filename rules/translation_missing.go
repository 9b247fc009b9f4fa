package rules

import (
	"path"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// translationMissing reports a page that lacks a locale its folder is otherwise translated into.
func translationMissing() *lint.Rule {
	return &lint.Rule{
		Name:     "translation-missing",
		Doc:      doc("translation-missing"),
		Severity: lint.Off,
		RunSite: func(p *lint.SitePass) {
			type page struct {
				folder, stem string
			}
			locales := map[page]map[string]*lint.Facts{}
			folderLocales := map[string]map[string]int{}
			stems := map[string]map[string]bool{}
			for _, f := range p.Index.Pages {
				if !f.Info.LocaleInName || f.RedirectStub {
					continue
				}
				dir, base := path.Split(f.Info.Rel)
				stem := strings.TrimSuffix(base, path.Ext(base))
				stem = stem[:strings.LastIndex(stem, "._")]
				k := page{dir, stem}
				if locales[k] == nil {
					locales[k] = map[string]*lint.Facts{}
				}
				locales[k][f.Info.Locale] = f
				if folderLocales[dir] == nil {
					folderLocales[dir], stems[dir] = map[string]int{}, map[string]bool{}
				}
				folderLocales[dir][f.Info.Locale]++
				stems[dir][stem] = true
			}
			for k, have := range locales {
				var missing []string
				for loc, n := range folderLocales[k.folder] {
					// the folder is translated into loc when most of its pages are
					if have[loc] == nil && 2*n > len(stems[k.folder]) {
						missing = append(missing, loc)
					}
				}
				if len(missing) == 0 {
					continue
				}
				sort.Strings(missing)
				f := have[p.Site.Config.DefaultLocale]
				if f == nil {
					for _, loc := range sortedKeys(have) {
						f = have[loc]
						break
					}
				}
				var names []string
				for _, m := range missing {
					names = append(names, k.stem+"._"+m+path.Ext(f.Info.Rel))
				}
				p.Reportf(f, urlSpan(f), "no %s translation of this page, though the rest of its folder has one: add %s", strings.Join(missing, ", "), strings.Join(names, ", "))
			}
		},
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
