// Package frontmatter splits Jekyll front matter off a page and parses it
// into a yaml.Node tree whose positions map back to byte offsets in the file.
package frontmatter

import (
	"bytes"
	"encoding/json"
	"iter"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// FrontMatter is the YAML block between the `---` fences at the top of a page.
type FrontMatter struct {
	// Present is true when the file starts with a `---` line.
	Present bool
	// Open is the opening fence, Close the closing one (empty when Closed is false).
	Open, Close source.Span
	Closed      bool
	// Content is the YAML between the fences.
	Content source.Span
	// End is the offset where the page body starts (after the closing fence's line break).
	End int
	// Root is the top-level mapping; nil when the YAML is empty, invalid or not a mapping.
	Root *yaml.Node
	// Doc is the parsed document node, nil when the YAML is invalid.
	Doc *yaml.Node
	// Err describes YAML that does not parse, a block that never closes, or a non-mapping.
	Err *Error

	file      *source.File
	firstLine int // line of Content.Start
	plain     bool
	// yamlLines are the offsets where YAML's lines start, when YAML breaks
	// lines where the file does not (a lone CR, U+0085, U+2028 or U+2029:
	// yaml.v3 counts each as a line break); nil when its lines are the file's.
	yamlLines []int
}

// maxPlain is the most bytes of YAML Plain vouches for: without aliases
// each node takes a byte or more, so Value's budget of nodes is never reached.
const maxPlain = maxValueNodes / 2

// Plain reports whether Value reads the tree as it stands, down to
// MaxValueDepth: it holds no alias (no `*` anywhere in the YAML) and is
// too small to reach Value's budget of nodes. A reader of the nodes
// themselves then sees what Value builds.
func (fm *FrontMatter) Plain() bool { return fm != nil && fm.plain }

// Fences are the front matter's fences, all a fix needs to know of it:
// kept of a page whose tree is gone.
type Fences struct {
	// Present is true when the file starts with a `---` line.
	Present bool
	// Open is the opening fence, Close the closing one (empty when it never closes).
	Open, Close source.Span
}

// Fences returns the fences of fm (none when fm is nil).
func (fm *FrontMatter) Fences() Fences {
	if fm == nil {
		return Fences{}
	}
	return Fences{Present: fm.Present, Open: fm.Open, Close: fm.Close}
}

// Error is a front-matter problem with its position.
type Error struct {
	Span    source.Span
	Message string
}

// Parse reads the front matter of f, which starts at offset start (after a BOM, if any).
// Jekyll's rule: the first line is `---` (trailing white space allowed); the
// block ends at the next line that is `---` or `...`.
func Parse(f *source.File, start int) *FrontMatter {
	fm := &FrontMatter{file: f, End: start}
	text := f.Text
	firstEnd := lineEnd(text, start)
	if !bytes.Equal(bytes.TrimRight(text[start:firstEnd], " \t\r"), []byte("---")) {
		return fm
	}
	fm.Present = true
	fm.Open = source.Span{Start: start, End: start + 3}
	contentStart := min(firstEnd+1, len(text))
	fm.Content = source.Span{Start: contentStart, End: len(text)}
	fm.firstLine = f.Line(contentStart)
	for ls := contentStart; ls < len(text); {
		le := lineEnd(text, ls)
		line := bytes.TrimRight(text[ls:le], " \t\r")
		if bytes.Equal(line, []byte("---")) || bytes.Equal(line, []byte("...")) {
			fm.Closed = true
			fm.Close = source.Span{Start: ls, End: ls + 3}
			fm.Content.End = ls
			fm.End = min(le+1, len(text))
			break
		}
		ls = le + 1
	}
	if !fm.Closed {
		fm.End = len(text)
		fm.Err = &Error{Span: fm.Open, Message: "front matter never closes: add a line with --- after the last key"}
		if b, ok := firstBodyLine(text, contentStart); ok {
			// point at where the body starts: the closing --- belongs above it
			fm.Err = &Error{Span: source.Span{Start: b, End: lineEnd(text, b)},
				Message: "front matter never closes: this line reads as the page's body, and Jekyll reads it as YAML; add a line with --- above it, after the last key"}
			if end := fm.Err.Span.End; end > b && text[end-1] == '\r' {
				fm.Err.Span.End--
			}
		}
		return fm
	}
	content := text[fm.Content.Start:fm.Content.End]
	fm.yamlLines = yamlLineStarts(content, fm.Content.Start)
	var doc yaml.Node
	if fast, ok := fastParse(content); ok {
		doc = *fast
	} else if err := yaml.Unmarshal(validUTF8(content), &doc); err != nil {
		fm.Err = fm.yamlError(err)
		return fm
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		fm.plain = true
		return fm // empty front matter is an empty mapping
	}
	fm.Doc = &doc
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		fm.Err = &Error{Span: fm.ValueSpan(root), Message: "front matter must be a mapping of keys to values; it is " + KindName(root)}
		return fm
	}
	fm.Root = root
	fm.plain = len(content) <= maxPlain && bytes.IndexByte(content, '*') < 0
	return fm
}

// validUTF8 replaces each invalid byte with U+FFFD, so that YAML parses the
// rest (the invalid-utf8 rule reports the bytes). One byte becomes one
// character, so YAML's character columns still count the original bytes.
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

var (
	// yamlKey is a line that starts a mapping entry: `key:` or `key: value`.
	yamlKey = regexp.MustCompile(`^[A-Za-z0-9_"'][^:]*:(\s|$)`)
	// mdHeading is an ATX heading; one # may be a YAML comment, so it
	// counts only after a blank line.
	mdHeading = regexp.MustCompile(`^(#{2,6}\s+\S|#\s+\S)`)
)

// firstBodyLine finds, in front matter that never closes, the first line
// that is clearly the page's body: a Markdown heading (## or deeper; a lone
// # only after a blank line, since YAML comments start with #), a line of
// Liquid or HTML, or prose after a blank line (neither a key, nor a list
// item, nor indented).
func firstBodyLine(text []byte, from int) (int, bool) {
	blank := false
	for ls := from; ls < len(text); {
		le := lineEnd(text, ls)
		line := bytes.TrimRight(text[ls:le], " \t\r")
		switch {
		case len(line) == 0:
			blank = true
		case line[0] == ' ' || line[0] == '\t':
			blank = false // a continuation of the value above
		case mdHeading.Match(line) && (blank || line[1] == '#'):
			return ls, true
		case line[0] == '#' || line[0] == '-' && (len(line) == 1 || line[1] == ' '):
			blank = false // a YAML comment or list item
		case bytes.HasPrefix(line, []byte("{%")) || bytes.HasPrefix(line, []byte("{{")) || line[0] == '<' && len(line) > 1 && (line[1] >= 'a' && line[1] <= 'z' || line[1] == '/' || line[1] == '!'):
			return ls, true
		case yamlKey.Match(line):
			blank = false
		case blank:
			return ls, true
		}
		ls = le + 1
	}
	return 0, false
}

func lineEnd(text []byte, from int) int {
	if i := bytes.IndexByte(text[from:], '\n'); i >= 0 {
		return from + i
	}
	return len(text)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are yaml.v3's parser (not scanner) messages. For these it
// prints a 0-based line number, and omits it on the first line; scanner
// messages carry a 1-based one (see yaml.v3's decode.go, parser.fail).
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'": true, "did not find expected ',' or '}'": true,
	"did not find expected '-' indicator": true, "did not find expected <document start>": true,
	"did not find expected key": true, "did not find expected node content": true,
	"found duplicate %TAG directive": true, "found duplicate %YAML directive": true,
	"found incompatible YAML document": true, "found undefined tag handle": true,
}

// yamlError turns yaml.v3's error text into a position. yaml.v3 reports
// syntax errors only as text ("yaml: line 3: …"), so the line comes from there.
func (fm *FrontMatter) yamlError(err error) *Error {
	n, msg, ok := ErrorLine(fm.file.Text[fm.Content.Start:fm.Content.End], err)
	if !ok {
		return &Error{Span: fm.Open, Message: "front matter is not valid YAML: " + msg}
	}
	line := min(fm.firstLine+n-1, fm.file.Line(fm.Content.End))
	if fm.yamlLines != nil {
		line = fm.file.Line(fm.yamlLines[min(max(n, 1), len(fm.yamlLines))-1])
	}
	span := source.Span{Start: fm.file.LineStart(line), End: fm.file.LineEnd(line)}
	return &Error{Span: span, Message: "front matter is not valid YAML: " + msg}
}

// Offset returns the byte offset of node n in the file, inside the front
// matter. Where YAML breaks lines that the file does not (yamlLines), the
// node's line is YAML's and its column counts characters from there.
func (fm *FrontMatter) Offset(n *yaml.Node) int {
	if n.Line == 0 {
		return fm.Open.Start
	}
	if fm.yamlLines != nil {
		return fm.yamlOffset(n.Line, n.Column)
	}
	off := fm.file.OffsetAt(fm.firstLine+n.Line-1, n.Column)
	return min(max(off, fm.Content.Start), fm.Content.End)
}

// yamlOffset is the offset of YAML's line and column (in characters).
func (fm *FrontMatter) yamlOffset(line, col int) int {
	if line > len(fm.yamlLines) {
		return fm.Content.End
	}
	off, end := fm.yamlLines[line-1], fm.Content.End
	if line < len(fm.yamlLines) {
		end = fm.yamlLines[line]
	}
	text := fm.file.Text
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(text[off:end])
		off += size
	}
	return off
}

// yamlLineStarts lists where each of YAML's lines of content starts (base
// is content's offset in the file), or nil when YAML breaks lines only
// where the file does (at \n): yaml.v3 also breaks at a lone CR, at NEL
// (U+0085), LS (U+2028) and PS (U+2029).
func yamlLineStarts(content []byte, base int) []int {
	if !otherBreaks(content) {
		return nil
	}
	starts := []int{base}
	for i := 0; i < len(content); {
		size := breakAt(content, i)
		if size == 0 {
			i++
			continue
		}
		i += size
		starts = append(starts, base+i)
	}
	return starts
}

// otherBreaks reports a line break of YAML's in b that is not \n or \r\n.
func otherBreaks(b []byte) bool {
	for rest := b; ; {
		i := bytes.IndexByte(rest, '\r')
		if i < 0 {
			break
		}
		if i+1 == len(rest) || rest[i+1] != '\n' {
			return true // a lone CR
		}
		rest = rest[i+2:]
	}
	return bytes.Contains(b, []byte("\u0085")) || bytes.Contains(b, []byte("\u2028")) || bytes.Contains(b, []byte("\u2029"))
}

// breakAt is the length of the line break of YAML's at b[i] (\r\n counts
// as one), 0 for none.
func breakAt(b []byte, i int) int {
	switch c := b[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(b) && b[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(b) && b[i+1] == 0x85:
		return 2
	case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9):
		return 3
	}
	return 0
}

// ValueSpan returns the span of node n as written. For scalars it covers the
// text on the node's first line (quotes included, trailing comment excluded);
// for collections and block scalars, the first token.
func (fm *FrontMatter) ValueSpan(n *yaml.Node) source.Span {
	start := fm.Offset(n)
	text := fm.file.Text
	end := min(lineEnd(text, start), fm.Content.End)
	if n.Anchor != "" && start < end && text[start] == '&' {
		// skip "&anchor " to the value itself
		i := start + 1
		for i < end && text[i] != ' ' && text[i] != '\t' {
			i++
		}
		for i < end && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		start = i
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.Style&yaml.DoubleQuotedStyle != 0:
		for i := start + 1; i < end; i++ {
			if text[i] == '\\' {
				i++
			} else if text[i] == '"' {
				return source.Span{Start: start, End: i + 1}
			}
		}
	case n.Kind == yaml.ScalarNode && n.Style&yaml.SingleQuotedStyle != 0:
		for i := start + 1; i < end; i++ {
			if text[i] == '\'' {
				if i+1 < end && text[i+1] == '\'' {
					i++
					continue
				}
				return source.Span{Start: start, End: i + 1}
			}
		}
	case n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		if n.Value == "" && n.Tag == "!!null" && (start >= end || text[start] != '~') {
			return source.Span{Start: start, End: start}
		}
		// A plain scalar on one line is its value, as written; one that
		// folds over several lines is marked on its first line, up to a comment.
		if n.Value != "" && bytes.HasPrefix(text[start:end], []byte(n.Value)) {
			return source.Span{Start: start, End: start + len(n.Value)}
		}
		for i := start + 1; i < end; i++ {
			if text[i] == '#' && (text[i-1] == ' ' || text[i-1] == '\t') {
				end = i
				break
			}
		}
		for end > start && (text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\r') {
			end--
		}
		return source.Span{Start: start, End: end}
	}
	// collections and block scalars: the first token
	i := start
	for i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' {
		i++
	}
	if i == start {
		i = max(min(start+1, fm.Content.End), start)
	}
	return source.Span{Start: start, End: i}
}

// KindName names a node's kind for messages.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "a scalar"
	}
	return "empty"
}

// Lookup returns the value node for key in the top-level mapping, or nil.
func (fm *FrontMatter) Lookup(key string) (k, v *yaml.Node) {
	if fm == nil || fm.Root == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(fm.Root.Content); i += 2 {
		if fm.Root.Content[i].Value == key {
			return fm.Root.Content[i], fm.Root.Content[i+1]
		}
	}
	return nil, nil
}

// String returns the string value of a top-level scalar key and whether it exists as a non-empty scalar.
func (fm *FrontMatter) String(key string) (string, bool) {
	_, v := fm.Lookup(key)
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", false
	}
	return v.Value, true
}

// Value converts a node into the value JSON Schema validates: mappings to
// map[string]any, sequences to []any, and scalars by their YAML 1.2 tag.
// Timestamps stay strings (as written), numbers become json.Number, and a
// repeated key keeps its last value, as Jekyll does. Aliases are followed
// up to a depth that stops alias bombs.
func Value(n *yaml.Node) any {
	budget := maxValueNodes
	return value(n, 0, &budget)
}

// MaxValueDepth is how deep Value reads: deeper values are nil.
const MaxValueDepth = 64

// maxValueNodes bounds the nodes Value builds, so that aliases that refer to
// aliases (a "billion laughs" document) cannot blow up.
const maxValueNodes = 100000

func value(n *yaml.Node, depth int, budget *int) any {
	*budget--
	if n == nil || depth > MaxValueDepth || *budget < 0 {
		return nil
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return value(n.Content[0], depth+1, budget)
	case yaml.AliasNode:
		return value(n.Alias, depth+1, budget)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				if mv, ok := value(v, depth+1, budget).(map[string]any); ok {
					for mk, mvv := range mv {
						if _, set := m[mk]; !set {
							m[mk] = mvv
						}
					}
				}
				continue
			}
			m[k.Value] = value(v, depth+1, budget)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, value(c, depth+1, budget))
		}
		return s
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			// the forms yaml.v3 reads as booleans, without a decoder each
			switch n.Value {
			case "true", "True", "TRUE":
				return true
			case "false", "False", "FALSE":
				return false
			}
			var b bool
			if err := n.Decode(&b); err == nil {
				return b
			}
		case "!!int", "!!float":
			if n.ShortTag() == "!!int" && canonicalInt(n.Value) {
				return json.Number(n.Value) // what decoding and formatting it again gives
			}
			var f float64
			if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				if n.ShortTag() == "!!int" {
					var i int64
					if err := n.Decode(&i); err == nil {
						return json.Number(strconv.FormatInt(i, 10))
					}
				}
				return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
			}
		}
		return n.Value
	}
	return nil
}

// canonicalInt reports a decimal integer as strconv.FormatInt writes it:
// an optional minus, no leading zero, at most 18 digits (no overflow).
func canonicalInt(v string) bool {
	d := strings.TrimPrefix(v, "-")
	if d == "" || len(d) > 18 || d[0] == '0' && (len(d) > 1 || len(v) > 1) {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// Find returns the node at a JSON-pointer-like path of keys and indexes, or nil.
func Find(n *yaml.Node, path []string) (key, val *yaml.Node) {
	val = n
	for _, p := range path {
		for val != nil && val.Kind == yaml.AliasNode {
			val = val.Alias
		}
		if val == nil {
			return nil, nil
		}
		switch val.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(val.Content); i += 2 {
				if val.Content[i].Value == p {
					key, next = val.Content[i], val.Content[i+1] // the last one wins, as in Value
				}
			}
			val = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(val.Content) {
				return nil, nil
			}
			key, val = nil, val.Content[i]
		default:
			return nil, nil
		}
	}
	return key, val
}

// maxDepth bounds how deep Nodes goes: deeper nesting is pathological.
const maxDepth = 100

// Nodes yields every node of the front matter, depth first.
func (fm *FrontMatter) Nodes() iter.Seq[*yaml.Node] {
	return func(yield func(*yaml.Node) bool) {
		var walk func(n *yaml.Node, depth int) bool
		walk = func(n *yaml.Node, depth int) bool {
			if depth > maxDepth {
				return true
			}
			if !yield(n) {
				return false
			}
			for _, c := range n.Content {
				if !walk(c, depth+1) {
					return false
				}
			}
			return true
		}
		if fm.Doc != nil {
			walk(fm.Doc, 0)
		}
	}
}
