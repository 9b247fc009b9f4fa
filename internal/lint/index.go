package lint

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// Facts is what the site index keeps of a page once its page rules have
// run: enough for cross-file rules, without the Markdown tree.
type Facts struct {
	// Path is the path as the user named it (or as the walk found it).
	Path string
	// Abs is the absolute path.
	Abs string
	// Target is true when findings on this page are reported.
	Target bool
	Info   site.Info
	// URL is the page's URL as Jekyll computes it, "" when the page is not
	// published or its URL cannot be known (see site.Output).
	URL string
	// Published is false for a page Jekyll leaves out of the site.
	Published bool
	// Written is true when Jekyll writes the page to the site: published,
	// and in a collection with `output: true` (see site.Output).
	Written bool
	// RedirectStub is true for a page that only redirects (redirect_to, or
	// a redirect layout): it has a URL, but no content of its own.
	RedirectStub bool
	defaults     map[string]any // the site's defaults for the page
	// Parsed is set on a page parsed in full (every target), and nil on the
	// other pages of the index, which no finding lands on: they keep only
	// their IndexPage, so that the index of a large site stays small.
	*Parsed
	// Values are the top-level values of the index keys: with their nodes
	// on a page parsed in full, encoded on an index page. They sit here
	// rather than in Parsed: site rules look them up on every page, and one
	// pointer less to follow made a full run of the real site x32 faster
	// (1.29 -> 1.24 s).
	Values []KeyValue
	// Index is what a page that is not linted keeps (zero on the others,
	// whose Parsed holds more).
	Index IndexPage
	// IDsKnown is true when the page's anchors are all known: its ids were
	// computed exactly, and no include and no front matter rendered by its
	// layout can add others.
	IDsKnown bool
	// data are the rules' contributions of a page parsed in full (an index
	// page keeps them in Index).
	data []RuleData
	// sections is where an index page's anchors start in its encoding.
	sections int
}

// Data returns what the rule contributed to the index for the page
// (Rule.Contribute), or nil. The bytes are the index's: read them only.
func (f *Facts) Data(rule string) []byte {
	if f.Parsed == nil {
		return f.Index.dataAt(f.sections, rule)
	}
	for _, d := range f.data {
		if d.Rule == rule {
			return d.Data
		}
	}
	return nil
}

// Parsed is what the facts of a page parsed in full add. It holds no
// front matter tree: the values of the index keys carry their spans, and
// the fences are all a fix needs (the trees were a quarter of the live heap
// of a full run).
type Parsed struct {
	File     *source.File
	Fences   frontmatter.Fences
	Links    []page.Link
	Headings []page.Heading
	HTMLIDs  []page.HTMLID
	Includes []page.Include
	// Liquid holds the spans of Liquid tokens, which fixes must not cut into.
	Liquid []source.Span
	// Directives are the page's suppression comments.
	Directives []page.Directive
}

// NewFacts extracts the facts of a page to lint, parsed in full; Lookup
// reads the values of keys (Rule.IndexKeys), as on every other page.
func NewFacts(pg *page.Page, in Input, info site.Info, s *site.Site, keys []string) *Facts {
	f := &Facts{
		Path: in.Path, Abs: in.Abs, Target: in.Target, Info: info,
		Parsed: &Parsed{File: pg.File, Fences: pg.FrontMatter.Fences(),
			Links: fitted(pg.Links), Headings: pg.Headings, HTMLIDs: pg.HTMLIDs, Includes: pg.Includes,
			Directives: pg.Directives},
	}
	if n := len(pg.Liquid.Tokens); n > 0 {
		f.Liquid = make([]source.Span, n)
		for k, t := range pg.Liquid.Tokens {
			f.Liquid[k] = t.Span
		}
	}
	f.Values = indexValues(pg, keys, true)
	f.IDsKnown = idsKnown(pg)
	f.publish(s)
	f.readLanguage()
	if (pg.BOM || !pg.FrontMatter.Present) && f.Published && info.Kind != site.KindPost && info.Kind != site.KindDraft {
		// Jekyll looks for `---` at the very first byte: it copies the file as it is
		f.URL, f.Published, f.Written = "", false, false
	}
	return f
}

// fitted is s, or a copy of its length when a tenth of its array or more
// would be spare: the facts of every page stay until the end of the run,
// and the page model sizes its list of links from a count that over-counts.
func fitted[T any](s []T) []T {
	if cap(s)-len(s) >= len(s)/10 && cap(s) > len(s) {
		return slices.Clone(s)
	}
	return s
}

// publish computes where Jekyll publishes the page, from its front matter.
func (f *Facts) publish(s *site.Site) {
	lookup := f.siteValue
	out := s.Publish(f.Info, lookup)
	f.URL, f.Published, f.Written = out.URL, out.Published, out.Written
	f.RedirectStub, f.defaults = out.RedirectStub, out.Defaults
}

// siteValue gives the site model a front matter value.
func (f *Facts) siteValue(key string) (site.Value, bool) {
	kv, ok := f.Lookup(key)
	if !ok {
		return site.Value{}, false
	}
	return toSiteValue(kv), true
}

func toSiteValue(kv KeyValue) site.Value {
	switch kv.Kind {
	case yaml.ScalarNode:
		v, _ := kv.First()
		return site.Value{Text: v.Text, Tag: v.Tag}
	case yaml.SequenceNode:
		out := site.Value{IsList: true}
		for v := range kv.Items() {
			if v.Tag != "!!null" {
				out.List = append(out.List, v.Text)
			}
		}
		return out
	}
	return site.Value{Tag: "!!map"}
}

// indexValues returns the top-level front matter values of keys, with
// their spans when withSpans is true (for findings on a page to lint), else
// with their lines and columns. The values and their items take one
// allocation each: every page has some.
func indexValues(pg *page.Page, keys []string, withSpans bool) []KeyValue {
	root := pg.FrontMatter.Root
	if root == nil {
		return nil
	}
	nv, ni := 0, 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		if slices.Contains(keys, root.Content[i].Value) && !redefined(root, i) {
			nv++
			ni += max(1, len(root.Content[i+1].Content))
		}
	}
	if nv == 0 {
		return nil
	}
	out := make([]KeyValue, 0, nv)
	items := make([]Value, 0, ni)
	for i := 0; i+1 < len(root.Content); i += 2 {
		v := root.Content[i+1]
		at := slices.Index(keys, root.Content[i].Value)
		if at < 0 || redefined(root, i) {
			continue
		}
		kv := KeyValue{Key: keys[at], Kind: v.Kind} // the rules' string, not the page's
		start := len(items)
		switch v.Kind {
		case yaml.ScalarNode:
			items = append(items, newValue(pg, v, withSpans))
		case yaml.SequenceNode:
			for _, c := range v.Content {
				if c.Kind == yaml.ScalarNode {
					items = append(items, newValue(pg, c, withSpans))
				}
			}
		}
		if len(items) > start {
			kv.items = items[start:len(items):len(items)]
		}
		out = append(out, kv)
	}
	return out
}

// redefined reports whether the key at root.Content[i] is given again
// further down: Jekyll's YAML reader (Psych) keeps the last value of a
// repeated key (front-matter-duplicate-key reports the repeat).
func redefined(root *yaml.Node, i int) bool {
	for j := i + 2; j+1 < len(root.Content); j += 2 {
		if root.Content[j].Value == root.Content[i].Value {
			return true
		}
	}
	return false
}

// newValue is the scalar n of the page pg: with its span on a page to
// lint (withSpan), else with the line and columns where it is written,
// which a related location may point at.
func newValue(pg *page.Page, n *yaml.Node, withSpan bool) Value {
	// a string of its own: the fast front matter reader's values are
	// pieces of the whole front matter, which the index would keep alive
	v := Value{Text: strings.Clone(n.Value), Tag: n.ShortTag(), Plain: n.Style == 0}
	if n.Line <= 0 {
		return v
	}
	sp := pg.FrontMatter.ValueSpan(n)
	if withSpan {
		text := pg.File.Text
		v.Span, v.Placed = sp, true
		v.Verbatim = sp.Start >= 0 && sp.End <= len(text) && sp.Len() == len(v.Text) && string(text[sp.Start:sp.End]) == v.Text
		return v
	}
	s, e := pg.File.Position(sp.Start), pg.File.Position(sp.End)
	v.Line, v.Column, v.EndColumn = int32(s.Line), int32(s.Column), int32(e.Column)
	if e.Line != s.Line {
		v.EndColumn = int32(s.Column)
	}
	return v
}

// SetIndexFacts fills f, whose Index is set, with the facts of a page
// that is not linted (without Parsed: Lookup reads its values).
func SetIndexFacts(f *Facts, in Input, info site.Info, s *site.Site) {
	f.Path, f.Abs, f.Target, f.Info, f.Parsed = in.Path, in.Abs, false, info, nil
	f.IDsKnown = f.Index.IDsKnown()
	// the values are found once: site rules look them up on every page,
	// several rules several keys (a pre-commit run on 10,000 pages stepped
	// through each page's encoding some 100,000 times)
	f.Values, f.sections = f.Index.values()
	f.publish(s)
	f.readLanguage()
}

// LocaleKeys are the front matter keys that name a page's language
// (jekyll-polyglot's and most themes' lang, and locale), which the index
// keeps of every page.
var LocaleKeys = []string{"lang", "locale"}

// readLanguage takes the page's locale from its front matter or its
// defaults (lang, locale) when its path names none: a site that declares
// languages there compares its pages one language at a time.
func (f *Facts) readLanguage() {
	if f.Info.Localized {
		return
	}
	for _, k := range LocaleKeys {
		v, ok := f.Scalar(k)
		text := v.Text
		if !ok {
			text, ok = f.defaults[k].(string)
		}
		if ok && site.LanguageTag(text) {
			f.Info.Locale, f.Info.Localized = text, true
			return
		}
	}
}

// Lookup returns the top-level front matter value of key, one of the keys
// of Rule.IndexKeys (the index keeps no other, on any page).
func (f *Facts) Lookup(key string) (KeyValue, bool) {
	// site rules and the site model look up some 25 keys of every page of
	// the site: the index keys share lengths (permalink, published), and
	// comparing their ends first keeps most misses out of memequal
	for i := range f.Values {
		k := f.Values[i].Key
		if len(k) == len(key) && (k == "" || k[0] == key[0] && k[len(k)-1] == key[len(k)-1]) && k == key {
			return f.Values[i], true
		}
	}
	return KeyValue{}, false
}

// Scalar returns the top-level value of key when it is a scalar.
func (f *Facts) Scalar(key string) (Value, bool) {
	if kv, ok := f.Lookup(key); ok && kv.Kind == yaml.ScalarNode {
		return kv.First()
	}
	return Value{}, false
}

// Span is where v is written: empty on a page that is not linted.
func (f *Facts) Span(v Value) source.Span { return v.Span }

// RelatedSpan is the place span on the page f, which must be parsed in
// full (a target), for Diagnostic.Related.
func (f *Facts) RelatedSpan(span source.Span, msg string) Related {
	return Related{Page: f, Span: span, Message: msg}
}

// RelatedValue is where the front matter value v of the page f is written,
// for Diagnostic.Related: its span on a page parsed in full, the place the
// index keeps on the others.
func (f *Facts) RelatedValue(v Value, msg string) Related {
	if f.Parsed != nil && v.Placed {
		return Related{Page: f, Span: v.Span, Message: msg}
	}
	return Related{Page: f, Line: int(v.Line), Column: int(v.Column), EndColumn: int(v.EndColumn), Message: msg}
}

// RelatedPage is the page f as a whole, for Diagnostic.Related: the start
// of the file, parsed or not.
func (f *Facts) RelatedPage(msg string) Related {
	return Related{Page: f, Message: msg}
}

// RelatedLine is the start of line n of the page f (the start of the file
// for 0), parsed or not, for Diagnostic.Related: the index keeps lines of
// the page's structure but not their text.
func (f *Facts) RelatedLine(n int, msg string) Related {
	if f.Parsed != nil && n > 0 {
		st := f.File.LineStart(n)
		return Related{Page: f, Span: source.Span{Start: st, End: st}, Message: msg}
	}
	return Related{Page: f, Line: n, Column: 1, EndColumn: 1, Message: msg}
}

// Index is every page of the site, sorted by site-relative path, with lookups by URL.
type Index struct {
	Pages []*Facts
	// Targets are the pages findings are reported on, in the same order.
	Targets []*Facts

	// The lookups by URL are built on the first calls past scanCalls:
	// a pre-commit run asks for a few URLs, which a scan of the pages
	// answers sooner than building a map of them all.
	calls  atomic.Int64
	once   sync.Once
	byURL  map[string]int // the first page of each URL
	shared map[string][]*Facts

	servedOnce sync.Once
	served     *site.URLs

	memoMu sync.Mutex
	memo   map[string]*memoEntry
}

// memoEntry is one fact Memo keeps, computed once.
type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns what compute gives for key, computed once per run: a fact
// of the whole site that several rules read (the site's external-link
// marker, its locale prefixes), which a run on one page of 10,000 would
// otherwise compute from every page once per rule. compute must depend
// on the index and the run's settings alone.
func (ix *Index) Memo(key string, compute func() any) any {
	ix.memoMu.Lock()
	e := ix.memo[key]
	if e == nil {
		if ix.memo == nil {
			ix.memo = map[string]*memoEntry{}
		}
		e = &memoEntry{}
		ix.memo[key] = e
	}
	ix.memoMu.Unlock()
	e.once.Do(func() { e.v = compute() })
	return e.v
}

// URLs is the site's map of what each URL serves: the pages and documents
// Jekyll writes, the redirects jekyll-redirect-from writes for them (front
// matter and defaults alike, see Facts.Redirects), the site's files
// (files reports a site-relative path of one), and whether plugins may
// write more. Built on first use; safe for concurrent use.
func (ix *Index) URLs(s *site.Site, files func(rel string) bool) *site.URLs {
	ix.servedOnce.Do(func() {
		gen, _ := s.PluginsWrite()
		u := site.NewURLs(files, gen, len(ix.Pages)) // a page's URL each, and some redirects: no map growth
		for i, f := range ix.Pages {
			if f.Written {
				u.Add(f.URL, site.Entry{What: site.ServesPage, Page: i})
			}
		}
		for i, f := range ix.Pages {
			if !f.Written {
				continue
			}
			for _, r := range f.Redirects(s) {
				if r.From != f.URL {
					u.Add(r.From, site.Entry{What: site.ServesRedirect, Page: i, To: r.To})
				}
			}
		}
		ix.served = u
	})
	return ix.served
}

// scanCalls is how many ByURL calls scan the pages before the map is built.
const scanCalls = 32

// NewIndex sorts the pages.
func NewIndex(pages []*Facts) *Index {
	byRel := func(a, b *Facts) int { return strings.Compare(a.Info.Rel, b.Info.Rel) }
	if !slices.IsSortedFunc(pages, byRel) { // the runner's order mostly is
		slices.SortFunc(pages, byRel)
	}
	ix := &Index{Pages: pages}
	for _, p := range pages {
		if p.Target {
			ix.Targets = append(ix.Targets, p)
		}
	}
	return ix
}

func (ix *Index) buildURLs() {
	ix.byURL, ix.shared = make(map[string]int, len(ix.Pages)), map[string][]*Facts{}
	for i, p := range ix.Pages {
		first, ok := ix.byURL[p.URL]
		switch {
		case !ok:
			ix.byURL[p.URL] = i
		case ix.shared[p.URL] == nil:
			ix.shared[p.URL] = []*Facts{ix.Pages[first], p}
		default:
			ix.shared[p.URL] = append(ix.shared[p.URL], p)
		}
	}
}

// ByURL returns the pages published at url, in index order. It is safe
// for concurrent use.
func (ix *Index) ByURL(url string) []*Facts {
	if ix.calls.Add(1) <= scanCalls {
		var out []*Facts
		for i, p := range ix.Pages {
			if p.URL == url {
				if out == nil {
					out = ix.Pages[i : i+1 : i+1] // one page, the common case: no allocation
				} else {
					out = append(slices.Clip(out), p)
				}
			}
		}
		return out
	}
	ix.once.Do(ix.buildURLs)
	if fs := ix.shared[url]; fs != nil {
		return fs
	}
	if i, ok := ix.byURL[url]; ok {
		return ix.Pages[i : i+1 : i+1]
	}
	return nil
}

// Grouped groups the pages by the key each one gives (none when ok is
// false) and returns the groups that hold a target: findings land on
// targets only, so that linting one page of a large site builds one small
// group rather than one for every page.
func Grouped[K comparable](ix *Index, key func(*Facts) (K, bool)) map[K][]*Facts {
	var wanted map[K]bool
	if len(ix.Targets) < len(ix.Pages) {
		wanted = map[K]bool{}
		for _, f := range ix.Targets {
			if k, ok := key(f); ok {
				wanted[k] = true
			}
		}
	}
	groups := map[K][]*Facts{}
	for _, f := range ix.Pages {
		if k, ok := key(f); ok && (wanted == nil || wanted[k]) {
			groups[k] = append(groups[k], f)
		}
	}
	return groups
}

// Defaults are the site's `defaults` values for the page (read only; nil
// when none apply), computed once with its URL.
func (f *Facts) Defaults() map[string]any { return f.defaults }

// Redirect is one page jekyll-redirect-from writes: at From, sending readers to To.
type Redirect struct {
	From, To string
}

// Redirects returns the redirect pages jekyll-redirect-from writes for the
// page: one at each redirect_from entry, sending readers to the page, and
// the page itself when it has redirect_to. Defaults count as front matter.
func (f *Facts) Redirects(s *site.Site) []Redirect {
	var out []Redirect
	if v, ok := site.WithDefaults(f.siteValue, f.defaults, "redirect_from"); ok {
		items := v.List
		if !v.IsList && !v.Null() {
			items = []string{v.Text}
		}
		if len(items) > 0 {
			out = make([]Redirect, 0, len(items)+1)
			to := s.AbsoluteURL(f.URL) // every entry redirects to the page
			for _, from := range items {
				out = append(out, Redirect{From: site.RedirectURL(from), To: to})
			}
		}
	}
	if v, ok := site.WithDefaults(f.siteValue, f.defaults, "redirect_to"); ok && !v.Null() && !(v.Tag == "!!bool" && strings.EqualFold(v.Text, "false")) {
		// (`redirect_to: false` asks for no redirect: Ruby's false, which
		// jekyll-redirect-from passes over, overriding a default's)
		to := v.Text
		if v.IsList {
			if len(v.List) == 0 {
				return out
			}
			to = v.List[0]
		}
		if !strings.HasPrefix(to, "http://") && !strings.HasPrefix(to, "https://") {
			to = s.AbsoluteURL(to)
		}
		out = append(out, Redirect{From: f.URL, To: to})
	}
	return out
}
