package rules_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/helplint/helplint/rules"
)

// detect writes files into a new site and returns what its pages show.
func detect(t *testing.T, files map[string]string) rules.Detected {
	t.Helper()
	ws, _ := openSite(t, files)
	res := ws.Run()
	return rules.Detect(res.Index, ws.Runner.Env, ws.Site)
}

// TestDetect: the conventions Detect reports are those the rules hold the
// site to, with their evidence.
func TestDetect(t *testing.T) {
	var guides strings.Builder
	for i := range 21 {
		fmt.Fprintf(&guides, "[g%d](/guides/g%d/)\n\n", i, i)
	}
	files := map[string]string{
		"_config.yml": "url: https://docs.sample.org\ncollections:\n  guides:\n    output: true\n    permalink: /guides/:name/\n",
		"index.md":    "---\ntitle: Home\n---\n" + guides.String() + "[x](https://a.org/){:.offsite} [y](https://b.org/){:.offsite} [z](https://c.org/){:.offsite}\n",
		"de/index.md": "---\ntitle: Start\n---\n", "fr/index.md": "---\ntitle: Accueil\n---\n",
		"about._es.md": "---\ntitle: Acerca\n---\n", "news.md": "---\ntitle: Nachrichten\nlang: de\n---\n",
	}
	for i, cat := range []string{"setup", "setup", "use", "use"} {
		files[fmt.Sprintf("_guides/%s/g%d.md", cat, i)] = "---\ntitle: G\ncategory: " + cat + "\n---\n"
	}
	d := detect(t, files)
	if m := d.Marker; m.Class != "offsite" || !m.Shown || m.Carried != 3 || m.External != 3 || m.Why() != "3 of the site's 3 external links carry it" {
		t.Errorf("marker: %+v (%s)", m, m.Why())
	}
	if s := d.LinkSlash; s.Slash != 21 || s.All != 21 || !s.Kept {
		t.Errorf("link slashes: %+v, want 21 of 21, kept", s)
	}
	if s := d.RedirectSlash; s.All != 0 || s.Kept {
		t.Errorf("redirect slashes: %+v, want none", s)
	}
	if s := d.URLSlash; s.Slash != 7 || s.All != 9 || s.Kept {
		t.Errorf("URL slashes: %+v, want 7 of 9 (about._es.html and news.html lack it), no habit", s)
	}
	if want := []string{"guides"}; !reflect.DeepEqual(d.CategoryFolders, want) {
		t.Errorf("category folders %v, want %v", d.CategoryFolders, want)
	}
	from := map[string][]string{}
	for _, l := range d.Locales {
		from[l.Locale] = l.From
	}
	want := map[string][]string{"en": {"the default locale"}, "de": {"folders per language", "lang or locale in front matter"},
		"fr": {"folders per language"}, "es": {"file names"}}
	if !reflect.DeepEqual(from, want) {
		t.Errorf("locales %v, want %v", from, want)
	}
	if d.Locales[0].Locale != "en" || d.Locales[0].Pages != 5 {
		t.Errorf("the default locale first, with its 5 pages: got %+v", d.Locales[0])
	}
}
