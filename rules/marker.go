package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"golang.org/x/net/publicsuffix"
)

// The external-link convention: some sites mark each link that leaves them
// with a class (Login.gov's usa-link--external), which styles it with an
// icon and tells screen-reader users they are leaving. Which class, if
// any, is the site's own habit, not Jekyll's: the configuration names it
// (external_marker), or the site's pages show it. external-link-marked and
// internal-link-marked both read it from here.

// markerName matches class names that say a link leaves the site
// (usa-link--external, external-link, ext-link, link-offsite, outbound):
// a class such as no-underline that a site's external links happen to
// share is styling, not a mark.
var markerName = regexp.MustCompile(`(?i)(^|[-_:])(ext|external|extern|outbound|offsite|off-site|exit)([-_]|$)|external`)

// Thresholds of the evidence that makes a class the site's marker: carried
// by at least minMarked external links and by at least minShare of them
// (Login.gov's help site marks about one in five), and at most maxInternal
// of the links that carry it go to the site itself. Another class named
// like a marker that more external links than internal ones carry marks
// links too.
const (
	minMarked   = 3
	minShare    = 0.05
	maxInternal = 0.10
)

// contributeLinkClasses keeps the classes of a page's links by host, for
// the site-wide detection of the marker (see detectMarker): for each
// distinct destination host ("" for the site's own root-relative links,
// anchors and {% link %} tags) and set of classes (space-separated, as the
// link lists them), how many links, a line "n<TAB>host<TAB>classes" each.
func contributeLinkClasses(p *lint.Pass) []byte {
	count := map[[2]string]int{}
	var order [][2]string
	for i := range p.Page.Links {
		l := &p.Page.Links[i]
		if !isLink(l) {
			continue
		}
		d := classify(l, p.Config)
		if d.kind == destOther {
			continue
		}
		k := [2]string{d.host, strings.Join(l.Classes, " ")}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	var b []byte
	for _, k := range order {
		b = strconv.AppendInt(b, int64(count[k]), 10)
		b = append(append(append(append(append(b, '\t'), k[0]...), '\t'), k[1]...), '\n')
	}
	return b
}

// readLinkEvidence decodes contributeLinkClasses' data: each line's count,
// and its host and classes as written.
func readLinkEvidence(data []byte, yield func(n int, hostClasses []byte)) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		a := bytes.IndexByte(line, '\t')
		if a < 0 {
			continue
		}
		if bytes.IndexByte(line[a+1:], '\t') < 0 {
			continue
		}
		n, err := strconv.Atoi(string(line[:a]))
		if err != nil {
			continue
		}
		yield(n, line[a+1:])
	}
}

// marker is a site's external-link convention.
type marker struct {
	// class is the marker, "" when the site has none.
	class string
	// also are other classes that say a link is external: classes the
	// site uses the same way, less often (an older class).
	also []string
	// accepted are classes the configuration accepts as the mark (the
	// rules' legacy_markers option).
	accepted []string
	// detected is true when the pages showed the class (not the configuration);
	// carried of external links carry it.
	detected          bool
	carried, external int
	// ownHosts are domains the site links to often and never marks, while it
	// marks nearly every other external link: hosts of its own
	// organisation that no configuration names (Login.gov's developer
	// docs and its identitysandbox.gov).
	ownHosts map[string]bool
}

// marks lists the classes that count as the mark on an external link.
func (m marker) marks() []string { return append([]string{m.class}, m.accepted...) }

// all lists every class that says a link is external.
func (m marker) all() []string { return append(m.marks(), m.also...) }

// evidence says where the marker comes from, for messages: "the class
// this site marks external links with (73 of its 412 external links carry it)".
func (m marker) evidence() string {
	if !m.detected {
		return "the class external_marker names in the configuration"
	}
	return fmt.Sprintf("the class this site marks external links with (%d of its %d external links carry it)", m.carried, m.external)
}

// classCount is how many external and internal links carry a class.
type classCount struct{ ext, in int }

// detectMarker decides the site's marker: the configured one, none when
// the configuration says "none", else the class its pages show (see
// markerName and the thresholds). legacy are classes the rule's options
// accept besides.
func detectMarker(ix *lint.Index, env *lint.Env, legacy []string) marker {
	// two rules ask, with their own legacy classes
	return ix.Memo("marker\x00"+strings.Join(legacy, " "), func() any { return findMarker(ix, env, legacy) }).(marker)
}

// findMarker is detectMarker, computed.
func findMarker(ix *lint.Index, env *lint.Env, legacy []string) marker {
	if env.ExternalMarker == "none" {
		return marker{}
	}
	counts, hosts, external := classCounts(ix, env)
	names := markerNames(counts)
	if c := env.ExternalMarker; c != "" {
		also := slices.DeleteFunc(names, func(n string) bool { return n == c })
		m := marker{class: c, also: also, accepted: legacy, carried: counts[c].ext, external: external}
		if evident(counts[c], external) {
			// the pages show the class the configuration names (as helplint
			// init writes it): the evidence is theirs, and so are the
			// domains they never mark
			m.detected, m.ownHosts = true, neverMarked(hosts, c, m.carried, external)
		}
		return m
	}
	for i, c := range names {
		n := counts[c]
		if evident(n, external) {
			also := slices.Delete(slices.Clone(names), i, i+1)
			return marker{class: c, also: also, accepted: legacy, detected: true, carried: n.ext, external: external,
				ownHosts: neverMarked(hosts, c, n.ext, external)}
		}
	}
	return marker{}
}

// evident reports whether a class's links show it is the site's marker:
// at least minMarked external links and minShare of them carry it, more
// than internal ones, and at most maxInternal of its links are internal.
func evident(n classCount, external int) bool {
	return n.ext >= minMarked && n.ext > n.in && float64(n.ext) >= minShare*float64(external) &&
		float64(n.in) <= maxInternal*float64(n.ext+n.in)
}

// Evidence that a host is the site's own though no configuration says so:
// at least minOwnLinks links to it, none marked, while the site marks at
// least minMarkedOthers of its other external links.
const (
	minOwnLinks     = 5
	minMarkedOthers = 2.0 / 3
)

// domainOf is a host's registrable domain (idp.int.identitysandbox.gov:
// identitysandbox.gov), or the host when it has none.
func domainOf(host string) string {
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// neverMarked are the domains the site treats as its own (see ownHosts):
// hosts maps each external domain to its links and how many carry each class.
func neverMarked(hosts map[string]map[string]int, class string, carried, external int) map[string]bool {
	out := map[string]bool{}
	for h, n := range hosts {
		links := n[""]
		if links < minOwnLinks || n[class] > 0 || external == links {
			continue
		}
		if float64(carried) >= minMarkedOthers*float64(external-links) {
			out[h] = true
		}
	}
	return out
}

// markerNames are the classes named like a marker that more external links
// carry than internal ones, at least minMarked, the most used first.
func markerNames(counts map[string]classCount) []string {
	// the marker: the most used class that passes every test; others named
	// like a marker and carried mostly by external links mark them too (an
	// older class the site still has on some pages)
	var names []string
	for c, n := range counts {
		if markerName.MatchString(c) && n.ext >= minMarked && n.ext > n.in {
			names = append(names, c)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if a, b := counts[names[i]].ext, counts[names[j]].ext; a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	return names
}

// classCounts counts, over every page of the site, the external links and
// the links that carry each class, external or internal; and by external
// host, its links (under "") and how many carry each class.
func classCounts(ix *lint.Index, env *lint.Env) (map[string]classCount, map[string]map[string]int, int) {
	// the pages' evidence added up by host and classes first: a site has
	// few of each, and a pre-commit run reads every page's
	total := map[string]int{} // by "host<TAB>classes"
	for _, f := range ix.Pages {
		readLinkEvidence(f.Data("external-link-marked"), func(n int, hostClasses []byte) {
			total[string(hostClasses)] += n
		})
	}
	counts := map[string]classCount{}
	hosts := map[string]map[string]int{}
	external := 0
	for hc, n := range total {
		host, classes, _ := strings.Cut(hc, "\t")
		ext := host != "" && !isInternalHost(host, env.InternalHosts) && !env.SiteHosts[host]
		if ext {
			external += n
			d := domainOf(host)
			h := hosts[d]
			if h == nil {
				h = map[string]int{}
				hosts[d] = h
			}
			h[""] += n
			for _, c := range strings.Fields(classes) {
				h[c] += n
			}
		}
		for _, c := range strings.Fields(classes) {
			cc := counts[c]
			if ext {
				cc.ext += n
			} else {
				cc.in += n
			}
			counts[c] = cc
		}
	}
	return counts, hosts, external
}

// checkMarkedLinks runs check, one of the two marker rules' tests, on every
// link of the pages linted, where the site has a marker: a site that marks
// no external link has no convention to keep, and no link marked wrongly.
func checkMarkedLinks(p *lint.SitePass, check func(*page.Link, *lint.Env, marker) (lint.Diagnostic, bool)) {
	opts := p.Options.(*ExternalLinkOptions)
	m := detectMarker(p.Index, p.Config, opts.LegacyMarkers)
	if m.class == "" {
		return
	}
	for _, f := range p.Index.Targets {
		for i := range f.Links {
			if d, ok := check(&f.Links[i], p.Config, m); ok {
				p.Report(f, d)
			}
		}
	}
}

// tagByte is the byte at off, an offset in the file, in an HTML link's
// start tag; 0 outside it.
func tagByte(l *page.Link, off int) byte {
	if i := off - l.Span.Start; i >= 0 && i < len(l.Tag) {
		return l.Tag[i]
	}
	return 0
}

// tagText is the text between from and to, offsets in the file, in an HTML
// link's start tag; "" when the tag does not hold them.
func tagText(l *page.Link, from, to int) string {
	if i, j := from-l.Span.Start, to-l.Span.Start; i >= 0 && i <= j && j <= len(l.Tag) {
		return l.Tag[i:j]
	}
	return ""
}
