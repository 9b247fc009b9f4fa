package frontmatter

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse builds the node tree of the most common front matter, block
// mappings and lists of plain values (a value may go on over indented
// lines, or be a folded block; a key with nothing under it is a null),
// without yaml.v3's per-call setup, which costs more than the parse itself
// on a few lines. It gives up (ok false) on anything else: flow
// collections, escapes, comments, anchors and tags, and any value whose
// type is not plainly a string, an integer, a float written with leading
// zeros, a boolean or a timestamp (a post's date).
// FuzzFastParse checks it against yaml.v3 node for node.
func fastParse(content []byte) (doc *yaml.Node, ok bool) {
	if len(content) > maxFastSize || !utf8.Valid(content) {
		return nil, false
	}
	r := fastReader{
		lines:      splitLines(content),
		finalBreak: bytes.HasSuffix(content, []byte("\n")) || bytes.HasSuffix(content, []byte("\r")), // YAML reads a lone CR as a line break too
		content:    content,
		src:        string(content),
	}
	r.nodes = make([]yaml.Node, 0, min(2*len(r.lines)+2, maxSlab)) // a key and a value a line, the document and its mapping
	m, next, ok := r.mapping(0, 0, 0)
	if !ok || next < len(r.lines) {
		return nil, false
	}
	return r.node(yaml.Node{Kind: yaml.DocumentNode, Line: m.Line, Column: 1, Content: []*yaml.Node{m}}), true
}

// maxFastSize is the largest front matter the fast path reads; yaml.v3
// reads larger ones. The fast path lists every line before it reads one
// (24 bytes each: a megabyte of blank lines would take 24), which pays
// only on the few lines of most pages.
const maxFastSize = 64 << 10

// maxSlab is the most nodes allocated together: they are allocated for
// the lines, before the reader knows whether it will read them (front
// matter with a flow list on its first line gives up there).
const maxSlab = 256

// maxKey is the longest key the fast path reads.
const maxKey = 1000

// maxFastDepth is how deep the fast path nests collections; deeper front
// matter goes to yaml.v3.
const maxFastDepth = 8

// fastReader reads the block structure of front matter, line by line.
type fastReader struct {
	lines      [][]byte
	finalBreak bool // the content ends in a line break
	// content is the front matter, and src the same bytes as one string:
	// a value written as it reads is a substring of src, not a string of
	// its own (the scalars were a third of a page's allocations, and most
	// of the strings the index keeps until the run's end).
	content []byte
	src     string
	// nodes holds the tree's nodes, allocated together (nodes were another
	// third): a tree lives as long as its page, every node of it alike.
	nodes []yaml.Node
}

// node is n, placed in the reader's nodes.
func (r *fastReader) node(n yaml.Node) *yaml.Node {
	if len(r.nodes) == cap(r.nodes) {
		r.nodes = make([]yaml.Node, 0, min(max(8, 2*cap(r.nodes)), maxSlab))
	}
	r.nodes = append(r.nodes, n)
	return &r.nodes[len(r.nodes)-1]
}

// str is v as a string: the substring of src where v is a slice of
// content (as the lines are), else a copy.
func (r *fastReader) str(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	at := cap(r.content) - cap(v) // v = content[at:…] has at fewer bytes of room
	if at >= 0 && at+len(v) <= len(r.content) && &r.content[at] == &v[0] {
		return r.src[at : at+len(v)]
	}
	return string(v)
}

// mapping reads the block mapping whose keys stand indent spaces in, from
// lines[i]; next is the first line after it.
func (r *fastReader) mapping(i, indent, depth int) (m *yaml.Node, next int, ok bool) {
	if depth > maxFastDepth {
		return nil, 0, false
	}
	pairs := make([]*yaml.Node, 0, 2*r.keyLines(i, indent))
	for i < len(r.lines) {
		l := r.lines[i]
		n := spaces(l)
		if n == len(l) {
			if len(l) > 0 {
				return nil, 0, false // a line of spaces: leave it to yaml.v3
			}
			i++
			continue
		}
		if n < indent {
			break
		}
		keyEnd, inline := keyOf(l[n:])
		if n > indent || keyEnd < 0 {
			return nil, 0, false
		}
		key := r.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: r.key(l[n : n+keyEnd]), Line: i + 1, Column: n + 1})
		var val *yaml.Node
		if inline {
			val, next, ok = r.pairValue(i, n+keyEnd, indent)
		} else {
			val, next, ok = r.block(i+1, indent, depth)
			if val == nil && ok { // nothing under the key: a null, just past the colon
				val = r.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: i + 1, Column: n + keyEnd + 2})
			}
		}
		if !ok {
			return nil, 0, false
		}
		pairs = append(pairs, key, val)
		i = next
	}
	if len(pairs) == 0 {
		return nil, 0, false
	}
	return r.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: pairs[0].Line, Column: pairs[0].Column, Content: pairs}), i, true
}

// keyLines counts the lines from lines[i] that stand indent spaces in,
// until one stands less: at most the mapping's keys, so that its list of
// pairs is allocated once.
func (r *fastReader) keyLines(i, indent int) int {
	n := 0
	for _, l := range r.lines[i:] {
		switch sp := spaces(l); {
		case sp == len(l):
		case sp < indent:
			return n
		case sp == indent:
			n++
		}
	}
	return n
}

// key is the key k as a string, without allocating the keys nearly
// every page has (the strings of src keep the whole front matter alive).
func (r *fastReader) key(k []byte) string {
	switch string(k) {
	case "layout":
		return "layout"
	case "title":
		return "title"
	case "permalink":
		return "permalink"
	case "category":
		return "category"
	case "order":
		return "order"
	case "lang":
		return "lang"
	case "redirect_from":
		return "redirect_from"
	case "keywords":
		return "keywords"
	case "description":
		return "description"
	case "date":
		return "date"
	}
	return r.str(k)
}

// keyOf finds the plain key a mapping line starts with: `key: value`
// (inline) or `key:` alone, spaces after it too (a twentieth of the real
// site's pages leave one there); keyEnd is -1 for any other line.
func keyOf(b []byte) (keyEnd int, inline bool) {
	if t := bytes.TrimRight(b, " "); len(t) > 1 && t[len(t)-1] == ':' && plainKey(t[:len(t)-1]) {
		return len(t) - 1, false
	}
	if colon := bytes.Index(b, []byte(": ")); colon > 0 && plainKey(b[:colon]) {
		return colon, true
	}
	return -1, false
}

// spaces counts the spaces a line starts with.
func spaces(l []byte) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

// block reads the value of a `key:` line of a mapping indent spaces in: a
// list or a mapping on the lines from lines[from], or nothing (a nil node
// with ok true: the value is a null) when the next line stands no deeper
// than the key or there is none. ok is false for anything else.
func (r *fastReader) block(from, indent, depth int) (*yaml.Node, int, bool) {
	j := from
	for j < len(r.lines) && len(r.lines[j]) == 0 {
		j++
	}
	if j == len(r.lines) {
		return nil, from, true
	}
	l := r.lines[j]
	n := spaces(l)
	switch {
	case n == len(l):
		return nil, 0, false
	case l[n] == '-' && (n+1 == len(l) || l[n+1] == ' ') && n >= indent:
		return r.sequence(j, n, depth+1) // a list may stand as far in as its key
	case n > indent:
		return r.mapping(j, n, depth+1)
	}
	return nil, from, true
}

// sequence reads the list whose dashes stand indent spaces in, from
// lines[i]: items that are plain values on their line, or mappings.
func (r *fastReader) sequence(i, indent, depth int) (*yaml.Node, int, bool) {
	if depth > maxFastDepth {
		return nil, 0, false
	}
	seq := r.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: i + 1, Column: indent + 1})
	for i < len(r.lines) {
		l := r.lines[i]
		n := spaces(l)
		if n == len(l) {
			if len(l) > 0 {
				return nil, 0, false
			}
			i++
			continue
		}
		dash := l[n] == '-' && (n+1 == len(l) || l[n+1] == ' ')
		if n < indent || n == indent && !dash {
			break
		}
		if n > indent || n+1 == len(l) {
			return nil, 0, false // a deeper line, or an item on the lines below
		}
		lead := n + 2
		for lead < len(l) && l[lead] == ' ' {
			lead++
		}
		if keyEnd, _ := keyOf(l[lead:]); keyEnd >= 0 {
			// a mapping in the item: read as if the dash were a space
			blanked := bytes.Clone(l)
			copy(blanked[n:lead], bytes.Repeat([]byte(" "), lead-n))
			r.lines[i] = blanked
			m, next, ok := r.mapping(i, lead, depth+1)
			if !ok {
				return nil, 0, false
			}
			seq.Content = append(seq.Content, m)
			i = next
			continue
		}
		item := bytes.TrimRight(l[lead:], " ")
		if style, strip, isBlock := blockHeader(item); isBlock {
			// a block scalar as the item (uswds-site's lists of |- texts):
			// its lines stand deeper than the dash
			val, next, ok := blockScalar(r.lines, i+1, indent, style, strip, r.finalBreak)
			if !ok {
				return nil, 0, false
			}
			val.Line, val.Column = i+1, lead+1
			seq.Content = append(seq.Content, r.node(val))
			i = next
			continue
		}
		val, ok := r.scalar(item)
		if !ok {
			return nil, 0, false
		}
		val.Line, val.Column = i+1, lead+1
		seq.Content = append(seq.Content, val)
		i++
	}
	if len(seq.Content) == 0 {
		return nil, 0, false
	}
	return seq, i, true
}

// splitLines cuts content into its lines, without their \n or \r\n.
func splitLines(content []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(content, []byte("\n"))+1)
	for len(content) > 0 {
		end := bytes.IndexByte(content, '\n')
		var l []byte
		if end < 0 {
			l, content = content, nil
		} else {
			l, content = content[:end], content[end+1:]
		}
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		lines = append(lines, l)
	}
	return lines
}

// pairValue reads the value of the key: value line lines[i], whose ": "
// is at colon, in a mapping indent spaces in: a scalar (which may go on
// over deeper lines), or a folded block (>- or >) on the lines below;
// next is the line after it.
func (r *fastReader) pairValue(i, colon, indent int) (val *yaml.Node, next int, ok bool) {
	l, line := r.lines[i], i+1
	if style, strip, isBlock := blockHeader(bytes.TrimRight(l[colon+2:], " ")); isBlock {
		val, next, ok := blockScalar(r.lines, i+1, indent, style, strip, r.finalBreak)
		if !ok {
			return nil, 0, false
		}
		val.Line, val.Column = line, colon+3
		return r.node(val), next, true
	}
	v := l[colon+2:]
	lead := spaces(v)
	first := bytes.TrimRight(v[lead:], " ")
	next = i + 1
	if next < len(r.lines) && len(first) > 1 && (first[0] == '"' || first[0] == '\'') && bytes.IndexByte(first[1:], first[0]) < 0 {
		// a quoted scalar that goes on over the lines below
		quoted, next, ok := quotedLines(r.lines, first, next, indent)
		if !ok {
			return nil, 0, false
		}
		quoted.Line, quoted.Column = line, colon+3+lead
		return r.node(quoted), next, true
	}
	if next < len(r.lines) && deeper(r.lines[next], indent) {
		// a plain scalar that goes on over the lines below
		first, next, ok = plainLines(r.lines, first, next, indent)
		if !ok {
			return nil, 0, false
		}
	}
	val, ok = r.scalar(first)
	if !ok {
		return nil, 0, false
	}
	val.Line, val.Column = line, colon+3+lead
	return val, next, true
}

// deeper reports a line that holds more than spaces and stands more than
// indent spaces in.
func deeper(l []byte, indent int) bool {
	n := spaces(l)
	return n < len(l) && n > indent
}

// plainLines folds a plain scalar that starts with first and goes on over
// the lines from lines[from] deeper than indent, as YAML folds them: each
// line trimmed, joined by a space. It gives up on a first part that is not
// plain, on a blank line inside (a line break in the value) and on a line
// that could be anything but text; next is the line after the value.
func plainLines(lines [][]byte, first []byte, from, indent int) (folded []byte, next int, ok bool) {
	if len(first) == 0 || first[0] == '"' || first[0] == '\'' {
		return nil, 0, false
	}
	folded = append([]byte(nil), first...)
	i := from
	for ; i < len(lines) && deeper(lines[i], indent); i++ {
		l := bytes.Trim(lines[i], " ")
		if indicator(l[0]) || l[len(l)-1] == ':' || bytes.Contains(l, []byte(" #")) ||
			bytes.Contains(l, []byte(": ")) || bytes.IndexByte(l, '\t') >= 0 {
			return nil, 0, false
		}
		folded = append(append(folded, ' '), l...)
	}
	if i < len(lines) && len(lines[i]) > 0 && spaces(lines[i]) == len(lines[i]) {
		return nil, 0, false // a line of spaces
	}
	// after blank lines, a deeper line would go on with the value
	j := i
	for j < len(lines) && len(lines[j]) == 0 {
		j++
	}
	if j > i && j < len(lines) && spaces(lines[j]) > indent {
		return nil, 0, false
	}
	return folded, i, true
}

// quotedLines folds a quoted scalar that opens on first (the rest of its
// line, after the key) and closes on one of the lines from lines[from]
// deeper than indent, as YAML folds a flow scalar: each line's spaces cut
// on both sides (not those before the closing quote), lines joined by a
// space, each blank line between them a line break. It gives up on
// escapes, quotes inside, tabs, lines of spaces, an empty first part and
// anything but spaces after the closing quote; next is the line after it.
func quotedLines(lines [][]byte, first []byte, from, indent int) (val yaml.Node, next int, ok bool) {
	q := first[0]
	body := bytes.TrimRight(first[1:], " ")
	if len(body) == 0 || !quotable(body, q) {
		return yaml.Node{}, 0, false
	}
	folded := append([]byte(nil), body...)
	blank := 0
	for i := from; i < len(lines); i++ {
		l := lines[i]
		if len(l) == 0 {
			blank++
			continue
		}
		if !deeper(l, indent) {
			return yaml.Node{}, 0, false // a line of spaces, or the value never closes
		}
		t := l[spaces(l):]
		seg, rest, closed := bytes.Cut(t, []byte{q})
		if !closed {
			seg = bytes.TrimRight(seg, " ")
		}
		if !quotable(seg, q) || len(bytes.TrimRight(rest, " ")) > 0 {
			return yaml.Node{}, 0, false
		}
		if blank > 0 {
			folded = append(folded, bytes.Repeat([]byte("\n"), blank)...)
		} else {
			folded = append(folded, ' ')
		}
		blank = 0
		folded = append(folded, seg...)
		if closed {
			j := i + 1
			for j < len(lines) && len(lines[j]) == 0 {
				j++
			}
			if j < len(lines) && spaces(lines[j]) > indent {
				return yaml.Node{}, 0, false // more under the value: leave it to yaml.v3
			}
			style := yaml.DoubleQuotedStyle
			if q == '\'' {
				style = yaml.SingleQuotedStyle
			}
			return yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(folded)}, i + 1, true
		}
	}
	return yaml.Node{}, 0, false
}

// quotable reports text a scalar quoted with q of the fast path may hold:
// no q, backslash or tab, only printable characters.
func quotable(b []byte, q byte) bool {
	return bytes.IndexByte(b, q) < 0 && bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '\t') < 0 && printable(b)
}

// indicator reports a byte that YAML may read as syntax at the start of a
// plain scalar.
func indicator(c byte) bool {
	switch c {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '.', '+', '~', '<', '=':
		return true
	}
	return false
}

// scalar is the node of a plain value, or of a quoted one on one line
// without escapes (a fifth of the real site's pages quote a list item).
func (r *fastReader) scalar(v []byte) (*yaml.Node, bool) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		in := v[1 : len(v)-1]
		if bytes.IndexByte(in, v[0]) >= 0 || bytes.IndexByte(in, '\\') >= 0 || bytes.IndexByte(in, '\t') >= 0 || !printable(in) {
			return nil, false // escapes, doubled quotes and the like: yaml.v3
		}
		style := yaml.DoubleQuotedStyle
		if v[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return r.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: r.str(in)}), true
	}
	tag, ok := plainValue(v)
	if !ok {
		return nil, false
	}
	return r.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: r.str(v)}), true
}

// plainKey reports a key of letters, digits, _, - and . (translation keys
// such as `a.b.link`), at most maxKey long
// (YAML reads no longer implicit key: yaml.v3 stops at 1024 characters).
func plainKey(k []byte) bool {
	if len(k) > maxKey {
		return false
	}
	for i, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.')) {
			return false
		}
	}
	switch string(k) {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return false // a boolean or a null key, not a string: yaml.v3
	}
	return len(k) > 0
}

// plainValue returns the tag yaml.v3 gives a plain scalar, for the values
// whose reading is certain; ok is false for the rest.
func plainValue(v []byte) (string, bool) {
	if len(v) == 0 {
		return "", false
	}
	if indicator(v[0]) && v[0] != '.' {
		return "", false
	}
	if v[len(v)-1] == ':' || bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte(": ")) || bytes.ContainsAny(v, "\t") {
		return "", false
	}
	if !printable(v) {
		return "", false
	}
	switch string(v) {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "null", "Null", "NULL":
		return "", false
	}
	if v[0] == '.' {
		// yaml.v3 reads .inf, .nan and what strconv.ParseFloat takes as
		// floats (.5), the rest as strings (../images/)
		if _, err := strconv.ParseFloat(string(v), 64); err == nil || bytes.EqualFold(v, []byte(".inf")) || bytes.EqualFold(v, []byte(".nan")) {
			return "", false
		}
		return "!!str", true
	}
	if v[0] >= '0' && v[0] <= '9' {
		if timestamp(string(v)) {
			return "!!timestamp", true // Jekyll's date:, as yaml.v3 reads it
		}
		if !numberLike(v) {
			return "!!str", true // a version (6.0.0), a time of day, words: no number yaml.v3 reads
		}
		// decimal integers; floats, hexadecimals and the rest go to yaml.v3
		if len(v) > 18 {
			return "", false
		}
		if len(v) > 1 && v[0] == '0' {
			return leadingZero(v)
		}
		if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
			return "", false
		}
		return "!!int", true
	}
	return "!!str", true
}

// leadingZero is the tag yaml.v3 gives digits after a 0 (uswds-site's
// order: 01): an octal integer when they all are octal digits, else a
// float (strconv.ParseInt refuses 09, the float syntax takes it).
func leadingZero(v []byte) (string, bool) {
	tag := "!!int"
	for _, c := range v {
		switch {
		case c == '8' || c == '9':
			tag = "!!float"
		case c < '0' || c > '7':
			return "", false
		}
	}
	return tag, true
}

// numberLike reports whether v, which starts with a digit, could be one of
// the numbers yaml.v3 resolves (an integer in any base, a float, 0b and 0o
// forms): at most one dot, and only the bytes those are written with.
func numberLike(v []byte) bool {
	if bytes.Count(v, []byte(".")) > 1 {
		return false
	}
	for _, c := range v {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || bytes.IndexByte([]byte("._+-xXoO"), c) >= 0) {
			return false
		}
	}
	return true
}

// timestampFormats are the layouts yaml.v3 reads a plain scalar's
// timestamp in (its allowedTimestampFormats), in its order.
var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// timestamp reports a plain scalar yaml.v3 resolves as !!timestamp (its
// parseTimestamp): four digits and a dash, then one of its layouts.
func timestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range timestampFormats {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// blockHeader reads the indicator of a block scalar the fast path takes:
// folded (> or >-) or literal (| or |-), with no indentation digit, keep
// chomping (+) or comment.
func blockHeader(b []byte) (style yaml.Style, strip, ok bool) {
	switch string(b) {
	case ">":
		return yaml.FoldedStyle, false, true
	case ">-":
		return yaml.FoldedStyle, true, true
	case "|":
		return yaml.LiteralStyle, false, true
	case "|-":
		return yaml.LiteralStyle, true, true
	}
	return 0, false, false
}

// blockScalar reads the content of a block scalar starting at lines[from]:
// lines deeper than parent (the mapping's or the list's indentation), of
// one indentation, the first line's. A folded block (yaml.FoldedStyle)
// joins them by a space, a literal one by a line break, and each blank
// line between them is a line break. It gives up on anything else: a
// folded line deeper than the first (YAML keeps its break), tabs, leading
// blank lines, a blank line with spaces past the indentation. It returns
// the node and the index of the first line after the block.
func blockScalar(lines [][]byte, from, parent int, style yaml.Style, strip, finalBreak bool) (yaml.Node, int, bool) {
	literal := style == yaml.LiteralStyle
	indent := -1
	var sb strings.Builder
	blank := 0
	content := 0
	i := from
	for ; i < len(lines); i++ {
		l := lines[i]
		if len(bytes.TrimRight(l, " ")) == 0 {
			if len(l) > 0 && indent >= 0 && len(l) > indent {
				return yaml.Node{}, 0, false // spaces beyond the indentation are content
			}
			blank++
			continue
		}
		n := spaces(l)
		if n <= parent {
			break // the next key or item
		}
		if indent < 0 {
			indent = n
		}
		if n < indent || n > indent && !literal || !printable(l) {
			return yaml.Node{}, 0, false
		}
		if content == 0 && blank > 0 {
			return yaml.Node{}, 0, false
		}
		if content > 0 {
			switch {
			case literal:
				sb.WriteString(strings.Repeat("\n", blank+1))
			case blank > 0:
				sb.WriteString(strings.Repeat("\n", blank))
			default:
				sb.WriteByte(' ')
			}
		}
		blank = 0
		sb.Write(l[indent:]) // a literal line keeps the spaces past the indentation
		content++
	}
	if content == 0 {
		return yaml.Node{}, 0, false
	}
	// trailing blank lines belong to the block; clipped (no -), the value
	// ends in one line break, if the last line had one
	v := sb.String()
	if !strip && (i < len(lines) || blank > 0 || finalBreak) {
		v += "\n"
	}
	return yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: v}, i, true
}

// printable is YAML's test for characters a document may hold (yaml.v3's
// is_printable), less the tab and the characters YAML reads as line breaks
// (U+0085, U+2028, U+2029), which the fast path leaves to yaml.v3.
func printable(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf { // most front matter is ASCII: no rune to decode
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == 0x2028 || r == 0x2029:
			return false // YAML line breaks, like U+0085 below
		case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
		i += size
	}
	return true
}
