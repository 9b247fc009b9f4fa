package discover

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/readfile"
)

// ignorePattern is one line of a .gitignore file.
type ignorePattern struct {
	base    string // folder of the .gitignore, from the top of the repository ("" for the top)
	glob    string
	negate  bool
	dirOnly bool
	// anchored patterns (holding a '/' before the end) match the path from
	// base; the others match the base name, at any depth.
	anchored bool
}

// Ignore is the set of .gitignore patterns that apply in a folder: those
// of the folders above it and its own. It is not changed once built, so
// that folders are walked side by side.
type Ignore struct {
	patterns []ignorePattern
	// prefix is the walk's root from the top of the repository ("" when
	// they are one), so that patterns of folders above the root match the
	// paths they would in git.
	prefix string
}

// maxIgnoreSize bounds the .gitignore files read.
const maxIgnoreSize = 16 << 20

// with returns the patterns of ig and those of the .gitignore in folder
// dir (rel is its path from the root), which tr marks.
func (ig *Ignore) with(dir, rel string, tr *tracer) *Ignore {
	p := dir + "/.gitignore"
	data, st, err := readfile.Read(p, maxIgnoreSize)
	if err != nil {
		tr.fail()
		return ig
	}
	tr.mark(Mark{Path: p, Kind: Stamped, Stamp: st})
	out := &Ignore{patterns: slices.Clone(ig.patterns), prefix: ig.prefix}
	out.add(data, joinRel(ig.prefix, rel))
	return out
}

// joinRel joins slash paths of which either may be "".
func joinRel(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "/" + b
}

// add reads the patterns of a .gitignore in folder base, as git's dir.c
// does: a leading byte order mark is skipped, # starts a comment, trailing
// spaces go unless escaped, ! negates, a trailing / matches folders only.
func (ig *Ignore) add(data []byte, base string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxIgnoreSize)
	for sc.Scan() {
		line := trimTrailingSpaces(strings.TrimSuffix(sc.Text(), "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := ignorePattern{base: base}
		if strings.HasPrefix(line, "!") {
			p.negate = true
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			p.dirOnly = true
			line = strings.TrimSuffix(line, "/")
		}
		if strings.Contains(line, "/") {
			p.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if line == "" {
			continue
		}
		p.glob = line
		ig.patterns = append(ig.patterns, p)
	}
}

// trimTrailingSpaces drops the spaces at the end of a line, but not one
// escaped with a backslash (git's trim_trailing_spaces).
func trimTrailingSpaces(s string) string {
	lastSpace := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			if lastSpace < 0 {
				lastSpace = i
			}
		case '\\':
			i++
			if i >= len(s) {
				return s
			}
			lastSpace = -1
		default:
			lastSpace = -1
		}
	}
	if lastSpace >= 0 {
		return s[:lastSpace]
	}
	return s
}

// Ignored reports whether rel (slash path from the walk's root) is ignored;
// the last matching pattern wins, as in git. (A path inside an ignored
// folder is never asked about: the walk does not enter the folder.)
func (ig *Ignore) Ignored(rel string, isDir bool) bool {
	full := joinRel(ig.prefix, rel)
	for i := len(ig.patterns) - 1; i >= 0; i-- {
		p := &ig.patterns[i]
		if p.dirOnly && !isDir {
			continue
		}
		r := full
		if p.base != "" {
			if !strings.HasPrefix(full, p.base+"/") {
				continue
			}
			r = full[len(p.base)+1:]
		}
		if !p.anchored {
			r = path.Base(r)
		}
		if wildmatch(p.glob, r) {
			return !p.negate
		}
	}
	return false
}
