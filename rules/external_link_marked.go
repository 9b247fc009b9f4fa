package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// ExternalLinkOptions are external-link-marked's options.
type ExternalLinkOptions struct {
	// LegacyMarkers are classes also accepted as the mark (such as "external-link").
	LegacyMarkers []string `yaml:"legacy_markers"`
}

// externalLinkMarked reports links that leave the site without the class
// that tells readers so.
func externalLinkMarked() *lint.Rule {
	return &lint.Rule{
		Name:     "external-link-marked",
		Doc:      doc("external-link-marked"),
		Severity: lint.Error,
		Fixable:  true,
		Options:  func() any { return &ExternalLinkOptions{} },
		Run: func(p *lint.Pass) {
			opts := p.Options.(*ExternalLinkOptions)
			marker := p.Config.ExternalMarker
			markers := append([]string{marker}, opts.LegacyMarkers...)
			for i := range p.Page.Links {
				l := &p.Page.Links[i]
				if !isLink(l) {
					continue
				}
				d := classify(l, p.Config)
				if d.kind != destExternal || markerOf(l, markers) != "" {
					continue
				}
				msg := "link to " + d.host + " leaves the site but is not marked: add the " + marker + " class so readers know they are leaving"
				if l.HasClass("external-link") {
					msg = "link to " + d.host + " carries only the old external-link class: add " + marker + ", the class the site styles"
				}
				diag := lint.Diagnostic{Span: linkSpan(l), Message: msg}
				if fix, ok := markFix(p.Page.File.Text, l, marker); ok {
					diag.Fixes = []lint.Fix{fix}
				}
				p.Report(diag)
			}
		},
	}
}

// markFix adds the marker class to a link: a kramdown IAL after a Markdown
// link (or a class in its existing IAL), a class on an HTML <a>.
func markFix(text []byte, l *page.Link, marker string) (lint.Fix, bool) {
	if l.Inexact {
		return lint.Fix{}, false
	}
	msg := "mark the link with the " + marker + " class"
	switch l.Kind {
	case page.Markdown, page.Autolink:
		if l.IAL != nil {
			at := l.IAL.Span.End - 1 // before the closing }
			return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: at, End: at}, New: " ." + marker}}}, true
		}
		ial := `{:class="` + marker + `"}`
		if l.InFrontMatter {
			ial = `{: .` + marker + `}` // no quotes: it may sit inside a quoted YAML string
		}
		return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: l.Span.End, End: l.Span.End}, New: ial}}}, true
	case page.HTML:
		if l.HasClassAttr {
			v := l.ClassAttr
			if v.Start == 0 || v.End >= len(text) || (text[v.Start-1] != '"' && text[v.Start-1] != '\'') {
				return lint.Fix{}, false // an unquoted class value: leave it to a person
			}
			sep := " "
			if v.End == v.Start {
				sep = ""
			}
			return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: v.End, End: v.End}, New: sep + marker}}}, true
		}
		at := l.TagEnd
		prefix := " "
		if at > 0 && (text[at-1] == ' ' || text[at-1] == '\n') {
			prefix = ""
		}
		return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: at, End: at}, New: prefix + `class="` + marker + `"` + strings.Repeat(" ", boolInt(text[at] == '/'))}}}, true
	}
	return lint.Fix{}, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
