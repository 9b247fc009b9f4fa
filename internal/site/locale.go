package site

import (
	"path"
	"slices"
	"strings"
)

// Languages as Jekyll sites declare them. A site may name its languages in
// _config.yml (`languages`, as jekyll-polyglot and
// jekyll-multiple-languages-plugin read it, with `default_lang`,
// `default_locale` or a site-wide `lang`), in file names (`name._es.md`),
// in folders (`de/`, `pt-br/`, `zh_CN/`, `es_ES/`: a language tag, among
// sibling folders that are tags too), and in front matter (`lang` or
// `locale`, written or set by `defaults`, which the index reads; see
// lint.Facts). This file holds the parts that read paths.

// iso639 lists the two-letter language codes of ISO 639-1: a folder or
// file-name suffix names a language only with one of them.
const iso639 = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy " +
	"da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz " +
	"ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt " +
	"lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu " +
	"rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts " +
	"tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"

// LanguageTag reports whether s is a language tag as sites write them in
// paths: an ISO 639-1 code, or a few three-letter ones, optionally with a
// script (zh-hans), a region (pt-br, es_ES, zh_CN, es-419) or both,
// joined by - or _, in any case. "docs" and "js" are no language.
func LanguageTag(s string) bool {
	if s == "" || len(s) > 14 || s[0] == '-' || s[0] == '_' {
		return false
	}
	n := 0 // the parts read so far; the site model asks of every path segment and locale value
	for part := range strings.FieldsFuncSeq(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' }) {
		if n++; n > 3 {
			return false
		}
		if n == 1 {
			switch {
			case len(part) == 2 && letters(part) && strings.Contains(" "+iso639+" ", " "+part+" "):
			case part == "fil" || part == "haw" || part == "ast" || part == "ckb" || part == "yue":
			default:
				return false
			}
		} else if !(len(part) == 4 && letters(part) || len(part) == 2 && letters(part) || len(part) == 3 && digits(part)) {
			return false
		}
	}
	return n > 0
}

func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SetLanguages replaces the site's languages and default locale with the
// configuration's (from is its file), when it sets them: folders per
// language are then those it names only.
func (s *Site) SetLanguages(langs []string, def, from string) {
	if def != "" {
		s.Config.DefaultLocale = def
	}
	if len(langs) == 0 {
		return
	}
	s.Config.Languages, s.Declared = slices.Clone(langs), slices.Clone(langs)
	s.LanguagesFrom = []string{"languages in " + path.Base(from)}
	if def == "" {
		s.Config.DefaultLocale = langs[0]
	}
	s.fixedLanguages = true
}

// FindLocaleFolders reads the site's files (site-relative paths) for
// folders per language: a folder named with a language tag whose parent
// holds at least one other such folder (downloads/de/ beside
// downloads/fr/), or one that `languages` names. Their pages take their
// locale from the folder, and the site's languages grow by theirs. It is
// called once, before pages are classified.
func (s *Site) FindLocaleFolders(rels []string) {
	children := map[string][]string{} // parent -> child folders named like a language
	seen := map[string]bool{}
	for _, rel := range rels {
		for dir := path.Dir(rel); dir != "." && !seen[dir]; dir = path.Dir(dir) {
			seen[dir] = true
			if base := path.Base(dir); LanguageTag(base) {
				parent := path.Dir(dir)
				children[parent] = append(children[parent], dir)
			}
		}
	}
	s.localeDirs = map[string]string{}
	for _, dirs := range children {
		for _, d := range dirs {
			loc := path.Base(d)
			if slices.Contains(s.Config.Languages, loc) || len(dirs) >= 2 && !s.fixedLanguages {
				s.localeDirs[d] = loc
			}
		}
	}
	var found []string
	for _, loc := range s.localeDirs {
		if !slices.Contains(s.Config.Languages, loc) && !slices.Contains(found, loc) {
			found = append(found, loc)
		}
	}
	slices.Sort(found)
	if len(found) > 0 {
		if len(s.Config.Languages) == 0 {
			found = append([]string{s.Config.DefaultLocale}, slices.DeleteFunc(found, func(l string) bool { return l == s.Config.DefaultLocale })...)
		}
		s.Config.Languages = append(s.Config.Languages, found...)
		s.LanguagesFrom = append(s.LanguagesFrom, "folders per language")
	}
}

// folderLocale returns the locale of the first folder above rel that is a
// folder per language, if any. A rel that starts with / ends at "/", not
// "." (path.Dir("/") is "/": the loop never ended).
func (s *Site) folderLocale(rel string) (string, bool) {
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if loc, ok := s.localeDirs[dir]; ok {
			return loc, true
		}
		if seg := path.Base(dir); len(s.Config.Languages) > 1 && slices.Contains(s.Config.Languages, seg) {
			return seg, true
		}
	}
	return "", false
}
