package rules

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// destKind tells what a link points at.
type destKind int

const (
	destOther    destKind = iota // mailto:, tel:, relative paths, Liquid we cannot read
	destExternal                 // http(s) to a host that is not the site's
	destInternal                 // the site itself: root-relative, {{ site.url }}, an internal host
	destFragment                 // #anchor on the same page
	destLinkTag                  // {% link path %}
)

// dest is a link destination, classified.
type dest struct {
	kind destKind
	host string
	// sameSite is true when the link points at a host the site itself is
	// served from (not merely another host of the organisation), or is root-relative.
	sameSite bool
	path     string // for internal links: the URL path, decoded
	fragment string
	linkTag  string // the path of a {% link %} tag
}

var (
	siteURLPrefix = regexp.MustCompile(`^\{\{-?\s*site\.(url|baseurl)\s*-?\}\}`)
	linkTag       = regexp.MustCompile(`^\{%-?\s*link\s+(\S+)\s*-?%\}(#.*)?$`)
)

// classify reads a link's destination.
func classify(l *page.Link, env *lint.Env) dest {
	d := strings.TrimSpace(l.Dest)
	if l.DestLiquid {
		if m := linkTag.FindStringSubmatch(d); m != nil {
			return dest{kind: destLinkTag, linkTag: m[1], sameSite: true, fragment: strings.TrimPrefix(m[2], "#")}
		}
		loc := siteURLPrefix.FindStringIndex(d)
		if loc == nil || strings.ContainsAny(d[loc[1]:], "{}") {
			return dest{kind: destOther}
		}
		d = d[loc[1]:]
		if d == "" {
			d = "/"
		}
		if !strings.HasPrefix(d, "/") {
			return dest{kind: destOther}
		}
	}
	u, err := url.Parse(d)
	if err != nil {
		return dest{kind: destOther}
	}
	switch {
	case u.Scheme == "" && u.Host == "" && u.Path == "" && u.Fragment != "":
		return dest{kind: destFragment, fragment: u.Fragment}
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		return dest{kind: destInternal, sameSite: true, path: u.Path, fragment: u.Fragment}
	case (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "") && u.Host != "":
		host := strings.ToLower(u.Hostname())
		if !isInternalHost(host, env.InternalHosts) {
			return dest{kind: destExternal, host: host}
		}
		p := u.Path
		if p == "" {
			p = "/"
		}
		return dest{kind: destInternal, host: host, sameSite: env.SiteHosts[host], path: p, fragment: u.Fragment}
	}
	return dest{kind: destOther}
}

// isInternalHost reports whether host is one of hosts or a subdomain of one.
func isInternalHost(host string, hosts []string) bool {
	for _, h := range hosts {
		h = strings.ToLower(h)
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// isLink reports whether a page link is a link a reader follows (images are not).
func isLink(l *page.Link) bool { return l.Kind != page.Image }

// markerOf returns the external-link class a link carries, if any.
func markerOf(l *page.Link, markers []string) string {
	for _, m := range markers {
		if l.HasClass(m) {
			return m
		}
	}
	return ""
}

// span returns where a finding on a link goes.
func linkSpan(l *page.Link) source.Span { return l.Span }
