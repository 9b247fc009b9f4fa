//go:build linux

package fix

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/readfile"
	"golang.org/x/sys/unix"
)

// page writes a page and returns what Write must be told of it: its text
// and its stamp as the runner reads them.
func page(t *testing.T, p, text string, mode os.FileMode) Original {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	data, st, err := readfile.Read(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return Original{Stamp: st, Text: data}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteAtomic(t *testing.T) {
	for _, name := range []string{"a.md", strings.Repeat("long-", 50) + ".md"} {
		writeAtomic(t, name)
	}
}

func writeAtomic(t *testing.T, name string) {
	dir := t.TempDir()
	p := filepath.Join(dir, name)
	orig := page(t, p, "old", 0o640)
	// an interrupted write leaves the old file and no temporary file
	err := (&Writer{BeforeRename: func(string) error { return errors.New("disk full") }}).Write(p, orig, []byte("new"))
	if err == nil {
		t.Fatal("want an error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("after failed write: %q", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("temporary file left behind: %v", names)
	}
	if err := (&Writer{}).Write(p, orig, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if b, _ := os.ReadFile(p); string(b) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("after write: %q %v", b, fi.Mode())
	}
}

// TestWriteChanged: a file that is not the one read is left as it is, with
// a *ChangedError, whatever changed: text, size, mtime or the file itself.
func TestWriteChanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p string) error
		want string // the file afterwards
		why  string
	}{
		{"appended", func(p string) error { return appendTo(p, "more\n") }, "old text\nmore\n", "size"},
		{"same size", func(p string) error { return os.WriteFile(p, []byte("OLD TEXT\n"), 0o644) }, "OLD TEXT\n", "changed"},
		{"touched", func(p string) error {
			future := time.Now().Add(time.Hour)
			return os.Chtimes(p, future, future)
		}, "old text\n", "modification time"},
		{"replaced", func(p string) error {
			tmp := p + ".new"
			if err := os.WriteFile(tmp, []byte("old text\n"), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, p)
		}, "old text\n", "replaced"},
	} {
		for _, links := range []int{1, 2} { // renamed over, or written in place
			t.Run(tc.name, func(t *testing.T) {
				dir := t.TempDir()
				p := filepath.Join(dir, "a.md")
				orig := page(t, p, "old text\n", 0o644)
				if links == 2 {
					if err := os.Link(p, filepath.Join(dir, "b.md")); err != nil {
						t.Fatal(err)
					}
				}
				w := &Writer{BeforeCheck: func(string) {
					if err := tc.edit(p); err != nil {
						t.Fatal(err)
					}
				}}
				err := w.Write(p, orig, []byte("fixed\n"))
				var ce *ChangedError
				if !errors.As(err, &ce) || ce.Path != p || !strings.Contains(err.Error(), tc.why) {
					t.Fatalf("Write = %v, want a ChangedError about the %s", err, tc.why)
				}
				if b, _ := os.ReadFile(p); string(b) != tc.want {
					t.Errorf("the edit is lost: %q, want %q", b, tc.want)
				}
				if names := entries(t, dir); len(names) != links {
					t.Errorf("left behind: %v", names)
				}
			})
		}
	}
}

// TestWriteEditAtSwap: an edit made after the check, just before the
// new file takes the page's place, survives too: the page is swapped with
// the new file at once and swapped back when the file taken out changed.
func TestWriteEditAtSwap(t *testing.T) {
	probe := t.TempDir()
	x, y := filepath.Join(probe, "x"), filepath.Join(probe, "y")
	for _, p := range []string{x, y} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(x, y); err != nil {
		t.Skip("this file system cannot swap two names at once:", err)
	}
	for _, tc := range []struct {
		name string
		edit func(p string) error
		want string
	}{
		{"appended", func(p string) error { return appendTo(p, "more\n") }, "old text\nmore\n"},
		{"saved by rename", func(p string) error {
			if err := os.WriteFile(p+".new", []byte("theirs\n"), 0o644); err != nil {
				return err
			}
			return os.Rename(p+".new", p)
		}, "theirs\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "a.md")
			orig := page(t, p, "old text\n", 0o644)
			w := &Writer{BeforeRename: func(string) error { return tc.edit(p) }}
			err := w.Write(p, orig, []byte("fixed\n"))
			var ce *ChangedError
			if !errors.As(err, &ce) {
				t.Fatalf("Write = %v, want a ChangedError", err)
			}
			if b, _ := os.ReadFile(p); string(b) != tc.want {
				t.Errorf("the edit is lost: %q, want %q", b, tc.want)
			}
			if names := entries(t, dir); len(names) != 1 {
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

func appendTo(p, s string) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// TestWriteMetadata: owner, group, mode 2664 and an extended attribute
// survive, and the page is replaced by rename (a new inode) as root.
func TestWriteMetadata(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("changing a file's owner needs root")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	page(t, p, "old\n", 0o664)
	if err := os.Chown(p, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o664|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	xattr := true
	if err := unix.Setxattr(p, "user.helplint-test", []byte("kept"), 0); err != nil {
		if !errors.Is(err, unix.ENOTSUP) {
			t.Fatal(err)
		}
		xattr = false
		t.Log("no extended attributes on this file system; the attribute is not checked")
	}
	orig := reread(t, p)
	if err := (&Writer{}).Write(p, orig, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	var st unix.Stat_t
	if err := unix.Stat(p, &st); err != nil {
		t.Fatal(err)
	}
	if st.Uid != 65534 || st.Gid != 65534 || st.Mode&0o7777 != 0o2664 {
		t.Errorf("after write: owner %d:%d mode %o, want 65534:65534 2664", st.Uid, st.Gid, st.Mode&0o7777)
	}
	if st.Ino == orig.Stamp.Inode {
		t.Error("written in place, want a rename")
	}
	if xattr {
		buf := make([]byte, 64)
		n, err := unix.Getxattr(p, "user.helplint-test", buf)
		if err != nil || string(buf[:n]) != "kept" {
			t.Errorf("extended attribute: %q, %v", buf[:n], err)
		}
	}
	if b, _ := os.ReadFile(p); string(b) != "new\n" {
		t.Errorf("text %q", b)
	}
}

// TestWriteNotMine: when the replacement cannot carry the owner (the
// process may not give files away), the file is written in place and keeps
// its owner and inode. As root, the test acts as nobody for the write.
func TestWriteNotMine(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to act as another user")
	}
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "a.md")
	orig := page(t, p, "old text\n", 0o666)
	if err := unix.Setresuid(-1, 65534, -1); err != nil {
		t.Skip("cannot act as nobody:", err)
	}
	err := (&Writer{}).Write(p, orig, []byte("new\n"))
	if rerr := unix.Setresuid(-1, 0, -1); rerr != nil {
		panic(rerr) // the rest of the tests would run as nobody
	}
	if err != nil {
		t.Fatal(err)
	}
	var st unix.Stat_t
	if err := unix.Stat(p, &st); err != nil {
		t.Fatal(err)
	}
	if st.Uid != 0 || st.Ino != orig.Stamp.Inode {
		t.Errorf("owner %d inode %d, want 0 and %d (written in place)", st.Uid, st.Ino, orig.Stamp.Inode)
	}
	if b, _ := os.ReadFile(p); string(b) != "new\n" {
		t.Errorf("text %q", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}
}

func reread(t *testing.T, p string) Original {
	t.Helper()
	data, st, err := readfile.Read(p, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return Original{Stamp: st, Text: data}
}

// TestWriteHardLinks: a file with a second link is written in place: both
// names show the fix, the inode stays, and no backup is left.
func TestWriteHardLinks(t *testing.T) {
	dir := t.TempDir()
	p, q := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	page(t, p, "a long old text\n", 0o644)
	if err := os.Link(p, q); err != nil {
		t.Fatal(err)
	}
	orig := reread(t, p) // the link changed its ctime, not its mtime
	if err := (&Writer{}).Write(p, orig, []byte("short\n")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{p, q} {
		if b, _ := os.ReadFile(name); string(b) != "short\n" {
			t.Errorf("%s: %q", name, b)
		}
	}
	if st, _ := readfile.Lstat(p); st.Inode != orig.Stamp.Inode {
		t.Error("the inode changed: the link is broken")
	}
	if names := entries(t, dir); len(names) != 2 {
		t.Errorf("left behind: %v", names)
	}
}

// TestWriteSymlink: a page reached through a symbolic link is fixed where
// it lives, and the link stays a link.
func TestWriteSymlink(t *testing.T) {
	dir := t.TempDir()
	p, l := filepath.Join(dir, "real.md"), filepath.Join(dir, "link.md")
	orig := page(t, p, "old\n", 0o644)
	if err := os.Symlink("real.md", l); err != nil {
		t.Fatal(err)
	}
	if err := (&Writer{}).Write(l, orig, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new\n" {
		t.Errorf("target %q", b)
	}
}

// TestInterrupt: Ctrl-C during a write that hangs removes its temporary
// file, leaves the page as it was, and stops later writes.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	orig := page(t, p, "old\n", 0o644)
	inRename, release := make(chan string), make(chan struct{})
	w := &Writer{BeforeRename: func(tmp string) error {
		inRename <- tmp
		<-release
		return nil
	}}
	done := make(chan error)
	go func() { done <- w.Write(p, orig, []byte("new\n")) }()
	tmp := <-inRename
	w.Interrupt(50 * time.Millisecond)
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file still there: %v", err)
	}
	close(release)
	if err := <-done; err == nil {
		t.Error("the interrupted write succeeded")
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Errorf("page %q", b)
	}
	if err := w.Write(p, orig, []byte("new\n")); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("write after Interrupt: %v", err)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}
}

// TestClean: leftovers of dead runs go, by their exact pattern; a
// temporary file a live process holds, a backup, and other files stay.
func TestClean(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	old := time.Now().Add(-2 * settle)
	mk := func(name string, age time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, age, age); err != nil {
			t.Fatal(err)
		}
		return p
	}
	now := time.Now()
	gone := []string{
		mk(".a.md.helplint-"+itoa(dead)+"-17", now),        // its process is gone
		mk(".a.md.helplint-"+itoa(os.Getpid())+"-18", old), // an old one not locked
		mk(".b.md.helplint-123456", old),                   // an earlier version's
	}
	kept := []string{
		mk(".b.md.helplint-654321", now), // an earlier version's, maybe being renamed
		mk("a.md", now),
		mk(".a.md.helplint-x", now),
		mk("a.md.helplint-"+itoa(dead)+"-3", now),
	}
	backup := mk(".c.md.helplint-"+itoa(dead)+"-9.orig", now)
	held := mk(".d.md.helplint-"+itoa(dead)+"-5", old)
	f, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := lock(f); err != nil {
		t.Fatal(err)
	}
	kept = append(kept, held, backup)
	left, err := Clean(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(left.Removed, " ") != strings.Join(sorted(gone), " ") {
		t.Errorf("removed %v, want %v", left.Removed, sorted(gone))
	}
	if len(left.Backups) != 1 || left.Backups[0] != backup {
		t.Errorf("backups %v", left.Backups)
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed", p)
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	pid := cmd.Process.Pid
	if alive(pid) {
		t.Skip("the pid was reused at once")
	}
	return pid
}
