package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// includeMissing reports {% include name %} with no _includes/name.
func includeMissing() *lint.Rule {
	return &lint.Rule{
		Name:     "include-missing",
		Doc:      doc("include-missing"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			for _, inc := range p.Page.Includes {
				if strings.ContainsAny(inc.Name, "{}") || p.Config.Includes[inc.Name] || p.Config.Unknown("_includes/"+inc.Name) {
					continue
				}
				p.Reportf(inc.NameSpan, "{%% include %s %%}: there is no _includes/%s, so Jekyll stops the build; fix the name or add the file", inc.Name, inc.Name)
			}
		},
	}
}
