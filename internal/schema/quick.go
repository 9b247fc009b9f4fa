package schema

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// quick is a schema in the subset of JSON Schema the built-in schemas use
// (type, required, properties, patternProperties, additionalProperties,
// items, anyOf, pattern, minLength, integer minimum, local $ref, format
// date-time, if/then/else on required keys), checked
// without the general validator: on a large site nearly every page is
// valid, and the general validator cost a tenth of a full run. It only
// answers "valid"; anything it cannot tell goes to the general validator,
// which then finds and explains the problems, so findings do not change.
type quick struct {
	types     []string
	required  []string
	props     map[string]*quick
	patterns  []patternProp
	noExtra   bool   // additionalProperties: false
	extra     *quick // additionalProperties: a schema
	items     *quick
	anyOf     []*quick
	pattern   func(string) bool
	minLength int
	minimum   *int64
	ref       *quick
	dateTime  bool // format: date-time
	// ifRequired is an if whose one keyword is required: the keys that
	// choose then (all present, or no object) or else
	ifRequired []string
	hasIf      bool
	then, els  *quick
}

type patternProp struct {
	match func(string) bool
	q     *quick
}

// quickBuilder compiles one schema document; refs resolve within it or,
// from a built-in schema, to the $defs of another built-in schema.
type quickBuilder struct {
	docs map[string]any    // the documents by URL
	cur  string            // the URL of the document being compiled
	defs map[string]*quick // by document URL and definition name
}

// newQuick compiles the document at url, or returns nil when it uses a
// keyword or form the subset does not have.
func newQuick(docs map[string]any, url string) *quick {
	b := &quickBuilder{docs: docs, cur: url, defs: map[string]*quick{}}
	q, ok := b.build(docs[url])
	if !ok {
		return nil
	}
	return q
}

// build compiles one schema object.
func (b *quickBuilder) build(v any) (*quick, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false // boolean schemas and the rest: the general validator
	}
	q := &quick{}
	var then, els any
	for k, val := range m {
		var ok bool
		switch k {
		case "if":
			q.ifRequired, ok = requiredOnly(val)
			q.hasIf = ok
		case "then":
			then, ok = val, true
		case "else":
			els, ok = val, true
		case "format":
			q.dateTime, ok = val == "date-time", val == "date-time"
		case "$schema", "$id", "$defs", "title", "description", "x-hint":
			ok = true
		case "type":
			q.types, ok = stringList(val)
		case "required":
			q.required, ok = stringList(val)
		case "properties":
			ok = b.buildProps(q, val)
		case "patternProperties":
			ok = b.buildPatterns(q, val)
		case "additionalProperties":
			if f, isBool := val.(bool); isBool {
				q.noExtra, ok = !f, true
			} else {
				q.extra, ok = b.build(val)
			}
		case "items":
			q.items, ok = b.build(val)
		case "anyOf":
			ok = b.buildAnyOf(q, val)
		case "pattern":
			s, isStr := val.(string)
			if ok = isStr; ok {
				q.pattern, ok = matcher(s)
			}
		case "minLength":
			var n int64
			if n, ok = integer(val); ok {
				q.minLength = int(n)
			}
		case "minimum":
			var n int64
			if n, ok = integer(val); ok {
				q.minimum = &n
			}
		case "$ref":
			q.ref, ok = b.buildRef(val)
		}
		if !ok {
			return nil, false
		}
	}
	if !q.hasIf {
		return q, true // then and else without if have no effect
	}
	for _, c := range []struct {
		v   any
		dst **quick
	}{{then, &q.then}, {els, &q.els}} {
		if c.v == nil {
			continue
		}
		var ok bool
		if *c.dst, ok = b.build(c.v); !ok {
			return nil, false
		}
	}
	return q, true
}

// requiredOnly reads an if schema whose one keyword is required.
func requiredOnly(v any) ([]string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return nil, false
	}
	return stringList(m["required"])
}

func (b *quickBuilder) buildProps(q *quick, v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	q.props = map[string]*quick{}
	for name, s := range m {
		if q.props[name], ok = b.build(s); !ok {
			return false
		}
	}
	return true
}

func (b *quickBuilder) buildPatterns(q *quick, v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for p, s := range m {
		match, ok := matcher(p)
		if !ok {
			return false
		}
		sq, ok := b.build(s)
		if !ok {
			return false
		}
		q.patterns = append(q.patterns, patternProp{match: match, q: sq})
	}
	return true
}

func (b *quickBuilder) buildAnyOf(q *quick, v any) bool {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return false
	}
	for _, s := range list {
		sq, ok := b.build(s)
		if !ok {
			return false
		}
		q.anyOf = append(q.anyOf, sq)
	}
	return true
}

// buildRef resolves "#/$defs/NAME" in the document, and "FILE.json#/$defs/NAME"
// among the built-in schemas; other refs are not in the subset.
func (b *quickBuilder) buildRef(v any) (*quick, bool) {
	s, _ := v.(string)
	file, name, ok := strings.Cut(s, "#/$defs/")
	if !ok || strings.ContainsAny(name, "/~%") || strings.ContainsAny(file, "/:#%") {
		return nil, false
	}
	url := b.cur
	if file != "" {
		if !strings.HasPrefix(b.cur, builtinBase) {
			return nil, false
		}
		url = builtinBase + file
	}
	key := url + "#" + name
	if q, ok := b.defs[key]; ok {
		return q, q != nil // nil: a definition being built refers to itself
	}
	doc, _ := b.docs[url].(map[string]any)
	defs, _ := doc["$defs"].(map[string]any)
	def, ok := defs[name]
	if !ok {
		return nil, false
	}
	b.defs[key] = nil
	outer := b.cur
	b.cur = url
	q, ok := b.build(def)
	b.cur = outer
	b.defs[key] = q
	return q, ok
}

// matcher is the test of a string pattern: the patterns schemas use most
// (a non-blank string, a path) are tested directly, every other by its
// regular expression; the expressions ran on every page's front matter.
func matcher(p string) (func(string) bool, bool) {
	switch p {
	case `\S`:
		return func(s string) bool { return strings.ContainsFunc(s, notRESpace) }, true
	case `^/`:
		return func(s string) bool { return strings.HasPrefix(s, "/") }, true
	case `^/.+/$`:
		return func(s string) bool {
			return len(s) >= 3 && s[0] == '/' && strings.HasSuffix(s, "/") && !strings.ContainsRune(s[1:len(s)-1], '\n')
		}, true
	case `^/\S*$`:
		return func(s string) bool { return strings.HasPrefix(s, "/") && !strings.ContainsAny(s, reSpace) }, true
	case `^/([^/\s]+/)*$`:
		return func(s string) bool {
			return strings.HasPrefix(s, "/") && strings.HasSuffix(s, "/") && !strings.Contains(s, "//") && !strings.ContainsAny(s, reSpace)
		}, true
	case `^[a-z0-9]+(-[a-z0-9]+)*$`:
		return func(s string) bool { return kebab(s, "-") }, true
	case `^/([a-z]{2}/)?help/([a-z0-9]+([-_][a-z0-9]+)*/)+$`:
		return helpPermalink, true
	case `^[a-z0-9_]+_list$`: // the help schema's list keys, tested against every key of every page
		return func(s string) bool {
			if len(s) < 6 || !strings.HasSuffix(s, "_list") {
				return false
			}
			for i := 0; i < len(s); i++ {
				if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
					return false
				}
			}
			return true
		}, true
	}
	re, ok := compile(p)
	if !ok {
		return nil, false
	}
	return re.MatchString, true
}

// reSpace is what \s matches in Go's (and RE2's) regular expressions.
const reSpace = " \t\n\f\r"

// kebab reports words of lower-case letters and digits joined by single
// separators, one of seps: `^[a-z0-9]+([-_][a-z0-9]+)*$` for seps "-_".
func kebab(s, seps string) bool {
	if s == "" {
		return false
	}
	word := false // the byte before is a letter or digit
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			word = true
		case word && strings.IndexByte(seps, c) >= 0:
			word = false
		default:
			return false
		}
	}
	return word
}

// helpPermalink is the help schema's permalink pattern,
// `^/([a-z]{2}/)?help/([a-z0-9]+([-_][a-z0-9]+)*/)+$`: a locale may come
// first, then help/ and one or more kebab-case folders.
func helpPermalink(s string) bool {
	if len(s) >= 4 && s[0] == '/' && s[3] == '/' && s[1] >= 'a' && s[1] <= 'z' && s[2] >= 'a' && s[2] <= 'z' {
		s = s[3:] // "/es/help/…": s[3] is no / in "/help/…"
	}
	rest, ok := strings.CutPrefix(s, "/help/")
	if !ok || !strings.HasSuffix(rest, "/") {
		return false
	}
	for dir := range strings.SplitSeq(rest[:len(rest)-1], "/") {
		if !kebab(dir, "-_") {
			return false
		}
	}
	return true
}

// notRESpace is true for what \S matches: anything but the ASCII white
// space of Go's (and RE2's) \s.
func notRESpace(r rune) bool {
	return r != ' ' && r != '\t' && r != '\n' && r != '\f' && r != '\r'
}

func compile(p string) (*regexp.Regexp, bool) {
	re, err := regexp.Compile(p) // the general validator's engine too
	return re, err == nil
}

func stringList(v any) ([]string, bool) {
	if s, ok := v.(string); ok {
		return []string{s}, true
	}
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	var out []string
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// integer reads a whole number of a schema document (json.Number there).
func integer(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

// valid reports whether v certainly satisfies q; false means "ask the general validator".
func (q *quick) valid(v any) bool {
	if q.ref != nil && !q.ref.valid(v) {
		return false
	}
	if len(q.types) > 0 && !q.typed(v) {
		return false
	}
	if len(q.anyOf) > 0 && !q.anyValid(v) {
		return false
	}
	if q.hasIf {
		if branch := q.branch(v); branch != nil && !branch.valid(v) {
			return false
		}
	}
	switch x := v.(type) {
	case string:
		return q.validString(x)
	case json.Number:
		if q.minimum != nil {
			i, err := strconv.ParseInt(string(x), 10, 64)
			return err == nil && i >= *q.minimum
		}
	case []any:
		if q.items != nil {
			for _, e := range x {
				if !q.items.valid(e) {
					return false
				}
			}
		}
	case map[string]any:
		return q.validObject(x)
	case bool, nil:
	default:
		return false // no JSON value: the general validator says so
	}
	return true
}

func (q *quick) anyValid(v any) bool {
	for _, s := range q.anyOf {
		if s.valid(v) {
			return true
		}
	}
	return false
}

// typed reports whether v has one of q's types (integer: a json.Number of digits).
func (q *quick) typed(v any) bool {
	for _, t := range q.types {
		switch x := v.(type) {
		case string:
			if t == "string" {
				return true
			}
		case bool:
			if t == "boolean" {
				return true
			}
		case nil:
			if t == "null" {
				return true
			}
		case []any:
			if t == "array" {
				return true
			}
		case map[string]any:
			if t == "object" {
				return true
			}
		case json.Number:
			if _, err := strconv.ParseInt(string(x), 10, 64); t == "number" || (t == "integer" && err == nil) {
				return true
			}
		}
	}
	return false
}

// branch is the schema of then or else that v must also satisfy: then
// when every key of the if is present (or v is no object, which required
// does not constrain), else otherwise; nil when that one is absent.
func (q *quick) branch(v any) *quick {
	if m, isObject := v.(map[string]any); isObject {
		for _, k := range q.ifRequired {
			if _, ok := m[k]; !ok {
				return q.els
			}
		}
	}
	return q.then
}

func (q *quick) validString(s string) bool {
	if q.minLength > 0 && utf8.RuneCountInString(s) < q.minLength {
		return false
	}
	if q.dateTime && !plainDateTime(s) {
		return false
	}
	return q.pattern == nil || q.pattern(s)
}

// plainDateTime reports a date and time the general validator's date-time
// format certainly accepts: 2025-06-24T14:53:00.000Z or with an offset,
// a real calendar day, seconds under 60 (a leap second is its to judge).
func plainDateTime(s string) bool {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' && s[10] != 't' || s[13] != ':' || s[16] != ':' {
		return false
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return false
	}
	h, okH := twoDigits(s[11:13])
	m, okM := twoDigits(s[14:16])
	sec, okS := twoDigits(s[17:19])
	if !okH || !okM || !okS || h > 23 || m > 59 || sec > 59 {
		return false
	}
	rest := s[19:]
	if frac, ok := strings.CutPrefix(rest, "."); ok {
		n := 0
		for n < len(frac) && frac[n] >= '0' && frac[n] <= '9' {
			n++
		}
		if n == 0 {
			return false
		}
		rest = frac[n:]
	}
	if rest == "Z" || rest == "z" {
		return true
	}
	if len(rest) != 6 || rest[0] != '+' && rest[0] != '-' || rest[3] != ':' {
		return false
	}
	zh, okZH := twoDigits(rest[1:3])
	zm, okZM := twoDigits(rest[4:6])
	return okZH && okZM && zh <= 23 && zm <= 59
}

// twoDigits reads two decimal digits.
func twoDigits(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func (q *quick) validObject(m map[string]any) bool {
	for _, k := range q.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	for k, v := range m {
		if !q.validEntry(k, func(s *quick) bool { return s.valid(v) }) {
			return false
		}
	}
	return true
}

// validEntry reports whether an object's entry of key k is valid: check
// tells whether its value satisfies a schema, here the property's, the
// matching patterns' or, for no match, additionalProperties'.
func (q *quick) validEntry(k string, check func(*quick) bool) bool {
	matched := false
	if p, ok := q.props[k]; ok {
		if !check(p) {
			return false
		}
		matched = true
	}
	for _, pp := range q.patterns {
		if pp.match(k) {
			if !check(pp.q) {
				return false
			}
			matched = true
		}
	}
	return matched || !q.noExtra && (q.extra == nil || check(q.extra))
}

// quickOf returns the quick form of sch, or nil.
func (s *Set) quickOf(sch *jsonschema.Schema) *quick {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.quick[sch]
}
