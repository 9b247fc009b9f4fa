package output

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape makes s safe to print on a terminal: control characters (C0, DEL
// and C1, which hold the escape codes that move the cursor or rewrite the
// screen), the characters that reorder text (bidirectional overrides and
// isolates), and bytes that are not UTF-8 are written as Go escapes
// (\n, \x1b, \u202e, \xff). A file name with a newline or an escape code
// then reads as one name and cannot rewrite the terminal. Other text is
// returned as it is, without copying.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r, size) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r, size):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether a decoded rune must not reach a terminal raw.
func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// EscapeMessage is Escape for a problem's message, except that the report
// of an internal error keeps its lines: its stack trace is read by people
// and pasted into bug reports.
func EscapeMessage(s string) string {
	if !strings.HasPrefix(s, "internal error") {
		return Escape(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(Escape(strings.ReplaceAll(l, "\t", "    ")), `\t`, "\t")
	}
	return strings.Join(lines, "\n")
}
