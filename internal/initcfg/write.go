package initcfg

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/rules"
	"go.yaml.in/yaml/v3"
)

// facts are what one run over the site detected.
type facts struct {
	det   rules.Detected
	env   *lint.Env
	site  *site.Site
	draft draft
}

// The values the configuration's schema (schemas/helplint-config.json)
// accepts: a host or a class that does not match is left to a comment.
var (
	hostPattern  = regexp.MustCompile(`^[a-z0-9.-]+$`)
	classPattern = regexp.MustCompile(`^[A-Za-z0-9_:-]+$`)
)

const header = `# helplint configuration, written by helplint init from what the site shows.
# Each value says what it was detected from. Edit a value to hold the site
# to another convention, or delete it to let helplint detect it on each run.`

// configText is the .helplint.yaml of what was detected.
func configText(f facts) ([]byte, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	hostsEntry(m, f.env)
	markerEntry(m, f.det.Marker)
	languagesEntry(m, f)
	if f.env.OldURLsFile != "" {
		rel, err := filepath.Rel(f.site.Root, f.env.OldURLsFile)
		if err == nil && !strings.HasPrefix(rel, "..") {
			add(m, "old_urls", str(filepath.ToSlash(rel)), "Retired URLs that links must not use (link-target reports them).",
				fmt.Sprintf("the file lists %d URLs", len(f.env.OldURLs)))
		}
	}
	schemasEntry(m, f.draft)
	rulesEntry(m, f.det.URLSlash)
	if notes := notes(f); len(notes) > 0 {
		m.FootComment = strings.Join(notes, "\n")
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: header, Content: []*yaml.Node{m}}
	if len(m.Content) > 0 {
		m.Content[0].HeadComment = strings.TrimPrefix(m.Content[0].HeadComment, "\n") // the header ends with a blank line
	}
	if len(m.Content) == 0 {
		// nothing to set: the file still says what was found
		return []byte(header + "\n\n" + m.FootComment + "\n"), nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encoding the configuration: %w", err)
	}
	return b.Bytes(), nil
}

func str(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }

func comment(s string) string {
	if s == "" {
		return ""
	}
	return "# " + s
}

// add appends key: val to the mapping m, with head as the comment lines
// above the key and line as the comment after the value.
func add(m *yaml.Node, key string, val *yaml.Node, head, line string) {
	k := str(key)
	if head != "" {
		k.HeadComment = "\n" + comment(strings.ReplaceAll(head, "\n", "\n# "))
	}
	if line != "" {
		if val.Kind == yaml.ScalarNode || val.Style == yaml.FlowStyle {
			val.LineComment = comment(line)
		} else {
			k.LineComment = comment(line)
		}
	}
	m.Content = append(m.Content, k, val)
}

// hostsEntry lists the site's own hosts, each with where it was found.
func hostsEntry(m *yaml.Node, env *lint.Env) {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, h := range env.HostSources {
		if hostPattern.MatchString(h.Host) {
			item := str(h.Host)
			item.LineComment = comment(h.From)
			seq.Content = append(seq.Content, item)
		}
	}
	if len(seq.Content) > 0 {
		add(m, "internal_hosts", seq, "The site's own hosts: links to them (and to their subdomains) are internal.", "")
	}
}

// markerEntry sets the external-link marker, or none.
func markerEntry(m *yaml.Node, mk rules.MarkerEvidence) {
	head := "The class that marks links leaving the site (none: the site has no such convention)."
	if len(mk.Also) > 0 {
		head += "\nExternal links may also carry " + strings.Join(mk.Also, ", ") + ", which the site uses the same way."
	}
	if len(mk.OwnDomains) > 0 {
		head += "\nLinks to " + list(mk.OwnDomains, 5) + " are never marked while nearly all others are:" +
			"\nthey are taken as the site's own (links to them are not reported)."
	}
	class := mk.Class
	switch {
	case class == "":
		class = "none"
	case !classPattern.MatchString(class):
		return // the configuration cannot name it; helplint detects it on each run
	}
	add(m, "external_marker", str(class), head, mk.Why())
}

// languagesEntry sets the languages _config.yml declares. Languages found
// in folders, file names or front matter are found on every run, and
// `languages` would replace them (folders it does not name are then no
// language's): notes lists them instead.
func languagesEntry(m *yaml.Node, f facts) {
	s := f.site
	if !slices.Equal(s.LanguagesFrom, []string{"languages in _config.yml"}) || !validLanguages(s.Config.Languages) {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, l := range s.Config.Languages {
		seq.Content = append(seq.Content, str(l))
	}
	add(m, "languages", seq, "The site's languages; its written pages: "+pagesByLocale(f.det.Locales, 8)+".", "languages in _config.yml")
	add(m, "default_locale", str(s.Config.DefaultLocale), "", defaultLocaleSource(s.Root))
}

// declared reports whether the site's languages are those a file
// declares (_config.yml, or the configuration), and none more.
func declared(s *site.Site) bool {
	return len(s.LanguagesFrom) == 1 && strings.HasPrefix(s.LanguagesFrom[0], "languages in ")
}

func validLanguages(langs []string) bool {
	for _, l := range langs {
		if len(l) < 2 {
			return false
		}
	}
	return len(langs) > 0
}

// defaultLocaleSource says which key of _config.yml gives the default
// locale, in the order the site package reads them.
func defaultLocaleSource(root string) string {
	var cfg map[string]any
	if data, err := os.ReadFile(filepath.Join(root, "_config.yml")); err == nil {
		_ = yaml.Unmarshal(data, &cfg) // the site loaded it: it parses
	}
	for _, k := range []string{"default_locale", "default_lang", "lang"} {
		if v, ok := cfg[k].(string); ok && v != "" {
			return k + " in _config.yml"
		}
	}
	return "the first of languages in _config.yml"
}

// schemasEntry maps each collection to its schema: the built-in one that
// applies with no configuration too, or the one drafted from its pages.
func schemasEntry(m *yaml.Node, d draft) {
	mm := &yaml.Node{Kind: yaml.MappingNode}
	for _, b := range d.builtin {
		v := str(b.Schema)
		v.LineComment = comment("built-in, as with no configuration: " + plural(b.pages, "page"))
		mm.Content = append(mm.Content, str(b.Glob), v)
	}
	for _, c := range d.collections {
		for _, g := range c.globs {
			v := str(c.fileName())
			v.LineComment = comment(fmt.Sprintf("drafted from the %d pages of %s: %s required", c.pages, c.label, plural(len(c.required()), "key")))
			mm.Content = append(mm.Content, str(g), v)
		}
	}
	if len(mm.Content) > 0 {
		add(m, "schemas", mm, "The JSON Schema each collection's front matter is checked against (front-matter-schema).", "")
	}
}

// rulesEntry writes permalink-slash's trailing_slash as auto, its
// default, with what auto sees of the site's URLs: always and off are
// the choices a maintainer may make instead.
func rulesEntry(m *yaml.Node, u rules.SlashEvidence) {
	if u.All == 0 {
		return
	}
	why := fmt.Sprintf("%d of the %d URLs of the site's pages end with /", u.Slash, u.All)
	if u.Kept {
		why += ": a permalink without it is reported"
	} else {
		why += ": no habit (nine in ten would be one)"
	}
	mode := str("auto")
	mode.LineComment = comment(why)
	mapping := func(k string, v *yaml.Node) *yaml.Node {
		return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str(k), v}}
	}
	rs := mapping("permalink-slash", mapping("options", mapping("trailing_slash", mode)))
	add(m, "rules", rs, "Rules whose convention the site shows: auto detects it on every run, always or off decide.", "")
}

// notes are the comment lines on what was detected that the
// configuration does not set: helplint detects it on every run.
func notes(f facts) []string {
	out := []string{"# Detected on every run (the configuration does not set these):"}
	item := func(s string) { out = append(out, wrap("- "+s, "  ")...) }
	d := f.det
	if len(d.Locales) > 0 && !declared(f.site) {
		if len(d.Locales) == 1 {
			item(fmt.Sprintf("languages: every written page is %s (%s)", d.Locales[0].Locale, strings.Join(d.Locales[0].From, ", ")))
		} else {
			item("languages, from " + strings.Join(localeWays(d.Locales), ", ") + " (languages: would replace them): " + pagesByLocale(d.Locales, 12))
		}
	}
	item(slashNote("links to the site's pages", d.LinkSlash, "link-target reports a link that lacks only the slash"))
	if d.RedirectSlash.All > 0 {
		item(slashNote("redirect_from entries", d.RedirectSlash, "redirect-from reports an entry without it"))
	}
	switch {
	case len(d.Prefixes) > 0 && len(d.Prefixes) <= 4:
		for _, p := range d.Prefixes {
			item("locale prefix /" + p.Value + "/: " + p.Why)
		}
	case len(d.Prefixes) > 4:
		var pre []string
		for _, p := range d.Prefixes {
			pre = append(pre, "/"+p.Value+"/")
		}
		item(fmt.Sprintf("%d locale prefixes, %s: each language's pages are served under its own (%s, ...)",
			len(pre), list(pre, 20), d.Prefixes[0].Why))
	}
	for _, c := range d.CategoryFolders {
		item("the " + c + " collection files each page under its folder's category (permalink-locale reports another)")
	}
	for _, c := range f.draft.small {
		if len(c.keys) == 0 {
			item(fmt.Sprintf("the %s collection's pages have no front matter keys: no schema to draft", c.label))
			continue
		}
		item(fmt.Sprintf("the %s collection has %s: too few to draft a schema from", c.label, plural(c.pages, "page")))
	}
	if len(out) == 1 {
		return nil
	}
	return out
}

func slashNote(what string, s rules.SlashEvidence, kept string) string {
	msg := fmt.Sprintf("trailing slash: %d of the %d %s end with /", s.Slash, s.All, what)
	switch {
	case s.Kept:
		return msg + ": " + kept
	case s.All < s.Least:
		return msg + fmt.Sprintf(": too few to show a habit (%d do)", s.Least)
	}
	return msg + ": no habit (49 in 50 would be one) to hold the site to"
}

// localeWays lists how the site's languages are found.
func localeWays(ls []rules.LocaleEvidence) []string {
	var out []string
	for _, l := range ls {
		for _, w := range l.From {
			if w != "the default locale" && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	slices.Sort(out)
	return out
}

// pagesByLocale is "en 120 pages, es 80, fr 70 and 3 more languages".
func pagesByLocale(ls []rules.LocaleEvidence, most int) string {
	var parts []string
	for i, l := range ls {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more languages", len(ls)-most))
			break
		}
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s %s", l.Locale, plural(l.Pages, "page")))
		} else {
			parts = append(parts, fmt.Sprintf("%s %d", l.Locale, l.Pages))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// list names at most n items, then "and N more".
func list(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

// wrap breaks a comment into lines of about 100 characters, each
// starting with "# " (and indent after the first).
func wrap(s, indent string) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = "# " + w
		case len(line)+1+len(w) > 100:
			out = append(out, line)
			line = "# " + indent + w
		default:
			line += " " + w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
