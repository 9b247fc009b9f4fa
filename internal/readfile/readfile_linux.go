package readfile

import (
	"fmt"
	"io/fs"
	"syscall"
)

// Read returns the contents of the file at path and its stamp, taken
// before the read. A folder, or a file larger than limit bytes, is an error.
func Read(path string, limit int64) ([]byte, Stamp, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, Stamp{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, Stamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return nil, Stamp{}, fmt.Errorf("read %s: is a directory", path)
	}
	if st.Size > limit {
		return nil, Stamp{}, &TooLargeError{Size: st.Size, Limit: limit}
	}
	data := make([]byte, st.Size)
	n := 0
	for n < len(data) {
		m, err := syscall.Read(fd, data[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, Stamp{}, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			break // the file shrank since fstat
		}
		n += m
	}
	return data[:n], stampOf(&st), nil
}

// Lstat returns the stamp of path itself (a link is not followed).
func Lstat(path string) (Stamp, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Lstat(path, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
		}
		return stampOf(&st), nil
	}
}

func stampOf(st *syscall.Stat_t) Stamp {
	return Stamp{Size: st.Size, ModTime: st.Mtim.Nano(), ChangeTime: st.Ctim.Nano(), Inode: st.Ino}
}
