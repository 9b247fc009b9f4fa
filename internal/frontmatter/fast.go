package frontmatter

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse builds the node tree of the most common front matter, flat
// `key: plain value` lines and `key:` followed by `- plain item` lines,
// without yaml.v3's per-call setup, which costs more than the parse itself
// on a few lines. It gives up (ok false) on anything else: nesting, flow
// collections, quotes, comments, empty values, and
// any value whose type is not plainly a string, a decimal integer or a
// boolean. FuzzFastParse checks it against yaml.v3 node for node.
func fastParse(content []byte) (doc *yaml.Node, ok bool) {
	if !utf8.Valid(content) {
		return nil, false
	}
	var pairs []*yaml.Node
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
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(l[:len(l)-1]), Line: line, Column: 1}
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			indent := -1
			for i+1 < len(lines) {
				item := lines[i+1]
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
					return nil, false
				}
				lead := n + 2
				for lead < len(item) && item[lead] == ' ' {
					lead++
				}
				v := bytes.TrimRight(item[lead:], " ")
				tag, ok := plainValue(v)
				if !ok {
					return nil, false
				}
				if seq.Line == 0 {
					seq.Line, seq.Column = i+2, n+1
				}
				seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v), Line: i + 2, Column: lead + 1})
				i++
			}
			if len(seq.Content) == 0 {
				return nil, false // key: with nothing below is null: leave it to yaml.v3
			}
			pairs = append(pairs, key, seq)
			continue
		}
		colon := bytes.Index(l, []byte(": "))
		if colon <= 0 || !plainKey(l[:colon]) {
			return nil, false
		}
		v := l[colon+2:]
		lead := 0
		for lead < len(v) && v[lead] == ' ' {
			lead++
		}
		v = bytes.TrimRight(v[lead:], " ")
		tag, ok := plainValue(v)
		if !ok {
			return nil, false
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(l[:colon]), Line: line, Column: 1}
		val := &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v), Line: line, Column: colon + 3 + lead}
		pairs = append(pairs, key, val)
	}
	if len(pairs) == 0 {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: pairs[0].Line, Column: 1, Content: pairs}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: pairs[0].Line, Column: 1, Content: []*yaml.Node{m}}, true
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
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '.', '+', '~', '<', '=':
		return "", false
	}
	if v[len(v)-1] == ':' || bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte(": ")) || bytes.ContainsAny(v, "\t") {
		return "", false
	}
	for _, c := range v {
		if c < 0x20 || c == 0x7f {
			return "", false
		}
	}
	switch string(v) {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "null", "Null", "NULL":
		return "", false
	}
	if v[0] >= '0' && v[0] <= '9' {
		// only a decimal integer without leading zeros; dates, floats, octals and the rest go to yaml.v3
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
