package page

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/source"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// TestSlicedRefsAsGoldmark: the sliced link reference transformer renders
// every page as goldmark's own does, at the slice boundaries too.
func TestSlicedRefsAsGoldmark(t *testing.T) {
	defs := func(n int, format string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	cases := map[string]string{
		"many defs, then uses":        defs(300, "[r%d]: /x\n") + "\n[a][r0] [b][r299] [c][r64]\n",
		"defs then text then defs":    defs(100, "[r%d]: /x\n") + "text\n" + defs(100, "[s%d]: /y\n") + "\n[a][s3] [b][r99]\n",
		"titles on the next line":     defs(150, "[r%d]: /x\n\"title\"\n") + "\n[a][r70]\n",
		"titles on the line":          defs(200, "[r%d]: /x \"t\"\n") + "\n[a][r199]\n",
		"a bad def in the middle":     defs(70, "[r%d]: /x\n") + "[bad]:\n" + defs(70, "[q%d]: /x\n") + "\n[a][q1] [b][r1]\n",
		"indented defs in a list":     "- item\n\n" + defs(200, "  [r%d]: /x\n") + "\n[a][r150]\n",
		"multi-line labels":           defs(100, "[r\n%d]: /x\n") + "\n[a][r 5]\n",
		"short":                       "[a]: /b\n\n[x][a]\n",
		"a blank line before the run": "para\n\n" + defs(130, "[r%d]: <x>\n") + "\n[a][r129]\n",
	}
	stock := goldmark.New(goldmark.WithParserOptions(parser.WithAttribute()))
	ours := markdownWith(util.Prioritized(slicedRefs{}, 100)) // its renderer knows no plainParagraph, tested on its own
	for name, src := range cases {
		var want, got bytes.Buffer
		if err := stock.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: renders differently from goldmark\ngot:  %.300s\nwant: %.300s", name, got.String(), want.String())
		}
	}
}

func TestNestingCap(t *testing.T) {
	var deep strings.Builder
	deep.WriteString("---\ntitle: x\n---\n")
	for i := 0; i < 2*MaxNesting; i++ {
		deep.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	deep.WriteString("\n[link](/after/)\n")
	cases := []struct {
		name, text string
		unread     string // "" when the whole body is read
	}{
		{"nested too deep", deep.String(), fmt.Sprintf("nest %d deep on line %d", MaxNesting+1, MaxNesting+4)},
		{"quotes too deep", strings.Repeat(">", MaxNesting+1) + " a\n", fmt.Sprintf("nest %d deep on line 1", MaxNesting+1)},
		{"markers on one line", strings.Repeat("- ", MaxNesting+1) + "a\n", "on line 1"},
		{"a rule of dashes is no list", strings.Repeat("- ", 300) + "\n", ""},
		{"deep indentation alone is code", strings.Repeat(" ", 4000) + "- a\n", ""},
		{"ordinary nesting", "- a\n  - b\n    - c\n      1. d\n> - e\n", ""},
		{"link openings in one run", "ok\n" + strings.Repeat("[a](", 300) + "\n", "line 2 holds more link and emphasis markup than helplint reads"},
		{"brackets in one run", strings.Repeat("[", 2000) + "\n", "line 1 holds more link and emphasis markup"},
		{"brackets on one line", strings.Repeat("[a] ", 70000) + "\n", "line 1 holds more link and emphasis markup"},
		{"emphasis marks on one line", strings.Repeat("*a _b ", 40000) + "\n", "line 1 holds more link and emphasis markup"},
		{"emphasis marks on many lines", strings.Repeat("*a* _b_ `c`\n", 40000), ""},
		{"brackets in a long paragraph", strings.Repeat("[a] [b] [c]\n", 30000), "holds more link and emphasis markup"},
		{"brackets in short paragraphs", strings.Repeat("[a] [b] [c]\n[d]\n\n", 30000), ""},
		{"link openings apart", strings.Repeat("[a](b) ", 3000) + "\n", ""},
		{"a long data URI", "![x](data:image/png;base64," + strings.Repeat("QUJD", 5000) + ")\n", ""},
	}
	p := NewParser()
	for _, c := range cases {
		pg := p.Parse("a.md", []byte(c.text))
		if c.unread == "" && pg.Unread != "" || c.unread != "" && !strings.Contains(pg.Unread, c.unread) {
			t.Errorf("%s: Unread = %q, want %q", c.name, pg.Unread, c.unread)
		}
	}
	// the page's bound on marks, without parsing the page
	lines := maxPageMarks / 7 // six marks and the line
	body := []byte(strings.Repeat("*a* _b_ `c`\n", lines+1))
	if at := openingsCut(body, 0); at != lines*12 {
		t.Errorf("a page past its bound of marks is cut at %d, want %d (line %d)", at, lines*12, lines+1)
	}
	if at := openingsCut(body[:lines*12], 0); at != -1 {
		t.Errorf("a page within its bound of marks is cut at %d", at)
	}
	if at := openingsCut([]byte(strings.Repeat("## Heading\n", maxPageMarks/4+1)), 0); at < 0 {
		t.Error("a page of headings past the bound is not cut")
	}
	// what lies past the cut is not read: no link is found there
	if pg := p.Parse("a.md", []byte(deep.String())); len(pg.Links) != 0 {
		t.Errorf("links past the cut: %+v", pg.Links)
	}
}

// TestLiquidInByBinarySearch: LiquidIn and InLiquid answer as a look at
// every token and block would, on a page with raw and comment blocks.
func TestLiquidInByBinarySearch(t *testing.T) {
	src := "---\nt: x\n---\na {{ x }} b {% raw %}{{ y }}{% endraw %} c {% comment %}{% if %}{% endcomment %} {% if a %}d{% endif %}{{ z"
	pg := NewParser().Parse("a.md", []byte(src))
	for s := 0; s <= len(src); s++ {
		for e := s; e <= min(len(src), s+12); e++ {
			want := false
			for _, tk := range pg.Liquid.Tokens {
				want = want || tk.Span.Start < e && s < tk.Span.End
			}
			if got := pg.LiquidIn(source.Span{Start: s, End: e}); got != want {
				t.Fatalf("LiquidIn(%d, %d) = %v, want %v", s, e, got, want)
			}
		}
		want := false
		for _, tk := range pg.Liquid.Tokens {
			want = want || tk.Span.Contains(s)
		}
		for _, b := range pg.Liquid.Blocks {
			want = want || b.Name == "comment" && s >= b.Open.Start && s < max(b.Close.End, b.Body.End)
		}
		if got := pg.InLiquid(s); got != want {
			t.Fatalf("InLiquid(%d) = %v, want %v", s, got, want)
		}
	}
}
