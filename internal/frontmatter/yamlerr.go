package frontmatter

import (
	"bytes"
	"regexp"
	"strconv"
)

var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// ErrorLine returns the 1-based line of doc, a YAML document, that a
// yaml.v3 syntax error is about, and the error's message without yaml.v3's
// "yaml: line N: " prefix. yaml.v3 gives some errors no line (control
// characters, an unknown anchor: they read as line 1) and others the line
// of the token before the problem (a tab in the indentation); for those,
// the line is found in doc. ok is false for an error that is not yaml.v3's.
func ErrorLine(doc []byte, err error) (line int, msg string, ok bool) {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, err.Error(), false
	}
	n, _ := strconv.Atoi(m[1])
	if parserProblems[m[2]] || m[1] == "" {
		n++
	}
	msg = m[2]
	lines := bytes.SplitAfter(doc, []byte("\n"))
	find := func(from int, match func(l []byte) bool) int {
		for i := max(from, 1); i <= len(lines); i++ {
			if match(lines[i-1]) {
				return i
			}
		}
		return n
	}
	switch {
	case msg == "control characters are not allowed":
		n = find(1, func(l []byte) bool { return bytes.ContainsFunc(l, isControl) })
	case unknownAnchor.MatchString(msg):
		alias := "*" + unknownAnchor.FindStringSubmatch(msg)[1]
		n = find(1, func(l []byte) bool { return bytes.Contains(l, []byte(alias)) })
	case msg == "found a tab character that violates indentation":
		n = find(n, func(l []byte) bool {
			lead := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
			return bytes.IndexByte(lead, '\t') >= 0 && len(bytes.TrimSpace(l)) > 0
		})
	}
	return n, msg, true
}

// isControl is a character yaml.v3 refuses in a document: C0 controls but
// tab and line breaks, DEL, and C1 controls but NEL.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 && r != 0x85
}
