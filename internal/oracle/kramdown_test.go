package oracle_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/workspace"
	"golang.org/x/net/html"
)

const corpus = "../../../shared/corpus/identity-site/content"

// known lists the disagreements that remain, by page and kind, each with
// its reason. A listed disagreement that no longer occurs fails the test too.
var known = map[string]string{
	"link-syntax/pages/render-wrong._en.md links":                         "[t](https://www.irs.gov/ forms): kramdown links to the destination with its space, CommonMark (goldmark) reads no link, and link-syntax reports it either way",
	"uswds-site/pages/about/research/recruitment/general-fed.md links":    liquidAutolink,
	"uswds-site/pages/about/research/recruitment/general-public.md links": liquidAutolink,
	"link-syntax/pages/links._en.md links":                                "[see [the form](/a/) page](/b/): kramdown links the outer brackets, CommonMark (goldmark) the inner ones; link-syntax reports the nesting either way",
}

// liquidAutolink is why an autolink of Liquid output differs:
// `<{{ site.uswds_email }}>` is `<xxxx>` once masked, no autolink to
// goldmark, while kramdown links the value Jekyll put there
// (mailto:uswds@gsa.gov); no rule checks a destination that is Liquid.
const liquidAutolink = "<{{ site.email }}>: an autolink only once Liquid has run; helplint masks it and sees no link, kramdown links the value"

func requireKramdown(t *testing.T) {
	t.Helper()
	if err := exec.Command("ruby", "-e", `require "kramdown"; require "kramdown-parser-gfm"`).Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("kramdown is not installed (%v); .ci/run installs ruby-kramdown and ruby-kramdown-parser-gfm", err)
		}
		t.Skipf("skipping: kramdown is not installed (apt-get install ruby-kramdown ruby-kramdown-parser-gfm): %v", err)
	}
}

// render runs kramdown over the documents in one Ruby process, with the
// site's kramdown options (nil: the fixtures' hard_wrap).
func render(t *testing.T, docs [][]byte, options map[string]any) []string {
	t.Helper()
	cmd := exec.Command("ruby", "../../testdata/kramdown/render.rb")
	if options == nil {
		cmd.Env = append(os.Environ(), "HARD_WRAP=1")
	} else {
		opts, err := json.Marshal(options)
		if err != nil {
			t.Fatalf("kramdown options: %v", err)
		}
		cmd.Env = append(os.Environ(), "KRAMDOWN_OPTIONS="+string(opts))
	}
	cmd.Stdin = bytes.NewReader(bytes.Join(docs, []byte{0}))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("kramdown: %v\n%s", err, errb.String())
	}
	parts := strings.Split(out.String(), "\x00")
	if len(parts) != len(docs) {
		t.Fatalf("kramdown returned %d documents for %d", len(parts), len(docs))
	}
	return parts
}

func pages(t *testing.T) []string {
	var out []string
	for _, root := range []string{"../../testdata", corpus} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.Contains(p, "/fuzz/") || filepath.Base(p) == "README.md" {
				return nil
			}
			out = append(out, p)
			return nil
		})
	}
	if len(out) == 0 {
		t.Fatal("no pages")
	}
	return out
}

// rendered is what kramdown's HTML holds.
type rendered struct {
	links    []string // "href classes", sorted
	ids      map[string]bool
	tables   []string // "thead=true rows=[2 2 2]"
	literals bool     // text that still reads as link syntax: "](", "] (", "{:"
	images   []string // each <img>'s alt, in order: `alt="text"`, or `no alt`
	levels   []int    // the levels of h1–h6 elements, in order
}

func readHTML(t *testing.T, s string) rendered {
	doc, err := html.Parse(strings.NewReader("<body>" + s))
	if err != nil {
		t.Fatal(err)
	}
	r := rendered{ids: map[string]bool{}}
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	var walk func(n *html.Node, inCode bool)
	walk = func(n *html.Node, inCode bool) {
		if n.Type == html.TextNode && !inCode && (strings.Contains(n.Data, "](") || strings.Contains(n.Data, "] (") || strings.Contains(n.Data, "{:")) {
			r.literals = true
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if id, ok := attr(n, "id"); ok {
					r.ids[id] = true
				}
				r.levels = append(r.levels, int(n.Data[1]-'0'))
			case "img":
				if alt, ok := attr(n, "alt"); ok {
					r.images = append(r.images, fmt.Sprintf("alt=%q", strings.Join(strings.Fields(alt), " ")))
				} else {
					r.images = append(r.images, "no alt")
				}
			case "table":
				r.tables = append(r.tables, describeTable(n))
			case "code", "pre":
				inCode = true
			}
			if id, ok := attr(n, "id"); ok && !strings.HasPrefix(id, "fn:") && !strings.HasPrefix(id, "fnref:") {
				r.ids[id] = true // (the ids of footnotes are kramdown's own)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inCode)
		}
	}
	walk(doc, false)
	// links: the <a> start tags as written (a tree builder would repeat an
	// <a> it reopens, as browsers do for misnested markup)
	z := html.NewTokenizer(strings.NewReader(s))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tn, hasAttr := z.TagName(); (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && string(tn) == "a" && hasAttr {
			href, cls, has := "", "", false
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "href":
					href, has = string(v), true
				case "class":
					cls = string(v)
				}
			}
			if has && !strings.Contains(" "+cls+" ", "footnote ") {
				// kramdown writes the links of its footnotes: no rule reads them
				r.links = append(r.links, href+" "+sortedFields(cls))
			}
		}
	}
	sort.Strings(r.links)
	return r
}

func sortedFields(s string) string {
	f := strings.Fields(s)
	sort.Strings(f)
	return strings.Join(f, ",")
}

func describeTable(t *html.Node) string {
	thead := false
	var rows []int
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "thead":
				thead = true
			case "tr":
				cells := 0
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						cells++
					}
				}
				rows = append(rows, cells)
				return
			case "table":
				if n != t {
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(t)
	return fmt.Sprintf("thead=%v rows=%v", thead, rows)
}

// unescapeMarkdown removes the backslash of Markdown escapes and decodes entities, as kramdown does in an href.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return html.UnescapeString(b.String())
}

// model is what helplint's page model says the HTML holds.
func model(pg *page.Page, vars map[string]string) rendered {
	r := rendered{ids: map[string]bool{}}
	for _, l := range pg.Links {
		if l.Kind == page.Image || l.InFrontMatter {
			continue
		}
		dest := l.Dest
		if l.DestLiquid {
			// kramdown sees the masked text, and the values of {{ site.KEY }}
			dest = resolveSpan(pg, l.DestSpan, vars)
		}
		if l.Kind == page.Markdown {
			dest = unescapeMarkdown(strings.TrimSpace(dest))
		}
		r.links = append(r.links, dest+" "+sortedFields(strings.Join(l.Classes, " ")))
	}
	sort.Strings(r.links)
	for _, h := range pg.Headings {
		r.ids[h.ID] = true
	}
	type level struct{ off, level int }
	var levels []level
	for _, h := range pg.Headings {
		levels = append(levels, level{h.Span.Start, h.Level})
	}
	for _, h := range pg.HTMLHeadings {
		levels = append(levels, level{h.Span.Start, h.Level})
	}
	sort.Slice(levels, func(i, j int) bool { return levels[i].off < levels[j].off })
	for _, l := range levels {
		r.levels = append(r.levels, l.level)
	}
	for _, img := range pg.Images {
		switch {
		case img.HTML && !img.HasAlt:
			r.images = append(r.images, "no alt")
		case img.HTML:
			alt := html.UnescapeString(string(pg.Masked[img.Alt.Start:img.Alt.End]))
			r.images = append(r.images, fmt.Sprintf("alt=%q", strings.Join(strings.Fields(alt), " ")))
		default:
			alt := unescapeMarkdown(string(pg.Masked[img.Alt.Start:img.Alt.End]))
			if a, ok := img.Attrs["alt"]; ok {
				alt = a
			}
			r.images = append(r.images, fmt.Sprintf("alt=%q", strings.Join(strings.Fields(alt), " ")))
		}
	}
	for _, tb := range pg.Tables {
		var rows []int
		width := 0
		for _, row := range tb.Rows {
			if row.Kind == 0 {
				width = max(width, row.Columns)
			}
		}
		for _, row := range tb.Rows {
			if row.Kind == 0 {
				rows = append(rows, width) // kramdown pads every row to the widest
			}
		}
		r.tables = append(r.tables, fmt.Sprintf("thead=%v rows=%v", tb.HeaderRows > 0, rows))
	}
	return r
}

// oracleGroup is a set of pages that kramdown renders with one set of
// options: the fixtures, or one site's Markdown pages.
type oracleGroup struct {
	name    string
	options map[string]any // the site's `kramdown:` options; nil for the fixtures
	prefix  string         // what names a page under the group: dropped from its path
	pages   []*page.Page
	custom  bool              // a site of HELPLINT_ORACLE_SITES
	vars    map[string]string // _config.yml's scalars: what {{ site.KEY }} outputs
}

// fixtureGroup is every fixture page with front matter.
func fixtureGroup(t *testing.T) oracleGroup {
	g := oracleGroup{name: "testdata", prefix: "../../testdata/rules/"}
	parser := page.NewParser()
	_ = filepath.WalkDir("../../testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.Contains(p, "/fuzz/") || filepath.Base(p) == "README.md" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if pg := parser.Parse(p, data); pg.FrontMatter.Present {
			g.pages = append(g.pages, pg)
		}
		return nil
	})
	return g
}

// siteGroup is the Markdown pages and documents of the site in dir that
// Jekyll converts, parsed as a run of helplint parses them.
func siteGroup(t *testing.T, dir string, custom bool) oracleGroup {
	ws, err := workspace.Open(workspace.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	g := oracleGroup{name: siteName(dir), options: ws.Site.Config.Kramdown, prefix: dir + "/", custom: custom, vars: ws.Site.Config.Vars}
	if g.options == nil {
		g.options = map[string]any{}
	}
	for _, in := range ws.Inputs {
		if !in.Target || !slices.Contains(ws.Site.Config.MarkdownExt, strings.ToLower(filepath.Ext(in.Path))) {
			continue
		}
		data, err := os.ReadFile(in.Abs)
		if err != nil {
			t.Fatal(err)
		}
		if pg := ws.Runner.Parser.Parse(in.Path, data); pg.FrontMatter.Present && !pg.BOM {
			g.pages = append(g.pages, pg)
		}
	}
	return g
}

// jekyllInput is what Jekyll hands kramdown for the page, as far as it can
// be known without rendering the site: the masked page, with each
// `{% highlight %}` block replaced by the HTML the tag outputs (code, not
// Markdown), and `{{ site.KEY }}` by _config.yml's value of KEY.
func jekyllInput(pg *page.Page, vars map[string]string) []byte {
	var out []byte
	last := 0
	toks := pg.Liquid.Tokens
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Span.Start < last {
			continue
		}
		args := string(t.Args(pg.File.Text))
		if v, ok := vars[strings.TrimPrefix(args, "site.")]; ok && t.Kind == liquid.Output && strings.HasPrefix(args, "site.") {
			out = append(out, pg.Masked[last:t.Span.Start]...)
			out = append(out, v...)
			last = t.Span.End
			continue
		}
		if t.Kind != liquid.Tag || t.Name != "highlight" {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Name != "endhighlight" {
			j++
		}
		if j == len(toks) {
			break
		}
		open, end := t.Span, toks[j].Span
		out = append(out, pg.Masked[last:open.Start]...)
		body := strings.Trim(string(pg.Masked[open.End:end.Start]), "\r\n")
		out = append(out, `<figure class="highlight"><pre><code>`+html.EscapeString(body)+`</code></pre></figure>`...)
		last, i = end.End, j
	}
	return append(out, pg.Masked[last:]...)
}

// TestKramdownAgrees renders every fixture page and every Markdown page of
// every real site with kramdown, with the site's kramdown options, after
// masking Liquid and front matter as helplint does, and checks that
// helplint's page model agrees with the HTML on links (destinations and
// classes), heading ids and levels, images and their alt text, tables
// (header rows and cells per row), and on where Markdown stays literal text.
func TestKramdownAgrees(t *testing.T) {
	requireKramdown(t)
	groups := []oracleGroup{fixtureGroup(t)}
	dirs, custom := realSites(t)
	for _, d := range dirs {
		groups = append(groups, siteGroup(t, d, custom))
	}
	seen, compared := map[string]bool{}, map[string]bool{}
	for _, g := range groups {
		compared[g.name] = true
		docs := make([][]byte, len(g.pages))
		for i, pg := range g.pages {
			docs[i] = jekyllInput(pg, g.vars)
		}
		out := render(t, docs, g.options)
		failed := 0
		for i, pg := range g.pages {
			name := strings.TrimPrefix(pg.File.Path, g.prefix)
			if g.name != "testdata" {
				name = g.name + "/" + name
			}
			for _, d := range compareKramdown(t, pg, out[i], g.vars) {
				key := name + " " + d.kind
				if known[key] != "" {
					seen[key] = true
					continue
				}
				failed++
				t.Errorf("%s: %s: %s", name, d.kind, d.msg)
			}
		}
		t.Logf("%s: compared %d pages with kramdown, %d unexplained disagreements", g.name, len(g.pages), failed)
	}
	for key, why := range known {
		site, _, _ := strings.Cut(key, "/")
		if _, err := os.Stat(filepath.Join("../../testdata/rules", site)); err == nil {
			site = "testdata" // a fixture's key names its rule's folder
		}
		if !seen[key] && !custom && compared[site] {
			t.Errorf("known disagreement no longer occurs, remove it: %s (%s)", key, why)
		}
	}
}

// disagreement is one kind of difference between kramdown's HTML and the page model.
type disagreement struct{ kind, msg string }

// compareKramdown lists where the page model and kramdown's HTML differ.
func compareKramdown(t *testing.T, pg *page.Page, out string, vars map[string]string) []disagreement {
	var ds []disagreement
	disagree := func(kind, format string, args ...any) {
		ds = append(ds, disagreement{kind, fmt.Sprintf(format, args...)})
	}
	got, want := readHTML(t, out), model(pg, vars)
	if strings.Join(got.links, "\n") != strings.Join(want.links, "\n") {
		onlyK, onlyH := multisetDiff(got.links, want.links)
		disagree("links", "only kramdown has\n  %s\nonly helplint has\n  %s", strings.Join(onlyK, "\n  "), strings.Join(onlyH, "\n  "))
	}
	var missing, extra []string
	for id := range want.ids {
		if !got.ids[id] {
			missing = append(missing, id)
		}
	}
	htmlIDs := map[string]bool{}
	for _, h := range pg.HTMLIDs {
		htmlIDs[h.ID] = true
		htmlIDs[html.UnescapeString(string(pg.Masked[h.Span.Start:h.Span.End]))] = true // kramdown saw Liquid masked
	}
	for id := range got.ids {
		if !want.ids[id] && !htmlIDs[id] {
			extra = append(extra, id)
		}
	}
	if len(missing)+len(extra) > 0 {
		sort.Strings(missing)
		sort.Strings(extra)
		disagree("ids", "helplint's heading ids %q are not in kramdown's HTML; kramdown's ids %q are no heading or HTML id in helplint's model", missing, extra)
	}
	if fmt.Sprint(got.levels) != fmt.Sprint(want.levels) {
		disagree("levels", "kramdown's heading levels are %v, helplint's %v", got.levels, want.levels)
	}
	if strings.Join(got.images, " ") != strings.Join(want.images, " ") {
		disagree("images", "kramdown has %v, helplint has %v", got.images, want.images)
	}
	rawTables := 0
	for _, b := range pg.HTMLBlocks {
		rawTables += bytes.Count(bytes.ToLower(pg.Masked[b.Start:b.End]), []byte("<table"))
	}
	if rawTables == 0 && strings.Join(got.tables, "|") != strings.Join(want.tables, "|") {
		disagree("tables", "kramdown has %v, helplint has %v", got.tables, want.tables)
	} else if rawTables > 0 && len(got.tables) != len(want.tables)+rawTables {
		disagree("tables", "kramdown has %d tables, helplint %d and %d in HTML", len(got.tables), len(want.tables), rawTables)
	}
	return ds
}

// TestLiteralLinkSyntax checks that link-syntax reports a page exactly when
// kramdown leaves link syntax as literal text in it.
func TestLiteralLinkSyntax(t *testing.T) {
	requireKramdown(t)
	paths := pages(t)
	parser := page.NewParser()
	var docs [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, parser.Parse(p, data).Masked)
	}
	out := render(t, docs, nil)
	for i, p := range paths {
		// A link that a table's cell separator cuts is left as text too; the
		// pipe is the defect, and the table rules report it (one finding).
		ws, err := workspace.Open(workspace.Options{Paths: []string{p},
			RuleSeverities: map[string]string{"link-syntax": "error", "table-columns": "error", "table-header": "error"}})
		if err != nil {
			t.Fatal(err)
		}
		reported, table := false, false
		for _, f := range ws.Run().Findings {
			reported = reported || (f.Rule == "link-syntax" && f.Severity == lint.Error)
			table = table || strings.HasPrefix(f.Rule, "table-")
		}
		literal := readHTML(t, out[i]).literals
		if literal && !reported && table {
			reported = true // the table rules own it
		}
		if literal != reported {
			t.Errorf("%s: kramdown leaves link syntax as text: %v; link-syntax reports: %v", p, literal, reported)
		}
	}
}

// multisetDiff returns what each sorted list has more of than the other.
func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			onlyA = append(onlyA, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			onlyB = append(onlyB, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return onlyA, onlyB
}

// resolveSpan is the masked text of span s with `{{ site.KEY }}` replaced
// by its value, as in jekyllInput.
func resolveSpan(pg *page.Page, s source.Span, vars map[string]string) string {
	var b strings.Builder
	at := s.Start
	for _, t := range pg.Liquid.Tokens {
		args := string(t.Args(pg.File.Text))
		if t.Span.Start < at || t.Span.End > s.End || t.Kind != liquid.Output || !strings.HasPrefix(args, "site.") {
			continue
		}
		if v, ok := vars[strings.TrimPrefix(args, "site.")]; ok {
			b.Write(pg.Masked[at:t.Span.Start])
			b.WriteString(v)
			at = t.Span.End
		}
	}
	b.Write(pg.Masked[at:s.End])
	return b.String()
}
