package page

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/source"
)

const samplePage = "---\r\ntitle: Sample\r\n---\r\n" +
	"## Sign in with Login.gov {#sign-in}\r\n" +
	"Read [the FAQ](/help/faq/){:class=\"usa-link--external\"} and [IRS](https://www.irs.gov/ \"IRS\").\r\n" +
	"## Step 1: Créer [un compte](/fr/x/)\r\n" +
	"## Step 1: Créer [un compte](/fr/x/)\r\n" +
	"{: .number-list}\r\n" +
	"1. See <https://example.gov/a> and ![logo](/assets/img/a.png)\r\n" +
	"\r\n" +
	"<div id=\"top\"><a class=\"usa-link usa-link--external\" href=\"https://x.gov/?a=1&amp;b=2\">x</a></div>\r\n" +
	"\r\n" +
	"[site]({{ site.url }}/help/) and [doc]({% link _help/a.md %}) `[not](a link)`\r\n" +
	"{% include alert.html content=x %}\r\n" +
	"```\r\n[code](/not-a-link/)\r\n```\r\n"

func TestParseSample(t *testing.T) {
	pg := NewParser().Parse("sample._en.md", []byte(samplePage))
	if len(pg.Masked) != len(samplePage) {
		t.Fatalf("masked length %d, want %d", len(pg.Masked), len(samplePage))
	}
	var got []string
	for _, l := range pg.Links {
		pos := pg.File.Position(l.Span.Start)
		got = append(got, fmt.Sprintf("%d:%d %s %q %q liquid=%v classes=%v", pos.Line, pos.Column, l.Kind, samplePage[l.Span.Start:l.Span.End], l.Dest, l.DestLiquid, l.Classes))
	}
	want := []string{
		`5:6 markdown "[the FAQ](/help/faq/){:class=\"usa-link--external\"}" "/help/faq/" liquid=false classes=[usa-link--external]`,
		`5:61 markdown "[IRS](https://www.irs.gov/ \"IRS\")" "https://www.irs.gov/" liquid=false classes=[]`,
		`6:18 markdown "[un compte](/fr/x/)" "/fr/x/" liquid=false classes=[]`,
		`7:18 markdown "[un compte](/fr/x/)" "/fr/x/" liquid=false classes=[]`,
		`9:8 autolink "<https://example.gov/a>" "https://example.gov/a" liquid=false classes=[]`,
		`9:36 image "![logo](/assets/img/a.png)" "/assets/img/a.png" liquid=false classes=[]`,
		`11:15 html "<a class=\"usa-link usa-link--external\" href=\"https://x.gov/?a=1&amp;b=2\">" "https://x.gov/?a=1&b=2" liquid=false classes=[usa-link usa-link--external]`,
		`13:1 markdown "[site]({{ site.url }}/help/)" "{{ site.url }}/help/" liquid=true classes=[]`,
		`13:34 markdown "[doc]({% link _help/a.md %})" "{% link _help/a.md %}" liquid=true classes=[]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var heads []string
	for _, h := range pg.Headings {
		heads = append(heads, fmt.Sprintf("%d %s %v", h.Level, h.ID, h.Explicit))
	}
	if w := "2 sign-in true|2 step-1-créer-un-compte false|2 step-1-créer-un-compte-1 false"; strings.Join(heads, "|") != w {
		t.Errorf("headings = %q, want %q", strings.Join(heads, "|"), w)
	}
	if len(pg.BlockIALs) != 1 || !pg.BlockIALs[0].HasClass("number-list") {
		t.Errorf("block IALs = %+v", pg.BlockIALs)
	}
	if len(pg.HTMLIDs) != 1 || pg.HTMLIDs[0].ID != "top" {
		t.Errorf("html ids = %+v", pg.HTMLIDs)
	}
	if len(pg.Includes) != 1 || pg.Includes[0].Name != "alert.html" {
		t.Errorf("includes = %+v", pg.Includes)
	}
	if len(pg.Code) != 1 || samplePage[pg.Code[0].Start:pg.Code[0].End] != "```\r\n[code](/not-a-link/)\r\n```" {
		t.Errorf("code = %q", samplePage[pg.Code[0].Start:pg.Code[0].End])
	}
}

func TestParseIAL(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		classes string
		id      string
	}{
		{`{:class="usa-link--external"}`, true, "usa-link--external", ""},
		{`{: .number-list}`, true, "number-list", ""},
		{`{: .a .b #c}`, true, "a b", "c"},
		{`{#id}`, true, "", "id"},
		{`{:class=“x”}`, false, "", ""},
		{`{:class="x"`, false, "", ""},
		{`{ not }`, false, "", ""},
	}
	for _, tt := range tests {
		a, ok := parseIAL([]byte(tt.in), 0)
		if ok != tt.ok || (ok && (strings.Join(a.Classes, " ") != tt.classes || a.ID != tt.id)) {
			t.Errorf("parseIAL(%q) = %+v, %v", tt.in, a, ok)
		}
	}
}

// TestReach: reach finds whether any span holds an offset, nested and
// overlapping spans included, as a look at every span does.
func TestReach(t *testing.T) {
	spans := []source.Span{{Start: 0, End: 2}, {Start: 5, End: 30}, {Start: 6, End: 8}, {Start: 10, End: 12}, {Start: 10, End: 11}, {Start: 40, End: 40}}
	r := newReach(spans)
	for off := -1; off <= 45; off++ {
		want := false
		for _, s := range spans {
			want = want || off >= s.Start && off <= s.End
		}
		if got := r.holds(off); got != want {
			t.Errorf("holds(%d) = %v, want %v", off, got, want)
		}
	}
	if newReach(nil).holds(0) {
		t.Error("no span holds anything")
	}
}

// TestBlockIALLines: a block IAL is a line that starts with `{:` after at
// most four spaces, alone on its line, outside code; helplint steps from
// one `{:` to the next to find them.
func TestBlockIALLines(t *testing.T) {
	p := NewParser()
	for _, tt := range []struct {
		body string
		want int
	}{
		{"{: .a}\n", 1},
		{"para\n{: .a}\n", 1},
		{"para\n    {: .a}\n", 1},
		{"para\n     {: .a}\n", 0}, // five spaces: code, not an IAL
		{"text {: .a}\n", 0},
		{"{: .a} {: .b}\n", 0},
		{"{: .a} x\n{: .b}\n", 1},
		{"x {: .a}\n{: .b}\n{: .c}", 2},
		{"```\n{: .a}\n```\n{: .b}\n", 1},
		{"{:ref: .a}\npara\n{: ref}\n", 1},
		{"{:", 0},
	} {
		pg := p.Parse("a.md", []byte("---\ntitle: T\n---\n"+tt.body))
		if len(pg.BlockIALs) != tt.want {
			t.Errorf("%q: %d block IALs %+v, want %d", tt.body, len(pg.BlockIALs), pg.BlockIALs, tt.want)
		}
	}
}

func TestAttrValueFoldsCase(t *testing.T) {
	for _, tt := range []struct {
		tag, want string
		found     bool
	}{
		{`<div markdown="1">`, "1", true},
		{`<div MARKDOWN="span">`, "span", true},
		{`<div class="x" Markdown = 'block'>`, "block", true},
		{`<div data-markdown="1">`, "", false},
		{`<div markdown>`, "", true},
		{`<div>`, "", false},
		{`<div class="markdown" markdown="0">`, "0", true},
	} {
		got, found := attrValue([]byte(tt.tag), "markdown")
		if got != tt.want || found != tt.found {
			t.Errorf("attrValue(%s) = %q, %v, want %q, %v", tt.tag, got, found, tt.want, tt.found)
		}
	}
	if indexFoldASCII([]byte("a-B-c"), "b-c") != 2 || indexFoldASCII([]byte("ab"), "abc") != -1 || indexFoldASCII([]byte("x_y"), "x-y") != -1 {
		t.Error("indexFoldASCII")
	}
}

// TestIndexFoldASCII compares indexFoldASCII with bytes.Index on lowered ASCII text.
func TestIndexFoldASCII(t *testing.T) {
	texts := []string{"", "<", "</P>", "text </p> and </P>", "x</h1 y</H1>", "</", "abc</div", "</di", "aaa</pA"}
	keys := []string{"</p", "</h1", "</div", "markdown", "<", "a"}
	for _, s := range texts {
		for _, k := range keys {
			if got, want := indexFoldASCII([]byte(s), k), bytes.Index(bytes.ToLower([]byte(s)), []byte(k)); got != want {
				t.Errorf("indexFoldASCII(%q, %q) = %d, want %d", s, k, got, want)
			}
		}
	}
}

// gfmSlugByLowering is gfmSlug as first written, over the lowered text.
func gfmSlugByLowering(text string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(strings.ReplaceAll(text, "\u0130", "i\u0307")) {
		switch {
		case r == ' ' || r == '\t':
			sb.WriteByte('-')
		case r == '-' || r == '_' || isWordRune(r):
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func FuzzGFMSlug(f *testing.F) {
	for _, s := range []string{"Sign in", "İstanbul Şehir", "Étape 1 : créer", "a\tb_c-d", "\xffX", "ΣΑΣ", "登录 Login.gov"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := gfmSlug(s), gfmSlugByLowering(s); got != want {
			t.Fatalf("gfmSlug(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzLastIndex checks lastIndex against bytes.LastIndex, overlapping
// separators (]]:, ::) included.
func FuzzLastIndex(f *testing.F) {
	for _, s := range [][2]string{{"[a]: /b\n[c]: /d", "]:"}, {"]]:]:", "]:"}, {"::::", "::"}, {"", "]:"}, {"abc", ""}, {"aaa", "aa"}} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, s, sep []byte) {
		if got, want := lastIndex(s, sep), bytes.LastIndex(s, sep); got != want {
			t.Fatalf("lastIndex(%q, %q) = %d, want %d", s, sep, got, want)
		}
	})
}
