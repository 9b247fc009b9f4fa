package discover

import (
	"sync"

	"github.com/helplint/helplint/internal/readfile"
)

// Trace is what a walk read: every folder it listed and every ignore file
// it read, each with its stamp, and the paths whose existence it checked.
// While each is as the trace says, walking again would find the same
// files: a folder's stamp changes when an entry is added, removed or
// renamed in it (not when a file in it is rewritten, which changes no
// listing). The index cache keeps a walk's files with its trace, and a
// pre-commit run then skips the walk.
type Trace struct {
	Marks []Mark
	// Incomplete is true when the files cannot be vouched for: the walk
	// followed a symbolic link (whose target's changes no mark sees) or
	// met an error.
	Incomplete bool
}

// MarkKind says what a Mark holds of its path.
type MarkKind uint8

const (
	// Stamped paths must keep their stamp.
	Stamped MarkKind = iota
	// Exists paths must exist; nothing else about them matters (.git,
	// whose stamp changes with every commit).
	Exists
	// Absent paths must not exist.
	Absent
)

// Mark is a path a walk depended on.
type Mark struct {
	Path  string
	Kind  MarkKind
	Stamp readfile.Stamp // for Stamped
}

// Holds reports whether every mark is still true; stat is an lstat.
func (t *Trace) Holds(stat func(string) (readfile.Stamp, error)) bool {
	if t.Incomplete {
		return false
	}
	for _, m := range t.Marks {
		st, err := stat(m.Path)
		switch m.Kind {
		case Stamped:
			if err != nil || st != m.Stamp {
				return false
			}
		case Exists:
			if err != nil {
				return false
			}
		case Absent:
			if err == nil {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// tracer records marks from the folders walked side by side; nil records nothing.
type tracer struct {
	mu sync.Mutex
	t  Trace
}

func (tr *tracer) mark(m Mark) {
	if tr == nil {
		return
	}
	tr.mu.Lock()
	tr.t.Marks = append(tr.t.Marks, m)
	tr.mu.Unlock()
}

// stamp marks path with its current stamp, or the trace incomplete when it has none.
func (tr *tracer) stamp(path string) {
	if tr == nil {
		return
	}
	st, err := readfile.Lstat(path)
	if err != nil {
		tr.fail()
		return
	}
	tr.mark(Mark{Path: path, Kind: Stamped, Stamp: st})
}

// probe marks whether path exists, as the walk found it.
func (tr *tracer) probe(path string, exists bool) {
	kind := Absent
	if exists {
		kind = Exists
	}
	tr.mark(Mark{Path: path, Kind: kind})
}

func (tr *tracer) fail() {
	if tr == nil {
		return
	}
	tr.mu.Lock()
	tr.t.Incomplete = true
	tr.mu.Unlock()
}
