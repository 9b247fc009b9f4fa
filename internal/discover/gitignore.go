package discover

import (
	"bufio"
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/readfile"
	"github.com/helplint/helplint/internal/site"
)

// ignorePattern is one line of a .gitignore file.
type ignorePattern struct {
	base    string // folder of the .gitignore, relative to the walk's root ("" for the root)
	glob    string
	negate  bool
	dirOnly bool
	// anchored patterns (holding a '/') match the path from base; the others match any base name.
	anchored bool
}

// Ignore is the set of .gitignore patterns that apply in a folder: those
// of the folders above it and its own. It is not changed once built, so
// that folders are walked side by side.
type Ignore struct {
	patterns []ignorePattern
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
	out := &Ignore{patterns: slices.Clone(ig.patterns)}
	out.add(data, rel)
	return out
}

func (ig *Ignore) add(data []byte, base string) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := ignorePattern{base: base}
		if strings.HasPrefix(line, "!") {
			p.negate = true
			line = line[1:]
		}
		line = strings.TrimPrefix(line, `\`)
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

// Ignored reports whether rel (slash path from the walk's root) is ignored;
// the last matching pattern wins, as in git.
func (ig *Ignore) Ignored(rel string, isDir bool) bool {
	ignored := false
	for _, p := range ig.patterns {
		if p.dirOnly && !isDir {
			continue
		}
		r := rel
		if p.base != "" {
			if !strings.HasPrefix(rel, p.base+"/") {
				continue
			}
			r = rel[len(p.base)+1:]
		}
		var ok bool
		if p.anchored {
			ok = site.GlobMatch(p.glob, r)
		} else {
			ok, _ = path.Match(p.glob, path.Base(r))
		}
		if ok {
			ignored = !p.negate
		}
	}
	return ignored
}
