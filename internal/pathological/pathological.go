// Package pathological generates the damaged, huge and strange pages that
// must not make helplint hang or run out of memory (issue 29): long lines
// of links, Liquid that never closes, mojibake on every line, thousands of
// link reference definitions, lists nested past any real page, a
// _config.yml with tens of thousands of keys. Its tests check each at
// small sizes in the normal suite, with a check that the work grows
// linearly; its benchmark runs them at 1, 10 and 50 MB.
package pathological

import (
	"bytes"
	"fmt"
	"strings"
)

// Shape is one kind of pathological input.
type Shape struct {
	Name string
	// Config is true for a shape that is a _config.yml, not a page body.
	Config bool
	// FrontMatter is true for a shape that is a page's front matter.
	FrontMatter bool
	// Note is what the run's notes say of the page ("" when nothing: the
	// page is linted whole, with every finding listed).
	Note string
	// Cut is true when the page model does not give the body to goldmark
	// as it is (it nests deeper or holds more markup than kramdown renders,
	// or its link definitions are read apart), because goldmark's own work
	// on it would be quadratic: the benchmark has no floor for it.
	Cut bool
	// unit is the piece repeated; i is its index, for pieces that differ.
	unit func(i int) string
	// block, when set, repeats a multi-piece block instead (nested lists).
	block func() string
}

// Generate returns the shape's text of about n bytes.
func (s Shape) Generate(n int) []byte {
	var b bytes.Buffer
	b.Grow(n + 256)
	switch {
	case s.FrontMatter:
		b.WriteString("---\ntitle: Pathological\n")
	case !s.Config:
		b.WriteString("---\ntitle: Pathological\n---\n")
	}
	for i := 0; b.Len() < n; i++ {
		if s.block != nil {
			b.WriteString(s.block())
		} else {
			b.WriteString(s.unit(i))
		}
	}
	if s.FrontMatter {
		b.WriteString("---\nText.")
	}
	b.WriteByte('\n')
	return b.Bytes()
}

func repeat(s string) func(int) string { return func(int) string { return s } }

// Shapes lists every shape.
func Shapes() []Shape {
	return []Shape{
		{Name: "links-on-one-line", unit: func(i int) string { return fmt.Sprintf("[link %d](http://x.example/%d) ", i, i) },
			Note: "link-https found"},
		{Name: "words-on-one-line", unit: repeat("word ")},
		{Name: "liquid-tags-never-closed", unit: repeat("{% ")},
		{Name: "liquid-output-never-closed", unit: repeat("{{ ")},
		{Name: "liquid-tags-on-one-line", unit: repeat("{% if a %}x{% endif %} ")},
		{Name: "mojibake-on-every-line", unit: repeat("CafÃ© rÃ©sumÃ© doesnâ€™t work\n"), Note: "mojibake found"},
		{Name: "mojibake-on-one-line", unit: repeat("Ã© "), Note: "mojibake found"},
		{Name: "link-reference-definitions", unit: func(i int) string { return fmt.Sprintf("[r%d]: /page-%d/\n", i, i) }, Cut: true},
		{Name: "nested-lists", block: func() string {
			var b strings.Builder
			for d := 0; d < 150; d++ {
				b.WriteString(strings.Repeat("  ", d) + "- a\n")
			}
			return b.String() + "\n"
		}, Note: "nest 101 deep", Cut: true},
		{Name: "nested-quotes", unit: repeat(strings.Repeat(">", 200) + " a\n"), Note: "nest 200 deep", Cut: true},
		{Name: "link-openings", unit: repeat("[a]("), Note: "holds more link and emphasis markup", Cut: true},
		{Name: "brackets", unit: repeat("["), Note: "holds more link and emphasis markup", Cut: true},
		{Name: "emphasis", unit: repeat("*a **b _c __d "), Note: "holds more link and emphasis markup", Cut: true},
		{Name: "emphasis-on-every-line", unit: repeat("Some *a* **b** _c_ __d__ text.\n")},
		{Name: "code-spans", unit: repeat("`a`` "), Note: "holds more link and emphasis markup", Cut: true},
		{Name: "wide-table-rows", unit: repeat(strings.Repeat("| cell ", 100) + "|\n")},
		{Name: "headings", unit: func(i int) string { return fmt.Sprintf("## Heading %d\n\n", i%50) }},
		{Name: "html-blocks", unit: repeat("<div>\n<span>[a](/b/)</span>\n"), Note: "link-syntax found"},
		{Name: "kramdown-attributes", unit: repeat("{: .class #id}\n")},
		{Name: "headings-with-ids", unit: func(i int) string { return fmt.Sprintf("## Heading %d\n{: #h-%d}\n\n", i, i) }},
		{Name: "ids-between-code-blocks", unit: func(i int) string { return fmt.Sprintf("    code %d\n\n{: #c-%d}\n\n", i, i) }},
		{Name: "config-keys", Config: true, unit: func(i int) string { return fmt.Sprintf("key_%d: value\n", i) }},
		{Name: "front-matter-keys", FrontMatter: true, unit: func(i int) string { return fmt.Sprintf("key_%d: value\n", i) }},
		{Name: "front-matter-blank-lines", FrontMatter: true, unit: repeat("\n\n\n\n\n\n\n\n")},
	}
}
