package site

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Kind is what Jekyll makes of a file, by its path, when it has front matter.
type Kind uint8

const (
	// KindNone is a file Jekyll does not render: excluded, in a folder it
	// skips, or named like a backup or a hidden file.
	KindNone Kind = iota
	// KindPage is a page (Jekyll::Page): a file outside collections.
	KindPage
	// KindDocument is a document of a collection other than posts.
	KindDocument
	// KindPost is a post: `_posts/YYYY-MM-DD-slug.ext` in a folder Jekyll reads.
	KindPost
	// KindDraft is a draft: a file in `_drafts`, read only with --drafts.
	KindDraft
)

// String names the kind as helplint's messages do.
func (k Kind) String() string {
	return [...]string{"not a page", "page", "document", "post", "draft"}[k]
}

// Info is what a page's path says about it.
type Info struct {
	// Rel is the path relative to the site root, with slashes.
	Rel string
	// Kind is what Jekyll makes of the file.
	Kind Kind
	// Why says, for KindNone, why Jekyll skips the file.
	Why string
	// Collection is the collection's label ("help", "posts"), or "" for a page.
	Collection string
	// InCollection is the path inside the collection folder
	// ("specific-agencies/irs._en.md"; for a post, inside `_posts`).
	InCollection string
	// DocPath is Jekyll's relative_path: relative to collections_dir for
	// collection documents and posts, to the site root for pages. Front
	// matter defaults match their scopes against it.
	DocPath string
	// Locale is the locale the path names: in the file name (`name._es.md`),
	// or, on a site with `languages`, as a folder (`es/name.md`); else the
	// site default.
	Locale string
	// Localized is true when the path names the locale.
	Localized bool
	// LocaleInName is true when the file name names it (`name._es.md`):
	// translations then sit side by side.
	LocaleInName bool
}

// Document is true for collection documents, posts and drafts.
func (i Info) Document() bool { return i.Kind >= KindDocument }

// datedName is the file name of a post, as Jekyll's DATE_FILENAME_MATCHER reads it.
var datedName = regexp.MustCompile(`^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)$`)

// Classify says what Jekyll 4.3 makes of the file at rel (site-relative,
// slashes), assuming it has front matter, and derives its collection and
// locale. It follows Jekyll's reader: the entry filter applied to each
// folder level for pages, to the path inside the folder for collections
// and posts, and the files _config.yml's include list names.
func (s *Site) Classify(rel string) Info {
	info := Info{Rel: rel, Locale: s.Config.DefaultLocale, DocPath: rel}
	base := path.Base(rel)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndex(stem, "._"); i >= 0 && len(stem)-i-2 >= 2 && (LanguageTag(stem[i+2:]) || slices.Contains(s.Config.Languages, stem[i+2:])) {
		info.Locale = stem[i+2:]
		info.Localized, info.LocaleInName = true, true
	} else if loc, ok := s.folderLocale(rel); ok {
		info.Locale, info.Localized = loc, true
	}
	s.classify(&info)
	return info
}

func (s *Site) classify(info *Info) {
	rel := info.Rel
	cd := s.Config.CollectionsDir
	inDir := rel
	if cd != "" {
		if len(rel) > len(cd) && rel[len(cd)] == '/' && strings.HasPrefix(rel, cd) {
			inDir = rel[len(cd)+1:]
		} else {
			inDir = ""
		}
	}
	// a collection other than posts: <collections_dir>/_<label>/<entry>
	if strings.HasPrefix(inDir, "_") {
		if i := strings.IndexByte(inDir, '/'); i > 0 {
			label := inDir[1:i]
			if _, ok := s.Config.Collections[label]; ok && label != "posts" && label != "data" {
				info.Collection, info.InCollection, info.DocPath = label, inDir[i+1:], inDir
				info.Kind = KindDocument
				if s.Loose {
					return
				}
				// Jekyll checks excludes against the path from the
				// collection's folder, without collections_dir: inDir
				if !s.keep(info.InCollection, inDir, false) {
					info.Kind, info.Why = KindNone, "Jekyll skips it in the collection: "+s.skipReason(info.InCollection)
				}
				return
			}
		}
	}
	if s.Loose {
		info.Kind = KindPage
		return
	}
	// pages, posts and drafts: every folder on the way must be read; the
	// path from the root to a folder is a prefix of rel, no copy needed
	for off := 0; ; {
		i := strings.IndexByte(rel[off:], '/')
		if i < 0 {
			break
		}
		name := rel[off : off+i]
		if name == "_posts" || name == "_drafts" && s.showDrafts() {
			s.classifyPost(info, off, name, rel[off+i+1:])
			return
		}
		if !s.keep(name, rel[:off+i], true) {
			info.Kind, info.Why = KindNone, "Jekyll skips the folder "+rel[:off+i]+": "+s.skipReason(name)
			break
		}
		off += i + 1
	}
	if info.Why == "" {
		if base := path.Base(rel); !s.keep(base, rel, false) {
			info.Why = "Jekyll skips it: " + s.skipReason(base)
		} else {
			info.Kind = KindPage
			return
		}
	}
	if s.namedByInclude(rel) {
		info.Kind, info.Why = KindPage, ""
	}
}

// classifyPost reads info.Rel as dir/magic/entry, magic being _posts or
// _drafts and dir the first off bytes (with their slash).
func (s *Site) classifyPost(info *Info, off int, magic, entry string) {
	rel := info.Rel
	info.Kind, info.Why = KindNone, ""
	// Jekyll reads posts only in folders whose path starts with collections_dir
	if cd := s.Config.CollectionsDir; cd != "" && !strings.HasPrefix(rel[:off], cd) {
		info.Why = "posts are read only inside collections_dir " + cd
		return
	}
	if !s.keep(entry, rel, false) {
		info.Why = "Jekyll skips it: " + s.skipReason(path.Base(entry))
		return
	}
	info.Collection, info.InCollection, info.DocPath = "posts", entry, rel
	if cd := s.Config.CollectionsDir; cd != "" && len(rel) > len(cd) && rel[len(cd)] == '/' && strings.HasPrefix(rel, cd) {
		info.DocPath = rel[len(cd)+1:]
	}
	if magic == "_drafts" {
		if path.Ext(entry) == "" {
			info.Why = "a draft needs a file extension"
			return
		}
		info.Kind = KindDraft
		return
	}
	if !datedName.MatchString(path.Base(entry)) {
		info.Why = "a post's file name must start with its date (YYYY-MM-DD-title.md)"
		return
	}
	info.Kind = KindPost
}

func (s *Site) showDrafts() bool { return s.Drafts || s.Config.ShowDrafts }

// IsPage reports whether Jekyll renders the file at rel (when it has front
// matter): a page, a collection document, a post, or a draft with --drafts.
func (s *Site) IsPage(rel string) bool {
	return s.Classify(rel).Kind != KindNone
}

// keep is Jekyll's EntryFilter#filter for one entry: a name in a folder, or
// a path inside a collection or _posts folder. rel is the path it checks
// exclusions against (from the site root, as Jekyll forms it).
func (s *Site) keep(entry, rel string, isDir bool) bool {
	if strings.HasSuffix(entry, ".") {
		return false
	}
	base := path.Base(entry)
	included := globInclude(s.includes, entry, isDir) || globInclude(s.includes, base, isDir)
	if !included && globInclude(s.excludes, rel, isDir) {
		return false
	}
	if included {
		return true
	}
	return !special(entry) && !special(base) && !strings.HasSuffix(entry, "~")
}

// skipReason says why keep drops a name.
func (s *Site) skipReason(name string) string {
	switch {
	case special(name):
		return "names starting with " + name[:1] + " are skipped unless _config.yml's include lists them"
	case strings.HasSuffix(name, "~"):
		return "names ending with ~ are backups"
	case strings.HasSuffix(name, "."):
		return "names ending with . are skipped"
	}
	return "_config.yml's exclude list names it"
}

func special(name string) bool {
	return name != "" && strings.IndexByte("._#~", name[0]) >= 0
}

// namedByInclude reports whether an include entry names the file itself,
// which Jekyll then reads even inside a folder it skips.
func (s *Site) namedByInclude(rel string) bool {
	for _, inc := range s.Config.Include {
		if path.Clean("/"+inc) == "/"+rel {
			return true
		}
	}
	return false
}

// pattern is an include or exclude entry, prepared once: the reader
// checks every file of the site against every entry.
type pattern struct {
	text string // without leading slashes
	glob bool   // holds wildcards
	head string // the text before the first wildcard
}

func compilePatterns(list []string) []pattern {
	out := make([]pattern, 0, len(list))
	for _, p := range list {
		t := strings.TrimLeft(p, "/")
		pt := pattern{text: t, head: t}
		if i := strings.IndexAny(t, `*?[\`); i >= 0 {
			pt.glob, pt.head = true, t[:i]
		}
		out = append(out, pt)
	}
	return out
}

// globInclude is Jekyll's EntryFilter#glob_include?: a pattern matches when
// File.fnmatch? matches it, when the path merely starts with it (so an
// exclude `docs` also drops `docs-old/`), or when it names the folder with
// a trailing slash. Jekyll joins both sides to the source; here both lose
// their leading slashes instead.
func globInclude(patterns []pattern, p string, isDir bool) bool {
	ep := strings.TrimLeft(p, "/")
	for _, pt := range patterns {
		pp := pt.text
		if strings.HasPrefix(ep, pp) || isDir && len(pp) == len(ep)+1 && pp[len(ep)] == '/' && strings.HasPrefix(pp, ep) {
			return true
		}
		if pt.glob && strings.HasPrefix(ep, pt.head) && fnmatch(pp, ep) {
			return true
		}
	}
	return false
}

// fnmatch is Ruby's File.fnmatch? without flags: `*` matches any run of
// characters, slashes included; `?` one; `[...]` a set; `\` escapes.
func fnmatch(pat, name string) bool {
	if !strings.ContainsAny(pat, `*?[\`) {
		return pat == name
	}
	for len(pat) > 0 {
		switch pat[0] {
		case '*':
			for len(pat) > 0 && pat[0] == '*' {
				pat = pat[1:]
			}
			if pat == "" {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if fnmatch(pat, name[i:]) {
					return true
				}
			}
			return false
		case '?':
			if name == "" {
				return false
			}
			pat, name = pat[1:], name[1:]
		case '[':
			end := strings.IndexByte(pat[1:], ']')
			if end < 0 || name == "" {
				return pat == name
			}
			set, neg := pat[1:end+1], false
			if set != "" && (set[0] == '!' || set[0] == '^') {
				set, neg = set[1:], true
			}
			if ok, _ := path.Match("["+set+"]", name[:1]); ok == neg {
				return false
			}
			pat, name = pat[end+2:], name[1:]
		case '\\':
			if len(pat) < 2 || name == "" || pat[1] != name[0] {
				return false
			}
			pat, name = pat[2:], name[1:]
		default:
			if name == "" || pat[0] != name[0] {
				return false
			}
			pat, name = pat[1:], name[1:]
		}
	}
	return name == ""
}

// prepare derives what the reader checks for every file.
func (s *Site) prepare() {
	s.merged = &sync.Map{}
	if s.Config.DefaultLocale == "" {
		s.Config.DefaultLocale = "en"
	}
	var ex []string
	for _, e := range s.Config.Exclude {
		if !slices.Contains(s.Config.Include, e) {
			ex = append(ex, e)
		}
	}
	s.excludes, s.includes = compilePatterns(ex), compilePatterns(s.Config.Include)
	s.scopes = make([]scope, len(s.Config.Defaults))
	for i, d := range s.Config.Defaults {
		s.scopes[i] = s.compileScope(d.Scope.Path)
	}
}

// TemplateDirs are the folders of a Jekyll site that hold templates, data
// and build output rather than pages.
var TemplateDirs = map[string]bool{"_layouts": true, "_includes": true, "_data": true, "_sass": true,
	"_plugins": true, "_site": true, ".jekyll-cache": true}

// Excluded reports whether _config.yml's exclude list drops the file at rel
// or a folder above it.
func (s *Site) Excluded(rel string) bool {
	if s.Loose {
		return false
	}
	p := ""
	for _, part := range strings.Split(rel, "/") {
		p += "/" + part
		if globInclude(s.excludes, p, p != "/"+rel) && !globInclude(s.includes, part, p != "/"+rel) {
			return true
		}
	}
	return false
}
