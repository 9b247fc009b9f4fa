package frontmatter

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestErrorLine: each syntax error is placed at the line of its problem,
// 212 here, also where yaml.v3 gives no line or the line before.
func TestErrorLine(t *testing.T) {
	keys := strings.Repeat("key: value\n", 211)
	for _, c := range []struct{ name, bad, msg string }{
		{"a flow sequence never closed", "bad: [1, 2\nz: 1\n", "did not find expected ',' or ']'"},
		{"a mapping value in a plain scalar", "bad: a: b\n", "mapping values are not allowed in this context"},
		{"a tab in the indentation", "\tbad: 1\n", "found a tab character that violates indentation"},
		{"a control character", "bad: a\x01b\n", "control characters are not allowed"},
		{"an unknown anchor", "bad: *nope\n", "unknown anchor 'nope' referenced"},
		{"a quote never closed", "bad: \"a\n", "found unexpected end of stream"},
	} {
		doc := []byte(strings.ReplaceAll(keys, "key", "k") + c.bad)
		var n yaml.Node
		err := yaml.Unmarshal(doc, &n)
		if err == nil {
			t.Fatalf("%s: no error", c.name)
		}
		line, msg, ok := ErrorLine(doc, err)
		if !ok || line != 212 || msg != c.msg {
			t.Errorf("%s: line %d %q %v (from %v), want 212 %q", c.name, line, msg, ok, err, c.msg)
		}
	}
}
