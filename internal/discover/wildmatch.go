package discover

import "strings"

// wildmatch's results, as in git's wildmatch.c: abortAll and abortToStarStar
// end the backtracking of the stars that cannot help any more.
const (
	wmMatch = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// wildmatch reports whether text matches the gitignore pattern p, as git's
// wildmatch does with WM_PATHNAME: * and ? never match a /, ** between
// slashes (or at either end) matches any number of folders, [...] is a
// class (negated by ! or ^, with ranges and [:alpha:]-style names), and \
// makes the next character literal. Bytes are compared, as git does.
func wildmatch(p, text string) bool { return dowild(p, text) == wmMatch }

func dowild(p, text string) int {
	pi, ti := 0, 0
	for ; pi < len(p); pi, ti = pi+1, ti+1 {
		pc := p[pi]
		if ti >= len(text) && pc != '*' {
			return wmAbortAll
		}
		switch pc {
		case '\\':
			// the next character literally; a trailing \ matches nothing
			pi++
			if pi >= len(p) || text[ti] != p[pi] {
				return wmNoMatch
			}
		case '?':
			if text[ti] == '/' {
				return wmNoMatch
			}
		case '*':
			return star(p, pi, text, ti)
		case '[':
			end, ok := class(p, pi, text[ti])
			if end < 0 {
				return wmAbortAll
			}
			if !ok || text[ti] == '/' {
				return wmNoMatch
			}
			pi = end
		default:
			if text[ti] != pc {
				return wmNoMatch
			}
		}
	}
	if ti < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

// star matches the * or ** at p[pi] and the rest of the pattern against text[ti:].
func star(p string, pi int, text string, ti int) int {
	matchSlash := false
	pi++
	if pi < len(p) && p[pi] == '*' {
		prev := pi - 2
		for pi < len(p) && p[pi] == '*' {
			pi++
		}
		if (prev < 0 || p[prev] == '/') && (pi == len(p) || p[pi] == '/' || strings.HasPrefix(p[pi:], `\/`)) {
			// "**/" may match no folder at all: foo/**/bar matches foo/bar
			if pi < len(p) && p[pi] == '/' && dowild(p[pi+1:], text[ti:]) == wmMatch {
				return wmMatch
			}
			matchSlash = true
		}
	}
	if pi == len(p) {
		// a trailing ** matches everything, a trailing * what has no /
		if !matchSlash && strings.IndexByte(text[ti:], '/') >= 0 {
			return wmNoMatch
		}
		return wmMatch
	}
	if !matchSlash && p[pi] == '/' {
		// one * before a slash matches the rest of a folder name
		slash := strings.IndexByte(text[ti:], '/')
		if slash < 0 {
			return wmNoMatch
		}
		return dowild(p[pi+1:], text[ti+slash+1:])
	}
	for ; ti < len(text); ti++ {
		if r := dowild(p[pi:], text[ti:]); r != wmNoMatch {
			if !matchSlash || r != wmAbortToStarStar {
				return r
			}
		} else if !matchSlash && text[ti] == '/' {
			return wmAbortToStarStar
		}
	}
	return wmAbortAll
}

// class matches the character class that opens at p[pi] against c: it
// returns the index of the class's closing ] (-1 when it has none: the
// pattern matches nothing) and whether c is in the class.
func class(p string, pi int, c byte) (int, bool) {
	pi++
	negated := pi < len(p) && (p[pi] == '!' || p[pi] == '^')
	if negated {
		pi++
	}
	matched := false
	var prev byte
	first := true
	for ; first || pi < len(p) && p[pi] != ']'; pi++ {
		first = false
		if pi >= len(p) {
			return -1, false
		}
		pc := p[pi]
		switch {
		case pc == '\\':
			pi++
			if pi >= len(p) {
				return -1, false
			}
			pc = p[pi]
			matched = matched || c == pc
		case pc == '-' && prev != 0 && pi+1 < len(p) && p[pi+1] != ']':
			pi++
			hi := p[pi]
			if hi == '\\' {
				pi++
				if pi >= len(p) {
					return -1, false
				}
				hi = p[pi]
			}
			matched = matched || c >= prev && c <= hi
			pc = 0 // a range is no start of another
		case pc == '[' && pi+1 < len(p) && p[pi+1] == ':':
			end := strings.IndexByte(p[pi+2:], ']')
			if end < 0 {
				return -1, false
			}
			name := p[pi+2 : pi+2+end]
			if !strings.HasSuffix(name, ":") {
				matched = matched || c == '[' // no ":]": a plain [
				break
			}
			in, known := posixClass(strings.TrimSuffix(name, ":"), c)
			if !known {
				return -1, false
			}
			matched = matched || in
			pi += 2 + end
			pc = 0
		default:
			matched = matched || c == pc
		}
		prev = pc
	}
	if pi >= len(p) {
		return -1, false
	}
	return pi, matched != negated
}

// posixClass tells whether c is in the POSIX class name, and whether git
// knows the name.
func posixClass(name string, c byte) (in, known bool) {
	lower, upper, digit := c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
	alpha := lower || upper
	graph := c > ' ' && c < 0x7f
	switch name {
	case "alnum":
		return alpha || digit, true
	case "alpha":
		return alpha, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < ' ' || c == 0x7f, true
	case "digit":
		return digit, true
	case "graph":
		return graph, true
	case "lower":
		return lower, true
	case "print":
		return graph || c == ' ', true
	case "punct":
		return graph && !alpha && !digit, true
	case "space":
		return c == ' ' || c >= '\t' && c <= '\r', true
	case "upper":
		return upper, true
	case "xdigit":
		return digit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F', true
	}
	return false, false
}
