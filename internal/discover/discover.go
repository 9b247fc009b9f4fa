// Package discover finds the files helplint lints: it walks folders,
// follows symbolic links that stay inside the walked folder (each real
// folder once), and skips what Jekyll and git would skip.
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
	// Note, when set, is told of each entry the walk passes over that a
	// user may have meant (--verbose lists them): a symbolic link that
	// leaves the walked folder, a special file such as a named pipe. It is
	// called after the walk, in path order.
	Note func(path, why string)
	// Fault, when set, gives an error to report instead of reading a
	// folder (tests: a root process reads every folder).
	Fault func(dir string) error
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
		root, err := realPath(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		w := &walker{opt: opt, sem: make(chan struct{}, 2*runtime.GOMAXPROCS(0)), tr: tr, root: root}
		var ig *Ignore
		if opt.Gitignore {
			ig = repoIgnore(root, tr)
		}
		w.walk(filepath.Clean(p), root, "", ig)
		w.wg.Wait()
		w.followLinks()
		w.tell()
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

	root    string   // the real path of the folder walked: links are followed inside it only
	visited sync.Map // real paths of the folders read, each once

	mu     sync.Mutex
	dirs   [][]File // the files of each folder, joined once the walk is over
	errs   []error
	linked bool        // a symbolic link was followed
	links  []linkDir   // links to folders inside the root, followed after the walk
	notes  [][2]string // path, why: what Options.Note is told
}

// linkDir is a symbolic link to a folder, found by the walk.
type linkDir struct {
	shown, abs, rel string
	ig              *Ignore
}

// bufs are the buffers folders are read into.
var bufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

func (w *walker) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

// followLinks walks the folders that symbolic links lead to and the walk
// has not read, in the order of the links' paths (so that which path a
// folder is listed under does not depend on timing), until none is left.
// A link to a folder the walk read is passed over: each real folder once,
// so a link to the root, or ten links at each of six levels, cost nothing.
func (w *walker) followLinks() {
	for len(w.links) > 0 {
		links := w.links
		w.links = nil
		slices.SortFunc(links, func(a, b linkDir) int { return strings.Compare(a.shown, b.shown) })
		for _, l := range links {
			w.walk(l.shown, l.abs, l.rel, l.ig)
			w.wg.Wait()
		}
	}
}

// tell hands the walk's notes to Options.Note, in path order.
func (w *walker) tell() {
	if w.opt.Note == nil {
		return
	}
	slices.SortFunc(w.notes, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for _, n := range w.notes {
		w.opt.Note(n[0], n[1])
	}
}

func (w *walker) note(path, why string) {
	w.mu.Lock()
	w.notes = append(w.notes, [2]string{path, why})
	w.mu.Unlock()
}

// inside reports whether real path abs is the walk's root or below it.
func (w *walker) inside(abs string) bool {
	return abs == w.root || strings.HasPrefix(abs, w.root) && (os.IsPathSeparator(w.root[len(w.root)-1]) || os.IsPathSeparator(abs[len(w.root)]))
}

// walk lists folder dir (named as shown, real path abs, rel from the walk's
// root) with the .gitignore patterns ig of the folders above (nil without
// .gitignore handling). A folder read before (through a link) is not read again.
func (w *walker) walk(shown, abs, rel string, ig *Ignore) {
	if _, seen := w.visited.LoadOrStore(abs, true); seen {
		return
	}
	// stamped before the listing, so that a change during it shows
	w.tr.stamp(abs)
	entries, err := w.list(abs)
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
		special := !isDir && !isLink && e.mode.Type() != 0
		if isLink {
			linked = true
			var ok bool
			if childAbs, isDir, special, ok = w.resolve(childShown, childAbs, name); !ok {
				continue
			}
		}
		if special {
			if w.opt.Match == nil || w.opt.Match(name) {
				w.note(childShown, "not a regular file (a named pipe, socket or device): not read")
			}
			continue
		}
		if isDir {
			if skipDirs[name] || strings.HasPrefix(name, ".") {
				continue
			}
			if ig != nil && ig.Ignored(childRel, true) {
				continue
			}
			w.descend(linkDir{shown: childShown, abs: childAbs, rel: childRel, ig: ig}, isLink)
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

// list reads folder abs (or gives Options.Fault's error).
func (w *walker) list(abs string) ([]entry, error) {
	if w.opt.Fault != nil {
		if err := w.opt.Fault(abs); err != nil {
			return nil, err
		}
	}
	buf := bufs.Get().(*[]byte)
	defer bufs.Put(buf)
	return readDir(abs, buf)
}

// resolve follows the symbolic link named name (shown as shown, at abs)
// to its real path; ok is false for a link to pass over: dangling, or
// leading out of the walk's root (noted).
func (w *walker) resolve(shown, abs, name string) (target string, isDir, special, ok bool) {
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.fail(fmt.Errorf("%s: %w", shown, err))
		}
		return "", false, false, false // a dangling link is not a file to lint
	}
	fi, err := os.Stat(target)
	if err != nil {
		return "", false, false, false
	}
	if !w.inside(target) {
		if fi.IsDir() || w.opt.Match == nil || w.opt.Match(name) {
			w.note(shown, "a symbolic link to "+target+", outside "+w.root+": not followed")
		}
		return "", false, false, false
	}
	return target, fi.IsDir(), !fi.Mode().IsRegular() && !fi.IsDir(), true
}

// descend walks folder d: on a goroutine of its own while there are
// slots, else in turn; a folder reached through a link after the walk,
// and only if the walk did not read it (see followLinks).
func (w *walker) descend(d linkDir, isLink bool) {
	if isLink {
		w.mu.Lock()
		w.links = append(w.links, d)
		w.mu.Unlock()
		return
	}
	select {
	case w.sem <- struct{}{}:
		w.wg.Add(1)
		go func() {
			defer func() { <-w.sem; w.wg.Done() }()
			w.walk(d.shown, d.abs, d.rel, d.ig)
		}()
	default: // enough folders are read at once: this one in turn
		w.walk(d.shown, d.abs, d.rel, d.ig)
	}
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
