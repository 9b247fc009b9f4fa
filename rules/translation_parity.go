package rules

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

// TranslationParityOptions are translation-parity's options.
type TranslationParityOptions struct {
	// Keys are the front matter keys a translation must share with its
	// source page, by collection ("" for pages outside collections); a
	// collection not listed uses Default.
	Keys map[string][]string `yaml:"keys"`
	// Default are the keys compared where Keys names no list.
	Default []string `yaml:"default_keys"`
	// Pairing is how a translation finds its source page: "suffix"
	// (x._es.md and x._en.md side by side), "folder" (es/x.md and en/x.md,
	// or x.md at the top) or "auto" (both; the default).
	Pairing string `yaml:"pairing" enum:"suffix,folder,auto"`
}

// translationParity compares each translated page with its source page (in
// the site's default locale): front matter that places the page, the
// permalink up to its locale, and the structure: tables, images, lists,
// includes, headings and link targets. Text is not compared.
func translationParity() *lint.Rule {
	return &lint.Rule{
		Name:     "translation-parity",
		Doc:      doc("translation-parity"),
		Severity: lint.Warning,
		Options: func() any {
			return &TranslationParityOptions{Default: []string{"order", "category", "layout"}, Pairing: "auto"}
		},
		IndexKeys:     []string{"order", "category", "layout"},
		Contribute:    contributeShape,
		ContributesTo: mayBeCompared,
		RunSite: func(p *lint.SitePass) {
			opts := p.Options.(*TranslationParityOptions)
			src := p.Site.Config.DefaultLocale
			// the pages are compared side by side (a full run compares
			// thousands), and their findings reported in order after
			targets := p.Index.Targets
			found := make([]findings, len(targets))
			p.Each(len(targets), func(i int) {
				f := targets[i]
				if f.RedirectStub || !f.Published {
					return
				}
				loc, source := sourceOf(p, f, src, opts.Pairing)
				if source == nil || source.RedirectStub {
					return
				}
				found[i].f = f
				compareTranslation(p, opts, f, source, loc, &found[i])
			})
			for _, fs := range found {
				for _, d := range fs.diags {
					p.Report(fs.f, d)
				}
			}
		},
	}
}

// findings are the diagnostics of one translated page, kept until every
// page is compared.
type findings struct {
	f     *lint.Facts
	diags []lint.Diagnostic
}

// addAt adds a finding with the place on the source page it differs from.
func (o *findings) addAt(span source.Span, rel lint.Related, format string, args ...any) {
	o.diags = append(o.diags, lint.Diagnostic{Span: span, Message: fmt.Sprintf(format, args...), Related: []lint.Related{rel}})
}

// sourceOf finds the page f translates, and f's locale.
func sourceOf(p *lint.SitePass, f *lint.Facts, src, pairing string) (string, *lint.Facts) {
	rel := f.Info.Rel
	if f.Info.LocaleInName && pairing != "folder" {
		if f.Info.Locale == src {
			return "", nil
		}
		dir, base := path.Split(rel)
		i := strings.LastIndex(base, "._"+f.Info.Locale)
		if i < 0 {
			return "", nil
		}
		return f.Info.Locale, pageByRel(p.Index, dir+base[:i]+"._"+src+base[i+len(f.Info.Locale)+2:])
	}
	if pairing == "suffix" {
		return "", nil
	}
	parts := strings.Split(rel, "/")
	for i, seg := range parts {
		if seg == src || !slices.Contains(p.Site.Config.Languages, seg) {
			continue
		}
		with := append(append(append([]string{}, parts[:i]...), src), parts[i+1:]...)
		if s := pageByRel(p.Index, strings.Join(with, "/")); s != nil {
			return seg, s
		}
		without := append(append([]string{}, parts[:i]...), parts[i+1:]...)
		if s := pageByRel(p.Index, strings.Join(without, "/")); s != nil {
			return seg, s
		}
	}
	return "", nil
}

// pageByRel finds the page at a site-relative path; the index is sorted by it.
func pageByRel(ix *lint.Index, rel string) *lint.Facts {
	i := sort.Search(len(ix.Pages), func(i int) bool { return ix.Pages[i].Info.Rel >= rel })
	if i < len(ix.Pages) && ix.Pages[i].Info.Rel == rel {
		return ix.Pages[i]
	}
	return nil
}

// compareTranslation reports what f, in locale loc, does not share with its source page s.
func compareTranslation(p *lint.SitePass, opts *TranslationParityOptions, f, s *lint.Facts, loc string, out *findings) {
	keys, ok := opts.Keys[f.Info.Collection]
	if !ok {
		keys = opts.Default
	}
	for _, k := range keys {
		fv, fok := keyValue(p, f, k)
		sv, sok := keyValue(p, s, k)
		if k == "category" && f.Info.Collection == "help" && fok && !strings.HasPrefix(f.Info.InCollection, fv.Value+"/") {
			continue // permalink-locale reports a help page filed under another folder's category
		}
		if fok == sok && (!fok || fv.Value == sv.Value) {
			continue // the same value, or none on either page: nothing to report
		}
		srcRel := s.RelatedPage("the " + localeName(p, s) + " page")
		if sok && sv.page != nil {
			srcRel = sv.related("the " + localeName(p, s) + " page's " + k)
		}
		switch {
		case fok && sok && fv.Value != sv.Value:
			out.addAt(fv.Span(), srcRel, "%s is %s; the %s page has %s: the page sits elsewhere than its source in the navigation", k, quote(fv.Value), localeName(p, s), quote(sv.Value))
		case sok && !fok:
			out.addAt(frontMatterSpan(f), srcRel, "no %s; the %s page has %s %s", k, localeName(p, s), k, quote(sv.Value))
		case fok && !sok:
			out.addAt(fv.Span(), srcRel, "%s %s, which the %s page does not have", k, quote(fv.Value), localeName(p, s))
		}
	}
	langs := append(append(make([]string, 0, len(p.Site.Config.Languages)+2), p.Site.Config.Languages...), loc, s.Info.Locale)
	folded := func(u string) string { return page.LinkTarget(u, langs) }
	if f.URL != "" && s.URL != "" && folded(f.URL) != folded(s.URL) {
		out.addAt(urlSpan(f), urlRelated(s, "the "+localeName(p, s)+" page's URL"), "URL %s is not the %s page's %s with the locale: the language switcher leads elsewhere", f.URL, localeName(p, s), s.URL)
	}
	fs, fok := shapeOf(f)
	ss, sok := shapeOf(s)
	if !fok || !sok {
		return // no structure to compare (a source page the index keeps without it)
	}
	compareShapes(p, f, s, fs, ss, out)
}

// keyValue is a page's value of key: its front matter's, else its defaults'.
func keyValue(p *lint.SitePass, f *lint.Facts, k string) (valueAt, bool) {
	if v, ok := factScalar(f, k); ok {
		return v, true
	}
	if d, ok := f.Defaults()[k]; ok && d != nil {
		return valueAt{Value: fmt.Sprint(d)}, true
	}
	return valueAt{}, false
}

// localeName names the source page's locale in messages ("English").
func localeName(p *lint.SitePass, s *lint.Facts) string {
	if s.Info.Locale == "en" {
		return "English"
	}
	return s.Info.Locale
}

// frontMatterSpan is the opening fence of f's front matter, or nothing.
func frontMatterSpan(f *lint.Facts) source.Span {
	if f.Parsed != nil && f.Fences.Present {
		return f.Fences.Open
	}
	return source.Span{}
}

// contributeShape keeps the structure of a page that translations may be
// compared with, or that may be a translation (page.Shape, with the site's
// locales folded): the cheap index parse cannot see it.
func contributeShape(p *lint.Pass) []byte {
	if !p.Info.Localized && len(p.Site.Config.Languages) < 2 {
		return nil
	}
	locales := p.Site.Config.Languages
	if p.Info.Localized && !slices.Contains(locales, p.Info.Locale) {
		locales = append(slices.Clip(locales), p.Info.Locale)
	}
	return []byte(p.Page.Shape(locales))
}

// mayBeCompared reports whether a page that is not linted may be the
// source of a translation that is: a page in the site's default locale
// that has translations by file name (x._en.md), or any page of a
// multilingual site laid out in locale folders.
func mayBeCompared(info site.Info, s *site.Site) bool {
	if info.Localized {
		return info.Locale == s.Config.DefaultLocale
	}
	return len(s.Config.Languages) > 1
}

// shapeOf reads a page's shape from the index.
func shapeOf(f *lint.Facts) (string, bool) {
	d := f.Data("translation-parity")
	return string(d), d != nil
}

// element is one entry of a shape: its kind ("table"), what it holds
// ("3x2") and its line (0 when the shape keeps none).
type element struct {
	kind, value string
	line        int
}

// shapeElements groups a shape's entries by kind.
type shapeElements map[string][]element

func parseShape(shape string) shapeElements {
	out := shapeElements{}
	// Shape writes each kind's entries together: they take one array, cut
	// into a slice per kind, instead of a growing slice each
	all := make([]element, 0, strings.Count(shape, "\n")+1)
	group := func(from int) {
		if from == len(all) {
			return
		}
		k, block := all[from].kind, all[from:len(all):len(all)]
		if prev, ok := out[k]; ok {
			block = append(prev, block...) // a kind written apart again: a copy of its own
		}
		out[k] = block
	}
	from := 0
	for e := range strings.Lines(shape) {
		el := parseElement(e)
		if from < len(all) && all[from].kind != el.kind {
			group(from)
			from = len(all)
		}
		all = append(all, el)
	}
	group(from)
	return out
}

// parseElement reads one line of a shape: its kind, its value and, but
// for a link, the line it stands on (" @N").
func parseElement(line string) element {
	k, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
	el := element{kind: k, value: rest}
	if k != "link" {
		if i := strings.LastIndex(rest, " @"); i >= 0 {
			el.value = rest[:i]
			el.line, _ = strconv.Atoi(rest[i+2:])
		}
	}
	return el
}

// compareShapes reports the structural differences of f from s.
func compareShapes(p *lint.SitePass, f, s *lint.Facts, fshape, sshape string, out *findings) {
	fs, ss := parseShape(fshape), parseShape(sshape)
	at := func(line int) source.Span {
		if line <= 0 || f.Parsed == nil {
			return frontMatterSpan(f)
		}
		st := f.File.LineStart(line)
		return source.Span{Start: st, End: f.File.LineEnd(line)}
	}
	lang := localeName(p, s)
	where := func(el element, what string) lint.Related {
		return s.RelatedLine(el.line, "the "+lang+" page's "+what)
	}
	for _, kind := range []string{"table", "img"} {
		fe, se := fs[kind], ss[kind]
		noun := map[string]string{"table": "table", "img": "image"}[kind]
		for i := 0; i < min(len(fe), len(se)); i++ {
			if fe[i].value == se[i].value {
				continue
			}
			if kind == "img" {
				out.addAt(at(fe[i].line), where(se[i], "image"), "image %s; the %s page's image is %s", fe[i].value, lang, se[i].value)
			} else {
				out.addAt(at(fe[i].line), where(se[i], "table"), "table %s; the %s page's %s", describe(kind, fe[i].value), lang, describe(kind, se[i].value))
			}
		}
		switch {
		case len(se) > len(fe):
			out.addAt(at(lastLine(fe)), where(se[len(fe)], noun), "%d %ss; the %s page has %d: %s %s is missing here", len(fe), noun, lang, len(se), noun, describe(kind, se[len(fe)].value))
		case len(fe) > len(se):
			out.addAt(at(fe[len(se)].line), where(element{line: lastLine(se)}, "last "+noun), "%d %ss; the %s page has %d: this %s is not there", len(fe), noun, lang, len(se), noun)
		}
	}
	for _, k := range []string{"numbered", "bulleted"} {
		fn, sn, fl, sl := itemCount(fs, k), itemCount(ss, k), 0, 0
		if fn != sn {
			for _, e := range fs["items"] {
				if strings.HasPrefix(e.value, k+" ") {
					fl = e.line
				}
			}
			for _, e := range ss["items"] {
				if strings.HasPrefix(e.value, k+" ") {
					sl = e.line
				}
			}
			out.addAt(at(fl), where(element{line: sl}, k+" list"), "%d %s list items; the %s page has %d", fn, k, lang, sn)
		}
	}
	fi, si := fs["include"], ss["include"]
	fCount, sCount := map[string]int{}, map[string]int{}
	for _, e := range fi {
		fCount[e.value]++
	}
	for _, e := range si {
		sCount[e.value]++
	}
	for _, e := range si {
		if fCount[e.value] < sCount[e.value] {
			out.addAt(frontMatterSpan(f), where(e, "include"), "{%% include %s %%} appears %d times; %d times on the %s page", e.value, fCount[e.value], sCount[e.value], lang)
			fCount[e.value] = sCount[e.value]
		}
	}
	if fh, sh := fs["headings"], ss["headings"]; len(fh) == 1 && len(sh) == 1 && fh[0].value != sh[0].value {
		out.addAt(frontMatterSpan(f), s.RelatedPage("the "+lang+" page"), "%s headings; the %s page has %s", fh[0].value, lang, sh[0].value)
	}
	compareLinks(p, f, s, fs["link"], ss["link"], out)
}

// itemCount is the number of list items of a kind a shape records.
func itemCount(shape shapeElements, kind string) int {
	for _, e := range shape["items"] {
		if k, n, _ := strings.Cut(e.value, " "); k == kind {
			v, _ := strconv.Atoi(n)
			return v
		}
	}
	return 0
}

func lastLine(es []element) int {
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].line
}

// describe writes a shape value for a message.
func describe(kind, v string) string {
	switch kind {
	case "table":
		r, c, _ := strings.Cut(v, "x")
		return "has " + r + " rows of " + c + " columns"
	}
	return v
}

// compareLinks reports link targets the source page has and f lacks, and
// those f has that the source lacks. Links to the site itself compare by
// path, links elsewhere by host.
func compareLinks(p *lint.SitePass, f, s *lint.Facts, fl, sl []element, out *findings) {
	// the keys are pieces of the shape's own strings: nothing is allocated
	norm := func(t string) string {
		if !strings.HasPrefix(t, "//") {
			return t
		}
		host, pth, _ := strings.Cut(t[2:], " ")
		switch {
		case p.Config.SiteHosts[host] || p.Config.SiteHosts["www."+host]:
			return pth
		case isInternalHost(host, p.Config.InternalHosts):
			return t
		}
		return t[:2+len(host)]
	}
	show := func(n string) string { return strings.Replace(strings.TrimPrefix(n, "//"), " ", "", 1) }
	have := make(map[string]bool, len(fl))
	for _, e := range fl {
		have[norm(e.value)] = true
	}
	want := make(map[string]bool, len(sl))
	var missing []string
	for _, e := range sl {
		n := norm(e.value)
		if !want[n] {
			want[n] = true
			if !have[n] {
				missing = append(missing, show(n))
			}
		}
	}
	lang := localeName(p, s)
	if len(missing) > 0 {
		sort.Strings(missing)
		out.addAt(frontMatterSpan(f), s.RelatedPage("the "+lang+" page"), "no link to %s, which the %s page has", strings.Join(missing, ", "), lang)
	}
	var extra []string
	for t := range have {
		if !want[t] {
			extra = append(extra, show(t))
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		out.addAt(frontMatterSpan(f), s.RelatedPage("the "+lang+" page"), "links to %s, which the %s page does not have", strings.Join(extra, ", "), lang)
	}
}
