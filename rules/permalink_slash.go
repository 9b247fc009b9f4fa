package rules

import (
	"path"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// PermalinkSlashOptions are permalink-slash's options.
type PermalinkSlashOptions struct {
	// TrailingSlash is "auto" (the default: where nine in ten of the other
	// pages' URLs end with /), "always" or "off".
	TrailingSlash string `yaml:"trailing_slash" enum:"auto,always,off"`
}

// permalinkSlash reports a permalink without the trailing slash that every
// other URL of the site has: the page is published as a file without an
// extension, which servers send with the wrong type or not at all.
func permalinkSlash() *lint.Rule {
	return &lint.Rule{
		Name:      "permalink-slash",
		Doc:       doc("permalink-slash"),
		Severity:  lint.Error,
		Fixable:   true,
		Options:   func() any { return &PermalinkSlashOptions{TrailingSlash: "auto"} },
		IndexKeys: []string{"permalink"},
		RunSite: func(p *lint.SitePass) {
			opts := p.Options.(*PermalinkSlashOptions)
			if opts.TrailingSlash == "off" {
				return
			}
			shown := builtinShown(p)
			for _, f := range p.Index.Targets {
				pl, ok := factScalar(f, "permalink")
				if !ok || !f.Written || strings.HasSuffix(pl.Value, "/") || path.Ext(pl.Value) != "" || strings.Contains(pl.Value, ":") {
					continue
				}
				if pl.Value == "/404" || pl.Value == "404" {
					continue // written as 404.html, the page hosts serve for a missing URL: a slash would move it
				}
				if opts.TrailingSlash != "always" && !trailingSlashSite(p.Index, f, true) || schemaOwns(p, shown, f, "permalink") {
					continue // a schema that describes permalink owns its shape
				}
				d := lint.Diagnostic{Span: pl.Span(),
					Message: "permalink " + pl.Value + " has no trailing slash, unlike the site's other URLs: Jekyll writes it as a file without an extension; add the slash"}
				if pl.raw.Placed && pl.raw.Plain {
					sp := pl.Span()
					if sp.End > sp.Start && pl.raw.Verbatim {
						d.Fixes = []lint.Fix{{Message: "add the trailing slash", Edits: []lint.Edit{{Span: source.Span{Start: sp.End, End: sp.End}, New: "/"}}}}
					}
				}
				p.Report(f, d)
			}
		},
	}
}
