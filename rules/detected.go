package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
)

// Detected is what a site shows of the conventions the rules hold it to
// only where it follows them, with the evidence of each, in the rules'
// own words: helplint init writes it into .helplint.yaml and
// --print-config says where each value comes from. It reads the index of
// a run in which external-link-marked and link-target contributed (a
// rule that is off contributes nothing, and nothing is detected for it).
type Detected struct {
	// Marker is the external-link convention.
	Marker MarkerEvidence
	// LinkSlash is the trailing-slash habit of the links to the site's pages.
	LinkSlash SlashEvidence
	// RedirectSlash is that of the site's redirect_from entries.
	RedirectSlash SlashEvidence
	// URLSlash is that of its pages' URLs, which permalink-slash's auto
	// setting holds a permalink to (Least is 0: nine in ten are a habit).
	URLSlash SlashEvidence
	// Prefixes are the locales whose pages are served under /<locale>/.
	Prefixes []Evidence
	// CategoryFolders are the collections whose pages' category is the
	// folder they live in.
	CategoryFolders []string
	// Locales are the languages of the site's pages, the default first,
	// then by number of pages.
	Locales []LocaleEvidence
}

// Evidence is one detected value and why.
type Evidence struct {
	Value, Why string
}

// MarkerEvidence is the site's external-link marker and what shows it.
type MarkerEvidence struct {
	// Class is the marker, "" when the site has none.
	Class string
	// Also are other classes the site marks external links with.
	Also []string
	// Shown is true when the pages show Class (configured or not).
	Shown bool
	// Carried of the site's External links carry Class.
	Carried, External int
	// OwnDomains are domains the site links to often and never marks,
	// while it marks nearly every other external link: taken as its own.
	OwnDomains []string
}

// Why says what shows the marker, or that nothing does.
func (m MarkerEvidence) Why() string {
	switch {
	case m.Class != "" && m.Shown:
		return fmt.Sprintf("%d of the site's %d external links carry it", m.Carried, m.External)
	case m.Class != "":
		return fmt.Sprintf("named by the configuration; %d of the site's %d external links carry it", m.Carried, m.External)
	case m.External == 0:
		return "the site has no external link"
	}
	return fmt.Sprintf("no class marks the site's %d external links: a marker is on %.0f%% of them (%d at least), rarely on internal ones",
		m.External, minShare*100, minMarked)
}

// SlashEvidence is a trailing-slash habit: Slash of All end with /, and
// Kept says whether the rules hold the site to it (Least at least show
// it, where a rule needs that many).
type SlashEvidence struct {
	Slash, All, Least int
	Kept              bool
}

// Detect reads the site's conventions from the index of a run, as the
// rules do (detectMarker, slashHabit, redirectSlashes, localeSchemeOf,
// categoryFolders), with the environment and site of the same run.
func Detect(ix *lint.Index, env *lint.Env, s *site.Site) Detected {
	var d Detected
	m := detectMarker(ix, env, nil)
	d.Marker = MarkerEvidence{Class: m.class, Also: m.also, Shown: m.detected, Carried: m.carried, External: m.external}
	if m.class == "" && env.ExternalMarker != "none" {
		_, _, d.Marker.External = classCounts(ix, env)
	}
	for h := range m.ownHosts {
		d.Marker.OwnDomains = append(d.Marker.OwnDomains, h)
	}
	slices.Sort(d.Marker.OwnDomains)
	slash, all := slashHabit(ix)
	d.LinkSlash = SlashEvidence{Slash: slash, All: all, Least: minSlashLinks, Kept: slashKept(slash, all, minSlashLinks)}
	slash, all = redirectSlashes(ix)
	d.RedirectSlash = SlashEvidence{Slash: slash, All: all, Least: minSlashEntries,
		Kept: trailingSlashSite(ix, nil, false) && slashKept(slash, all, minSlashEntries)}
	slash, other := urlSlashes(ix, nil)
	d.URLSlash = SlashEvidence{Slash: slash, All: slash + other, Kept: slash > 0 && other*10 <= slash+other}
	ls := localeSchemeOf(ix, s)
	for loc := range ls.prefixed {
		d.Prefixes = append(d.Prefixes, Evidence{Value: loc, Why: ls.evidence(loc)})
	}
	sort.Slice(d.Prefixes, func(i, j int) bool { return d.Prefixes[i].Value < d.Prefixes[j].Value })
	for col, kept := range categoryFolders(ix) {
		if kept {
			d.CategoryFolders = append(d.CategoryFolders, col)
		}
	}
	slices.Sort(d.CategoryFolders)
	d.Locales = localesOf(ix, s)
	return d
}

// LocaleEvidence is one language of the site: how many pages, and how
// their language is known.
type LocaleEvidence struct {
	Locale string
	Pages  int
	// From lists how (file names, folders, front matter, the default).
	From []string
}

// localesOf counts the site's written pages by locale and by how the
// locale is known: the file name (name._es.md), a folder per language
// (de/), lang or locale in front matter or defaults, or none (the
// site's default locale).
func localesOf(ix *lint.Index, s *site.Site) []LocaleEvidence {
	by := map[string]*LocaleEvidence{}
	for _, f := range ix.Pages {
		if !f.Written || f.RedirectStub {
			continue
		}
		how := "the default locale"
		switch {
		case f.Info.LocaleInName:
			how = "file names"
		case f.Info.Localized && s.Classify(f.Info.Rel).Localized:
			how = "folders per language"
		case f.Info.Localized:
			how = "lang or locale in front matter"
		}
		e := by[f.Info.Locale]
		if e == nil {
			e = &LocaleEvidence{Locale: f.Info.Locale}
			by[f.Info.Locale] = e
		}
		e.Pages++
		if !slices.Contains(e.From, how) {
			e.From = append(e.From, how)
		}
	}
	var out []LocaleEvidence
	for _, e := range by {
		slices.Sort(e.From)
		out = append(out, *e)
	}
	def := s.Config.DefaultLocale
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Locale == def) != (b.Locale == def) {
			return a.Locale == def
		}
		if a.Pages != b.Pages {
			return a.Pages > b.Pages
		}
		return strings.Compare(a.Locale, b.Locale) < 0
	})
	return out
}

// FrontMatterInstance is what front-matter-schema validates of the page in
// p: its front matter with the site's defaults for the keys it leaves out.
// ok is false when the rule validates nothing of it (no front matter, a
// syntax error, a redirect stub). helplint init drafts schemas from it.
func FrontMatterInstance(p *lint.Pass) (inst map[string]any, ok bool) {
	inst, _, ok = schemaInstance(p)
	return inst, ok
}
