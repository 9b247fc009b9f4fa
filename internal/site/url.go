package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Value is a top-level front matter value, as the URL of a page reads it.
type Value struct {
	// Text is a scalar's text.
	Text string
	// Tag is the scalar's YAML type ("!!str", "!!int", "!!bool", "!!null", ...).
	Tag string
	// List holds the scalar items of a list; IsList tells a list from a scalar.
	List   []string
	IsList bool
}

// Null reports whether the value is YAML's null.
func (v Value) Null() bool { return !v.IsList && v.Tag == "!!null" }

// Lookup returns the top-level front matter value of key, and whether the
// front matter has the key.
type Lookup func(key string) (Value, bool)

// URLKeys are the front matter keys the URL and publication of a page
// read, and those that tell a redirect stub.
var URLKeys = []string{"permalink", "slug", "date", "categories", "category", "published", "redirect_to", "layout"}

// redirectStub reports whether a page only redirects: it has redirect_to,
// or its layout is a redirect layout.
func (s *Site) redirectStub(get Lookup) bool {
	if v, ok := get("redirect_to"); ok && !v.Null() && (v.Text != "" || len(v.List) > 0) {
		return true
	}
	if v, ok := get("layout"); ok && !v.IsList {
		return v.Text == "redirect" || slices.Contains(s.RedirectLayouts, v.Text)
	}
	return false
}

// Output is where Jekyll publishes a page.
type Output struct {
	// URL is the page's URL as Jekyll computes it (without baseurl), or ""
	// when the page is not published or its URL cannot be known (no
	// _config.yml in sight; a template with a placeholder Jekyll does not
	// know, which fails the build).
	URL string
	// Published is false for a page Jekyll leaves out of the site
	// (`published: false`, a post dated in the future).
	Published bool
	// Written is true when Jekyll writes the page: published, in a
	// collection with `output: true`, not dated in the future.
	Written bool
	// RedirectStub is true for a page that only redirects: it has
	// redirect_to, or its layout is `redirect` or one of RedirectLayouts.
	RedirectStub bool
	// Defaults are the `defaults` values that apply to the page (nil when none do).
	Defaults map[string]any
}

// Publish computes where Jekyll 4.3 publishes the page at info, whose front
// matter fm gives, with the site's `defaults` filling keys it lacks.
func (s *Site) Publish(info Info, fm Lookup) Output {
	defs := s.Defaults(info) // a page rule reads them even where Jekyll renders nothing
	if info.Kind == KindNone {
		return Output{Defaults: defs}
	}
	if s.Loose {
		get := func(key string) (Value, bool) { return WithDefaults(fm, defs, key) }
		return Output{Published: true, Written: true, Defaults: defs, RedirectStub: s.redirectStub(get)}
	}
	get := func(key string) (Value, bool) { return WithDefaults(fm, defs, key) }
	out := Output{Published: true, Written: s.Outputs(info), Defaults: defs, RedirectStub: s.redirectStub(get)}
	if v, ok := get("published"); ok && v.Tag == "!!bool" && strings.EqualFold(v.Text, "false") && !s.Config.Unpublished {
		return Output{Defaults: defs, RedirectStub: out.RedirectStub}
	}
	if info.Kind == KindPage {
		out.URL = s.pageURL(info, get)
		return out
	}
	// the date, slug and categories are read only when the URL or the
	// future needs them: most pages of a help site have a plain permalink,
	// and a pre-commit run publishes every page of the site
	if !s.Config.Future {
		if date, ok := s.docDate(info, get); ok && date.After(time.Now()) {
			if info.Kind == KindPost {
				return Output{Defaults: defs} // Jekyll does not read posts from the future
			}
			out.Written = false
		}
	}
	if v, ok := get("permalink"); ok && !v.Null() && !v.IsList && !strings.Contains(v.Text, ":") {
		out.URL = sanitizeURL(v.Text) // no placeholder: Jekyll only sanitizes it
		return out
	}
	out.URL = s.docURL(info, get, s.docFacts(info, get))
	return out
}

// docDate is a document's date: its front matter's (or defaults'), else
// the one in its file name; ok is false when it has neither.
func (s *Site) docDate(info Info, get Lookup) (time.Time, bool) {
	fileDate := ""
	// a dated name starts with a digit: the regexp only for those
	if base := path.Base(info.DocPath); base != "" && base[0] >= '0' && base[0] <= '9' {
		if m := datedName.FindStringSubmatch(base); m != nil {
			fileDate = m[1]
		}
	}
	return s.dateOf(get, fileDate)
}

func (s *Site) dateOf(get Lookup, fileDate string) (time.Time, bool) {
	if v, ok := get("date"); ok && !v.Null() && !v.IsList {
		if t, ok := parseDate(v.Text, s.Config.Timezone); ok {
			return t, true
		}
	}
	if fileDate != "" {
		return parseDate(fileDate, s.Config.Timezone)
	}
	return time.Time{}, false
}

// docFacts are what Jekyll derives for a document before its URL.
type docFacts struct {
	date       time.Time
	dateKnown  bool
	slug       string
	categories []string
}

func (s *Site) docFacts(info Info, get Lookup) docFacts {
	var d docFacts
	base := path.Base(info.DocPath)
	fileDate := ""
	var m []string
	if base[0] >= '0' && base[0] <= '9' { // a dated name starts with a digit: the regexp only for those
		m = datedName.FindStringSubmatch(base)
	}
	if m != nil {
		fileDate, d.slug = m[1], m[2]
	} else {
		d.slug = strings.TrimSuffix(base, path.Ext(base))
	}
	d.slug = strings.TrimRight(d.slug, ".")
	if v, ok := get("slug"); ok && !v.Null() && !v.IsList {
		d.slug = v.Text
	}
	d.date, d.dateKnown = s.dateOf(get, fileDate)
	// categories: the folders above _posts, then defaults' and the front
	// matter's (a string splits on spaces), then `category`
	var cats []string
	if info.Collection == "posts" {
		special := "_posts"
		if info.Kind == KindDraft {
			special = "_drafts"
		}
		if i := strings.Index(info.DocPath, special); i > 0 {
			for _, c := range strings.Split(info.DocPath[:i], "/") {
				if c != "" && c != special && c != base {
					cats = append(cats, c)
				}
			}
		}
	}
	add := func(v Value) {
		if v.IsList {
			cats = append(cats, v.List...)
		} else if !v.Null() {
			cats = append(cats, strings.Fields(v.Text)...)
		}
	}
	if v, ok := get("categories"); ok {
		add(v)
	}
	if v, ok := get("category"); ok && !v.Null() {
		if v.IsList {
			cats = append(cats, v.List...)
		} else {
			cats = append(cats, v.Text)
		}
	}
	seen := map[string]bool{}
	for _, c := range cats {
		if !seen[c] {
			seen[c] = true
			d.categories = append(d.categories, c)
		}
	}
	return d
}

// outputExt is the extension Jekyll writes a file with: .html for Markdown.
func (s *Site) outputExt(rel string) string {
	ext := path.Ext(rel)
	for _, m := range s.Config.MarkdownExt {
		if strings.EqualFold(ext, m) {
			return ".html"
		}
	}
	return ext
}

func isHTML(ext string) bool { return ext == ".html" || ext == ".htm" || ext == ".xhtml" }

// pageURL is Jekyll::Page#url.
func (s *Site) pageURL(info Info, get Lookup) string {
	name := path.Base(info.Rel)
	ext := path.Ext(name)
	basename := strings.TrimRight(strings.TrimSuffix(name, ext), ".")
	dir := ""
	if d := path.Dir(info.Rel); d != "." {
		dir = "/" + d
	}
	outExt := s.outputExt(info.Rel)
	var template string
	switch {
	case !isHTML(outExt):
		template = "/:path/:basename:output_ext"
	case basename == "index":
		template = "/:path/"
	default:
		template = addPermalinkSuffix("/:path/:basename", s.Config.Permalink)
	}
	if v, ok := get("permalink"); ok && !v.Null() && !v.IsList {
		template = v.Text
	}
	return sanitizeURL(hashURL(template, []string{"path", dir, "basename", basename, "output_ext", outExt}))
}

// RedirectURL is the URL of the page jekyll-redirect-from writes for a
// redirect_from entry.
func RedirectURL(from string) string {
	if !strings.HasPrefix(from, "/") {
		from = "/" + from
	}
	return sanitizeURL(hashURL(from, []string{"path", "", "basename", "redirect", "output_ext", ".html"}))
}

// hashURL is Jekyll's URL#generate_url_from_hash: each placeholder in
// turn, stopping when no colon is left.
func hashURL(template string, kv []string) string {
	for i := 0; i < len(kv); i += 2 {
		if !strings.Contains(template, ":") {
			break
		}
		template = strings.ReplaceAll(template, ":"+kv[i], escapePath(kv[i+1]))
	}
	return template
}

// docURL is Jekyll::Document#url: its permalink or its collection's template,
// with the placeholders of Jekyll's UrlDrop.
func (s *Site) docURL(info Info, get Lookup, d docFacts) string {
	template := s.Config.Collections[info.Collection].Permalink
	if template == "" {
		template = addPermalinkSuffix("/:collection/:path", s.Config.Permalink)
	}
	if v, ok := get("permalink"); ok && !v.Null() && !v.IsList {
		template = v.Text
	}
	noExt := strings.TrimSuffix(info.DocPath, path.Ext(info.DocPath))
	basenameNoExt := strings.TrimSuffix(path.Base(info.DocPath), path.Ext(info.DocPath))
	cleaned := strings.TrimRight(strings.Replace(noExt, "_"+info.Collection, "", 1), ".")
	date := func(layout string) string {
		if !d.dateKnown { // Jekyll dates such a document with the time of the build
			return strftime(time.Now().In(s.Config.Timezone), layout)
		}
		return strftime(d.date, layout)
	}
	var bad string
	// each :name in turn (what Jekyll's /:([a-z_]+)/ matches), by hand: a
	// regexp replacement per page costs more than the rest of the URL
	var b strings.Builder
	b.Grow(len(template) + len(cleaned))
	for i := 0; i < len(template); {
		j := i + 1
		for j < len(template) && (template[j] >= 'a' && template[j] <= 'z' || template[j] == '_') {
			j++
		}
		if template[i] != ':' || j == i+1 {
			b.WriteByte(template[i])
			i++
			continue
		}
		b.WriteString(s.placeholderValue(info, d, cleaned, basenameNoExt, date, template[i:j], &bad))
		i = j
	}
	if bad != "" {
		return "" // a placeholder Jekyll does not know: the build fails
	}
	return sanitizeURL(b.String())
}

// placeholderValue is the value of one UrlDrop placeholder m (":title");
// an unknown one is kept and named in bad.
func (s *Site) placeholderValue(info Info, d docFacts, cleaned, basenameNoExt string, date func(string) string, m string, bad *string) string {
	key := m[1:]
	trailing := ""
	if strings.HasSuffix(key, "_") {
		key, trailing = key[:len(key)-1], "_"
	}
	var v string
	switch key {
	case "collection":
		v = info.Collection
	case "path":
		v = cleaned
	case "output_ext":
		v = s.outputExt(info.Rel)
	case "name":
		v = slugify(basenameNoExt, false, false)
	case "title":
		v = slugify(d.slug, true, true)
	case "slug":
		v = slugify(d.slug, false, false)
	case "categories", "slugified_categories":
		seen := map[string]bool{}
		var parts []string
		for _, c := range d.categories {
			if key == "categories" {
				c = strings.ToLower(c)
			} else {
				c = slugify(c, false, false)
			}
			if !seen[c] {
				seen[c] = true
				parts = append(parts, c)
			}
		}
		v = strings.Join(parts, "/")
	case "year", "month", "day", "hour", "minute", "second", "i_day", "i_month", "short_month", "long_month",
		"short_year", "w_year", "week", "w_day", "short_day", "long_day", "y_day":
		v = date(key)
	default:
		if *bad == "" {
			*bad = m
		}
		return m
	}
	return escapePath(v) + trailing
}

// strftime formats t as a UrlDrop date placeholder does.
func strftime(t time.Time, key string) string {
	switch key {
	case "year":
		return fmt.Sprintf("%04d", t.Year())
	case "month":
		return fmt.Sprintf("%02d", int(t.Month()))
	case "day":
		return fmt.Sprintf("%02d", t.Day())
	case "hour":
		return fmt.Sprintf("%02d", t.Hour())
	case "minute":
		return fmt.Sprintf("%02d", t.Minute())
	case "second":
		return fmt.Sprintf("%02d", t.Second())
	case "i_day":
		return fmt.Sprint(t.Day())
	case "i_month":
		return fmt.Sprint(int(t.Month()))
	case "short_month":
		return t.Format("Jan")
	case "long_month":
		return t.Format("January")
	case "short_year":
		return fmt.Sprintf("%02d", t.Year()%100)
	case "w_year":
		y, _ := t.ISOWeek()
		return fmt.Sprint(y)
	case "week":
		_, w := t.ISOWeek()
		return fmt.Sprintf("%02d", w)
	case "w_day":
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return fmt.Sprint(wd)
	case "short_day":
		return t.Format("Mon")
	case "long_day":
		return t.Format("Monday")
	case "y_day":
		return fmt.Sprintf("%03d", t.YearDay())
	}
	return ""
}

// styleToPermalink is the posts' template for a permalink style.
func styleToPermalink(style string) string {
	switch style {
	case "none":
		return "/:categories/:title:output_ext"
	case "date":
		return "/:categories/:year/:month/:day/:title:output_ext"
	case "ordinal":
		return "/:categories/:year/:y_day/:title:output_ext"
	case "pretty":
		return "/:categories/:year/:month/:day/:title/"
	case "weekdate":
		return "/:categories/:year/W:week/:short_day/:title:output_ext"
	}
	return style
}

// addPermalinkSuffix is Jekyll's Utils.add_permalink_suffix.
func addPermalinkSuffix(template, style string) string {
	switch style {
	case "pretty":
		return template + "/"
	case "date", "ordinal", "none":
		return template + ":output_ext"
	}
	if strings.HasSuffix(style, "/") {
		template += "/"
	}
	if strings.HasSuffix(style, ":output_ext") {
		template += ":output_ext"
	}
	return template
}

// sanitizeURL is Jekyll's URL#sanitize_url.
func sanitizeURL(s string) string {
	if strings.HasPrefix(s, "/") && !strings.Contains(s, "//") && !strings.Contains(s, "..") && !strings.Contains(s, "./") {
		return s // the common case: nothing to change
	}
	s = strings.ReplaceAll("/"+s, "..", "/")
	s = strings.ReplaceAll(s, "./", "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '/' && i > 0 && s[i-1] == '/' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapePath is Jekyll's URL.escape_path: values of placeholders with
// characters other than letters, digits, `.`, `/` and `-` are
// percent-encoded as Addressable::URI.encode does, and a first `#` too.
func escapePath(p string) string {
	plain := true
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/' || c == '-') {
			plain = false
			break
		}
	}
	if plain {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < 0x80 && (unreservedOrReserved(c)) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return strings.Replace(b.String(), "#", "%23", 1)
}

// unreservedOrReserved are the characters Addressable leaves in a URI.
func unreservedOrReserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@/?#[]", c) >= 0
}

// UnescapePath decodes percent-escapes, for comparing a link with a URL.
func UnescapePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// slugify is Jekyll's Utils.slugify in its default mode (letters, marks and
// digits kept) or pretty mode (also ._~!$&'()+,;=@), other runs becoming
// one hyphen, hyphens trimmed at the ends, lower-cased unless cased.
func slugify(s string, pretty, cased bool) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		keep := unicode.IsLetter(r) || unicode.IsMark(r) || unicode.Is(unicode.Nd, r) ||
			pretty && strings.ContainsRune("._~!$&'()+,;=@", r)
		if !keep {
			dash = true
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	if dash {
		b.WriteByte('-')
	}
	out := strings.TrimPrefix(b.String(), "-")
	out = strings.TrimSuffix(out, "-")
	if !cased {
		out = strings.ToLower(out)
	}
	return out
}

// parseDate reads a date as Ruby's Time.parse does for the forms front
// matter and file names use, in loc when it names no zone.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		"2006-01-02 15:04:05.999999999 -07:00", "2006-01-02 15:04:05.999999999 -0700", "2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05 MST", "2006-01-02 15:04 -0700", "2006-01-02 15:04 -07:00",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(loc), true
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02", "2006-1-2"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// valueOf turns a value from _config.yml's defaults into a front matter value.
func valueOf(v any) Value {
	switch x := v.(type) {
	case nil:
		return Value{Tag: "!!null"}
	case string:
		return Value{Text: x, Tag: "!!str"}
	case bool:
		return Value{Text: fmt.Sprint(x), Tag: "!!bool"}
	case int, int64, uint64, float64:
		return Value{Text: fmt.Sprint(x), Tag: "!!int"}
	case time.Time:
		return Value{Text: x.Format("2006-01-02 15:04:05.999999999 -07:00"), Tag: "!!timestamp"}
	case []any:
		out := Value{IsList: true}
		for _, it := range x {
			if it != nil {
				out.List = append(out.List, valueOf(it).Text)
			}
		}
		return out
	}
	return Value{Text: fmt.Sprint(v), Tag: "!!map"}
}

// WithDefaults returns the value of key for a page: its front matter's,
// else the one its `defaults` (Output.Defaults) give it.
func WithDefaults(fm Lookup, defs map[string]any, key string) (Value, bool) {
	if fm != nil {
		if v, ok := fm(key); ok {
			return v, true
		}
	}
	if d, ok := defs[key]; ok {
		return valueOf(d), true
	}
	return Value{}, false
}

// AbsoluteURL is Jekyll's absolute_url filter for a path of the site:
// the site's url and baseurl before it.
func (s *Site) AbsoluteURL(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	base := s.Config.Baseurl
	if base != "" && !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return s.Config.URL + base + p
}
