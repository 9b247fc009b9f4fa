// Package site describes a Jekyll site: its root, the parts of _config.yml
// that decide which files are pages and where they are published, and the
// facts derived from a page's path (collection, locale, output URL).
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/readfile"
)

// Site is a Jekyll site rooted at Root.
type Site struct {
	// Root is the absolute path of the site's source: the directory holding
	// _config.yml, or the folder its `source:` names.
	Root string
	// ConfigRoot is the directory holding _config.yml (Root, unless the
	// configuration names another source).
	ConfigRoot string
	// HasConfig is true when Root holds a _config.yml.
	HasConfig bool
	// Loose is true for a folder that is no Jekyll site helplint can see
	// (neither _config.yml nor .helplint.yaml at or above it): every page
	// with front matter under it is linted, underscore folders included,
	// and URLs that Jekyll's rules cannot give are unknown.
	Loose bool
	// Drafts is true when _drafts are read, as `jekyll build --drafts` does.
	Drafts bool
	// RedirectLayouts are layouts whose pages only redirect, besides
	// `redirect` (.helplint.yaml's redirect_layouts).
	RedirectLayouts []string
	Config          Config
	// LanguagesFrom says where Config.Languages were found ("languages in
	// _config.yml", "folders per language").
	LanguagesFrom []string
	// Declared are the languages _config.yml names (Config.Languages grows
	// by those found in folders).
	Declared []string

	localeDirs     map[string]string // folders per language (FindLocaleFolders) -> their locale
	fixedLanguages bool              // the configuration set the languages: none are found in folders

	excludes []pattern // Config.Exclude less Config.Include, as Jekyll filters
	includes []pattern // Config.Include
	scopes   []scope   // the scopes of Config.Defaults, prepared
	// merged caches Defaults by the sets that apply (a uint64 mask): most
	// pages share a few combinations, and every page asks
	merged *sync.Map
}

// Config holds the _config.yml keys helplint uses, with Jekyll 4.3's defaults.
type Config struct {
	// Source is the folder Jekyll reads the site from, relative to the
	// folder of _config.yml ("" or "." for that folder itself).
	Source string
	// Theme is the theme gem (theme, or remote_theme): its layouts,
	// includes and assets are not in the source.
	Theme          string
	CollectionsDir string
	// Collections holds every collection, posts included (Jekyll adds it).
	Collections map[string]Collection
	Defaults    []Default
	// Exclude is _config.yml's list with Jekyll's default excludes added.
	Exclude       []string
	Include       []string
	KeepFiles     []string
	Languages     []string
	DefaultLocale string
	URL           string
	// Baseurl is the path the site is served under ("" for the root).
	Baseurl string
	// Permalink is the site-wide permalink style or template ("date" by default).
	Permalink string
	// MarkdownExt are the extensions Jekyll converts as Markdown, with their dots.
	MarkdownExt []string
	ShowDrafts  bool
	Future      bool
	Unpublished bool
	// Timezone is the zone dates are read in (Jekyll's `timezone`; UTC when unset).
	Timezone *time.Location
	Kramdown map[string]any
	// Duplicates are keys defined twice in one mapping: Jekyll keeps the
	// last value, and so does helplint; front-matter-duplicate-key reports them.
	Duplicates []Duplicate
	// Vars are the top-level scalar values, as Liquid prints them.
	Vars map[string]string
}

// Collection is one entry of `collections:`.
type Collection struct {
	Output    bool
	Permalink string
}

// Default is one entry of `defaults:`: values applied to the pages in scope.
type Default struct {
	Scope struct {
		Path    string
		Type    string
		HasType bool
	}
	Values map[string]any
}

// defaultExcludes are the entries Jekyll adds to every exclude list.
var defaultExcludes = []string{".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
	"node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"}

// parseConfig reads the keys of _config.yml helplint uses, as Jekyll reads
// them; a key of an unexpected type keeps its default.
func parseConfig(data []byte) (Config, error) {
	vals, dups, err := yamlValues(data)
	if err != nil {
		return Config{}, err
	}
	raw := rawConfig(vals)
	c := Config{Permalink: "date", Include: []string{".htaccess"}, KeepFiles: []string{".git", ".svn"},
		MarkdownExt: []string{".markdown", ".mkdown", ".mkdn", ".mkd", ".md"}, Timezone: time.UTC, Duplicates: dups}
	c.Vars = map[string]string{}
	for k := range raw {
		if v, ok := raw.str(k); ok {
			c.Vars[k] = v
		}
	}
	raw.readPaths(&c)
	raw.readBuild(&c)
	raw.readLanguages(&c)
	c.Kramdown, _ = raw["kramdown"].(map[string]any)
	c.Collections = raw.collections(c.Permalink)
	c.Defaults = raw.defaults()
	return c, nil
}

// rawConfig is _config.yml's top-level mapping, as YAML decodes it.
type rawConfig map[string]any

// str reads a scalar key as text.
func (raw rawConfig) str(k string) (string, bool) {
	switch v := raw[k].(type) {
	case string:
		return v, true
	case int, float64, bool:
		return fmt.Sprint(v), true
	}
	return "", false
}

// list reads a key that is a list (or one string) as strings.
func (raw rawConfig) list(k string) []string {
	var out []string
	switch v := raw[k].(type) {
	case []any:
		for _, x := range v {
			if x != nil {
				out = append(out, fmt.Sprint(x))
			}
		}
	case string:
		out = []string{v}
	}
	return out
}

// readPaths reads where the site's files are: source, theme, collections_dir,
// url and baseurl, include, exclude and keep_files.
func (raw rawConfig) readPaths(c *Config) {
	c.Source, _ = raw.str("source")
	c.Theme, _ = raw.str("theme")
	if t, ok := raw.str("remote_theme"); ok && c.Theme == "" {
		c.Theme = t
	}
	c.CollectionsDir, _ = raw.str("collections_dir")
	c.CollectionsDir = strings.Trim(c.CollectionsDir, "/")
	c.URL, _ = raw.str("url")
	c.Baseurl, _ = raw.str("baseurl")
	c.Baseurl = strings.TrimSuffix(c.Baseurl, "/")
	if _, ok := raw["include"]; ok {
		c.Include = raw.list("include")
	}
	c.Exclude = append(raw.list("exclude"), defaultExcludes...)
	if _, ok := raw["keep_files"]; ok {
		c.KeepFiles = raw.list("keep_files")
	}
}

// readBuild reads how pages are built: permalink, markdown_ext, drafts,
// future and unpublished pages, and the time zone.
func (raw rawConfig) readBuild(c *Config) {
	if p, ok := raw.str("permalink"); ok && p != "" {
		c.Permalink = p
	}
	if m, ok := raw.str("markdown_ext"); ok {
		c.MarkdownExt = nil
		for _, e := range strings.Split(m, ",") {
			if e = strings.TrimSpace(e); e != "" {
				c.MarkdownExt = append(c.MarkdownExt, "."+strings.ToLower(e))
			}
		}
	}
	c.ShowDrafts, _ = raw["show_drafts"].(bool)
	c.Future, _ = raw["future"].(bool)
	c.Unpublished, _ = raw["unpublished"].(bool)
	if tz, ok := raw.str("timezone"); ok && tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			c.Timezone = loc
		}
	}
}

// readLanguages reads the languages and the default one, as
// jekyll-polyglot (languages, default_lang), jekyll-multiple-languages-plugin
// (languages, the first the default) and a site-wide lang declare them.
func (raw rawConfig) readLanguages(c *Config) {
	c.DefaultLocale, _ = raw.str("default_locale")
	for _, k := range []string{"default_lang", "lang"} {
		if c.DefaultLocale == "" {
			if v, ok := raw.str(k); ok && LanguageTag(v) {
				c.DefaultLocale = v
			}
		}
	}
	c.Languages = raw.list("languages")
	if c.DefaultLocale == "" && len(c.Languages) > 0 {
		c.DefaultLocale = c.Languages[0]
	}
}

// collections reads the collections, with posts, which Jekyll adds, always
// written, with the permalink style's template.
func (raw rawConfig) collections(permalink string) map[string]Collection {
	cols := map[string]Collection{}
	switch v := raw["collections"].(type) {
	case map[string]any:
		for name, meta := range v {
			col := Collection{}
			if m, ok := meta.(map[string]any); ok {
				col.Output, _ = m["output"].(bool)
				col.Permalink, _ = m["permalink"].(string)
			}
			cols[name] = col
		}
	case []any:
		for _, name := range v {
			if s, ok := name.(string); ok {
				cols[s] = Collection{}
			}
		}
	}
	posts := cols["posts"]
	posts.Output = true
	if posts.Permalink == "" {
		posts.Permalink = styleToPermalink(permalink)
	}
	cols["posts"] = posts
	return cols
}

// defaults reads the defaults sets; a set without values is ignored, as
// Jekyll warns and ignores it.
func (raw rawConfig) defaults() []Default {
	ds, _ := raw["defaults"].([]any)
	var out []Default
	for _, d := range ds {
		m, ok := d.(map[string]any)
		if !ok {
			continue
		}
		values, ok := m["values"].(map[string]any)
		if !ok {
			continue
		}
		def := Default{Values: values}
		if scope, ok := m["scope"].(map[string]any); ok {
			def.Scope.Path, _ = scope["path"].(string)
			if t, ok := scope["type"]; ok {
				def.Scope.HasType = true
				def.Scope.Type = fmt.Sprint(t)
				switch def.Scope.Type { // the deprecated singular types
				case "page":
					def.Scope.Type = "pages"
				case "post":
					def.Scope.Type = "posts"
				case "draft":
					def.Scope.Type = "drafts"
				}
			}
		}
		out = append(out, def)
	}
	return out
}

// defaultConfig is what Jekyll assumes without a _config.yml.
func defaultConfig() Config {
	c, _ := parseConfig(nil)
	return c
}

// FindRoot returns the nearest directory at or above start holding
// _config.yml or .helplint.yaml, or "" when there is none.
func FindRoot(start string) string {
	dir, _ := FindUp(start, "_config.yml", ".helplint.yaml")
	return dir
}

// FindUp returns the nearest directory at or above start (a file's folder
// when start is a file) holding one of names, and the name found there; ""
// when none does.
func FindUp(start string, names ...string) (dir, name string) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", ""
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		abs = filepath.Dir(abs)
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		for _, name := range names {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return dir, name
			}
		}
		if filepath.Dir(dir) == dir {
			return "", ""
		}
	}
}

// Load reads root/_config.yml, if present. A site without one gets the
// conventions of Jekyll's defaults.
func Load(root string) (*Site, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	// the real path, as the walk gives the site's files: a site reached
	// through a symbolic link is the same site
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	s := &Site{Root: abs, ConfigRoot: abs, Config: defaultConfig()}
	data, err := readfile.ReadSmall(filepath.Join(abs, "_config.yml"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.HasConfig = true
		if s.Config, err = parseConfig(data); err != nil {
			if n, msg, ok := frontmatter.ErrorLine(data, err); ok {
				return nil, fmt.Errorf("%s:%d: not valid YAML: %s", filepath.Join(abs, "_config.yml"), n, msg)
			}
			return nil, fmt.Errorf("%s: %w", filepath.Join(abs, "_config.yml"), err)
		}
		if src := s.Config.Source; src != "" && filepath.Clean(src) != "." {
			// `jekyll build` in this folder reads the site from source: its
			// pages, _includes, _layouts, _data and collections are there
			if !filepath.IsAbs(src) {
				src = filepath.Join(abs, src)
			}
			if fi, err := os.Stat(src); err != nil || !fi.IsDir() {
				return nil, fmt.Errorf("%s: source: %s is not a folder", filepath.Join(abs, "_config.yml"), s.Config.Source)
			}
			s.Root = filepath.Clean(src)
		}
		if len(s.Config.Languages) > 0 {
			s.LanguagesFrom = []string{"languages in _config.yml"}
			s.Declared = slices.Clone(s.Config.Languages)
		}
	}
	s.prepare()
	return s, nil
}

// Rel returns the slash-separated path of abs relative to the site root,
// or "" when abs lies outside it.
func (s *Site) Rel(abs string) string {
	// the common case, a clean path below the root, without filepath.Rel's cleaning
	if len(abs) > len(s.Root)+1 && strings.HasPrefix(abs, s.Root) && os.IsPathSeparator(abs[len(s.Root)]) &&
		!os.IsPathSeparator(s.Root[len(s.Root)-1]) && isClean(abs) {
		return filepath.ToSlash(abs[len(s.Root)+1:])
	}
	r, err := filepath.Rel(s.Root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(r)
}

// isClean reports that filepath.Clean would leave p as it is; false may
// also mean it cannot tell cheaply (a relative path). On slash systems it
// looks for what Clean removes, which is cheaper than cleaning: a
// pre-commit run asks it of every page of the site.
func isClean(p string) bool {
	if filepath.Separator != '/' {
		return filepath.Clean(p) == p
	}
	if p == "/" {
		return true
	}
	if !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
		return false
	}
	// one pass over the slashes: what follows each is no /, ./ or ../
	// (nor a final . or ..)
	for i := 0; i < len(p); {
		rest := p[i+1:]
		switch {
		case rest == "." || rest == ".." || strings.HasPrefix(rest, "/") ||
			strings.HasPrefix(rest, "./") || strings.HasPrefix(rest, "../"):
			return false
		}
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return true
		}
		i += 1 + j
	}
	return true
}

// GlobMatch matches a slash-separated path against a glob in which `*`
// stops at `/` and `**` crosses folders (like Ruby's File.fnmatch with FNM_PATHNAME).
func GlobMatch(glob, name string) bool {
	if glob == "" {
		return name == ""
	}
	if strings.HasPrefix(glob, "**/") {
		rest := glob[3:]
		for {
			if GlobMatch(rest, name) {
				return true
			}
			i := strings.IndexByte(name, '/')
			if i < 0 {
				return false
			}
			name = name[i+1:]
		}
	}
	if glob == "**" {
		return true
	}
	gi := strings.IndexByte(glob, '/')
	ni := strings.IndexByte(name, '/')
	if gi < 0 {
		if ni >= 0 {
			return false
		}
		return segMatch(glob, name)
	}
	if ni < 0 {
		// "content/**/*" also matches a file directly in content? No: Jekyll needs the folder.
		return false
	}
	if glob[:gi] == "**" {
		return GlobMatch(glob, name[ni+1:]) || GlobMatch(glob[gi+1:], name)
	}
	return segMatch(glob[:gi], name[:ni]) && GlobMatch(glob[gi+1:], name[ni+1:])
}

// LocalePrefixes returns the locales other than the default, whose URLs
// start with /<locale>/: the `languages` of _config.yml. A site that names
// none has no locale prefixes: its /es/ is a folder like any other.
func (s *Site) LocalePrefixes() []string {
	var out []string
	for _, l := range s.Config.Languages {
		if l != s.Config.DefaultLocale {
			out = append(out, l)
		}
	}
	return out
}

// Outputs reports whether Jekyll writes the page at info to the site:
// pages, posts and drafts always, collection documents only when the
// collection has `output: true`. Front matter may still keep it unpublished
// (see Doc).
func (s *Site) Outputs(info Info) bool {
	switch info.Kind {
	case KindNone:
		return false
	case KindDocument:
		return s.Config.Collections[info.Collection].Output
	}
	return true
}

// segMatch matches one path segment against one glob segment: a lone `*`
// and a literal without wildcards, the usual cases, without path.Match.
func segMatch(glob, name string) bool {
	switch {
	case glob == "*":
		return name != ""
	case !strings.ContainsAny(glob, `*?[\`):
		return glob == name
	case glob[0] == '*' && !strings.ContainsAny(glob[1:], `*?[\`):
		return strings.HasSuffix(name, glob[1:])
	}
	ok, _ := path.Match(glob, name)
	return ok
}

// KramdownOptions are the options of _config.yml's `kramdown:` that change
// what a page holds, with Jekyll's defaults (GFM input, automatic ids).
func (s *Site) KramdownOptions() page.Kramdown {
	k := s.Config.Kramdown
	o := page.Kramdown{Input: "GFM"}
	if v, ok := k["input"].(string); ok && v != "" {
		o.Input = v
		if strings.EqualFold(v, "kramdown") {
			o.Input = "kramdown"
		}
	}
	if v, ok := k["auto_ids"].(bool); ok && !v {
		o.NoAutoIDs = true
	}
	o.AutoIDPrefix, _ = k["auto_id_prefix"].(string)
	o.AutoIDStripping, _ = k["auto_id_stripping"].(bool)
	o.ParseBlockHTML, _ = k["parse_block_html"].(bool)
	o.Transliterated, _ = k["transliterated_header_ids"].(bool)
	o.SiteVars = s.Config.Vars
	return o
}

// OutsideSource reports whether abs lies under the folder of _config.yml
// but outside the source folder its `source:` names: Jekyll never reads it.
func (s *Site) OutsideSource(abs string) bool {
	if s.ConfigRoot == "" || s.ConfigRoot == s.Root || s.Rel(abs) != "" {
		return false
	}
	r, err := filepath.Rel(s.ConfigRoot, abs)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}
