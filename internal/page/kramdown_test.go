package page

import (
	"strings"
	"testing"
)

// TestKramdownReading covers what the page model reads as kramdown 2.4
// does, not as CommonMark: each case a page body, the kramdown options, and
// the heading ids, link destinations and code lines the model must find.
func TestKramdownReading(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		opts  Kramdown
		ids   string // heading ids, space-separated
		links string // link destinations, space-separated
		code  int    // code blocks
	}{
		{name: "fence after </div>", body: "<div>\n\nx\n</div>\n```\n# code\n[a](/b/)\n```\n\n## After\n",
			ids: "after", code: 1},
		{name: "span element at line start", body: "<span>see [a](/a/)</span>\n\n## H\n", ids: "h", links: "/a/"},
		{name: "markdown=1", body: "<div markdown=\"1\">\n## In\n[a](/a/)\n</div>\n", ids: "in", links: "/a/"},
		{name: "raw block", body: "<div>\n## Not\n[a](/a/)\n\n<a href=\"/h/\">h</a>\n</div>\n", links: "/h/"},
		{name: "markdown=block inside raw", body: "<section>\n<div markdown=\"block\">\n[a](/a/)\n</div>\n<p>[b](/b/)</p>\n</section>\n", links: "/a/"},
		{name: "parse_block_html", body: "<div>\n## In_side\n</div>\n", opts: Kramdown{ParseBlockHTML: true}, ids: "inside"},
		{name: "highlight body is code", body: "{% highlight ruby %}\n# comment\n[a](/a/)\n{% endhighlight %}\n\n## H\n", ids: "h", code: 1},
		{name: "IAL after heading", body: "## Using a Version Manager\n{: #vm}\n\n## Using a Version Manager\n", ids: "vm using-a-version-manager"},
		{name: "IAL before heading", body: "{:#setup .x}\n## Setting up\n", ids: "setup"},
		{name: "ALD reference", body: "{:toc: #contents}\n\n## Title\n{: toc}\n", ids: "contents"},
		{name: "span IAL in heading", body: "## Level **one**{:.light}\n", ids: "level-one"},
		{name: "reference links", body: "[a][x], [b][] and [^1]\n\n[x]: /x/\n[b]: </b/>\n[^1]: note\n", links: "/x/ /b/"},
		{name: "reference then text", body: "[a][x](note)\n\n[x]: /x/\n", links: "/x/"},
		{name: "email autolink", body: "<help@example.gov>\n", links: "mailto:help@example.gov"},
		{name: "auto_ids off", body: "## A\n", opts: Kramdown{NoAutoIDs: true}, ids: ""},
		{name: "auto_id_prefix", body: "## A\n## A\n", opts: Kramdown{AutoIDPrefix: "p-"}, ids: "p-a p-a-1"},
		{name: "input kramdown", body: "## 1. Über `a_b`\n\n## 1. Über `a_b`\n", opts: Kramdown{Input: "kramdown"}, ids: "ber-ab ber-ab-1"},
		{name: "site variable in heading", body: "## About {{ site.title }}\n", opts: Kramdown{SiteVars: map[string]string{"title": "Login.gov"}}, ids: "about-logingov"},
		{name: "Turkish capital I", body: "## İlkin\n", ids: "i\u0307lkin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewParser()
			p.Kramdown = tt.opts
			pg := p.Parse("t.md", []byte("---\ntitle: T\n---\n"+tt.body))
			var ids, links []string
			for _, h := range pg.Headings {
				if h.ID != "" {
					ids = append(ids, h.ID)
				}
			}
			for _, l := range pg.Links {
				links = append(links, l.Dest)
			}
			if got := strings.Join(ids, " "); got != tt.ids {
				t.Errorf("ids %q, want %q", got, tt.ids)
			}
			if got := strings.Join(links, " "); got != tt.links {
				t.Errorf("links %q, want %q", got, tt.links)
			}
			if len(pg.Code) != tt.code {
				t.Errorf("%d code blocks, want %d", len(pg.Code), tt.code)
			}
		})
	}
}

func TestStrayEndTag(t *testing.T) {
	pg := NewParser().Parse("t.md", []byte("---\ntitle: T\n---\n</div>\nSee [a](/a/).\n"))
	if len(pg.Links) != 1 || pg.Links[0].Dest != "/a/" {
		t.Errorf("links %v: an end tag that closes nothing does not make the next line HTML", pg.Links)
	}
}

func TestSpanTagAloneOnLine(t *testing.T) {
	pg := NewParser().Parse("t.md", []byte("---\ntitle: T\n---\n<span class=\"lead\">\nSee [a](/a/).\n</span>\n\n<a href=\"/h/\">\nhome</a>\n"))
	var dests []string
	for _, l := range pg.Links {
		dests = append(dests, l.Dest)
	}
	if got := strings.Join(dests, " "); got != "/a/ /h/" {
		t.Errorf("links %q, want \"/a/ /h/\": a span element's tag alone on its line opens no HTML block", got)
	}
}
