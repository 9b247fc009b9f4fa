package output_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/output"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// rendered is what GitHub shows of a step summary: its headings and table
// rows as text, from goldmark's rendering with the GFM extensions.
type rendered struct {
	headings []string   // h3: the files
	rows     [][]string // the cells of every body row
	items    []string   // list items: the trouble
}

func render(t *testing.T, md string) rendered {
	t.Helper()
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var r rendered
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "h3":
				r.headings = append(r.headings, text(n))
				return
			case "li":
				r.items = append(r.items, text(n))
				return
			case "tr":
				var cells []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "td" {
						cells = append(cells, text(c))
					}
				}
				if cells != nil {
					r.rows = append(r.rows, cells)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return r
}

// text is the visible text under n; an element that is not one of the
// few the summary uses counts as lost text (GitHub would drop or render it).
func text(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "code", "td", "th", "h3", "li", "p", "strong":
			default:
				sb.WriteString("<<" + n.Data + " element>>")
			}
		case html.CommentNode:
			sb.WriteString("<<comment>>")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(sb.String())
}

// visible is how a message reads once written on one line.
func visible(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\n", " ", "\r", " ").Replace(s))
}

func TestSummaryRendersEveryMessage(t *testing.T) {
	messages := []string{
		"a table cell (<td>) outside a table",
		"remove the <byte order mark> at the start",
		"*not emphasis* and _not_ and **not** ~~struck~~",
		"&amp; &lt;b&gt; &#42; entities stay as written",
		"`code` and ``two`` and a [link](https://example.com) and ![img](x.png)",
		"a | pipe, a \\| escaped pipe and a backslash \\",
		"<!-- a comment --> <br> <script>alert(1)</script>",
		"# not a heading\n- not a list\r\n> not a quote",
		"1. not a list either {: .number-list} {{ page.title }} {% include x %}",
		"http://example.com/a_b_c and www.example.com",
		"  leading and trailing spaces  ",
	}
	var fs []lint.Finding
	for i, m := range messages {
		f := lint.Finding{Path: "content/_help/a|b`c`.md", Rule: "link|syntax", Severity: lint.Warning, Message: m}
		f.Span.Start = i
		fs = append(fs, f)
	}
	for _, r := range []*output.Report{output.NewReport(fs, 1, nil), report(t)} {
		md := output.Summary(r)
		got := render(t, md)
		if len(got.rows) != len(r.Findings) {
			t.Fatalf("%d table rows for %d findings:\n%s", len(got.rows), len(r.Findings), md)
		}
		want := map[string]int{}
		files := map[string]bool{}
		for _, f := range r.Findings {
			want[f.Rule+"\x00"+visible(f.Message)]++
			files[f.Path] = true
		}
		for _, row := range got.rows {
			if len(row) != 4 {
				t.Errorf("row of %d cells: %q", len(row), row)
				continue
			}
			k := row[0] + "\x00" + row[3]
			if want[k] == 0 {
				t.Errorf("rendered row shows %q, which is no finding's message", row[3])
			}
			want[k]--
		}
		for _, h := range got.headings {
			if !files[h] {
				t.Errorf("heading %q is no finding's file", h)
			}
		}
		if len(got.headings) != len(files) {
			t.Errorf("%d headings for %d files", len(got.headings), len(files))
		}
	}
}

// After a run that stopped (exit 2), the summary says why, not only "0 errors".
func TestSummaryTrouble(t *testing.T) {
	r := output.NewReport(nil, 0, nil)
	r.Trouble = []string{"no pages under content/: it holds no .md file <here>", ".helplint.yaml:2:3: unknown key"}
	got := render(t, output.Summary(r))
	if len(got.items) != 2 || got.items[0] != r.Trouble[0] || got.items[1] != r.Trouble[1] {
		t.Errorf("trouble shown as %q, want %q", got.items, r.Trouble)
	}
	if clean := render(t, output.Summary(output.NewReport(nil, 3, nil))); len(clean.items) != 0 {
		t.Errorf("a clean run lists trouble: %q", clean.items)
	}
}
