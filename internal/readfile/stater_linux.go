package readfile

import (
	"io/fs"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// maxDirs bounds the folders a Stater keeps open; past it, files are
// stated by their whole path.
const maxDirs = 1024

// Stater stats many files of a few folders: it opens each folder once and
// stats its files relative to it, which spares the kernel the lookup of the
// folder's path for every file (2.7 against 3.5 µs a file, measured here).
// It is safe for concurrent use; Close releases the folders.
type Stater struct {
	// open is what dirs holds, readable without a lock: every stat of a
	// run reads it, from every worker, and a read lock's shared counter
	// costs more than the lookup
	open   sync.Map // folder → descriptor, or -1 when it cannot be opened
	mu     sync.Mutex
	dirs   map[string]int
	closed bool
}

// NewStater returns a Stater with no folder open.
func NewStater() *Stater { return &Stater{dirs: map[string]int{}} }

// Lstat returns the stamp of path itself (a link is not followed).
func (s *Stater) Lstat(path string) (Stamp, error) {
	i := strings.LastIndexByte(path, '/')
	if i <= 0 || i == len(path)-1 {
		return Lstat(path)
	}
	fd := s.dir(path[:i])
	if fd < 0 {
		return Lstat(path)
	}
	name := path[i+1:]
	if st, ok := statx(fd, name); ok {
		return st, nil
	}
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
		}
		return stampOf(&st), nil
	}
}

const statxMask = unix.STATX_SIZE | unix.STATX_MTIME | unix.STATX_CTIME | unix.STATX_INO

// statx stats name in folder fd with the name copied to the stack:
// unix.Fstatat allocates a C string for every call, and a pre-commit run
// stats every page of the site. ok is false when it could not (a long
// name, an old kernel, an error); the caller then asks Fstatat, which
// also gives the error.
func statx(fd int, name string) (Stamp, bool) {
	var buf [256]byte
	if len(name) >= len(buf) || strings.IndexByte(name, 0) >= 0 {
		return Stamp{}, false
	}
	copy(buf[:], name)
	var stx unix.Statx_t
	for {
		_, _, e := unix.Syscall6(unix.SYS_STATX, uintptr(fd), uintptr(unsafe.Pointer(&buf[0])),
			unix.AT_SYMLINK_NOFOLLOW, statxMask, uintptr(unsafe.Pointer(&stx)), 0)
		if e == unix.EINTR {
			continue
		}
		if e != 0 || stx.Mask&statxMask != statxMask {
			return Stamp{}, false
		}
		return Stamp{Size: int64(stx.Size), ModTime: stx.Mtime.Sec*1e9 + int64(stx.Mtime.Nsec),
			ChangeTime: stx.Ctime.Sec*1e9 + int64(stx.Ctime.Nsec), Inode: stx.Ino}, true
	}
}

// dir returns a descriptor of folder dir, or -1.
func (s *Stater) dir(dir string) int {
	if fd, ok := s.open.Load(dir); ok {
		return fd.(int)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if fd, ok := s.dirs[dir]; ok {
		return fd
	}
	if s.closed || len(s.dirs) >= maxDirs {
		return -1
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		fd = -1
	}
	s.dirs[dir] = fd
	s.open.Store(dir, fd)
	return fd
}

// Close closes the folders; later calls stat by whole path.
func (s *Stater) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fd := range s.dirs {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
	s.dirs, s.closed = map[string]int{}, true
	s.open.Clear()
}
