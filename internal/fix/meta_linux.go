package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// meta is what a replacement must carry of the file it replaces.
type meta struct {
	regular  bool
	links    uint64
	uid, gid uint32
	mode     uint32 // permission bits with setuid, setgid and sticky
}

func metaOf(path string) (meta, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return meta{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return meta{regular: st.Mode&unix.S_IFMT == unix.S_IFREG, links: st.Nlink, uid: st.Uid, gid: st.Gid, mode: st.Mode & 0o7777}, nil
}

func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}

// lock takes the lock that tells later runs this temporary file is in use;
// the kernel releases it when the process ends, however it ends.
func lock(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
}

// unlocked reports whether no process holds the lock on the file at path.
func unlocked(path string) bool {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	return unix.Flock(fd, unix.LOCK_EX|unix.LOCK_NB) == nil
}

// alive reports whether process pid exists (another user's counts).
func alive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

// writeTemp writes data to tmp, gives it path's owner, group, extended
// attributes and mode, and syncs it; tmp stays open (and locked). It
// reports whether tmp now has exactly the metadata of path.
func writeTemp(tmp *os.File, path string, data []byte) (same bool, err error) {
	if _, err := tmp.Write(data); err != nil {
		return false, err
	}
	m, err := metaOf(path)
	if err != nil {
		return false, err
	}
	fd := int(tmp.Fd())
	// chown first: it clears the setuid and setgid bits that chmod then sets
	if err := unix.Fchown(fd, int(m.uid), int(m.gid)); err != nil && !errors.Is(err, unix.EPERM) {
		return false, err
	}
	attrs, err := copyXattrs(path, fd)
	if err != nil {
		return false, err
	}
	if err := unix.Fchmod(fd, m.mode); err != nil && !errors.Is(err, unix.EPERM) {
		return false, err
	}
	if err := tmp.Sync(); err != nil {
		return false, err
	}
	var got unix.Stat_t
	if err := unix.Fstat(fd, &got); err != nil {
		return false, err
	}
	// the kernel may refuse an owner or silently drop setgid: compare
	return attrs && got.Uid == m.uid && got.Gid == m.gid && got.Mode&0o7777 == m.mode, nil
}

// copyXattrs copies the extended attributes of path to fd, and reports
// whether all of them could be set. A file system without them has none to copy.
func copyXattrs(path string, fd int) (bool, error) {
	names, err := listXattrs(path)
	if err != nil {
		return false, err
	}
	for _, name := range names {
		val, err := getXattr(path, name)
		if err != nil {
			return false, err
		}
		if err := unix.Fsetxattr(fd, name, val, 0); err != nil {
			return false, nil // not allowed (trusted.*, security.*) or not supported
		}
	}
	return true, nil
}

func listXattrs(path string) ([]string, error) {
	for {
		n, err := unix.Listxattr(path, nil)
		if errors.Is(err, unix.ENOTSUP) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("listing extended attributes: %w", err)
		}
		if n == 0 {
			return nil, nil
		}
		buf := make([]byte, n)
		n, err = unix.Listxattr(path, buf)
		if errors.Is(err, unix.ERANGE) {
			continue // an attribute was added in between
		}
		if err != nil {
			return nil, fmt.Errorf("listing extended attributes: %w", err)
		}
		var names []string
		for _, b := range bytes.Split(buf[:n], []byte{0}) {
			if len(b) > 0 {
				names = append(names, string(b))
			}
		}
		return names, nil
	}
}

func getXattr(path, name string) ([]byte, error) {
	for {
		n, err := unix.Getxattr(path, name, nil)
		if err != nil {
			return nil, fmt.Errorf("reading extended attribute %s: %w", name, err)
		}
		buf := make([]byte, n)
		n, err = unix.Getxattr(path, name, buf)
		if errors.Is(err, unix.ERANGE) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading extended attribute %s: %w", name, err)
		}
		return buf[:n], nil
	}
}

// exchange swaps the files named a and b at once (renameat2 with
// RENAME_EXCHANGE); file systems without it return an error.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
