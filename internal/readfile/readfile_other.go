//go:build !linux

package readfile

import (
	"fmt"
	"io"
	"os"
)

// Read returns the contents of the file at path and its stamp, taken
// before the read. A folder, or a file larger than limit bytes, is an error.
func Read(path string, limit int64) ([]byte, Stamp, error) {
	// a named pipe would block the open: look first
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, Stamp{}, &NotRegularError{Path: path, Mode: fi.Mode().Type()}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Stamp{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, Stamp{}, err
	}
	if fi.IsDir() {
		return nil, Stamp{}, fmt.Errorf("read %s: is a directory", path)
	}
	if fi.Size() > limit {
		return nil, Stamp{}, &TooLargeError{Size: fi.Size(), Limit: limit}
	}
	data := make([]byte, fi.Size())
	n, err := io.ReadFull(f, data)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, Stamp{}, err
	}
	return data[:n], stampOf(fi), nil
}

// Lstat returns the stamp of path itself (a link is not followed).
func Lstat(path string) (Stamp, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return Stamp{}, err
	}
	return stampOf(fi), nil
}

// stampOf keeps size and modification time: change time and inode are
// not portable.
func stampOf(fi os.FileInfo) Stamp {
	return Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
}
