package rules

import (
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// linkHTTPS reports links over plain http: an error with a fix to https
// for the site's own hosts, which serve https; a warning without one for
// other hosts, which may not.
func linkHTTPS() *lint.Rule {
	return &lint.Rule{
		Name:     "link-https",
		Doc:      doc("link-https"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			for i := range p.Page.Links {
				l := &p.Page.Links[i]
				if !isLink(l) || l.DestLiquid || len(l.Dest) < 7 || !strings.EqualFold(l.Dest[:7], "http://") {
					continue
				}
				u, ok := splitURL(l.Dest)
				if !ok || u.host == "" || loopback(u.host) {
					continue
				}
				if isInternalHost(u.host, p.Config.InternalHosts) || p.Config.SiteHosts[u.host] {
					d := lint.Diagnostic{Span: linkSpan(l),
						Message: "link to " + u.host + " over http: the site's own hosts serve https, and browsers warn about the plain link; write https://"}
					// the scheme as written in the file, when the destination is exactly there
					if !l.Inexact && l.DestSpan.End-l.DestSpan.Start == len(l.Dest) && strings.EqualFold(string(p.Page.File.Text[l.DestSpan.Start:l.DestSpan.Start+7]), "http://") {
						d.Fixes = []lint.Fix{{Message: "use https", Edits: []lint.Edit{{Span: source.Span{Start: l.DestSpan.Start, End: l.DestSpan.Start + 4}, New: "https"}}}}
					}
					p.Report(d)
					continue
				}
				p.Report(lint.Diagnostic{Span: linkSpan(l), Warning: true,
					Message: "link to " + u.host + " over http: check whether it serves https and link to that; readers' browsers warn about plain http"})
			}
		},
	}
}

// loopback reports hosts of the writer's own machine (developer docs link
// to a local server on purpose).
func loopback(host string) bool {
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasPrefix(host, "127.") || host == "[::1]" || host == "0.0.0.0"
}
