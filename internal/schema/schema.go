// Package schema compiles the front-matter JSON Schemas once per run, picks
// the one that applies to a page, and turns validation errors into plain
// words with the instance location they concern.
package schema

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/schemas"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/helplint/helplint/internal/readfile"
)

// BuiltinPrefix names an embedded schema in a config: "builtin:help".
const BuiltinPrefix = "builtin:"

const builtinBase = "https://helplint.dev/schemas/"

// Mapping assigns a schema to the pages whose site-relative path matches Glob.
type Mapping struct {
	Glob   string
	Schema string // "builtin:NAME" or a file path
}

// Set is the compiled schemas of a run. It is safe for concurrent use.
type Set struct {
	entries []*entry
	docs    map[string]any // raw schema documents by URL, for hints and property names

	// mu guards the compiler and what it has compiled: a built-in schema
	// compiles when a page first needs it (most sites have none of the
	// collections they describe, and compiling them cost every run 2 ms).
	mu       sync.RWMutex
	c        *jsonschema.Compiler
	compiled map[string]*jsonschema.Schema
	quick    map[*jsonschema.Schema]*quick
}

type entry struct {
	glob string
	url  string
	once sync.Once
	// schema is set once compiled (for a file of the site's, by Load)
	schema *jsonschema.Schema
}

// Load compiles the schemas the mappings name; file paths are relative to dir.
// A schema that is not JSON or does not compile is an error naming the file.
func Load(maps []Mapping, dir string) (*Set, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	set := &Set{docs: map[string]any{}, c: c, compiled: map[string]*jsonschema.Schema{}, quick: map[*jsonschema.Schema]*quick{}}
	// every embedded schema is a resource, so they can refer to each other
	ents, err := fs.ReadDir(schemas.FS, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		data, err := fs.ReadFile(schemas.FS, e.Name())
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("embedded schema %s: %w", e.Name(), err)
		}
		url := builtinBase + e.Name()
		if err := c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("embedded schema %s: %w", e.Name(), err)
		}
		set.docs[url] = doc
	}
	for _, m := range maps {
		e := &entry{glob: strings.TrimPrefix(m.Glob, "./")}
		if name, ok := strings.CutPrefix(m.Schema, BuiltinPrefix); ok {
			e.url = builtinBase + name + ".json"
			if _, ok := set.docs[e.url]; !ok {
				return nil, fmt.Errorf("schemas: %q: no built-in schema %q", m.Glob, name)
			}
		} else if e.schema, err = set.loadFile(m.Schema, dir); err != nil {
			return nil, err // the site's own schema: its faults are reported before any page
		}
		set.entries = append(set.entries, e)
	}
	return set, nil
}

// loadFile compiles the schema file at p (relative to dir).
func (s *Set) loadFile(p, dir string) (*jsonschema.Schema, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	url := "file://" + filepath.ToSlash(abs)
	if _, ok := s.docs[url]; !ok {
		data, err := readfile.ReadSmall(p)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", p, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("schema %s: not JSON: %w", p, err)
		}
		if err := s.c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", p, err)
		}
		s.docs[url] = doc
	}
	sch, err := s.compile(url)
	if err != nil {
		return nil, fmt.Errorf("schema %s does not compile: %w", p, err)
	}
	return sch, nil
}

// compile compiles the schema at url once, with its quick form.
func (s *Set) compile(url string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.compiled[url]; ok {
		return sch, nil
	}
	sch, err := s.c.Compile(url)
	if err != nil {
		return nil, err
	}
	s.compiled[url] = sch
	if q := newQuick(s.docs, url); q != nil {
		s.quick[sch] = q
	}
	return sch, nil
}

// schemaOf is the entry's schema, compiled on first use; nil if a built-in
// schema does not compile (TestBuiltinsCompile keeps them compiling).
func (s *Set) schemaOf(e *entry) *jsonschema.Schema {
	e.once.Do(func() {
		if e.schema == nil {
			e.schema, _ = s.compile(e.url)
		}
	})
	return e.schema
}

// For returns the schema of the first mapping whose glob matches rel, or nil.
func (s *Set) For(rel string) *jsonschema.Schema {
	if s == nil {
		return nil
	}
	for _, e := range s.entries {
		if site.GlobMatch(e.glob, rel) {
			return s.schemaOf(e)
		}
	}
	return nil
}

// Globs returns the globs that match none of paths, for a warning.
func (s *Set) Globs() []string {
	var g []string
	for _, e := range s.entries {
		g = append(g, e.glob)
	}
	return g
}

// Problem is one way an instance breaks its schema.
type Problem struct {
	// Location is the instance location: keys and list indexes.
	Location []string
	// AtKey is true when the finding belongs on the key (an unknown key), not its value.
	AtKey bool
	// Missing is true when the key does not exist; the finding belongs on the front matter as a whole.
	Missing bool
	Message string
}

// Validate checks v and explains every failure.
func (s *Set) Validate(sch *jsonschema.Schema, v any) []Problem {
	if q := s.quickOf(sch); q != nil && q.valid(v) {
		return nil
	}
	err := sch.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Problem{{Message: err.Error()}}
	}
	var out []Problem
	s.explain(ve, v, &out)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.Join(out[i].Location, "\x00") < strings.Join(out[j].Location, "\x00")
	})
	return dedupe(out)
}

func dedupe(ps []Problem) []Problem {
	seen := map[string]bool{}
	var out []Problem
	for _, p := range ps {
		k := strings.Join(p.Location, "\x00") + "\x01" + p.Message
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// unknownKeys explains keys that the schema does not allow, with the
// nearest allowed name when one is close.
func (s *Set) unknownKeys(e *jsonschema.ValidationError, k *kind.AdditionalProperties, out *[]Problem) {
	known := s.propertyNames(e.SchemaURL)
	// x-unknown names what the keys of an object are (a rule, an option),
	// and x-unknown-else what to do when no name is close
	noun, _ := s.node(e.SchemaURL)["x-unknown"].(string)
	otherwise, _ := s.node(e.SchemaURL)["x-unknown-else"].(string)
	if otherwise == "" {
		otherwise = "remove it, or use a schema that allows it"
	}
	for _, p := range k.Properties {
		loc := append(append([]string{}, e.InstanceLocation...), p)
		msg := fmt.Sprintf("unknown key %q", display(loc))
		if noun != "" {
			msg = fmt.Sprintf("unknown %s %q in %s", noun, p, display(e.InstanceLocation))
		}
		if best := Closest(p, known); best != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", best)
		} else {
			msg += ": " + otherwise
		}
		*out = append(*out, Problem{Location: loc, AtKey: true, Message: msg})
	}
}

// explain turns a validation error into the problems it stands for, in
// the page's own terms.
func (s *Set) explain(e *jsonschema.ValidationError, root any, out *[]Problem) {
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		// When all but one branch fail only on the value's type, the other
		// branch is the one the author meant: explain its errors.
		var meant []*jsonschema.ValidationError
		for _, c := range e.Causes {
			if _, isType := c.ErrorKind.(*kind.Type); !(isType && len(c.Causes) == 0 && samePath(c.InstanceLocation, e.InstanceLocation)) {
				meant = append(meant, c)
			}
		}
		if len(meant) == 1 {
			s.explain(meant[0], root, out)
			return
		}
		*out = append(*out, Problem{Location: e.InstanceLocation,
			Message: fmt.Sprintf("%s must be %s; %s", display(e.InstanceLocation), s.hint(e.SchemaURL, "a value of another shape"), describe(lookup(root, e.InstanceLocation)))})
		return
	case *kind.Required:
		for _, m := range k.Missing {
			loc := append(append([]string{}, e.InstanceLocation...), m)
			*out = append(*out, Problem{Location: loc, Missing: true, Message: fmt.Sprintf("missing required key %q", display(loc))})
		}
		return
	case *kind.AdditionalProperties:
		s.unknownKeys(e, k, out)
		return
	}
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			s.explain(c, root, out)
		}
		return
	}
	val := lookup(root, e.InstanceLocation)
	name := display(e.InstanceLocation)
	var msg string
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		msg = fmt.Sprintf("%s must be %s; %s", name, s.hint(e.SchemaURL, article(k.Want)), describe(val))
	case *kind.MinLength, *kind.Pattern:
		if str, ok := val.(string); ok && strings.TrimSpace(str) == "" {
			msg = fmt.Sprintf("%s must be %s; it is empty", name, s.hint(e.SchemaURL, "a non-empty string"))
		} else {
			msg = fmt.Sprintf("%s must be %s; %s", name, s.hint(e.SchemaURL, "text of another shape"), describe(val))
		}
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		msg = fmt.Sprintf("%s must be one of %s; %s", name, strings.Join(want, ", "), describe(val))
		if str, ok := val.(string); ok {
			if best := Closest(str, want); best != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", best)
			}
		}
	default:
		msg = fmt.Sprintf("%s must be %s; %s", name, s.hint(e.SchemaURL, strings.TrimSpace(fmt.Sprint(e.ErrorKind))), describe(val))
	}
	*out = append(*out, Problem{Location: e.InstanceLocation, Message: msg})
}

func samePath(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") }

func article(types []string) string {
	var parts []string
	for _, t := range types {
		switch t {
		case "integer":
			parts = append(parts, "a whole number")
		case "array":
			parts = append(parts, "a list")
		case "object":
			parts = append(parts, "a mapping")
		case "boolean":
			parts = append(parts, "true or false")
		default:
			parts = append(parts, "a "+t)
		}
	}
	return strings.Join(parts, " or ")
}

// display writes an instance location as `key`, `key[1]` or `key.sub`.
func display(loc []string) string {
	var sb strings.Builder
	for i, p := range loc {
		if isIndex(p) && i > 0 {
			sb.WriteString("[" + p + "]")
			continue
		}
		if i > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(p)
	}
	if sb.Len() == 0 {
		return "the front matter"
	}
	return sb.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func lookup(v any, loc []string) any {
	for _, p := range loc {
		if v = child(v, p); v == nil {
			return nil
		}
	}
	return v
}

// child is the member tok of a JSON object, or item tok of an array; nil
// when there is none.
func child(v any, tok string) any {
	switch x := v.(type) {
	case map[string]any:
		return x[tok]
	case []any:
		i := -1
		fmt.Sscan(tok, &i)
		if i < 0 || i >= len(x) {
			return nil
		}
		return x[i]
	}
	return nil
}

// describe says what a value is, for the second half of a message.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "it is empty"
	case string:
		if strings.TrimSpace(x) == "" {
			return "it is empty"
		}
		if len([]rune(x)) > 60 {
			x = string([]rune(x)[:57]) + "…"
		}
		return fmt.Sprintf("got %q", x)
	case bool:
		return fmt.Sprintf("got %v", x)
	case []any:
		return "got a list"
	case map[string]any:
		return "got a mapping"
	}
	return fmt.Sprintf("got %v", v)
}

// node returns the schema object at the JSON pointer in a schema URL.
func (s *Set) node(url string) map[string]any {
	base, ptr, _ := strings.Cut(url, "#")
	var cur any = s.docs[base]
	for _, tok := range strings.Split(strings.Trim(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if cur = child(cur, tok); cur == nil {
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}

// hint is the x-hint of the schema object at url (validation errors name
// the schema that failed, not the keyword).
func (s *Set) hint(url, fallback string) string {
	if h, ok := s.node(url)["x-hint"].(string); ok {
		return h
	}
	return fallback
}

// propertyNames lists the properties the schema object at url declares.
func (s *Set) propertyNames(url string) []string {
	props, _ := s.node(url)["properties"].(map[string]any)
	var names []string
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Closest returns the known name nearest to s (edit distance at most 2, or a
// difference only of case, - and _), or "": the "did you mean" of messages.
func Closest(s string, known []string) string {
	best, bestD := "", 3
	norm := func(x string) string { return strings.ReplaceAll(strings.ToLower(x), "-", "_") }
	for _, k := range known {
		if norm(k) == norm(s) {
			return k
		}
		if d := distance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
