package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/helplint/helplint/internal/readfile"
)

// Original is a file as it was read and linted: a replacement must still
// find it so, or the writer's newer work would be lost.
type Original struct {
	// Stamp is the file's size, modification time and inode before the
	// read; the zero Stamp (unknown) checks the text only.
	Stamp readfile.Stamp
	// Text is what was read.
	Text []byte
}

// ChangedError is the error for a file that changed since it was read:
// its fixes are not written.
type ChangedError struct {
	Path string
	Why  string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s: changed since helplint read it (%s); fixes not written, run --fix again", e.Path, e.Why)
}

// ErrInterrupted is the error of a Write after Interrupt.
var ErrInterrupted = errors.New("interrupted")

// Writer replaces files with their fixed text without losing a writer's
// work or the file's metadata. A file is replaced by renaming a temporary
// file over it, which carries the original's owner, group, mode bits
// (setuid, setgid and sticky included) and extended attributes (ACLs among
// them); when it cannot carry them all, or the file has other hard links,
// the file is rewritten in place instead, with a backup of the old text
// kept beside it until the write is on disk. Just before the replacement,
// the file is read again: if it is no longer the file that was read, it is
// left alone and Write returns a *ChangedError.
//
// A Writer is used by one run; Interrupt ends it.
type Writer struct {
	// BeforeCheck, when set, runs before a file is checked against what was
	// read (tests edit the file there, as a writer might).
	BeforeCheck func(path string)
	// BeforeRename, when set, runs after the temporary file is written and
	// before the rename; an error from it aborts the write (tests use it to
	// simulate an interrupted write).
	BeforeRename func(tmp string) error

	mu          sync.Mutex // held for the whole of one file's write
	liveMu      sync.Mutex
	live        []string // temporary files of the write in progress
	interrupted atomic.Bool
}

// backupSuffix ends the name of the backup an in-place write keeps.
const backupSuffix = ".orig"

// tempName names a temporary file of this process beside path:
// .<page>.helplint-<pid>-<n>, and with backupSuffix for the backup of an
// in-place write (Clean knows the pattern). A long page name is cut, so
// that the name stays within the 255 bytes file systems allow.
func tempName(path string, n int64) string {
	base := filepath.Base(path)
	if len(base) > maxTempBase {
		base = base[:maxTempBase]
	}
	return filepath.Join(filepath.Dir(path), "."+base+".helplint-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatInt(n, 10))
}

// maxTempBase is how much of a page's name a temporary file's name keeps.
const maxTempBase = 180

// Write replaces the file at path, which was orig when it was read, with data.
func (w *Writer) Write(path string, orig Original, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.interrupted.Load() {
		return fmt.Errorf("%s: not written: %w", path, ErrInterrupted)
	}
	// a page reached through a symbolic link is fixed where it lives:
	// a rename over the link would replace the link with a copy
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.write(real, orig, data); err != nil {
		var ce *ChangedError
		if errors.As(err, &ce) {
			ce.Path = path
			return ce
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func (w *Writer) write(path string, orig Original, data []byte) error {
	m, err := metaOf(path)
	if err != nil {
		return err
	}
	if !m.regular {
		return errors.New("not a regular file")
	}
	if m.links > 1 {
		return w.inPlace(path, orig, data, fmt.Sprintf("it has %d hard links", m.links))
	}
	tmp, err := w.create(path, "")
	if err != nil {
		return err
	}
	name, theirs := tmp.Name(), false
	defer func() {
		// removed while still locked: no other run takes it for a leftover
		if !theirs {
			w.drop(name)
		}
		_ = tmp.Close()
	}()
	keep, err := writeTemp(tmp, path, data)
	if err != nil {
		return err
	}
	if !keep {
		// the replacement cannot carry the original's owner, mode or
		// attributes (not allowed, or not supported here): write in place
		return w.inPlace(path, orig, data, "")
	}
	if err := w.check(path, orig); err != nil {
		return err
	}
	if w.BeforeRename != nil {
		if err := w.BeforeRename(name); err != nil {
			return err
		}
	}
	theirs, err = w.replace(name, path, orig)
	return err
}

// replace puts tmp in path's place. Where the system can swap two names at
// once, it swaps them and checks the file it took out: if a writer changed
// or replaced it since the check, it is swapped back, so nothing written
// before the swap is lost. Elsewhere a rename leaves a moment between the
// check and the rename in which an edit is overwritten.
func (w *Writer) replace(tmp, path string, orig Original) (theirs bool, err error) {
	// from the swap on, tmp may hold the page: Interrupt must not remove it
	w.untrack(tmp)
	if err := exchange(tmp, path); err != nil {
		w.track(tmp)
		if err := os.Rename(tmp, path); err != nil {
			return false, err
		}
		syncDir(path)
		return false, nil
	}
	if err := w.checkFile(tmp, orig, false); err != nil {
		if xerr := exchange(tmp, path); xerr != nil {
			// tmp holds the writer's version: named as a backup, no run removes it
			if os.Rename(tmp, tmp+backupSuffix) == nil {
				tmp += backupSuffix
			}
			return true, fmt.Errorf("changed while helplint replaced it; the writer's version is in %s (%v)", tmp, xerr)
		}
		return false, err
	}
	syncDir(path)
	return false, nil // the deferred drop removes the old text, now at tmp
}

// syncDir makes a rename in path's folder durable; a failure only weakens
// what a power cut would keep.
func syncDir(path string) {
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// create makes a new temporary file beside path, locked while this process
// lives: a later run removes it only when the lock is free.
func (w *Writer) create(path, suffix string) (*os.File, error) {
	for try := 0; ; try++ {
		name := tempName(path, time.Now().UnixNano()+int64(try)) + suffix
		w.track(name)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) && try < 100 {
			w.untrack(name)
			continue
		}
		if err != nil {
			w.untrack(name)
			return nil, err
		}
		if err := lock(f); err != nil {
			_ = f.Close()
			w.drop(name)
			return nil, fmt.Errorf("locking %s: %w", name, err)
		}
		return f, nil
	}
}

// inPlace rewrites path's own inode, so that its hard links, owner, mode and
// attributes stay. A backup of the old text is written and synced first and
// removed once the new text is on disk: a run killed in between leaves it,
// and a later run points to it rather than removing it.
func (w *Writer) inPlace(path string, orig Original, data []byte, why string) (err error) {
	bak, err := w.create(path, backupSuffix)
	if err != nil {
		return err
	}
	keepBackup := false
	defer func() {
		// removed while still locked, or kept and named
		if !keepBackup {
			w.drop(bak.Name())
		} else {
			w.untrack(bak.Name())
		}
		_ = bak.Close()
	}()
	if _, err := bak.Write(orig.Text); err != nil {
		return err
	}
	if err := bak.Sync(); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		if why != "" {
			return fmt.Errorf("%s, so it is written in place: %w", why, err)
		}
		return err
	}
	defer f.Close()
	if err := w.check(path, orig); err != nil {
		return err
	}
	_, err = f.WriteAt(data, 0)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		keepBackup = true // the file may be half written
		return fmt.Errorf("writing in place failed (%w); the old text is in %s", err, bak.Name())
	}
	return nil
}

// check returns a *ChangedError unless the file at path is still orig.
func (w *Writer) check(path string, orig Original) error {
	return w.checkFile(path, orig, true)
}

// checkFile is check; hook says whether BeforeCheck runs.
func (w *Writer) checkFile(path string, orig Original, hook bool) error {
	if hook && w.BeforeCheck != nil {
		w.BeforeCheck(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	s := orig.Stamp
	switch {
	case s != readfile.Stamp{} && s.Inode != 0 && inode(fi) != s.Inode:
		return &ChangedError{Path: path, Why: "it was replaced"}
	case fi.Size() != int64(len(orig.Text)):
		return &ChangedError{Path: path, Why: "its size changed"}
	case s != readfile.Stamp{} && fi.ModTime().UnixNano() != s.ModTime:
		return &ChangedError{Path: path, Why: "its modification time changed"}
	}
	now, err := io.ReadAll(io.LimitReader(f, int64(len(orig.Text))+1))
	if err != nil {
		return err
	}
	if !bytes.Equal(now, orig.Text) {
		return &ChangedError{Path: path, Why: "its text changed"}
	}
	return nil
}

func (w *Writer) track(name string) {
	w.liveMu.Lock()
	w.live = append(w.live, name)
	w.liveMu.Unlock()
}

func (w *Writer) untrack(name string) {
	w.liveMu.Lock()
	defer w.liveMu.Unlock()
	for i, n := range w.live {
		if n == name {
			w.live = append(w.live[:i], w.live[i+1:]...)
			return
		}
	}
}

// drop removes a temporary file that is no longer needed (after a rename
// it no longer exists, which is fine).
func (w *Writer) drop(name string) {
	_ = os.Remove(name)
	w.untrack(name)
}

// Interrupt ends the run's writing (on Ctrl-C): it lets the file being
// written finish for up to grace, then removes the temporary files still
// there; later Writes fail. A backup of an in-place write still in
// progress is kept, since the file may be half written.
func (w *Writer) Interrupt(grace time.Duration) {
	w.interrupted.Store(true)
	done := make(chan struct{})
	go func() {
		w.mu.Lock()
		//lint:ignore SA2001 taking the lock is waiting for the write in progress
		w.mu.Unlock()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(grace):
	}
	w.liveMu.Lock()
	defer w.liveMu.Unlock()
	for _, name := range w.live {
		if filepath.Ext(name) != backupSuffix {
			_ = os.Remove(name)
		}
	}
}
