package indexcache

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/readfile"
)

// later is a clock an hour ahead, so that files a test just wrote are old enough to cache.
func later() time.Time { return time.Now().Add(time.Hour) }

type fixture struct {
	dir, root string
	files     []string
}

func newFixture(t *testing.T, n int) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir(), root: t.TempDir()}
	for i := range n {
		p := filepath.Join(f.root, "page"+string(rune('a'+i))+".md")
		if err := os.WriteFile(p, []byte("---\ntitle: T\n---\n# Hi\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		f.files = append(f.files, p)
	}
	return f
}

func (f *fixture) open(program string) *Cache {
	return Open(Options{Dir: f.dir, Root: f.root, Program: program, Keys: []string{"title", "permalink"}, Now: later})
}

// samplePage is the index page of a small page with a scalar, a list
// holding a null, a mapping, and headings.
func samplePage(i int) lint.IndexPage {
	src := "---\ntitle: Page " + string(rune('A'+i)) + "\nredirect_from:\n  - /a/\n  -\nchild: {a: 1}\n---\n# Hi\n\n# Hi\n"
	pg := page.NewParser().ParseIndex("p.md", []byte(src))
	return lint.NewIndexPage(pg, []string{"title", "redirect_from", "child"}, nil)
}

// saveAll stores a sample page for each file and saves the cache.
func saveAll(t *testing.T, c *Cache, files []string) {
	t.Helper()
	for i, p := range files {
		store(t, c, p, samplePage(i))
	}
	if err := c.Save(files); err != nil {
		t.Fatal(err)
	}
}

// load returns the page Load reads, or nil.
func load(c *Cache, path string) *lint.IndexPage {
	ip, ok := c.Load(path)
	if !ok {
		return nil
	}
	return &ip
}

func store(t *testing.T, c *Cache, path string, ip lint.IndexPage) {
	t.Helper()
	st, err := readfile.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	c.Store(path, st, ip)
}

func TestRoundTrip(t *testing.T) {
	f := newFixture(t, 3)
	c := f.open("p1")
	pages := []lint.IndexPage{samplePage(0), samplePage(1), lint.SkipPage()}
	for i, p := range f.files {
		store(t, c, p, pages[i])
	}
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	for i, p := range f.files {
		got, ok := c.Load(p)
		if !ok {
			t.Fatalf("%s: not in the cache", p)
		}
		if !reflect.DeepEqual(got, pages[i]) {
			t.Errorf("%s: got %+v, want %+v", p, got, pages[i])
		}
	}
	if hits, misses := c.Stats(); hits != 3 || misses != 0 {
		t.Errorf("stats %d hits, %d misses", hits, misses)
	}
}

func TestInvalidation(t *testing.T) {
	f := newFixture(t, 4)
	c := f.open("p1")
	saveAll(t, c, f.files)
	// grown, rewritten with the same size but another time, replaced by another file, deleted
	if err := os.WriteFile(f.files[0], []byte("---\ntitle: Longer\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(f.files[1], time.Now(), time.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	tmp := f.files[2] + ".new"
	if err := os.WriteFile(tmp, []byte("---\ntitle: T\n---\n# Hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, f.files[2]); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(f.files[3]); err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	for _, p := range f.files {
		if load(c, p) != nil {
			t.Errorf("%s: changed, yet its entry was trusted", filepath.Base(p))
		}
	}
	if err := c.Save(f.files[:3]); err != nil {
		t.Fatal(err)
	}
	if c = f.open("p1"); c.old.n != 0 {
		t.Errorf("the cache kept %d entries of files that changed or went", c.old.n)
	}
}

func TestRecentFilesAreNotSaved(t *testing.T) {
	f := newFixture(t, 1)
	c := Open(Options{Dir: f.dir, Root: f.root, Program: "p1"}) // the real clock: the file is seconds old
	store(t, c, f.files[0], samplePage(0))
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if load(f.open("p1"), f.files[0]) != nil {
		t.Error("an entry of a file changed within the racy window was saved")
	}
}

func TestOtherProgramOrKeys(t *testing.T) {
	f := newFixture(t, 1)
	c := f.open("p1")
	store(t, c, f.files[0], samplePage(0))
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if load(f.open("p2"), f.files[0]) != nil {
		t.Error("another build of helplint trusted the entry")
	}
	other := Open(Options{Dir: f.dir, Root: f.root, Program: "p1", Keys: []string{"title"}, Now: later})
	if load(other, f.files[0]) != nil {
		t.Error("a run keeping other keys trusted the entry")
	}
	otherSite := Open(Options{Dir: f.dir, Root: f.root, Program: "p1", Keys: []string{"title", "permalink"}, Context: "languages=en,es", Now: later})
	if load(otherSite, f.files[0]) != nil {
		t.Error("a run under other site settings (languages) trusted the entry")
	}
	if load(f.open("p1"), f.files[0]) == nil {
		t.Error("the same program, keys and context did not trust the entry")
	}
}

func TestDamagedFile(t *testing.T) {
	f := newFixture(t, 2)
	c := f.open("p1")
	saveAll(t, c, f.files)
	good, err := os.ReadFile(c.Path())
	if err != nil {
		t.Fatal(err)
	}
	for cut := len(good) - 1; cut > 0; cut -= 7 {
		if err := os.WriteFile(c.Path(), good[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		d := f.open("p1")
		for _, p := range f.files {
			if ip := load(d, p); ip != nil && !reflect.DeepEqual(*ip, samplePage(0)) && !reflect.DeepEqual(*ip, samplePage(1)) {
				t.Fatalf("cut at %d: %s read as %+v", cut, p, ip)
			}
		}
	}
	// a flipped bit anywhere: the checksum refuses the file; with the
	// checksum made right again, loads still never answer wrong
	hdr := len(c.header)
	for i := hdr; i < len(good); i++ {
		for _, fixSum := range []bool{false, true} {
			bad := slices.Clone(good)
			bad[i] ^= 0x10
			if fixSum && i >= hdr+4 {
				binary.LittleEndian.PutUint32(bad[hdr:], crc32.Checksum(bad[hdr+4:], crc32.MakeTable(crc32.Castagnoli)))
			}
			if err := os.WriteFile(c.Path(), bad, 0o644); err != nil {
				t.Fatal(err)
			}
			d := f.open("p1")
			for j, p := range f.files {
				ip := load(d, p)
				switch {
				case ip == nil:
				case !fixSum:
					t.Fatalf("byte %d flipped: the damaged file answered", i)
				case !reflect.DeepEqual(*ip, samplePage(j)) && bytes.Contains(good, ip.Bytes()):
					t.Fatalf("byte %d flipped: %s read as another page", i, p)
				}
			}
		}
	}
	if err := os.WriteFile(c.Path(), []byte("not a cache"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := f.open("p1")
	if load(d, f.files[0]) != nil {
		t.Error("a damaged cache answered")
	}
	store(t, d, f.files[0], samplePage(0))
	if err := d.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if load(f.open("p1"), f.files[0]) == nil {
		t.Error("the damaged cache was not replaced")
	}
}

func TestSaveWritesOnlyChanges(t *testing.T) {
	f := newFixture(t, 2)
	c := f.open("p1")
	saveAll(t, c, f.files)
	before, err := os.Stat(c.Path())
	if err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	for _, p := range f.files {
		load(c, p)
	}
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(c.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("a run that changed nothing rewrote the cache")
	}
	// a run that lints one page keeps that page's entry
	c = f.open("p1")
	load(c, f.files[1])
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if load(f.open("p1"), f.files[0]) == nil {
		t.Error("the entry of a page linted (not loaded) was dropped")
	}
}

func TestUnwritableDir(t *testing.T) {
	f := newFixture(t, 1)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c := Open(Options{Dir: filepath.Join(blocker, "cache"), Root: f.root, Program: "p1", Now: later})
	store(t, c, f.files[0], samplePage(0))
	if err := c.Save(f.files); err == nil {
		t.Error("saving under a file succeeded")
	}
}

func TestConcurrentUse(t *testing.T) {
	f := newFixture(t, 8)
	c := f.open("p1")
	var wg sync.WaitGroup
	for i, p := range f.files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			load(c, p)
			store(t, c, p, samplePage(i))
		}()
	}
	wg.Wait()
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	for _, p := range f.files {
		if load(c, p) == nil {
			t.Errorf("%s: not saved", p)
		}
	}
}

// TestWalk checks the walk section: kept with the cache, given back while
// its trace holds, under its own key only, and never from a walk too
// recent or incomplete to vouch for.
func TestWalk(t *testing.T) {
	f := newFixture(t, 2)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(f.root, old, old); err != nil {
		t.Fatal(err)
	}
	files, errs, tr := discover.WalkTraced([]string{f.root}, discover.Options{})
	if len(errs) > 0 || len(files) != 2 {
		t.Fatalf("walk: %v %v", files, errs)
	}
	c := f.open("p1")
	c.SetWalk("k", files, tr)
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	if got, ok := c.Walked("k"); !ok || !reflect.DeepEqual(got, files) {
		t.Errorf("Walked = %v, %v; want %v", got, ok, files)
	}
	if _, ok := c.Walked("other"); ok {
		t.Error("a walk with other options answered")
	}
	// the section stays while it holds, even when entries change
	store(t, c, f.files[0], lint.SkipPage())
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.open("p1").Walked("k"); !ok {
		t.Error("the walk was dropped when an entry changed")
	}
	// a file added: the folder's stamp changes
	write := func() {
		if err := os.WriteFile(filepath.Join(f.root, "new.md"), []byte("# New\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write()
	if _, ok := f.open("p1").Walked("k"); ok {
		t.Error("the walk answered after a file was added")
	}
	// a walk of a folder changed within the racy window is not kept, though its trace holds
	c = Open(Options{Dir: f.dir, Root: f.root, Program: "p1", Keys: []string{"title", "permalink"}}) // the real clock
	files, _, tr = discover.WalkTraced([]string{f.root}, discover.Options{})
	if !tr.Holds(readfile.Lstat) {
		t.Fatal("a fresh trace does not hold")
	}
	c.SetWalk("k", files, tr)
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.open("p1").Walked("k"); ok {
		t.Error("a walk of a folder changed seconds ago was kept")
	}
	// an incomplete walk is not kept; a section that held stays
	if err := os.Chtimes(f.root, old, old); err != nil {
		t.Fatal(err)
	}
	files, _, tr = discover.WalkTraced([]string{f.root}, discover.Options{})
	c = f.open("p1")
	c.SetWalk("k", files, tr)
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	c = f.open("p1")
	if _, ok := c.Walked("k"); !ok {
		t.Fatal("the walk was not kept")
	}
	c.SetWalk("k", files, discover.Trace{Incomplete: true})
	store(t, c, f.files[1], lint.SkipPage()) // something to save
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.open("p1").Walked("k"); !ok {
		t.Error("a section that held was dropped by an incomplete walk")
	}
	c = f.open("p1") // its section not asked for: this run walked, incompletely
	c.SetWalk("k", files, discover.Trace{Incomplete: true})
	store(t, c, f.files[1], samplePage(1))
	if err := c.Save(f.files); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.open("p1").Walked("k"); ok {
		t.Error("an incomplete walk was kept")
	}
}

// FuzzCacheFile opens random cache files: a damaged file must read as an
// empty cache or as entries that decode, never panic.
func FuzzCacheFile(f *testing.F) {
	fx := &fixture{dir: f.TempDir(), root: f.TempDir()}
	p := filepath.Join(fx.root, "a.md")
	if err := os.WriteFile(p, []byte("# A\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	fx.files = []string{p}
	c := fx.open("p1")
	st, err := readfile.Lstat(p)
	if err != nil {
		f.Fatal(err)
	}
	c.Store(p, st, samplePage(0))
	c.SetWalk("k", []discover.File{{Path: p, Abs: p}}, discover.Trace{Marks: []discover.Mark{{Path: fx.root, Kind: discover.Exists}}})
	if err := c.Save(fx.files); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(c.Path())
	if err != nil {
		f.Fatal(err)
	}
	hdr := len(c.header)
	f.Add(good[hdr+4:])
	f.Fuzz(func(t *testing.T, body []byte) {
		// a valid checksum, so that the fuzzer reaches the decoding
		data := append([]byte(c.header), 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(data[hdr:], crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))
		data = append(data, body...)
		if err := os.WriteFile(c.Path(), data, 0o644); err != nil {
			t.Fatal(err)
		}
		d := fx.open("p1")
		if ip, ok := d.Load(p); ok {
			for range ip.Anchors() {
			}
			ip.Lookup("title")
		}
		d.Walked("k")
		if err := d.Save(fx.files); err != nil {
			t.Fatal(err)
		}
	})
}

// TestPrefetch: stamps checked in the background answer Load as Load's own
// would: an unchanged file hits, a changed or removed one misses, whether
// the prefetch reached it first or not; Save waits for the prefetch.
func TestPrefetch(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		f := newFixture(t, 6)
		saveAll(t, f.open("p1"), f.files)
		if err := os.WriteFile(f.files[1], []byte("---\ntitle: Changed\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(f.files[4]); err != nil {
			t.Fatal(err)
		}
		for _, early := range []bool{false, true} {
			c := f.open("p1")
			c.Prefetch(workers)
			if early {
				c.prefetch.Wait() // every stamp checked before any Load
			}
			for i, p := range f.files {
				if got, want := load(c, p) != nil, i != 1 && i != 4; got != want {
					t.Errorf("workers %d, prefetch done %v: Load(%s) hit = %v, want %v", workers, early, filepath.Base(p), got, want)
				}
			}
			if err := c.Save(f.files); err != nil {
				t.Fatal(err)
			}
		}
	}
}
