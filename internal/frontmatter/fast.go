package frontmatter

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse builds the node tree of the most common front matter, flat
// `key: plain value` lines (the value may go on over indented lines) and
// `key:` followed by `- plain item` lines, without yaml.v3's per-call
// setup, which costs more than the parse itself on a few lines. It gives
// up (ok false) on anything else: nesting, flow collections, escapes,
// comments, empty values, and any value whose type is not plainly a
// string, a decimal integer, a boolean or a timestamp (a post's date).
// FuzzFastParse checks it against yaml.v3 node for node.
func fastParse(content []byte) (doc *yaml.Node, ok bool) {
	if !utf8.Valid(content) {
		return nil, false
	}
	var pairs []*yaml.Node
	finalBreak := bytes.HasSuffix(content, []byte("\n")) || bytes.HasSuffix(content, []byte("\r")) // YAML reads a lone CR as a line break too
	lines := splitLines(content)
	for i := 0; i < len(lines); i++ {
		l, line := lines[i], i+1
		if len(bytes.TrimRight(l, " ")) == 0 {
			if len(l) > 0 {
				return nil, false // a line of spaces: leave it to yaml.v3
			}
			continue
		}
		if bytes.HasSuffix(l, []byte(":")) && plainKey(l[:len(l)-1]) {
			// key:, then a list of plain items on the lines below
			seq, next, ok := plainList(lines, i+1)
			if !ok {
				return nil, false
			}
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(l[:len(l)-1]), Line: line, Column: 1}
			pairs = append(pairs, key, seq)
			i = next - 1
			continue
		}
		colon := bytes.Index(l, []byte(": "))
		if colon <= 0 || !plainKey(l[:colon]) {
			return nil, false
		}
		val, next, ok := pairValue(lines, i, colon, finalBreak)
		if !ok {
			return nil, false
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(l[:colon]), Line: line, Column: 1}
		pairs = append(pairs, key, val)
		i = next - 1
	}
	if len(pairs) == 0 {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: pairs[0].Line, Column: 1, Content: pairs}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: pairs[0].Line, Column: 1, Content: []*yaml.Node{m}}, true
}

// splitLines cuts content into its lines, without their \n or \r\n.
func splitLines(content []byte) [][]byte {
	var lines [][]byte
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

// plainList reads the list of plain items, equally indented, that starts
// at lines[from]; next is the line after it. ok is false for any other
// shape, and for no item at all (key: with nothing below is null).
func plainList(lines [][]byte, from int) (seq *yaml.Node, next int, ok bool) {
	seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	indent := -1
	i := from
	for ; i < len(lines); i++ {
		item := lines[i]
		n := 0
		for n < len(item) && item[n] == ' ' {
			n++
		}
		if n >= len(item) || item[n] != '-' {
			break
		}
		if indent < 0 {
			indent = n
		}
		if n != indent || n+1 >= len(item) || item[n+1] != ' ' {
			return nil, 0, false
		}
		lead := n + 2
		for lead < len(item) && item[lead] == ' ' {
			lead++
		}
		val, ok := scalarNode(bytes.TrimRight(item[lead:], " "))
		if !ok {
			return nil, 0, false
		}
		if seq.Line == 0 {
			seq.Line, seq.Column = i+1, n+1
		}
		val.Line, val.Column = i+1, lead+1
		seq.Content = append(seq.Content, val)
	}
	if len(seq.Content) == 0 {
		return nil, 0, false
	}
	return seq, i, true
}

// pairValue reads the value of the key: value line lines[i], whose ": "
// is at colon: a scalar, or a folded block (>- or >) on the lines below;
// next is the line after it.
func pairValue(lines [][]byte, i, colon int, finalBreak bool) (val *yaml.Node, next int, ok bool) {
	l, line := lines[i], i+1
	if ind := bytes.TrimRight(l[colon+2:], " "); bytes.Equal(ind, []byte(">-")) || bytes.Equal(ind, []byte(">")) {
		val, next, ok := foldedBlock(lines, i+1, string(ind) == ">-", finalBreak)
		if !ok {
			return nil, 0, false
		}
		val.Line, val.Column = line, colon+3
		return val, next, true
	}
	v := l[colon+2:]
	lead := 0
	for lead < len(v) && v[lead] == ' ' {
		lead++
	}
	first := bytes.TrimRight(v[lead:], " ")
	next = i + 1
	if next < len(lines) && indented(lines[next]) {
		// a plain scalar that goes on over the lines below
		first, next, ok = plainLines(lines, first, next)
		if !ok {
			return nil, 0, false
		}
	}
	val, ok = scalarNode(first)
	if !ok {
		return nil, 0, false
	}
	val.Line, val.Column = line, colon+3+lead
	return val, next, true
}

// indented reports a line that starts with a space and holds more.
func indented(l []byte) bool {
	return len(l) > 0 && l[0] == ' ' && len(bytes.TrimLeft(l, " ")) > 0
}

// plainLines folds a plain scalar that starts with first and goes on over
// the indented lines from lines[from], as YAML folds them: each line
// trimmed, joined by a space. It gives up on a first part that is not
// plain, on a blank line inside (a line break in the value) and on a line
// that could be anything but text; next is the line after the value.
func plainLines(lines [][]byte, first []byte, from int) (folded []byte, next int, ok bool) {
	if len(first) == 0 || first[0] == '"' || first[0] == '\'' {
		return nil, 0, false
	}
	folded = append([]byte(nil), first...)
	i := from
	for ; i < len(lines) && indented(lines[i]); i++ {
		l := bytes.Trim(lines[i], " ")
		if indicator(l[0]) || l[len(l)-1] == ':' || bytes.Contains(l, []byte(" #")) ||
			bytes.Contains(l, []byte(": ")) || bytes.IndexByte(l, '\t') >= 0 {
			return nil, 0, false
		}
		folded = append(append(folded, ' '), l...)
	}
	if i < len(lines) && len(lines[i]) > 0 && lines[i][0] == ' ' {
		return nil, 0, false // a line of spaces
	}
	if i < len(lines) && len(lines[i]) == 0 {
		// a blank line: the value ends there only if no indented line follows
		for j := i; j < len(lines) && len(lines[j]) == 0; j++ {
			if j+1 < len(lines) && len(lines[j+1]) > 0 && lines[j+1][0] == ' ' {
				return nil, 0, false
			}
		}
	}
	return folded, i, true
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

// scalarNode is the node of a plain value, or of a quoted one on one line
// without escapes (a fifth of the real site's pages quote a list item).
func scalarNode(v []byte) (*yaml.Node, bool) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		in := v[1 : len(v)-1]
		if bytes.IndexByte(in, v[0]) >= 0 || bytes.IndexByte(in, '\\') >= 0 || bytes.IndexByte(in, '\t') >= 0 || !printable(in) {
			return nil, false // escapes, doubled quotes and the like: yaml.v3
		}
		style := yaml.DoubleQuotedStyle
		if v[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(in)}, true
	}
	tag, ok := plainValue(v)
	if !ok {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v)}, true
}

func plainKey(k []byte) bool {
	for i, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return len(k) > 0
}

// plainValue returns the tag yaml.v3 gives a plain scalar, for the values
// whose reading is certain; ok is false for the rest.
func plainValue(v []byte) (string, bool) {
	if len(v) == 0 {
		return "", false
	}
	if indicator(v[0]) {
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
	if v[0] >= '0' && v[0] <= '9' {
		if timestamp(string(v)) {
			return "!!timestamp", true // Jekyll's date:, as yaml.v3 reads it
		}
		// only a decimal integer without leading zeros; floats, octals and the rest go to yaml.v3
		if (len(v) > 1 && v[0] == '0') || len(v) > 18 {
			return "", false
		}
		if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
			return "", false
		}
		return "!!int", true
	}
	return "!!str", true
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

// foldedBlock reads the content of a folded block scalar (> or >-) starting
// at lines[from]: lines of one indentation, joined by a space, with each
// blank line between them a line break. It gives up on anything else
// (deeper indentation, tabs, leading blank lines). It returns the node and
// the index of the first line after the block.
func foldedBlock(lines [][]byte, from int, strip, finalBreak bool) (*yaml.Node, int, bool) {
	indent := -1
	var sb strings.Builder
	blank := 0
	content := 0
	i := from
	for ; i < len(lines); i++ {
		l := lines[i]
		if len(bytes.TrimRight(l, " ")) == 0 {
			if len(l) > 0 && indent >= 0 && len(l) > indent {
				return nil, 0, false // spaces beyond the indentation are content
			}
			blank++
			continue
		}
		n := 0
		for n < len(l) && l[n] == ' ' {
			n++
		}
		if n == 0 {
			break // the next key
		}
		if indent < 0 {
			indent = n
		}
		if n != indent || !printable(l) {
			return nil, 0, false
		}
		if content == 0 && blank > 0 {
			return nil, 0, false
		}
		if content > 0 {
			if blank > 0 {
				sb.WriteString(strings.Repeat("\n", blank))
			} else {
				sb.WriteByte(' ')
			}
		}
		blank = 0
		sb.Write(l[n:])
		content++
	}
	if content == 0 {
		return nil, 0, false
	}
	// trailing blank lines belong to the block; with > (clip) the value ends
	// in one line break, if the last line had one
	v := sb.String()
	if !strip && (i < len(lines) || blank > 0 || finalBreak) {
		v += "\n"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.FoldedStyle, Value: v}, i, true
}

// printable is YAML's test for characters a document may hold (yaml.v3's
// is_printable), less the tab and the characters YAML reads as line breaks
// (U+0085, U+2028, U+2029), which the fast path leaves to yaml.v3.
func printable(b []byte) bool {
	for i := 0; i < len(b); {
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
