package initcfg

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/schema"
	"go.yaml.in/yaml/v3"
)

// writeSite writes files into a new folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// recipeSite is a small bilingual cookbook: 24 recipes in a collection
// (every one with a title, a layout of two and a number; all but one
// with a course), links that mark the ones leaving the site with
// ext-link, and a list of retired URLs.
func recipeSite() map[string]string {
	files := map[string]string{
		"_config.yml":  "url: https://cook.example.org\nlanguages: [en, fr]\ncollections:\n  recipes:\n    output: true\n",
		"OLD_URLS.yml": "- /old-soups/\n- /old-bread/\n",
		"index.md": "---\ntitle: Cookbook\n---\n[Flour](https://flour-mill.org/){:.ext-link} [Salt](https://sea-salt.org/){:.ext-link}\n\n" +
			"[Oil](https://olive-press.org/){:.ext-link} [Eggs](https://egg-farm.org/)\n",
		"fr/index.md": "---\ntitle: Livre de cuisine\nlang: fr\n---\n[Farine](https://flour-mill.org/fr/){:.ext-link}\n",
	}
	for i := range 24 {
		layout := "recipe"
		if i%3 == 0 {
			layout = "menu"
		}
		course := fmt.Sprintf("course: c%d\n", i%7) // seven values: no enum
		if i == 5 {
			course = ""
		}
		files[fmt.Sprintf("_recipes/r%02d.md", i)] = fmt.Sprintf("---\ntitle: Recipe %d\nlayout: %s\nserves: %d\n%s---\nStir.\n", i, layout, i+1, course)
	}
	return files
}

// TestInitFixture: init writes a configuration that validates against
// helplint-config.json and loads, with each value and what it was
// detected from, and a schema drafted from the collection's pages.
func TestInitFixture(t *testing.T) {
	dir := writeSite(t, recipeSite())
	res, err := Init(Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(res.Config)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	validConfig(t, res.Config, data)
	for _, want := range []string{
		`(?m)^  - cook\.example\.org # url in _config\.yml$`,
		`(?m)^external_marker: ext-link # 4 of the site's 5 external links carry it$`,
		`(?m)^languages: \[en, fr\] # languages in _config\.yml$`,
		`(?m)^default_locale: en # the first of languages in _config\.yml$`,
		`(?m)^old_urls: OLD_URLS\.yml # the file lists 2 URLs$`,
		`(?m)^  _recipes/\*\*/\*: schemas/recipes\.json # drafted from the 24 pages of recipes: 4 keys required$`,
		`(?m)^# - trailing slash: 0 of the 0 links to the site's pages end with /: too few`,
		`(?m)^      trailing_slash: auto # 2 of the 26 URLs of the site's pages end with /: no habit \(nine in ten would be one\)$`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the configuration lacks %s:\n%s", want, text)
		}
	}
	cfg, err := config.Load(res.Config)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ExternalMarker != "ext-link" || !slices.Equal(cfg.Languages, []string{"en", "fr"}) || cfg.OldURLs != "OLD_URLS.yml" ||
		len(cfg.Schemas) != 1 || cfg.Schemas[0].Schema != "schemas/recipes.json" {
		t.Errorf("loaded %+v", cfg)
	}
	if want := []string{filepath.Join(dir, "schemas", "recipes.json")}; !slices.Equal(res.Schemas, want) {
		t.Errorf("schemas written %v, want %v", res.Schemas, want)
	}
	var sch struct {
		Required   []string
		Properties map[string]struct {
			Type any
			Enum []string
		}
	}
	raw, err := os.ReadFile(res.Schemas[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &sch); err != nil {
		t.Fatal(err)
	}
	// course is on 23 of 24 pages (95.8%): required; its seven values are no enum
	if want := []string{"course", "layout", "serves", "title"}; !slices.Equal(sch.Required, want) {
		t.Errorf("required %v, want %v", sch.Required, want)
	}
	if p := sch.Properties["layout"]; p.Type != "string" || !slices.Equal(p.Enum, []string{"menu", "recipe"}) {
		t.Errorf("layout: %+v, want a string of menu or recipe", p)
	}
	if p := sch.Properties["serves"]; p.Type != "integer" || p.Enum != nil {
		t.Errorf("serves: %+v, want an integer", p)
	}
	if p := sch.Properties["course"]; p.Enum != nil {
		t.Errorf("course: %+v, want no enum (seven values)", p)
	}
}

// validConfig checks data, the file at path, against the configuration's
// JSON Schema, then loads it.
func validConfig(t *testing.T, path string, data []byte) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s is no YAML: %v", path, err)
	}
	set, err := schema.Load([]schema.Mapping{{Glob: "**", Schema: schema.BuiltinPrefix + "helplint-config"}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	var inst any = map[string]any{}
	if len(doc.Content) > 0 {
		inst = frontmatter.Value(doc.Content[0])
	}
	for _, p := range set.Validate(set.For("config"), inst) {
		t.Errorf("%s: %s at %v", path, p.Message, p.Location)
	}
	if _, err := config.Load(path); err != nil {
		t.Errorf("%s does not load: %v", path, err)
	}
}

// TestInitRefuses: init never overwrites a configuration or a schema
// without Force, and then writes nothing at all.
func TestInitRefuses(t *testing.T) {
	tests := []struct {
		name     string
		existing string // a file that exists before init
	}{
		{"the configuration", config.FileName},
		{"a schema", "schemas/recipes.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := recipeSite()
			files[tt.existing] = "mine\n"
			dir := writeSite(t, files)
			_, err := Init(Options{Path: dir})
			if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), filepath.Join(dir, filepath.FromSlash(tt.existing))) {
				t.Fatalf("got %v, want ErrExists naming %s", err, tt.existing)
			}
			for _, f := range []string{config.FileName, "schemas/recipes.json"} {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
				switch {
				case f == tt.existing && string(data) != "mine\n":
					t.Errorf("%s was overwritten: %q", f, data)
				case f != tt.existing && err == nil:
					t.Errorf("%s was written though init refused", f)
				}
			}
			if _, err := Init(Options{Path: dir, Force: true}); err != nil {
				t.Fatalf("with Force: %v", err)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.existing))); string(data) == "mine\n" {
				t.Errorf("with Force, %s is still the old file", tt.existing)
			}
		})
	}
}

// TestInitNoSite: a folder that is no Jekyll site is an error, and
// nothing is written.
func TestInitNoSite(t *testing.T) {
	dir := writeSite(t, map[string]string{"notes.md": "---\ntitle: Notes\n---\n"})
	if _, err := Init(Options{Path: dir}); err == nil || !strings.Contains(err.Error(), "no Jekyll site") {
		t.Fatalf("got %v, want an error saying there is no Jekyll site", err)
	}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		t.Error("a configuration was written")
	}
}

// page is a page with front matter fm (lines) and body.
func page(fm, body string) string { return "---\n" + fm + "---\n" + body }

// TestInitDetects: what init writes, and what it leaves to a comment,
// for sites of different conventions.
func TestInitDetects(t *testing.T) {
	marked := func(n int, host string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[l%d](https://%s/p%d){:.external-link}\n\n", i, host, i)
		}
		return b.String()
	}
	tests := []struct {
		name      string
		files     map[string]string
		want, not []string
	}{
		{"languages from folders are left to detection", map[string]string{
			"_config.yml": "title: Docs\n", "CNAME": "docs.sample.org\n",
			"de/a.md": page("title: A\n", ""), "fr/a.md": page("title: A\n", ""), "a.md": page("title: A\n", "")},
			[]string{`(?m)^  - docs\.sample\.org # CNAME$`, `(?m)^# - languages, from folders per language \(languages: would replace them\): en 1 page, de 1, fr 1$`,
				`(?m)^external_marker: none # the site has no external link$`},
			[]string{`(?m)^languages:`, `(?m)^default_locale:`, `(?m)^old_urls:`, `(?m)^schemas:`}},
		{"a site that never marks its external links", map[string]string{
			"_config.yml": "url: https://sample.org\n", "a.md": page("title: A\n", "[x](https://other.org/) [y](https://another.org/)\n")},
			[]string{`(?m)^external_marker: none # no class marks the site's 2 external links: a marker is on 5% of them \(3 at least\), rarely on internal ones$`,
				`(?m)^# - languages: every written page is en \(the default locale\)$`},
			nil},
		{"domains never marked are the site's own", map[string]string{
			"_config.yml": "url: https://sample.org\n",
			"a.md":        page("title: A\n", marked(20, "other.org")+strings.Repeat("[s](https://sandbox.sample.net/)\n\n", 5))},
			[]string{`(?m)^# Links to sample\.net are never marked while nearly all others are:$`,
				`(?m)^external_marker: external-link # 20 of the site's 25 external links carry it$`},
			nil},
		{"built-in schemas stay, small collections get none", map[string]string{
			"_config.yml": "collections:\n  help:\n    output: true\n  notes:\n    output: true\n  bare:\n    output: true\n",
			"_help/a.md":  page("title: A\n", ""), "_notes/n.md": page("title: N\n", ""), "_notes/m.md": page("title: M\n", ""),
			"_bare/a.md": page("", ""), "_bare/b.md": page("", ""), "_bare/c.md": page("", "")},
			[]string{`(?m)^  '\*\*/_help/\*\*/\*': builtin:help # built-in, as with no configuration: 1 page$`,
				`(?m)^# - the notes collection has 2 pages: too few to draft a schema from$`,
				`(?m)^# - the bare collection's pages have no front matter keys: no schema to draft$`},
			[]string{`notes\.json`, `bare\.json`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, tt.files)
			res, err := Init(Options{Path: dir})
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(res.Config)
			if err != nil {
				t.Fatal(err)
			}
			validConfig(t, res.Config, data)
			for _, w := range tt.want {
				if !regexp.MustCompile(w).Match(data) {
					t.Errorf("the configuration lacks %s", w)
				}
			}
			for _, w := range tt.not {
				if regexp.MustCompile(w).Match(data) {
					t.Errorf("the configuration has %s", w)
				}
			}
			if t.Failed() {
				t.Log(string(data))
			}
		})
	}
}

// TestInitFromSubfolder: init from a folder inside the site reads every
// page as it does from the root (the defaults of _config.yml applied), and
// writes the same files at the root.
func TestInitFromSubfolder(t *testing.T) {
	files := recipeSite()
	files["_config.yml"] += "defaults:\n  - scope: {type: recipes}\n    values: {author: Ann}\n"
	var got [2][]byte
	for i, sub := range []string{"", "fr"} {
		dir := writeSite(t, files)
		res, err := Init(Options{Path: filepath.Join(dir, sub)})
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, config.FileName); res.Config != want {
			t.Errorf("from %q: wrote %s, want %s", sub, res.Config, want)
		}
		if got[i], err = os.ReadFile(filepath.Join(dir, "schemas", "recipes.json")); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(string(got[0]), `"author"`) {
		t.Errorf("the defaults' author is not in the schema:\n%s", got[0])
	}
	if string(got[0]) != string(got[1]) {
		t.Errorf("from the root:\n%s\nfrom fr/:\n%s", got[0], got[1])
	}
}
