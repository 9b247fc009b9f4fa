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
	u, ok := splitURL(d)
	if !ok {
		return dest{kind: destOther}
	}
	switch {
	case u.scheme == "" && u.host == "" && u.path == "" && u.hasFragment:
		return dest{kind: destFragment, fragment: u.fragment}
	case u.scheme == "" && u.host == "" && strings.HasPrefix(u.path, "/"):
		return dest{kind: destInternal, sameSite: true, path: u.path, fragment: u.fragment}
	case (u.scheme == "http" || u.scheme == "https" || u.scheme == "") && u.host != "":
		host := u.host
		if placeholderHost(host) {
			return dest{kind: destOther, host: host} // no site a reader leaves for
		}
		if !isInternalHost(host, env.InternalHosts) && !env.SiteHosts[host] {
			return dest{kind: destExternal, host: host}
		}
		p := u.path
		if p == "" {
			p = "/"
		}
		return dest{kind: destInternal, host: host, sameSite: env.SiteHosts[host], path: p, fragment: u.fragment}
	}
	return dest{kind: destOther}
}

// urlParts are the pieces of a URL the link rules read.
type urlParts struct {
	scheme, host, path, fragment string
	hasFragment                  bool
}

// splitURL reads a URL reference the way net/url does for the forms links
// use (scheme://host/path?query#fragment, /path, #fragment, mailto:…),
// without its allocations; host is lower-cased without port or user, path
// and fragment are unescaped. ok is false for text that is no URL.
func splitURL(d string) (urlParts, bool) {
	var u urlParts
	rest := d
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == ':' && i > 0 {
			u.scheme, rest = strings.ToLower(rest[:i]), rest[i+1:]
			break
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			break
		}
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		f, err := url.PathUnescape(rest[i+1:])
		if err != nil {
			f = rest[i+1:]
		}
		u.fragment, u.hasFragment, rest = f, true, rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexByte(rest, '/')
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
		if c := strings.LastIndexByte(host, ':'); c >= 0 && !strings.Contains(host[c:], "]") {
			host = host[:c]
		}
		u.host, rest = strings.ToLower(host), rest[end:]
	}
	if strings.ContainsAny(rest, " \t\n") {
		return u, false
	}
	if strings.IndexByte(rest, '%') >= 0 {
		p, err := url.PathUnescape(rest)
		if err != nil {
			return u, false
		}
		rest = p
	}
	u.path = rest
	return u, true
}

// placeholderHost reports whether host stands for no real site: the
// machine itself (localhost, 127.0.0.1, ::1) or a name reserved for
// documentation and tests (RFC 2606 and 6761: example.com, example.org,
// example.net, .example, .test, .invalid, .localhost).
func placeholderHost(host string) bool {
	switch host {
	case "localhost", "127.0.0.1", "[::1]", "0.0.0.0":
		return true
	}
	for _, d := range []string{"example.com", "example.org", "example.net", "example", "test", "invalid", "localhost"} {
		if inDomain(host, d) {
			return true
		}
	}
	return strings.HasPrefix(host, "127.")
}

// inDomain reports whether host is domain or a subdomain of it, without
// building "."+domain: classify asks for every link of every page.
func inDomain(host, domain string) bool {
	n := len(host) - len(domain)
	return n == 0 && host == domain || n > 0 && host[n-1] == '.' && host[n:] == domain
}

// isInternalHost reports whether host is one of hosts or a subdomain of one.
func isInternalHost(host string, hosts []string) bool {
	for _, h := range hosts {
		if inDomain(host, strings.ToLower(h)) {
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
