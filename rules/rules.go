// Package rules holds helplint's rules, one file per rule, each with its
// documentation in doc/<name>.md.
package rules

import (
	"embed"
	"sort"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

//go:embed doc/*.md
var docs embed.FS

// doc returns the embedded documentation of a rule.
func doc(name string) string {
	b, err := docs.ReadFile("doc/" + name + ".md")
	if err != nil {
		panic("rules: no doc for " + name) // caught by TestEveryRuleHasDoc
	}
	return string(b)
}

// All returns every rule, sorted by name.
func All() []*lint.Rule {
	all := []*lint.Rule{
		frontMatterSyntax(),
		frontMatterDuplicateKey(),
		frontMatterSchema(),
		frontMatterYAML11(),
		permalinkUnique(),
		redirectFrom(),
		permalinkLocale(),
		permalinkSlash(),
		orderUnique(),
		titleUnique(),
		translationMissing(),
		translationParity(),
		tableHeader(),
		tableColumns(),
		mojibakeRule(),
		invalidUTF8(),
		replacementChar(),
		invisibleChar(),
		bom(),
		externalLinkMarked(),
		internalLinkMarked(),
		linkTarget(),
		linkHTTPS(),
		linkLocale(),
		linkSyntax(),
		includeMissing(),
		liquidSyntax(),
		imageAlt(),
		headingIncrement(),
		linkText(),
		unusedSuppression(),
		invalidSuppression(),
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// ByName returns the rule called name, or nil.
func ByName(name string) *lint.Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// quote returns s in double quotes for messages, shortened if long.
func quote(s string) string {
	if len([]rune(s)) > 60 {
		s = string([]rune(s)[:57]) + "…"
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func itoa(n int) string { return strconv.Itoa(n) }
