package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/source"
)

// blockTags are Liquid's and Jekyll's tags that need a closing end tag.
var blockTags = map[string]bool{"if": true, "unless": true, "for": true, "case": true, "capture": true,
	"comment": true, "raw": true, "tablerow": true, "highlight": true}

// liquidSyntax reports Liquid that does not parse: a block tag never
// closed, a closing tag with no opener, a {% or {{ never closed.
func liquidSyntax() *lint.Rule {
	return &lint.Rule{
		Name:     "liquid-syntax",
		Doc:      doc("liquid-syntax"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			lx := p.Page.Liquid
			text := p.Page.File.Text
			for _, u := range lx.Unclosed {
				what, closer := "{%", "%}"
				if text[u.Start+1] == '{' {
					what, closer = "{{", "}}"
				}
				end := min(u.Start+2, len(text))
				p.Reportf(source.Span{Start: u.Start, End: end}, "%s is never closed with %s: Liquid stops the build; close it", what, closer)
			}
			// plugin block tags: a name whose end tag appears in the page is a block too
			ends := map[string]bool{}
			for _, t := range lx.Tokens {
				if t.Kind == liquid.Tag && strings.HasPrefix(t.Name, "end") {
					ends[t.Name[3:]] = true
				}
			}
			var stack []liquid.Token
			for _, t := range lx.Tokens {
				if t.Kind != liquid.Tag || t.Name == "" {
					continue
				}
				if base, ok := strings.CutPrefix(t.Name, "end"); ok && base != "" {
					if len(stack) > 0 && stack[len(stack)-1].Name == base {
						stack = stack[:len(stack)-1]
						continue
					}
					// an end tag for a block further down the stack closes what is above it as unclosed
					found := -1
					for i := len(stack) - 1; i >= 0; i-- {
						if stack[i].Name == base {
							found = i
							break
						}
					}
					if found < 0 {
						p.Reportf(t.Span, "{%% %s %%} closes a %s block that was never opened: remove it or add {%% %s %%} before it", t.Name, base, base)
						continue
					}
					for _, open := range stack[found+1:] {
						p.Reportf(open.Span, "{%% %s %%} is never closed: add {%% end%s %%} before {%% %s %%}", open.Name, open.Name, t.Name)
					}
					stack = stack[:found]
					continue
				}
				if blockTags[t.Name] || ends[t.Name] {
					stack = append(stack, t)
				}
			}
			for _, open := range stack {
				p.Reportf(open.Span, "{%% %s %%} is never closed: add {%% end%s %%} where the block ends", open.Name, open.Name)
			}
		},
	}
}
