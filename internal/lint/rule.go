// Package lint is helplint's engine: rules as stateless values, the passes
// that hand them a parsed page or the site index, diagnostics with byte
// spans and fixes, and the parallel runner that produces sorted findings.
package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

// Severity is how much a finding matters.
type Severity int

const (
	// Off disables a rule.
	Off Severity = iota
	// Warning findings do not fail a run (unless --max-warnings is exceeded).
	Warning
	// Error findings make helplint exit 1.
	Error
)

// String returns the name used in config files and output.
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads "off", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "off":
		return Off, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, warning or error)", s)
}

// Rule is one check. A Rule is a value with no state: everything it needs
// arrives in the pass, and options are decoded once before linting starts.
type Rule struct {
	// Name is the stable kebab-case id users write in configs and suppressions.
	Name string
	// Doc is Markdown; its first line is "# title".
	Doc string
	// Severity is the default severity.
	Severity Severity
	// Fixable is true when the rule offers safe fixes.
	Fixable bool
	// Options returns a pointer to the rule's options with their defaults,
	// or nil for a rule without options. The options are a struct whose
	// fields' yaml tags name them; an enum tag ("a,b,c") lists the values a
	// string option takes. The configuration's schema and its strict
	// decoding are derived from these (internal/config).
	Options func() any
	// Run checks one page. Nil for rules that only look across the site.
	Run func(*Pass)
	// RunSite checks the whole site after every page was parsed. Nil for page rules.
	RunSite func(*SitePass)
	// IndexKeys are the top-level front matter keys RunSite reads from the
	// pages that are not linted. The index cache keeps only these keys of
	// such pages (see IndexKeys), so a key missing here reads as absent.
	IndexKeys []string
	// Engine is true for the rules the engine itself reports (suppression
	// comments that suppress nothing or name no rule); they have no Run.
	Engine bool
	// Contribute, when set, computes the rule's own data of a page, which
	// the site index keeps (and its cache with it) for RunSite to read with
	// Facts.Data: what a cross-file rule needs of every page, the pages that
	// are not linted included, in the rule's own encoding. Empty keeps nothing.
	// It reads the pass only (Options are the rule's), and runs on every
	// page parsed in full and on each index page ContributesTo wants.
	Contribute func(*Pass) []byte
	// ContributesTo reports whether Contribute has data for the page at
	// info when it is not linted: such a page is then parsed in full for
	// it, the others with the cheap index parse. Nil means every page.
	ContributesTo func(info site.Info, s *site.Site) bool
	// SharesData names another rule whose contribution this rule's RunSite
	// reads, and whose Contribute this rule's is: when that rule is off,
	// this one contributes in its stead, under that rule's name, so that
	// turning one rule off does not silence the other.
	SharesData string
}

// RuleData is one rule's contribution to the index for a page.
type RuleData struct {
	Rule string
	Data []byte
}

// IndexKeys returns the front matter keys the index keeps of pages that
// are not linted: those the rules' RunSite read, and those that give
// every page its URL (site.URLKeys). It covers every rule, enabled or not,
// so that one index cache serves every configuration.
func IndexKeys(rules []*Rule) []string {
	keys := append(append([]string(nil), site.URLKeys...), LocaleKeys...)
	for _, r := range rules {
		for _, k := range r.IndexKeys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// Title is the first line of the doc without its "# ".
func (r *Rule) Title() string {
	line, _, _ := strings.Cut(r.Doc, "\n")
	return strings.TrimSpace(strings.TrimLeft(line, "#"))
}

// Edit replaces the bytes of Span with New. An insertion has an empty span.
type Edit struct {
	Span source.Span
	New  string
}

// Fix is a set of edits that together repair one finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// Diagnostic is what a rule reports.
type Diagnostic struct {
	Span    source.Span
	Message string
	// Fixes are alternative repairs; --fix applies the first.
	Fixes []Fix
	// Warning makes the finding a warning even when the rule is set to
	// error: for the lesser cases a rule reports (never the other way).
	Warning bool
	// Related are the other places the defect involves (the other pages of
	// a shared title, the entry a duplicate repeats), as go/analysis's
	// Diagnostic.Related: the message names at most a few of them.
	Related []Related
}

// Related is another place a diagnostic involves. Make one with
// Facts.RelatedSpan, Facts.RelatedValue or Facts.RelatedPage.
type Related struct {
	// Page is the page it is on; nil for the diagnostic's own page.
	Page *Facts
	// Span is the place on a page whose text is at hand (the diagnostic's
	// own page, or a page parsed in full).
	Span source.Span
	// Line, Column and EndColumn place it on a page that is not linted,
	// whose text the index does not keep (0: the start of the file).
	Line, Column, EndColumn int
	// Message says what is there ("also titled so").
	Message string
}

// Settings are a rule's effective settings after configuration.
type Settings struct {
	Rule    *Rule
	Options any
	// Severity returns the severity for the page at rel (site-relative, slashes);
	// overrides make it vary by path.
	Severity func(rel string) Severity
}

// Pass hands one page to one rule.
type Pass struct {
	Page    *page.Page
	Info    site.Info
	Site    *site.Site
	Config  *Env
	Options any
	// RedirectStub is true for a page that only redirects (see Facts.RedirectStub).
	RedirectStub bool
	// Published is false for a page Jekyll leaves out of the site (see Facts.Published).
	Published bool
	// Defaults are the site's `defaults` values for the page (read only),
	// computed once with its URL.
	Defaults map[string]any
	// Target is true on a page findings are reported on (false when
	// Contribute indexes a page that is not linted).
	Target bool
	report func(Diagnostic)
	count  func(int)
}

// Report records a diagnostic.
func (p *Pass) Report(d Diagnostic) { p.report(d) }

// Count records n more problems the rule found and did not report: the
// page model kept only the first of them (page.MaxChars), and the note on
// findings left out says how many there were.
func (p *Pass) Count(n int) {
	if p.count != nil {
		p.count(n)
	}
}

// Reportf records a diagnostic without a fix.
func (p *Pass) Reportf(span source.Span, format string, args ...any) {
	p.report(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}

// SitePass hands the site index to a cross-file rule.
type SitePass struct {
	Index   *Index
	Site    *site.Site
	Config  *Env
	Options any
	report  func(*Facts, Diagnostic)
	workers int
}

// Each calls fn(i) for every i below n on the runner's workers (-j), and
// returns when all are done: for a site rule whose work per page is
// independent. fn must not call Report; keep its results by i.
func (p *SitePass) Each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(min(p.workers, n), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Report records a diagnostic on the page f. Findings on pages that were not
// named on the command line are dropped.
func (p *SitePass) Report(f *Facts, d Diagnostic) { p.report(f, d) }

// Reportf records a diagnostic without a fix on the page f.
func (p *SitePass) Reportf(f *Facts, span source.Span, format string, args ...any) {
	p.report(f, Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}

// Env is the run-wide configuration that rules may read.
type Env struct {
	// InternalHosts are the domains of the site's organisation: the
	// registrable domains of its own hosts and internal_hosts; their
	// subdomains count too.
	InternalHosts []string
	// ExternalMarker is the class that marks external links as configured:
	// "" when the site's pages are to show it, "none" for no marker.
	ExternalMarker string
	// HostSources say where each of the site's own hosts was found.
	HostSources []HostSource
	// OldURLsFile is the file of retired URLs read, "" for none.
	OldURLsFile string
	// Schemas holds the compiled front-matter schemas; For picks a page's.
	Schemas *schema.Set
	// SchemasBuiltin is true when Schemas are the built-in ones that no
	// configuration chose: they hold a collection to a shape only where its
	// pages show it (see front-matter-schema).
	SchemasBuiltin bool
	// OldURLs lists retired URL paths that links must not use.
	OldURLs map[string]bool
	// Files lists the site's files (slash paths relative to the site root), for link targets.
	Files map[string]bool
	// Dirs lists the site's folders (slash paths), to tell a missing file
	// from a folder the build fills in (assets copied from packages).
	Dirs map[string]bool
	// Includes lists the files under _includes (paths relative to it).
	Includes map[string]bool
	// SiteHosts are the hosts the site itself is served from, each with
	// its www. twin.
	SiteHosts map[string]bool
	// Unread are the site's folders (slash paths) that could not be read:
	// what they hold is unknown (see Unknown).
	Unread []string
	// TitleLayouts are the layouts that render a page's title as its <h1>
	// (site.TitleLayouts); a layout not listed may or may not.
	TitleLayouts map[string]bool
}

// HostSource is one of the site's own hosts and where it was found
// ("url in _config.yml", "CNAME", "internal_hosts in .helplint.yaml").
type HostSource struct {
	Host, From string
}

// Unknown reports whether the site path rel lies in a folder that could
// not be read: a rule cannot know whether it exists, and says nothing.
func (e *Env) Unknown(rel string) bool {
	for _, d := range e.Unread {
		if d == "" || rel == d || strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}
