// Package indexcache keeps, between runs, what the site index needs of each
// page that is not linted, so that linting a few pages of a large site (the
// pre-commit case) does not read and parse every other page again.
//
// An entry is trusted only while the file's size, modification time, change
// time and inode are what they were when it was read, and only if the file
// had last changed more than racyWindow before the run that read it: a
// change within the same clock tick as the read would otherwise go unseen
// (git's "racily clean" problem). Validating an entry costs one lstat; the
// file is neither opened nor parsed.
//
// The cache is one file per site root, replaced atomically (temporary file
// and rename). A missing, foreign, outdated or damaged file is an empty
// cache, never an error: the cache can only make a run faster.
package indexcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/readfile"
)

// formatVersion changes whenever the encoding or what ParseIndex computes changes.
const formatVersion = 4

const magic = "helplint index cache\n"

// racyWindow is how long after its last change a file must have been read
// for its entry to be saved; it exceeds the coarsest timestamp granularity
// of common file systems (FAT's two seconds).
const racyWindow = 3 * time.Second

// Options say where the cache lives and what its entries depend on.
type Options struct {
	// Dir is the folder of cache files.
	Dir string
	// Root is the site root: each site has its own cache file.
	Root string
	// Program identifies the code that parsed the entries (see ProgramID).
	Program string
	// Keys are the top-level front matter keys the entries keep.
	Keys []string
	// Now is the clock that tells a recently changed file (nil: time.Now);
	// tests move it forward to cache files they just wrote.
	Now func() time.Time
}

// Cache holds the entries read from the cache file and those stored by the
// current run. Load and Store are safe for concurrent use.
type Cache struct {
	path   string
	header string
	start  time.Time

	old    map[string]entry // from the cache file, immutable
	stat   *readfile.Stater
	arenas sync.Pool // of *arena, for decoding

	mu    sync.Mutex
	fresh map[string][]byte // entries stored by this run, encoded; nil forgets a path

	hits, misses atomic.Int64
}

type entry struct {
	st  readfile.Stamp
	rec []byte
}

// ProgramID identifies the running executable by its path, size and
// modification time: a rebuilt helplint never trusts an older one's entries.
func ProgramID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
}

// Open reads the cache of o.Root from o.Dir. Entries that cannot be trusted
// (another program, other keys, damage) are dropped silently.
func Open(o Options) *Cache {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	keys := slices.Clone(o.Keys)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	sum := sha256.Sum256([]byte(o.Root))
	c := &Cache{
		path:   filepath.Join(o.Dir, "index-"+hex.EncodeToString(sum[:8])+".bin"),
		header: fmt.Sprintf("%sversion %d\nroot %s\nprogram %s\nkeys %s\n", magic, formatVersion, o.Root, o.Program, strings.Join(keys, " ")),
		stat:   readfile.NewStater(),
		start:  now(),
		fresh:  map[string][]byte{},
	}
	c.old = c.read()
	return c
}

func (c *Cache) read() map[string]entry {
	data, err := readShared(c.path)
	if err != nil || !strings.HasPrefix(string(data[:min(len(data), len(c.header))]), c.header) {
		return nil
	}
	r := binenc.NewReader(data[len(c.header):])
	n := r.Count(6)
	old := make(map[string]entry, n)
	for range n {
		abs := r.String()
		e := entry{st: readfile.Stamp{Size: int64(r.Uint()), ModTime: int64(r.Uint()), ChangeTime: int64(r.Uint()), Inode: r.Uint()}, rec: r.Bytes()}
		if r.Err() != nil {
			return nil
		}
		old[abs] = e
	}
	if r.Len() != 0 {
		return nil
	}
	return old
}

// Load reads into ip the index page of the file at abs, and reports
// whether its entry is still valid.
func (c *Cache) Load(abs string, ip *lint.IndexPage) bool {
	if e, found := c.old[abs]; found {
		if st, err := c.stat.Lstat(abs); err == nil && st == e.st {
			a, _ := c.arenas.Get().(*arena)
			if a == nil {
				a = &arena{}
			}
			ok := decodePage(e.rec, ip, a)
			c.arenas.Put(a)
			if ok {
				c.hits.Add(1)
				return true
			}
		}
		// a stale or damaged entry is dropped, unless the run stores a new one
		c.mu.Lock()
		if _, stored := c.fresh[abs]; !stored {
			c.fresh[abs] = nil
		}
		c.mu.Unlock()
	}
	c.misses.Add(1)
	return false
}

// Store records the index page of the file at abs, read with stamp st
// taken before the read. A file changed too recently to be trusted is
// forgotten instead.
func (c *Cache) Store(abs string, st readfile.Stamp, ip *lint.IndexPage) {
	var b []byte
	racy := c.start.Add(-racyWindow).UnixNano()
	if st.ModTime < racy && st.ChangeTime < racy {
		b = binenc.AppendString(nil, abs)
		b = appendStamp(b, st)
		b = binenc.AppendBytes(b, encodePage(nil, ip))
	}
	c.mu.Lock()
	c.fresh[abs] = b
	c.mu.Unlock()
}

func appendStamp(b []byte, st readfile.Stamp) []byte {
	b = binenc.AppendUint(b, uint64(st.Size))
	b = binenc.AppendUint(b, uint64(st.ModTime))
	b = binenc.AppendUint(b, uint64(st.ChangeTime))
	return binenc.AppendUint(b, st.Inode)
}

// Path is the cache file.
func (c *Cache) Path() string { return c.path }

// Stats returns how many loads were answered from the cache and how many were not.
func (c *Cache) Stats() (hits, misses int) { return int(c.hits.Load()), int(c.misses.Load()) }

// Save writes the entries of the files in live (every file of the site
// this run saw, each once): those stored by this run, and the earlier
// ones of the others. It writes nothing when that would change nothing.
func (c *Cache) Save(live []string) error {
	c.stat.Close() // the run's loads are over
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fresh) == 0 && int(c.hits.Load()) == len(c.old) {
		return nil // every entry was read, and held
	}
	// unchanged when no entry was read again or forgotten, and every entry
	// of the file is still live
	changed, n := false, 0
	for _, abs := range live {
		b, isFresh := c.fresh[abs]
		_, had := c.old[abs]
		changed = changed || b != nil || (isFresh && had)
		if had && !isFresh {
			n++
		}
	}
	if !changed && n == len(c.old) {
		return nil
	}
	paths := slices.Clone(live)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	size := len(c.header) + binary.MaxVarintLen64
	for _, abs := range paths {
		if b, ok := c.fresh[abs]; ok {
			size += len(b)
		} else if e, ok := c.old[abs]; ok {
			size += len(abs) + len(e.rec) + 8*binary.MaxVarintLen64
		}
	}
	body := make([]byte, 0, size)
	n = 0
	for _, abs := range paths {
		if b, ok := c.fresh[abs]; ok {
			if b != nil {
				body = append(body, b...)
				n++
			}
			continue
		}
		if e, ok := c.old[abs]; ok {
			body = binenc.AppendString(body, abs)
			body = appendStamp(body, e.st)
			body = binenc.AppendBytes(body, e.rec)
			n++
		}
	}
	out := make([]byte, 0, len(c.header)+binary.MaxVarintLen64+len(body))
	out = binenc.AppendInt(append(out, c.header...), n)
	out = append(out, body...)
	if err := writeAtomic(c.path, out); err != nil {
		return fmt.Errorf("index cache not saved: %w", err)
	}
	return nil
}

// writeAtomic replaces path with data through a temporary file in the same
// folder, so that a concurrent run reads the old cache or the new, never half.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}
