package page

import (
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/source"
)

// IAL is a kramdown inline attribute list: `{:class="x"}`, `{: .number-list}`, `{#id}`.
type IAL struct {
	Span    source.Span
	Classes []string
	ID      string
	Attrs   map[string]string
	// Refs name attribute list definitions (`{:name: .class}`) whose
	// attributes the list takes, as kramdown applies them.
	Refs []string
	// Text is the list as written (the text at Span) on a link.
	Text string
}

// HasClass reports whether the IAL sets class c.
func (a *IAL) HasClass(c string) bool {
	if a == nil {
		return false
	}
	for _, x := range a.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// parseIAL reads an attribute list starting at text[start] == '{' on one
// line. It returns false when the text is not an attribute list kramdown
// accepts: kramdown wants `{:` (or `{#`/`{.` for header ids), then
// `.class`, `#id`, `key="v"` or `key='v'` items, then `}`.
func parseIAL(text []byte, start int) (IAL, bool) {
	a := IAL{Span: source.Span{Start: start}}
	i := start
	if i >= len(text) || text[i] != '{' {
		return a, false
	}
	i++
	if i < len(text) && text[i] == ':' {
		i++
	} else if i >= len(text) || (text[i] != '#' && text[i] != '.') {
		return a, false
	}
	for {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if i >= len(text) || text[i] == '\n' || text[i] == '\r' {
			return a, false
		}
		c := text[i]
		if c == '}' {
			a.Span.End = i + 1
			return a, true
		}
		j := i
		for j < len(text) && !strings.ContainsRune(" \t\r\n}=", rune(text[j])) {
			j++
		}
		word := string(text[i:j])
		switch {
		case (c == '.' || c == '#') && len(word) > 1:
			// kramdown reads `.a.b#c` as classes a and b and id c
			for _, part := range splitIALWord(word) {
				if part[0] == '.' {
					a.Classes = append(a.Classes, part[1:])
				} else {
					a.ID = part[1:]
				}
			}
			i = j
		case j < len(text) && text[j] == '=' && word != "":
			k := j + 1
			if k >= len(text) || (text[k] != '"' && text[k] != '\'') {
				return a, false
			}
			q := text[k]
			e := k + 1
			for e < len(text) && text[e] != q && text[e] != '\n' {
				if text[e] == '\\' {
					e++
				}
				e++
			}
			if e >= len(text) || text[e] != q {
				return a, false
			}
			val := string(text[k+1 : e])
			if a.Attrs == nil {
				a.Attrs = map[string]string{}
			}
			a.Attrs[word] = val
			switch word {
			case "class":
				a.Classes = append(a.Classes, strings.Fields(val)...)
			case "id":
				a.ID = val
			}
			i = e + 1
		case word != "" && !strings.ContainsAny(word, "\"'"):
			a.Refs = append(a.Refs, word) // a reference to an attribute list definition
			i = j
		default:
			return a, false
		}
	}
}

// splitIALWord splits `.a.b#c` into `.a`, `.b`, `#c`, dropping empty parts.
func splitIALWord(w string) []string {
	var parts []string
	for len(w) > 0 {
		k := strings.IndexAny(w[1:], ".#") + 1
		if k == 0 {
			k = len(w)
		}
		if k > 1 {
			parts = append(parts, w[:k])
		}
		w = w[k:]
	}
	return parts
}

// parseALD reads an attribute list definition `{:name: .class #id k="v"}`
// standing alone on the line from start.
func parseALD(line []byte, start int) (string, IAL, bool) {
	i := start + 2
	if !strings.HasPrefix(string(line[start:]), "{:") {
		return "", IAL{}, false
	}
	j := i
	for j < len(line) && (line[j] == '-' || line[j] == '_' || isASCIILetter(line[j]) || line[j] >= '0' && line[j] <= '9') {
		j++
	}
	if j == i || j >= len(line) || line[j] != ':' {
		return "", IAL{}, false
	}
	// the rest reads as an attribute list: `{:` + what follows the name's colon
	body := append([]byte("{:"), line[j+1:]...)
	a, ok := parseIAL(body, 0)
	if !ok {
		return "", IAL{}, false
	}
	a.Span = source.Span{Start: start, End: j + 1 + a.Span.End - 2}
	return string(line[i:j]), a, true
}

// apply adds to a the attributes of the definitions it references: classes
// add up, an id or attribute of the list itself wins.
func (a *IAL) apply(alds map[string]IAL) {
	for _, r := range a.Refs {
		d, ok := alds[r]
		if !ok {
			continue
		}
		a.Classes = append(slices.Clone(d.Classes), a.Classes...)
		if a.ID == "" {
			a.ID = d.ID
		}
		for k, v := range d.Attrs {
			if _, set := a.Attrs[k]; !set {
				if a.Attrs == nil {
					a.Attrs = map[string]string{}
				}
				a.Attrs[k] = v
			}
		}
	}
}
