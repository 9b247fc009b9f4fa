package lint

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
)

// Names of the rules the engine reports for suppression comments.
const (
	UnusedSuppression  = "unused-suppression"
	InvalidSuppression = "invalid-suppression"
)

// suppress drops the findings that suppression comments cover, and reports
// comments that suppress nothing or name no rule.
func (r *Runner) suppress(findings []Finding, facts []*Facts) []Finding {
	byPath := map[string]*Facts{}
	for _, f := range facts {
		if f.Target && len(f.Directives) > 0 {
			byPath[f.Path] = f
		}
	}
	if len(byPath) == 0 {
		return findings
	}
	enabled := map[string]func(string) Severity{}
	for _, s := range r.Rules {
		enabled[s.Rule.Name] = s.Severity
	}
	used := map[*page.Directive]bool{}
	kept := findings[:0]
	for _, fd := range findings {
		f := byPath[fd.Path]
		if f == nil || !suppressedBy(f.Directives, fd, used) {
			kept = append(kept, fd)
		}
	}
	for _, f := range byPath {
		for i := range f.Directives {
			d := &f.Directives[i]
			if d.Kind == page.Enable {
				continue
			}
			var unknown []string
			active := len(d.Rules) == 0
			for _, name := range d.Rules {
				if !r.Known[name] {
					unknown = append(unknown, name)
				} else if sev, ok := enabled[name]; ok && sev(f.Info.Rel) != Off {
					active = true
				}
			}
			switch {
			case len(unknown) > 0:
				kept = r.engineFinding(kept, f, InvalidSuppression, d, fmt.Sprintf("suppression names no rule helplint has: %s (helplint rules lists them)", strings.Join(unknown, ", ")))
			case !used[d] && active:
				kept = r.engineFinding(kept, f, UnusedSuppression, d, "suppression comment suppresses nothing here: remove it")
			}
		}
	}
	return kept
}

func (r *Runner) engineFinding(fs []Finding, f *Facts, rule string, d *page.Directive, msg string) []Finding {
	for _, s := range r.Rules {
		if s.Rule.Name == rule {
			if sev := s.Severity(f.Info.Rel); sev != Off {
				fd, _ := newFinding(Input{Path: f.Path, Abs: f.Abs}, f.File, rule, sev, Diagnostic{Span: d.Span, Message: msg}, nil, frontmatter.Fences{})
				fs = append(fs, fd)
			}
		}
	}
	return fs
}

// suppressedBy reports whether a directive covers the finding, and marks it used.
func suppressedBy(ds []page.Directive, fd Finding, used map[*page.Directive]bool) bool {
	names := func(d *page.Directive) bool {
		if len(d.Rules) == 0 {
			return true
		}
		for _, n := range d.Rules {
			if n == fd.Rule {
				return true
			}
		}
		return false
	}
	line := fd.Start.Line
	hit := false
	for i := range ds {
		d := &ds[i]
		if !names(d) {
			continue
		}
		switch d.Kind {
		case page.DisableFile:
			hit, used[d] = true, true
		case page.NextLine:
			if line == d.Line+1 {
				hit, used[d] = true, true
			}
		case page.Disable:
			if line < d.Line {
				continue // a region starts at its comment
			}
			closed := false
			for j := i + 1; j < len(ds); j++ {
				e := &ds[j]
				if e.Kind == page.Enable && e.Line >= d.Line && e.Line < line && (len(e.Rules) == 0 || names(e) || sameRules(e.Rules, d.Rules)) {
					closed = true
					break
				}
			}
			if !closed {
				hit, used[d] = true, true
			}
		}
	}
	return hit
}

func sameRules(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }
