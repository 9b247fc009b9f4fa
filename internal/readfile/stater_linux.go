package readfile

import (
	"io/fs"
	"strings"
	"sync"

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
	mu     sync.RWMutex
	dirs   map[string]int // folder → descriptor, or -1 when it cannot be opened
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
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, path[i+1:], &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
		}
		return stampOf(&st), nil
	}
}

// dir returns a descriptor of folder dir, or -1.
func (s *Stater) dir(dir string) int {
	s.mu.RLock()
	fd, ok := s.dirs[dir]
	s.mu.RUnlock()
	if ok {
		return fd
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
}
