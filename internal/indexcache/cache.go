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
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/readfile"
)

// formatVersion changes whenever the encoding or what ParseIndex computes changes.
const formatVersion = 9

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
	// Context names the other settings entries depend on (the site's
	// languages fold the locales of a page's shape; the Markdown dialect
	// finds its tables): a cache written under another context is dropped.
	Context string
	// Now is the clock that tells a recently changed file (nil: time.Now);
	// tests move it forward to cache files they just wrote.
	Now func() time.Time
}

// Cache holds the entries read from the cache file and those stored by the
// current run. Load and Store are safe for concurrent use.
//
// The file is the header; the CRC-32C of the rest (four bytes,
// little-endian), so that a damaged file is never half believed; the walk
// section (see Walked), prefixed by its length, empty without one; the
// number of entries n and of slots m (a power of two, at least 2n); m
// slots of a hash table keyed by path (CRC-32C), each four bytes: 0 for
// none, else an entry's number plus one; n offsets of the entries, four
// bytes each; then the entries, sorted by path: path, stamp (size,
// modification and change times, inode) and the lint.IndexPage encoding.
// Load looks an entry up in the mapped file: neither a map of the entries
// is built nor a page decoded, whose cost would grow with the site on
// every run.
type Cache struct {
	path   string
	header string
	start  time.Time

	old  table // from the cache file, immutable
	stat *readfile.Stater

	mu    sync.Mutex
	fresh map[string][]byte // entries stored by this run, encoded; nil forgets a path
	// newWalk is the walk section SetWalk encoded; walkHeld is true when
	// Walked found the file's own still true
	newWalk  []byte
	walkHeld bool

	hits, misses atomic.Int64

	// checked holds, for each entry of old, whether its file was stated and
	// found unchanged (checkedSame) or not (checkedChanged); 0 when not yet
	// stated. Prefetch fills it in the background.
	checked  []atomic.Uint32
	prefetch sync.WaitGroup
	stopped  atomic.Bool
}

// The states of Cache.checked.
const (
	checkedSame    = 1
	checkedChanged = 2
)

// table is the entries of a cache file.
type table struct {
	walk    []byte // the walk section, nil without one
	slots   []byte // m slots
	offsets []byte // n offsets into data
	data    []byte // the entries
	n       int
}

// hash is the slot hash of a path.
func hash(abs string) uint32 {
	return crc32.Checksum(unsafe.Slice(unsafe.StringData(abs), len(abs)), crc32.MakeTable(crc32.Castagnoli))
}

// entry is entry i; ok is false for a damaged one.
func (t table) entry(i int) (abs string, st readfile.Stamp, rec []byte, ok bool) {
	off := int(binary.LittleEndian.Uint32(t.offsets[4*i:]))
	if off >= len(t.data) {
		return "", st, nil, false
	}
	r := binenc.NewReader(t.data[off:])
	abs = r.String()
	st = readStamp(&r)
	rec = r.Bytes()
	return abs, st, rec, r.Err() == nil
}

// key is the path of entry i, or "" when damaged.
func (t table) key(i int) string {
	off := int(binary.LittleEndian.Uint32(t.offsets[4*i:]))
	if off >= len(t.data) {
		return ""
	}
	r := binenc.NewReader(t.data[off:])
	return r.String()
}

// find returns the number of the entry of abs. A damaged table makes a
// path unfindable, never another entry found: the path is compared.
func (t table) find(abs string) (int, bool) {
	m := len(t.slots) / 4
	if t.n == 0 || m == 0 {
		return 0, false
	}
	for i, probes := int(hash(abs))&(m-1), 0; probes < m; i, probes = (i+1)&(m-1), probes+1 {
		e := int(binary.LittleEndian.Uint32(t.slots[4*i:]))
		if e == 0 {
			return 0, false
		}
		if e <= t.n && t.key(e-1) == abs {
			return e - 1, true
		}
	}
	return 0, false
}

// appendTable appends the slots and offsets of entries at offs with paths keys.
func appendTable(b []byte, keys []string, offs []int) []byte {
	m := 1
	for m < 2*len(keys) {
		m *= 2
	}
	b = binenc.AppendInt(binenc.AppendInt(b, len(keys)), m)
	slots := make([]uint32, m)
	for e, k := range keys {
		i := int(hash(k)) & (m - 1)
		for slots[i] != 0 {
			i = (i + 1) & (m - 1)
		}
		slots[i] = uint32(e + 1)
	}
	for _, v := range slots {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, off := range offs {
		b = binary.LittleEndian.AppendUint32(b, uint32(off))
	}
	return b
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
		header: fmt.Sprintf("%sversion %d\nroot %s\nprogram %s\nkeys %q\ncontext %q\n", magic, formatVersion, o.Root, o.Program, strings.Join(keys, " "), o.Context),
		stat:   readfile.NewStater(),
		start:  now(),
		fresh:  map[string][]byte{},
	}
	c.old = c.read()
	c.checked = make([]atomic.Uint32, c.old.n)
	return c
}

func (c *Cache) read() table {
	data, err := readShared(c.path)
	if err != nil || !strings.HasPrefix(string(data[:min(len(data), len(c.header))]), c.header) {
		return table{}
	}
	body := data[len(c.header):]
	if len(body) < 4 || binary.LittleEndian.Uint32(body) != crc32.Checksum(body[4:], crc32.MakeTable(crc32.Castagnoli)) {
		return table{}
	}
	body = body[4:]
	r := binenc.NewReader(body)
	walk := r.Bytes()
	n, m := r.Int(), r.Int()
	rest := body[r.Offset():]
	if r.Err() != nil || m < 2*n || m&(m-1) != 0 || uint64(len(rest)) < 4*uint64(m+n) {
		return table{}
	}
	if len(walk) == 0 {
		walk = nil
	}
	return table{walk: walk, slots: rest[:4*m], offsets: rest[4*m : 4*(m+n)], data: rest[4*(m+n):], n: n}
}

// Load returns the index page of the file at abs, and reports whether its
// entry is still valid.
func (c *Cache) Load(abs string) (lint.IndexPage, bool) {
	if i, found := c.old.find(abs); found {
		if _, st, rec, ok := c.old.entry(i); ok {
			if c.unchanged(i, abs, st) {
				if ip, ok := lint.DecodeIndexPage(rec); ok {
					c.hits.Add(1)
					return ip, true
				}
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
	return lint.IndexPage{}, false
}

// unchanged reports whether the file at abs, entry i, still has the stamp
// st: as Prefetch found it, or stated now.
func (c *Cache) unchanged(i int, abs string, st readfile.Stamp) bool {
	switch c.checked[i].Load() {
	case checkedSame:
		return true
	case checkedChanged:
		return false
	}
	return c.check(i, abs, st)
}

// check states the file of entry i and records what it found.
func (c *Cache) check(i int, abs string, st readfile.Stamp) bool {
	now, err := c.stat.Lstat(abs)
	same := err == nil && now == st
	state := uint32(checkedChanged)
	if same {
		state = checkedSame
	}
	c.checked[i].Store(state)
	return same
}

// Prefetch states the files of the cache's entries in the background, on
// workers goroutines, while the run reads its configuration and sorts the
// site's files: Load then finds most of them checked. (A pre-commit run
// on 10,000 pages spends a fifth of its time stating them.) Save waits
// for it; a stamp taken early is no less true than one taken at Load, as
// both come before the run reads the page.
func (c *Cache) Prefetch(workers int) {
	n := c.old.n
	if n == 0 || workers < 1 {
		return
	}
	size := (n + workers - 1) / workers
	for w := 0; w*size < n; w++ {
		c.prefetch.Add(1)
		go func() {
			defer c.prefetch.Done()
			for i := w * size; i < min((w+1)*size, n) && !c.stopped.Load(); i++ {
				if c.checked[i].Load() != 0 {
					continue
				}
				if abs, st, _, ok := c.old.entry(i); ok {
					c.check(i, abs, st)
				}
			}
		}()
	}
}

// Store records the index page of the file at abs, read with stamp st
// taken before the read. A file changed too recently to be trusted is
// forgotten instead.
func (c *Cache) Store(abs string, st readfile.Stamp, ip lint.IndexPage) {
	var b []byte
	racy := c.start.Add(-racyWindow).UnixNano()
	if st.ModTime < racy && st.ChangeTime < racy {
		b = appendEntry(nil, abs, st, ip.Bytes())
	}
	c.mu.Lock()
	c.fresh[abs] = b
	c.mu.Unlock()
}

func appendEntry(b []byte, abs string, st readfile.Stamp, rec []byte) []byte {
	b = binenc.AppendString(b, abs)
	b = appendStamp(b, st)
	return binenc.AppendBytes(b, rec)
}

// Path is the cache file.
func (c *Cache) Path() string { return c.path }

// Stats returns how many loads were answered from the cache and how many were not.
func (c *Cache) Stats() (hits, misses int) { return int(c.hits.Load()), int(c.misses.Load()) }

// Save writes the entries of the files in live (every file of the site
// this run saw, each once): those stored by this run, and the earlier
// ones of the others. It writes nothing when that would change nothing.
func (c *Cache) Save(live []string) error {
	c.stopped.Store(true)
	c.prefetch.Wait()
	c.stat.Close() // the run's loads are over
	c.mu.Lock()
	defer c.mu.Unlock()
	// the walk section to write: this run's walk, or the file's own when it held
	walk := c.newWalk
	if walk == nil && c.walkHeld {
		walk = c.old.walk
	}
	walkChanged := !bytes.Equal(walk, c.old.walk)
	if len(c.fresh) == 0 && int(c.hits.Load()) == c.old.n && !walkChanged {
		return nil // every entry was read, and held
	}
	paths := slices.Clone(live)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	// unchanged when no entry was read again or forgotten, and every entry
	// of the file is still live
	changed, kept := false, 0
	olds := make([]int, len(paths)) // entry of each path in the file, or -1
	for j, abs := range paths {
		b, isFresh := c.fresh[abs]
		i, had := c.old.find(abs)
		olds[j] = -1
		if had {
			olds[j] = i
		}
		changed = changed || b != nil || (isFresh && had)
		if had && !isFresh {
			kept++
		}
	}
	if !changed && kept == c.old.n && !walkChanged {
		return nil
	}
	var body []byte
	var keys []string
	var offs []int
	for j, abs := range paths {
		start := len(body)
		if b, ok := c.fresh[abs]; ok {
			if b == nil {
				continue
			}
			body = append(body, b...)
		} else if olds[j] >= 0 {
			abs, st, rec, ok := c.old.entry(olds[j])
			if !ok {
				continue
			}
			body = appendEntry(body, abs, st, rec)
		} else {
			continue
		}
		keys = append(keys, abs)
		offs = append(offs, start)
	}
	if len(body) > math.MaxUint32 {
		return fmt.Errorf("index cache not saved: %d bytes is too large", len(body))
	}
	out := binenc.AppendBytes([]byte(c.header+"0000"), walk)
	out = appendTable(out, keys, offs)
	out = append(out, body...)
	sum := crc32.Checksum(out[len(c.header)+4:], crc32.MakeTable(crc32.Castagnoli))
	binary.LittleEndian.PutUint32(out[len(c.header):], sum)
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

// A stamp is four little-endian 64-bit words: size, modification and
// change times, inode. Fixed words, not varints: every entry's stamp is
// read on every run, and the times would take nine varint bytes each.
const stampSize = 32

func appendStamp(b []byte, st readfile.Stamp) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(st.Size))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.ModTime))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.ChangeTime))
	return binary.LittleEndian.AppendUint64(b, st.Inode)
}

func readStamp(r *binenc.Reader) readfile.Stamp {
	b := r.Raw(stampSize)
	if b == nil {
		return readfile.Stamp{}
	}
	return readfile.Stamp{Size: int64(binary.LittleEndian.Uint64(b)), ModTime: int64(binary.LittleEndian.Uint64(b[8:])),
		ChangeTime: int64(binary.LittleEndian.Uint64(b[16:])), Inode: binary.LittleEndian.Uint64(b[24:])}
}
