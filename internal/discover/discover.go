// Package discover finds the files helplint lints: it walks folders,
// follows symbolic links without looping, and skips what Jekyll and git
// would skip.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/helplint/helplint/internal/readfile"
)

// skipDirs are folders never walked.
var skipDirs = map[string]bool{".git": true, "_site": true, "node_modules": true, "vendor": true, ".jekyll-cache": true, ".sass-cache": true}

// File is a file found by a walk.
type File struct {
	// Path is the path as the user would write it: the named path, or the named folder joined with the file's path inside it.
	Path string
	// Abs is the absolute path with symbolic links resolved.
	Abs string
}

// Options steer a walk.
type Options struct {
	// Gitignore makes the walk honour .gitignore files (from the repository root down).
	Gitignore bool
	// Match selects files by name; nil takes every file.
	Match func(name string) bool
}

// IsPageName reports whether a file name is one helplint reads as a page.
func IsPageName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown" || ext == ".html"
}

// Walk returns the files under the named paths, sorted by path, each once.
// A path that does not exist is an error; the others are still walked.
func Walk(paths []string, opt Options) ([]File, []error) {
	return walkAll(paths, opt, nil)
}

// WalkTraced is Walk, and also returns the trace of what it read.
func WalkTraced(paths []string, opt Options) ([]File, []error, Trace) {
	tr := &tracer{}
	files, errs := walkAll(paths, opt, tr)
	if len(errs) > 0 {
		tr.fail()
	}
	return files, errs, tr.t
}

func walkAll(paths []string, opt Options, tr *tracer) ([]File, []error) {
	var files []File
	var errs []error
	linked := len(paths) > 1 // several paths, or symbolic links, can reach a file twice
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		if li, err := os.Lstat(p); err != nil || li.Mode()&fs.ModeSymlink != 0 {
			tr.fail() // a named link can be pointed elsewhere without any mark seeing it
		}
		if !fi.IsDir() {
			abs, err := realPath(p)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
				continue
			}
			files = append(files, File{Path: p, Abs: abs})
			tr.probe(abs, true)
			continue
		}
		w := &walker{opt: opt, sem: make(chan struct{}, 2*runtime.GOMAXPROCS(0)), tr: tr}
		root, err := realPath(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		var ig *Ignore
		if opt.Gitignore {
			ig = repoIgnore(root, tr)
		}
		w.walk(filepath.Clean(p), root, "", nil, ig)
		w.wg.Wait()
		n := len(files)
		for _, d := range w.dirs {
			n += len(d)
		}
		files = slices.Grow(files, n-len(files))
		for _, d := range w.dirs {
			files = append(files, d...)
		}
		linked = linked || w.linked
		if w.linked {
			tr.fail() // a link's target can change without any mark seeing it
		}
		slices.SortFunc(w.errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		errs = append(errs, w.errs...)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if linked {
		// each file once, under the first of its paths
		seen := make(map[string]bool, len(files))
		files = slices.DeleteFunc(files, func(f File) bool {
			dup := seen[f.Abs]
			seen[f.Abs] = true
			return dup
		})
	}
	return files, errs
}

// entry is a name in a folder and its type (fs.ModeDir, fs.ModeSymlink or 0).
type entry struct {
	name string
	mode fs.FileMode
}

// walker walks folders side by side: on a large site, reading folders is
// a tenth of a pre-commit run, and a second CPU halves it.
type walker struct {
	opt Options
	sem chan struct{} // a slot per folder read on its own goroutine
	wg  sync.WaitGroup
	tr  *tracer // nil when not tracing

	mu     sync.Mutex
	dirs   [][]File // the files of each folder, joined once the walk is over
	errs   []error
	linked bool // a symbolic link was followed
}

// bufs are the buffers folders are read into.
var bufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

func (w *walker) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

// walk lists folder dir (named as shown, real path abs, rel from the walk's
// root) with the .gitignore patterns ig of the folders above (nil without
// .gitignore handling). ancestors holds the real paths of the folders
// above, to stop at a symlink loop.
func (w *walker) walk(shown, abs, rel string, ancestors []string, ig *Ignore) {
	for _, a := range ancestors {
		if a == abs {
			return // a symbolic link back to a folder above: a loop
		}
	}
	ancestors = append(ancestors[:len(ancestors):len(ancestors)], abs) // a copy: siblings walk at once
	// stamped before the listing, so that a change during it shows
	w.tr.stamp(abs)
	buf := bufs.Get().(*[]byte)
	entries, err := readDir(abs, buf)
	bufs.Put(buf)
	if err != nil {
		w.fail(fmt.Errorf("%s: %w", shown, err))
		return
	}
	if ig != nil && slices.ContainsFunc(entries, func(e entry) bool { return e.name == ".gitignore" }) {
		ig = ig.with(abs, rel, w.tr)
	}
	files := make([]File, 0, len(entries))
	linked := false
	for _, e := range entries {
		name := e.name
		isDir, isLink := e.mode.IsDir(), e.mode&fs.ModeSymlink != 0
		if !isDir && !isLink && w.opt.Match != nil && !w.opt.Match(name) {
			continue // before building its paths: most files of a site are not pages
		}
		childShown := join(shown, name)
		childRel := name
		if rel != "" && (isDir || isLink || ig != nil) {
			childRel = rel + "/" + name
		}
		childAbs := childShown // the same string when the walk started from the real path
		if shown != abs {
			childAbs = join(abs, name)
		}
		if isLink {
			linked = true
			target, err := filepath.EvalSymlinks(childAbs)
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					w.fail(fmt.Errorf("%s: %w", childShown, err))
				}
				continue // a dangling link is not a file to lint
			}
			fi, err := os.Stat(target)
			if err != nil {
				continue
			}
			childAbs, isDir = target, fi.IsDir()
		}
		if isDir {
			if skipDirs[name] || strings.HasPrefix(name, ".") {
				continue
			}
			if ig != nil && ig.Ignored(childRel, true) {
				continue
			}
			select {
			case w.sem <- struct{}{}:
				w.wg.Add(1)
				go func() {
					defer func() { <-w.sem; w.wg.Done() }()
					w.walk(childShown, childAbs, childRel, ancestors, ig)
				}()
			default: // enough folders are read at once: this one in turn
				w.walk(childShown, childAbs, childRel, ancestors, ig)
			}
			continue
		}
		if w.opt.Match != nil && !w.opt.Match(name) {
			continue
		}
		if ig != nil && ig.Ignored(childRel, false) {
			continue
		}
		files = append(files, File{Path: childShown, Abs: childAbs})
	}
	w.mu.Lock()
	if len(files) > 0 {
		w.dirs = append(w.dirs, files)
	}
	w.linked = w.linked || linked
	w.mu.Unlock()
}

// join is filepath.Join for a clean dir and a name read from it, without
// Join's cleaning pass: the walk joins every file of the site.
func join(dir, name string) string {
	switch {
	case dir == ".":
		return name
	case os.IsPathSeparator(dir[len(dir)-1]):
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// realPath is the absolute path with symbolic links resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// repoIgnore loads the .gitignore files from the repository root above dir
// down to dir, so a walk that starts inside a repository honours them.
func repoIgnore(dir string, tr *tracer) *Ignore {
	ig := &Ignore{}
	var chain []string
	for d := dir; ; d = filepath.Dir(d) {
		chain = append(chain, d)
		git := filepath.Join(d, ".git")
		_, err := os.Stat(git)
		tr.probe(git, err == nil)
		if err == nil || filepath.Dir(d) == d {
			break
		}
	}
	// Patterns of folders above the walk's root match paths from their own
	// folder, as in git: the walk's paths are prefixed with the root's path
	// from the top.
	top := chain[len(chain)-1]
	prefix, _ := filepath.Rel(top, dir)
	if prefix == "." {
		prefix = ""
	}
	ig.prefix = filepath.ToSlash(prefix)
	for i := len(chain) - 1; i >= 1; i-- {
		p := filepath.Join(chain[i], ".gitignore")
		data, st, err := readfile.Read(p, maxIgnoreSize)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			tr.probe(p, false)
			continue
		case err != nil:
			tr.fail()
			continue
		}
		tr.mark(Mark{Path: p, Kind: Stamped, Stamp: st})
		base, _ := filepath.Rel(top, chain[i])
		if base == "." {
			base = ""
		}
		ig.add(data, filepath.ToSlash(base))
	}
	return ig
}
