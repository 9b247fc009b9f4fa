package rules

import (
	"github.com/helplint/helplint/internal/lint"
)

// frontMatterSyntax reports front matter that Jekyll cannot read: YAML that
// does not parse, a block that never closes, or YAML that is not a mapping.
func frontMatterSyntax() *lint.Rule {
	return &lint.Rule{
		Name:     "front-matter-syntax",
		Doc:      doc("front-matter-syntax"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			if e := p.Page.FrontMatter.Err; e != nil {
				p.Reportf(e.Span, "%s", e.Message)
			}
		},
	}
}
