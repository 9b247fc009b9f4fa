package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"go.yaml.in/yaml/v3"
)

var (
	// The patterns of Ruby Psych's ScalarScanner (Jekyll's YAML parser).
	psychSexagesimal = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}(\.[0-9_]*)?$`)
	psychCommaInt    = regexp.MustCompile(`^[-+]?[1-9](?:[0-9]|,[0-9]|_[0-9])*$`)
	leadingZeroOctal = regexp.MustCompile(`^[-+]?0[0-7_]+$`)
	leadingZeroOther = regexp.MustCompile(`^[-+]?0[0-9_]*[89][0-9_]*$|^[-+]?0o[0-7]+$`)
)

// frontMatterYAML11 reports unquoted scalars that Jekyll's YAML 1.1 parser
// (Ruby's Psych) reads differently from how they look, or from how a YAML
// 1.2 tool reads them.
func frontMatterYAML11() *lint.Rule {
	return &lint.Rule{
		Name:     "front-matter-yaml11",
		Doc:      doc("front-matter-yaml11"),
		Severity: lint.Warning,
		Run: func(p *lint.Pass) {
			fm := p.Page.FrontMatter
			for n := range fm.Nodes() {
				if n.Kind == yaml.ScalarNode && n.Style == 0 {
					if msg := yaml11Reading(n); msg != "" {
						p.Reportf(fm.ValueSpan(n), "%s", msg)
					}
				}
			}
		},
	}
}

// yaml11Reading explains how Psych reads an unquoted scalar when that
// differs from what it looks like, or returns "".
func yaml11Reading(n *yaml.Node) string {
	v, tag := n.Value, n.ShortTag()
	// every case below starts with a digit, a sign, or one of y, n, o (any case)
	if v == "" || !strings.ContainsRune("0123456789+-yYnNoO", rune(v[0])) || len(v) > 40 {
		return ""
	}
	// built only for a finding: most values starting so (an order, a date) are none
	quoteIt := func() string { return fmt.Sprintf("quote it (%q) if you mean the text", v) }
	switch {
	case tag == "!!str" && (strings.EqualFold(v, "yes") || strings.EqualFold(v, "on")):
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads unquoted %s as the boolean true: %s, or write true", v, quoteIt())
	case tag == "!!str" && (strings.EqualFold(v, "no") || strings.EqualFold(v, "off")):
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads unquoted %s as the boolean false: %s, or write false", v, quoteIt())
	case tag == "!!str" && psychSexagesimal.MatchString(v):
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads unquoted %s as the base-60 number %s: %s", v, sexagesimal(v), quoteIt())
	case tag == "!!str" && strings.Contains(v, ",") && psychCommaInt.MatchString(v):
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads unquoted %s as the number %s: %s", v, strings.NewReplacer(",", "", "_", "").Replace(v), quoteIt())
	case tag == "!!int" && leadingZeroOctal.MatchString(v) && strings.Trim(v, "+-0_") != "":
		i, _ := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 8, 64)
		if d, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64); err == nil && d == i {
			return "" // 01 to 07: octal and decimal agree, and the value is what it looks like
		}
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads %s, with its leading zero, as the octal number %d: drop the leading zero, or %s", v, i, quoteIt())
	case (tag == "!!int" || tag == "!!float") && leadingZeroOther.MatchString(v):
		return fmt.Sprintf("Jekyll's YAML 1.1 parser reads unquoted %s as text, not a number: write it without the leading zero, or quote it", v)
	}
	return ""
}

// sexagesimal computes Psych's value: the parts are hours, minutes, seconds.
func sexagesimal(v string) string {
	sign := 1.0
	if strings.HasPrefix(v, "-") {
		sign = -1
	}
	v = strings.TrimLeft(v, "+-")
	frac := ""
	if i := strings.IndexByte(v, '.'); i >= 0 {
		v, frac = v[:i], v[i:]
	}
	parts := strings.Split(strings.ReplaceAll(v, "_", ""), ":")
	total := 0.0
	for j, x := range parts {
		n, _ := strconv.ParseFloat(x, 64)
		mult := 1.0
		for k := 0; k < 2-j; k++ {
			mult *= 60
		}
		total += n * mult
	}
	if frac != "" {
		f, _ := strconv.ParseFloat("0"+frac, 64)
		total += f
		return strconv.FormatFloat(sign*total, 'f', -1, 64)
	}
	return strconv.FormatFloat(sign*total, 'f', 0, 64)
}
