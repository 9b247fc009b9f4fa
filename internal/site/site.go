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
	"strings"

	"go.yaml.in/yaml/v3"
)

// Site is a Jekyll site rooted at Root.
type Site struct {
	// Root is the absolute path of the directory holding _config.yml.
	Root string
	// HasConfig is true when Root holds a _config.yml.
	HasConfig bool
	Config    Config

	excludes []exclude // Config.Exclude, prepared by Load
}

// Config holds the _config.yml keys helplint uses.
type Config struct {
	CollectionsDir string                `yaml:"collections_dir"`
	Collections    map[string]Collection `yaml:"collections"`
	Defaults       []Default             `yaml:"defaults"`
	Exclude        []string              `yaml:"exclude"`
	Include        []string              `yaml:"include"`
	Languages      []string              `yaml:"languages"`
	DefaultLocale  string                `yaml:"default_locale"`
	URL            string                `yaml:"url"`
	Permalink      string                `yaml:"permalink"`
	Kramdown       map[string]any        `yaml:"kramdown"`
}

// Collection is one entry of `collections:`.
type Collection struct {
	Output    bool   `yaml:"output"`
	Permalink string `yaml:"permalink"`
}

// Default is one entry of `defaults:`: values applied to the pages in scope.
type Default struct {
	Scope struct {
		Path string `yaml:"path"`
		Type string `yaml:"type"`
	} `yaml:"scope"`
	Values map[string]any `yaml:"values"`
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
	s := &Site{Root: abs}
	data, err := os.ReadFile(filepath.Join(abs, "_config.yml"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.HasConfig = true
		if err := yaml.Unmarshal(data, &s.Config); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(abs, "_config.yml"), err)
		}
	}
	if s.Config.DefaultLocale == "" {
		s.Config.DefaultLocale = "en"
	}
	s.excludes = compileExcludes(s.Config.Exclude)
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
	return strings.HasPrefix(p, "/") && !strings.Contains(p, "//") && !strings.Contains(p, "/./") &&
		!strings.Contains(p, "/../") && (p == "/" || !strings.HasSuffix(p, "/")) &&
		!strings.HasSuffix(p, "/.") && !strings.HasSuffix(p, "/..")
}

// Info is what a page's path says about it.
type Info struct {
	// Rel is the path relative to the site root, with slashes.
	Rel string
	// Collection is the collection name ("help"), or "" for a plain page.
	Collection string
	// InCollection is the path inside the collection folder ("specific-agencies/irs._en.md").
	InCollection string
	// Locale is the locale from the file name (`name._es.md`), or the site default.
	Locale string
	// Localized is true when the file name carries a locale.
	Localized bool
}

// Classify derives a page's collection and locale from its path.
func (s *Site) Classify(rel string) Info {
	info := Info{Rel: rel, Locale: s.Config.DefaultLocale}
	inDir := rel
	if d := strings.Trim(s.Config.CollectionsDir, "/"); d != "" {
		if !strings.HasPrefix(rel, d+"/") {
			inDir = ""
		} else {
			inDir = rel[len(d)+1:]
		}
	}
	if strings.HasPrefix(inDir, "_") {
		if i := strings.IndexByte(inDir, '/'); i > 0 {
			name := inDir[1:i]
			if _, ok := s.Config.Collections[name]; ok || name == "posts" {
				info.Collection = name
				info.InCollection = inDir[i+1:]
			}
		}
	}
	base := path.Base(rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndex(stem, "._"); i >= 0 && len(stem)-i-2 >= 2 {
		info.Locale = stem[i+2:]
		info.Localized = true
	}
	return info
}

// IsPage reports whether Jekyll renders the file at rel as a page or a
// collection document: not excluded, not in a folder that starts with `_`
// or `.` unless that folder is a collection.
func (s *Site) IsPage(rel string) bool {
	excludes := s.excludes
	if excludes == nil {
		excludes = compileExcludes(s.Config.Exclude) // a Site built without Load
	}
	for _, ex := range excludes {
		if ex.matches(rel) {
			return false
		}
	}
	// Jekyll skips a file whose name starts with . _ # or ~ or ends with ~,
	// in a collection or not, unless _config.yml's include list names it
	if base := path.Base(rel); (strings.ContainsAny(base[:1], "._#~") || strings.HasSuffix(base, "~")) && !s.included(rel) {
		return false
	}
	if s.Classify(rel).Collection != "" {
		return true
	}
	// no folder of the path may start with _ or ., unless included
	for i := 0; ; {
		j := strings.IndexByte(rel[i:], '/')
		if j < 0 {
			return true
		}
		if c := rel[i]; (c == '_' || c == '.') && !s.included(rel[:i+j]) {
			return false
		}
		i += j + 1
	}
}

// included reports whether _config.yml's include list names the file or
// folder at rel, by its path or its name (entries are glob patterns).
func (s *Site) included(rel string) bool {
	name := path.Base(rel)
	for _, inc := range s.Config.Include {
		inc = strings.Trim(inc, "/")
		if inc == rel || inc == name {
			return true
		}
		if ok, _ := path.Match(inc, rel); ok {
			return true
		}
		if ok, _ := path.Match(inc, name); ok {
			return true
		}
	}
	return false
}

// exclude is one entry of _config.yml's exclude list, prepared once: IsPage
// runs for every file of the site.
type exclude struct {
	path string // slashes trimmed
	glob bool   // holds glob metacharacters
}

func compileExcludes(list []string) []exclude {
	out := make([]exclude, 0, len(list))
	for _, ex := range list {
		ex = strings.Trim(ex, "/")
		out = append(out, exclude{path: ex, glob: strings.ContainsAny(ex, `*?[\`)})
	}
	return out
}

// matches reports whether the entry names rel or a folder above it.
func (ex exclude) matches(rel string) bool {
	if strings.HasPrefix(rel, ex.path) && (len(rel) == len(ex.path) || rel[len(ex.path)] == '/') {
		return true
	}
	if !ex.glob {
		return false
	}
	ok, _ := path.Match(ex.path, rel)
	return ok
}

// URL returns the output URL of a page: its permalink when set, else the
// collection's permalink pattern applied to its path.
func (s *Site) URL(info Info, permalink string) string {
	if permalink != "" {
		return permalink
	}
	pattern := ""
	if info.Collection != "" {
		pattern = s.Config.Collections[info.Collection].Permalink
		if pattern == "" {
			pattern = "/:collection/:path:output_ext"
		}
	}
	noExt := strings.TrimSuffix(info.Rel, path.Ext(info.Rel))
	if pattern == "" {
		if path.Base(noExt) == "index" {
			return "/" + strings.TrimSuffix(noExt, "index")
		}
		return "/" + noExt + ".html"
	}
	p := strings.TrimSuffix(info.InCollection, path.Ext(info.InCollection))
	// the placeholders by hand: a strings.Replacer per page costs more than the rest
	name := path.Base(p)
	vars := [...]struct{ key, value string }{{":collection", info.Collection}, {":path", p}, {":name", name},
		{":title", name}, {":output_ext", ""}, {":categories", ""}}
	var b strings.Builder
	b.Grow(len(pattern) + len(p) + len(info.Collection))
	for i := 0; i < len(pattern); {
		if pattern[i] == ':' {
			matched := false
			for _, v := range vars {
				if strings.HasPrefix(pattern[i:], v.key) {
					b.WriteString(v.value)
					i += len(v.key)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		b.WriteByte(pattern[i])
		i++
	}
	u := b.String()
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	return u
}

// Defaults returns the `defaults` values that apply to the page at rel,
// later entries winning, as Jekyll applies them.
func (s *Site) Defaults(rel string) map[string]any {
	out := map[string]any{}
	for _, d := range s.Config.Defaults {
		if d.Scope.Type != "" && d.Scope.Type != "pages" && d.Scope.Type != s.Classify(rel).Collection {
			continue
		}
		if !scopeMatches(d.Scope.Path, rel) {
			continue
		}
		for k, v := range d.Values {
			out[k] = v
		}
	}
	return out
}

// scopeMatches is Jekyll's scope test: a glob when the path holds `*`,
// otherwise a path prefix.
func scopeMatches(scope, rel string) bool {
	scope = strings.Trim(scope, "/")
	if scope == "" || scope == "." {
		return true
	}
	if strings.Contains(scope, "*") {
		return GlobMatch(scope, rel)
	}
	return rel == scope || strings.HasPrefix(rel, scope+"/")
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
		ok, _ := path.Match(glob, name)
		return ok
	}
	if ni < 0 {
		// "content/**/*" also matches a file directly in content? No: Jekyll needs the folder.
		return false
	}
	if glob[:gi] == "**" {
		return GlobMatch(glob, name[ni+1:]) || GlobMatch(glob[gi+1:], name)
	}
	ok, _ := path.Match(glob[:gi], name[:ni])
	return ok && GlobMatch(glob[gi+1:], name[ni+1:])
}

// LocalePrefixes returns the locales other than the default, whose URLs
// start with /<locale>/: the `languages` of _config.yml, or, with none
// configured, es, fr and zh as on the Login.gov site.
func (s *Site) LocalePrefixes() []string {
	langs := s.Config.Languages
	if len(langs) == 0 {
		langs = []string{"es", "fr", "zh"}
	}
	var out []string
	for _, l := range langs {
		if l != s.Config.DefaultLocale {
			out = append(out, l)
		}
	}
	return out
}

// Outputs reports whether Jekyll writes the page at info to the site:
// pages always, collection documents only when the collection has `output: true`.
func (s *Site) Outputs(info Info) bool {
	if info.Collection == "" || info.Collection == "posts" {
		return true
	}
	return s.Config.Collections[info.Collection].Output
}
