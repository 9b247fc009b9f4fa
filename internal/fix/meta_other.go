//go:build !linux

package fix

import (
	"errors"
	"io/fs"
	"os"
)

// meta is what a replacement must carry of the file it replaces; here
// only the mode is known, so Writer keeps the mode bits alone.
type meta struct {
	regular bool
	links   uint64
	mode    fs.FileMode
}

func metaOf(path string) (meta, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return meta{}, err
	}
	return meta{regular: fi.Mode().IsRegular(), links: 1, mode: fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)}, nil
}

func inode(fs.FileInfo) uint64 { return 0 }

func lock(*os.File) error { return nil }

// unlocked cannot tell here: temporary files are left to their process.
func unlocked(string) bool { return false }

func alive(int) bool { return true }

func writeTemp(tmp *os.File, path string, data []byte) (bool, error) {
	if _, err := tmp.Write(data); err != nil {
		return false, err
	}
	m, err := metaOf(path)
	if err != nil {
		return false, err
	}
	if err := tmp.Chmod(m.mode); err != nil {
		return false, err
	}
	if err := tmp.Sync(); err != nil {
		return false, err
	}
	return true, nil
}

func exchange(a, b string) error { return errors.ErrUnsupported }
