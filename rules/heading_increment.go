package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// HeadingIncrementOptions are heading-increment's options.
type HeadingIncrementOptions struct {
	// BodyH1 says whether a level-1 heading in the body of a page with a
	// title is a second h1: "report" where the page's layout renders the
	// title as the h1 (the default: read from _layouts), "always" for every
	// page with a title, "allow" never.
	BodyH1 string `yaml:"body_h1" enum:"report,always,allow"`
}

// headingIncrement reports headings that skip a level, and a second h1 on
// pages whose layout renders the title as the h1.
func headingIncrement() *lint.Rule {
	return &lint.Rule{
		Name:     "heading-increment",
		Doc:      doc("heading-increment"),
		Severity: lint.Error,
		Options:  func() any { return &HeadingIncrementOptions{BodyH1: "report"} },
		Run: func(p *lint.Pass) {
			if !p.Published {
				return // Jekyll writes no page: its headings sit in no layout, and no reader meets them
			}
			opts := p.Options.(*HeadingIncrementOptions)
			type heading struct {
				level int
				span  source.Span
				html  bool
			}
			hs := make([]heading, 0, len(p.Page.Headings)+len(p.Page.HTMLHeadings)+len(p.Page.Includes))
			for _, h := range p.Page.Headings {
				if !captured(p, h.Span.Start) {
					hs = append(hs, heading{h.Level, h.Span, false})
				}
			}
			for _, h := range p.Page.HTMLHeadings {
				if !captured(p, h.Span.Start) && !p.Page.LiquidIn(h.Span) {
					hs = append(hs, heading{h.Level, h.Span, true})
				}
			}
			for _, inc := range p.Page.Includes {
				hs = append(hs, heading{0, inc.Tag, false}) // may print headings of any level
			}
			slices.SortFunc(hs, func(a, b heading) int { return a.span.Start - b.span.Start }) // no two start at one offset
			// the layout renders a page's title as its h1: the body starts below it
			title := hasTitle(p) && (opts.BodyH1 == "always" || opts.BodyH1 == "report" && p.Config.TitleLayouts[pageLayout(p)])
			prev := 0
			if title {
				prev = 1
			}
			for i, h := range hs {
				switch {
				case h.level == 0:
					// an include: the headings it prints cannot be known, so
					// the next heading's level is not checked against the last
				case h.level == 1 && title:
					if opts.BodyH1 != "allow" {
						p.Reportf(h.span, "%s is a second h1: the layout already renders the page's title as the h1; use %s", name(h.level, h.html), name(2, h.html))
					}
				case prev > 0 && h.level > prev+1:
					p.Reportf(h.span, "%s after %s skips a level: screen reader users move through a page by its heading levels; use %s", name(h.level, h.html), levelName(prev, i == 0 && title), name(prev+1, h.html))
				}
				prev = h.level
			}
		},
	}
}

// pageLayout is the page's layout: its front matter's, or its defaults'.
func pageLayout(p *lint.Pass) string {
	if v, ok := scalar(p.Page.FrontMatter, "layout"); ok {
		return v.Value
	}
	l, _ := p.Defaults["layout"].(string)
	return l
}

// hasTitle reports whether the page has a title, which its layout renders.
func hasTitle(p *lint.Pass) bool {
	if v, ok := scalar(p.Page.FrontMatter, "title"); ok {
		return strings.TrimSpace(v.Value) != ""
	}
	t, ok := p.Defaults["title"].(string)
	return ok && strings.TrimSpace(t) != ""
}

// name writes a heading level as the page writes it.
func name(level int, html bool) string {
	if html {
		return fmt.Sprintf("<h%d>", level)
	}
	return strings.Repeat("#", level)
}

func levelName(level int, title bool) string {
	if title {
		return "the page's title (h1)"
	}
	return fmt.Sprintf("a level-%d heading", level)
}
