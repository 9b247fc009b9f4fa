package rules

import (
	"fmt"
	"github.com/helplint/helplint/internal/lint"
	"go.yaml.in/yaml/v3"
)

// frontMatterDuplicateKey reports a key defined twice in one mapping, at any
// depth. YAML forbids it, yaml.v3's node tree keeps both, and Jekyll (Psych)
// silently keeps the last one, so an edit to the first copy has no effect.
func frontMatterDuplicateKey() *lint.Rule {
	return &lint.Rule{
		Name:     "front-matter-duplicate-key",
		Doc:      doc("front-matter-duplicate-key"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			fm := p.Page.FrontMatter
			for n := range fm.Nodes() {
				if n.Kind != yaml.MappingNode {
					continue
				}
				seen := map[string]*yaml.Node{}
				for i := 0; i+1 < len(n.Content); i += 2 {
					k := n.Content[i]
					if k.Kind != yaml.ScalarNode {
						continue
					}
					if first, ok := seen[k.Value]; ok {
						p.Report(lint.Diagnostic{Span: fm.ValueSpan(k), Related: []lint.Related{{Span: fm.ValueSpan(first), Message: "the first " + k.Value}},
							Message: fmt.Sprintf("key %s is defined twice in the same mapping (first on line %d); Jekyll keeps only this one: remove one of them",
								quote(k.Value), p.Page.File.Position(fm.Offset(first)).Line)})
					} else {
						seen[k.Value] = k
					}
				}
			}
		},
	}
}
