package readfile

import (
	"fmt"
	"io/fs"

	"golang.org/x/sys/unix"
)

// Read returns the contents of the file at path and its stamp, taken
// before the read. A folder, or a file larger than limit bytes, is an error.
func Read(path string, limit int64) ([]byte, Stamp, error) {
	var fd int
	var err error
	for {
		// O_NONBLOCK: opening a named pipe would wait for a writer
		// forever; a regular file's reads do not heed it
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, Stamp{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, Stamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
	case unix.S_IFDIR:
		return nil, Stamp{}, fmt.Errorf("read %s: is a directory", path)
	default:
		return nil, Stamp{}, &NotRegularError{Path: path, Mode: modeOf(st.Mode)}
	}
	if st.Size > limit {
		return nil, Stamp{}, &TooLargeError{Size: st.Size, Limit: limit}
	}
	data := make([]byte, st.Size)
	n := 0
	for n < len(data) {
		m, err := unix.Read(fd, data[n:])
		if err == unix.EINTR {
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
	var st unix.Stat_t
	for {
		err := unix.Lstat(path, &st)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return Stamp{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
		}
		return stampOf(&st), nil
	}
}

// stampOf is the stamp of a stat result; Stater uses it too.
func stampOf(st *unix.Stat_t) Stamp {
	return Stamp{Size: st.Size, ModTime: st.Mtim.Nano(), ChangeTime: st.Ctim.Nano(), Inode: st.Ino}
}

// modeOf is the fs.FileMode type bits of a stat mode.
func modeOf(m uint32) fs.FileMode {
	switch m & unix.S_IFMT {
	case unix.S_IFIFO:
		return fs.ModeNamedPipe
	case unix.S_IFSOCK:
		return fs.ModeSocket
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}
