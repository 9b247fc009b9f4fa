package page

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/helplint/helplint/internal/source"

	"github.com/helplint/helplint/internal/slowinput"
)

// FuzzParse checks that any input parses without a panic and in time
// linear in its size (the links, lists and references of
// testdata/fuzz/FuzzParse), that the masked
// body is as long as the file with its line breaks in place, and that every
// span the page model derives lies inside the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(samplePage))
	f.Add([]byte("---\ntitle: [\n---\n"))
	f.Add([]byte("\xEF\xBB\xBF---\r\na: 1\r\n---\r\n|a|b|\r\n"))
	f.Add([]byte("[a](<b c>){:class=\"x\"} [d]: /e\n{% raw %}{{{% endraw %}{{ x }"))
	seeds, _ := filepath.Glob("../../testdata/site/content/_help/*/*.md")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	p := NewParser()
	f.Fuzz(func(t *testing.T, data []byte) {
		var pg *Page
		slowinput.Check(t, len(data), func() { pg = p.Parse("fuzz.md", data) })
		if len(pg.Masked) != len(data) {
			t.Fatalf("masked length %d, file %d", len(pg.Masked), len(data))
		}
		inline := make([]bool, len(data)) // inline Liquid runs lose their line breaks, as Jekyll's output does
		for _, tok := range pg.Liquid.Tokens {
			for i := tok.Span.Start; i < tok.Span.End && tok.Inline && i < len(data); i++ {
				inline[i] = true
			}
		}
		for i, c := range data {
			if pg.Masked[i] == '\n' && c != '\n' || c == '\n' && pg.Masked[i] != '\n' && !inline[i] {
				t.Fatalf("line break moved at %d", i)
			}
		}
		in := func(what string, s source.Span) {
			if s.Start < 0 || s.End > len(data) || s.Start > s.End {
				t.Fatalf("%s span %+v outside file of %d bytes", what, s, len(data))
			}
		}
		for _, l := range pg.Links {
			in("link", l.Span)
			in("link dest", l.DestSpan)
			in("link text", l.Text)
		}
		for _, h := range pg.Headings {
			in("heading", h.Span)
		}
		for _, a := range pg.BlockIALs {
			in("ial", a.Span)
		}
		for _, x := range pg.Includes {
			in("include", x.NameSpan)
		}
		for _, x := range pg.HTMLIDs {
			in("html id", x.Span)
		}
		for _, c := range append(append(pg.Code, pg.HTMLBlocks...), pg.CodeSpans...) {
			in("block", c)
		}
		for _, tok := range pg.Liquid.Tokens {
			in("liquid", tok.Span)
		}
		for _, img := range pg.Images {
			in("image", img.Span)
			in("alt", img.Alt)
		}
		for _, h := range pg.HTMLHeadings {
			in("html heading", h.Span)
		}
		for _, l := range pg.Links {
			in("link inner", l.Inner)
		}
		_ = pg.Shape([]string{"en", "es"}) // must not panic on any page
		if fm := pg.FrontMatter; fm.Root != nil {
			for _, n := range fm.Root.Content {
				in("yaml", fm.ValueSpan(n))
			}
		}
	})
}
