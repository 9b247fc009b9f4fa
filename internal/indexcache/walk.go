package indexcache

import (
	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/discover"
)

// The walk section of the cache file keeps the files the last walk of the
// site found, with its trace: a pre-commit run whose trace still holds
// (no folder of the site gained or lost an entry, no ignore file changed)
// takes the files from it instead of walking the site again. It is the key
// (the walk's options), the marks (path, kind, stamp) and the files (path,
// and the absolute path when it differs).

// Walked returns the files of the site's walk saved under key by an
// earlier run, when its trace still holds. Their strings share the
// mapped file.
func (c *Cache) Walked(key string) ([]discover.File, bool) {
	if c.old.walk == nil {
		return nil, false
	}
	r := binenc.NewReader(c.old.walk)
	if r.String() != key {
		return nil, false
	}
	var tr discover.Trace
	tr.Marks = make([]discover.Mark, r.Count(2+stampSize))
	for i := range tr.Marks {
		tr.Marks[i] = discover.Mark{Path: r.String(), Kind: discover.MarkKind(r.Uint()), Stamp: readStamp(&r)}
	}
	files := make([]discover.File, r.Count(2))
	for i := range files {
		p, abs := r.String(), r.String()
		if abs == "" {
			abs = p
		}
		files[i] = discover.File{Path: p, Abs: abs}
	}
	if r.Err() != nil || r.Len() != 0 || !tr.Holds(c.stat.Lstat) {
		return nil, false
	}
	c.mu.Lock()
	c.walkHeld = true
	c.mu.Unlock()
	return files, true
}

// SetWalk keeps the files a walk found under key, with its trace, for the
// next run; nothing when the trace is incomplete or holds a stamp too
// recent to trust (see racyWindow).
func (c *Cache) SetWalk(key string, files []discover.File, tr discover.Trace) {
	if tr.Incomplete {
		return
	}
	racy := c.start.Add(-racyWindow).UnixNano()
	b := binenc.AppendString(nil, key)
	b = binenc.AppendInt(b, len(tr.Marks))
	for _, m := range tr.Marks {
		if m.Kind == discover.Stamped && (m.Stamp.ModTime >= racy || m.Stamp.ChangeTime >= racy) {
			return
		}
		b = binenc.AppendString(b, m.Path)
		b = binenc.AppendUint(b, uint64(m.Kind))
		b = appendStamp(b, m.Stamp)
	}
	b = binenc.AppendInt(b, len(files))
	for _, f := range files {
		b = binenc.AppendString(b, f.Path)
		if f.Abs == f.Path {
			b = binenc.AppendString(b, "")
		} else {
			b = binenc.AppendString(b, f.Abs)
		}
	}
	c.mu.Lock()
	c.newWalk = b
	c.mu.Unlock()
}
