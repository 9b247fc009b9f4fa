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
		Name:       "external-link-marked",
		Doc:        doc("external-link-marked"),
		Severity:   lint.Error,
		Fixable:    true,
		Options:    func() any { return &ExternalLinkOptions{} },
		Contribute: contributeLinkClasses,
		RunSite:    func(p *lint.SitePass) { checkMarkedLinks(p, unmarkedLink) },
	}
}

// unmarkedLink reports an external link that carries none of the marker's classes.
func unmarkedLink(l *page.Link, env *lint.Env, m marker) (lint.Diagnostic, bool) {
	if !isLink(l) {
		return lint.Diagnostic{}, false
	}
	d := classify(l, env)
	if d.kind != destExternal || markerOf(l, m.marks()) != "" || m.ownHosts[domainOf(d.host)] {
		return lint.Diagnostic{}, false
	}
	msg := "link to " + d.host + " leaves the site but is not marked: add " + m.class + ", " + m.evidence()
	for _, c := range l.Classes {
		if markerName.MatchString(c) {
			msg = "link to " + d.host + " carries " + c + " but not " + m.class + ", " + m.evidence() + ": add it"
			break
		}
	}
	diag := lint.Diagnostic{Span: linkSpan(l), Message: msg}
	if fix, ok := markFix(l, m.class); ok {
		diag.Fixes = []lint.Fix{fix}
	}
	return diag, true
}

// markFix adds the marker class to a link: a kramdown IAL after a Markdown
// link (or a class in its existing IAL), a class on an HTML <a>.
func markFix(l *page.Link, marker string) (lint.Fix, bool) {
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
			// no quotes: it may sit inside a quoted YAML string; no space
			// after the colon: in a plain one, ": " would start a mapping
			ial = `{:.` + marker + `}`
		}
		return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: l.Span.End, End: l.Span.End}, New: ial}}}, true
	case page.HTML:
		if l.HasClassAttr {
			v := l.ClassAttr
			if q := tagByte(l, v.Start-1); tagByte(l, v.End) == 0 || q != '"' && q != '\'' {
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
		if c := tagByte(l, at-1); c == ' ' || c == '\n' {
			prefix = ""
		}
		return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: at, End: at}, New: prefix + `class="` + marker + `"` + strings.Repeat(" ", boolInt(tagByte(l, at) == '/'))}}}, true
	}
	return lint.Fix{}, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
