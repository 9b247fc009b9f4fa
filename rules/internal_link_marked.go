package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// internalLinkMarked reports links that stay on the site (or go to another
// host of the organisation) but carry the external-link class.
func internalLinkMarked() *lint.Rule {
	return &lint.Rule{
		Name:     "internal-link-marked",
		Doc:      doc("internal-link-marked"),
		Severity: lint.Error,
		Fixable:  true,
		Options:  func() any { return &ExternalLinkOptions{} },
		// the marker is detected from external-link-marked's data, which
		// this rule keeps itself when that rule is off
		Contribute: contributeLinkClasses,
		SharesData: "external-link-marked",
		RunSite:    func(p *lint.SitePass) { checkMarkedLinks(p, markedInternal) },
	}
}

// markedInternal reports a link within the site (or to another host of the
// organisation) that carries a class marking it external.
func markedInternal(l *page.Link, env *lint.Env, m marker) (lint.Diagnostic, bool) {
	if !isLink(l) || len(l.Classes) == 0 { // no class, no marker: most links
		return lint.Diagnostic{}, false
	}
	marker := markerOf(l, m.all())
	if marker == "" {
		return lint.Diagnostic{}, false
	}
	d := classify(l, env)
	if d.kind != destInternal && d.kind != destLinkTag && d.kind != destFragment {
		return lint.Diagnostic{}, false
	}
	msg := "link to a page of this site is marked with " + marker + ", which tells readers they are leaving: remove the class"
	if d.host != "" && !d.sameSite {
		msg = "link to " + d.host + " goes to another of the organisation's own sites, not an external one, but is marked with " + marker + ": remove the class"
	}
	diag := lint.Diagnostic{Span: linkSpan(l), Message: msg}
	if fix, ok := unmarkFix(l, marker); ok {
		diag.Fixes = []lint.Fix{fix}
	}
	return diag, true
}

// unmarkFix removes the marker: the whole IAL or class attribute when the
// marker is all it holds, else the marker from the class list.
func unmarkFix(l *page.Link, marker string) (lint.Fix, bool) {
	if l.Inexact {
		return lint.Fix{}, false
	}
	msg := "remove the " + marker + " class"
	switch l.Kind {
	case page.Markdown, page.Autolink:
		if l.IAL == nil {
			return lint.Fix{}, false
		}
		ial := l.IAL.Text
		for _, whole := range []string{`{:class="` + marker + `"}`, `{: class="` + marker + `"}`, `{:.` + marker + `}`, `{: .` + marker + `}`} {
			if ial == whole {
				return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: l.IAL.Span}}}, true
			}
		}
		return lint.Fix{}, false
	case page.HTML:
		v := l.ClassAttr
		value := tagText(l, v.Start, v.End)
		if strings.TrimSpace(value) == marker {
			// remove ` class="…"` whole: from the space before the name to the closing quote
			start := v.Start - len(`class="`)
			if tagText(l, start, v.Start) == `class="` && tagByte(l, v.End) == '"' {
				for c := tagByte(l, start-1); c == ' ' || c == '\t'; c = tagByte(l, start-1) {
					start--
				}
				return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: start, End: v.End + 1}}}}, true
			}
			return lint.Fix{}, false
		}
		i := strings.Index(" "+value+" ", " "+marker+" ")
		if i < 0 {
			return lint.Fix{}, false
		}
		// i indexes the padded string: the marker starts at i in value, preceded by a space unless first
		start, end := v.Start+i, v.Start+i+len(marker)
		if i > 0 {
			start--
		} else if end < v.End && tagByte(l, end) == ' ' {
			end++
		}
		return lint.Fix{Message: msg, Edits: []lint.Edit{{Span: source.Span{Start: start, End: end}}}}, true
	}
	return lint.Fix{}, false
}
