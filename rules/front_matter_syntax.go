package rules

import (
	"bytes"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// frontMatterSyntax reports front matter that Jekyll cannot read: YAML that
// does not parse, a block that never closes, YAML that is not a mapping,
// and front matter that lost its opening fence.
func frontMatterSyntax() *lint.Rule {
	return &lint.Rule{
		Name:     "front-matter-syntax",
		Doc:      doc("front-matter-syntax"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			fm := p.Page.FrontMatter
			if e := fm.Err; e != nil {
				p.Reportf(e.Span, "%s", e.Message)
			}
			if fm.Present {
				return
			}
			// `key: value` lines, then ---: the opening --- is missing, and
			// Jekyll copies the page as a file, keys and all
			text := p.Page.File.Text
			start := p.Page.BodyStart
			if !lint.LostOpeningFence(text[start:]) {
				return
			}
			end := bytes.IndexByte(text[start:], '\n')
			nl := "\n"
			if end > 0 && text[start+end-1] == '\r' {
				nl = "\r\n"
				end--
			}
			p.Report(lint.Diagnostic{Span: source.Span{Start: start, End: start + max(end, 0)},
				Message: "front matter without its opening ---: Jekyll copies this page as a file and shows its keys as text; add a line with --- at the top",
				Fixes:   []lint.Fix{{Message: "add the opening ---", Edits: []lint.Edit{{Span: source.Span{Start: start, End: start}, New: "---" + nl}}}}})
		},
	}
}
