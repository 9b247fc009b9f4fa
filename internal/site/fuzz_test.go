package site

import "testing"

// FuzzPublish: any path, permalink template and front matter values give a
// classification and a URL without a panic, and a URL always starts with /.
func FuzzPublish(f *testing.F) {
	f.Add("content/_help/a/b._es.md", "/:collection/:path/", "/es/x/", "2024-01-02", "a b")
	f.Add("_posts/2020-01-01-x.md", "/:categories/:year/:month/:day/:title:output_ext", "", "", "")
	f.Add("blog/_posts/2020-1-1-ñ x.markdown", "pretty", ":title_/:i_month", "2020-01-01 10:00:00 -0500", "Ünïcode")
	f.Add("[a]*.md", "/:unknown/", "/../x/./", "x", "[")
	f.Fuzz(func(t *testing.T, rel, style, permalink, date, cats string) {
		c, err := parseConfig([]byte("collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\nexclude: ['Gem*', docs, '[a-']\ninclude: ['_keep*']\n"))
		if err != nil {
			t.Fatal(err)
		}
		c.Permalink = style
		s := &Site{Config: c}
		s.prepare()
		info := s.Classify(rel)
		fm := func(k string) (Value, bool) {
			switch k {
			case "permalink":
				return Value{Text: permalink, Tag: "!!str"}, permalink != ""
			case "date":
				return Value{Text: date, Tag: "!!str"}, date != ""
			case "categories":
				return Value{Text: cats, Tag: "!!str"}, cats != ""
			}
			return Value{}, false
		}
		out := s.Publish(info, fm)
		if out.URL != "" && out.URL[0] != '/' {
			t.Fatalf("URL %q does not start with /", out.URL)
		}
		_ = fnmatch(style, rel)
		_ = RedirectURL(permalink)
	})
}
