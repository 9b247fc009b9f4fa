// Package benchsite builds large Jekyll sites for benchmarks: the real
// corpus copied many times, or a site generated from the repository's own
// fixture pages in four locales.
package benchsite

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Config is the _config.yml of generated sites.
const Config = `title: Benchmark Help Center
url: https://www.example.gov
languages: [en, es, fr, zh]
collections_dir: content
collections:
  help:
    output: true
    permalink: /:collection/:path/
kramdown:
  hard_wrap: true
defaults:
  - scope:
      path: 'content/_help/**/*'
    values:
      layout: help
`

var (
	localeName    = regexp.MustCompile(`\._([a-z]{2})\.md$`)
	permalinkLine = regexp.MustCompile(`(?m)^(permalink: *)(\S+)$`)
	redirectLine  = regexp.MustCompile(`(?m)^(\s*- *)(/\S*)/$`)
	titleLine     = regexp.MustCompile(`(?m)^(title: *)([^>|"'\s].*)$`)
	orderLine     = regexp.MustCompile(`(?m)^order: *([0-9]+) *$`)
)

// CopyCorpus writes the site at corpus into dir times times: the site's
// files once, and every page under content/ once per copy, with the copy's
// number in its file name, permalink, redirects, title and order so that
// the copies do not collide. It returns the number of pages written.
func CopyCorpus(corpus, dir string, times int) (int, error) {
	pages := 0
	err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(corpus, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(filepath.ToSlash(rel), "content/") || !strings.HasSuffix(p, ".md") {
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		}
		for c := 0; c < times; c++ {
			text := string(data)
			if c > 0 {
				suffix := fmt.Sprintf("-c%d", c)
				text = permalinkLine.ReplaceAllStringFunc(text, func(m string) string {
					// the copy's number before the trailing slash or the extension: /x-c1/, /404-c1.html
					sub := permalinkLine.FindStringSubmatch(m)
					u := sub[2]
					switch ext := filepath.Ext(u); {
					case strings.HasSuffix(u, "/"):
						u = strings.TrimSuffix(u, "/") + suffix + "/"
					case ext != "":
						u = strings.TrimSuffix(u, ext) + suffix + ext
					default:
						u += suffix
					}
					return sub[1] + u
				})
				text = redirectLine.ReplaceAllString(text, "${1}${2}"+suffix+"/")
				text = titleLine.ReplaceAllString(text, fmt.Sprintf("${1}${2} (%d)", c))
				text = orderLine.ReplaceAllStringFunc(text, func(m string) string {
					var n int
					fmt.Sscan(strings.TrimSpace(strings.TrimPrefix(m, "order:")), &n)
					return fmt.Sprintf("order: %d", n+100*c)
				})
			}
			name := rel
			if c > 0 {
				// the copy's number goes before the locale: name-c1._es.md
				dir, base := filepath.Split(rel)
				stem, rest := base, ""
				if i := strings.Index(base, "._"); i >= 0 {
					stem, rest = base[:i], base[i:]
				} else if ext := filepath.Ext(base); ext != "" {
					stem, rest = strings.TrimSuffix(base, ext), ext
				}
				name = dir + stem + fmt.Sprintf("-c%d", c) + rest
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				return err
			}
			pages++
		}
		return nil
	})
	return pages, err
}

// Template is a page body and the locale of the file it came from.
type Template struct {
	Locale, Body string
}

// Templates reads the bodies of the fixture pages under root (the
// repository's testdata/bench), to build generated pages from.
func Templates(root string) ([]Template, error) {
	var out []Template
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || filepath.Base(p) == "README.md" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		if strings.HasPrefix(s, "---") {
			if i := strings.Index(s[3:], "\n---"); i >= 0 {
				s = s[3+i+4:]
			}
		}
		if strings.TrimSpace(s) != "" {
			loc := "en"
			if m := localeName.FindStringSubmatch(filepath.Base(p)); m != nil {
				loc = m[1]
			}
			out = append(out, Template{Locale: loc, Body: s})
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Body < out[j].Body })
	return out, err
}

var categories = []string{"create-account", "trouble-signing-in", "manage-your-account", "verify-your-identity", "specific-agencies", "fraud-concerns"}

var words = strings.Fields(`account sign in password phone number email identity verify agency
security key authentication method code message help page step select option device app
cuenta contraseña teléfono identidad verificar compte mot de passe téléphone vérifier
账户 密码 电话 身份 验证 帮助`)

// Generate writes a site of n pages into dir: a _config.yml, an _includes
// folder, and help pages in four locales whose bodies are fixture pages
// with paragraphs of varied text around them, about size bytes each.
func Generate(dir string, n, size int, templates []Template, seed int64) error {
	rng := rand.New(rand.NewSource(seed))
	if err := os.MkdirAll(filepath.Join(dir, "_includes"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(Config), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "_includes", "alert.html"), []byte("<div>{{ include.content }}</div>\n"), 0o644); err != nil {
		return err
	}
	locales := []string{"en", "es", "fr", "zh"}
	byLocale := map[string][]string{}
	for _, t := range templates {
		byLocale[t.Locale] = append(byLocale[t.Locale], t.Body)
	}
	for i := 0; i < n; i++ {
		cat := categories[i%len(categories)]
		loc := locales[(i/len(categories))%len(locales)]
		slug := fmt.Sprintf("page-%d", i/(len(categories)*len(locales)))
		prefix := ""
		if loc != "en" {
			prefix = "/" + loc
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Page %d about %s\ncategory: %s\npermalink: %s/help/%s/%s/\norder: %d\n---\n\n",
			i, words[rng.Intn(len(words))], cat, prefix, cat, slug, i)
		for b.Len() < size {
			if rng.Intn(2) == 0 {
				mine := byLocale[loc]
				if len(mine) == 0 {
					mine = byLocale["en"]
				}
				b.WriteString(mine[rng.Intn(len(mine))])
				b.WriteString("\n\n")
				continue
			}
			for w := 0; w < 40+rng.Intn(40); w++ {
				b.WriteString(words[rng.Intn(len(words))])
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "See [step %d](%s/help/%s/page-%d/).\n\n", rng.Intn(9), prefix, cat, rng.Intn(max(n/24, 1)))
		}
		p := filepath.Join(dir, "content", "_help", cat, slug+"._"+loc+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
