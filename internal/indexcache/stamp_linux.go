package indexcache

import (
	"os"
	"syscall"
)

func sysStamp(fi os.FileInfo, st *stamp) {
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.ctime = s.Ctim.Nano()
		st.ino = s.Ino
	}
}

// lstatStamp stats path without the allocations of os.Lstat: it runs for
// every page of the site.
func lstatStamp(path string) (stamp, error) {
	var s syscall.Stat_t
	for {
		err := syscall.Lstat(path, &s)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return stamp{}, err
		}
		return stamp{size: s.Size, mtime: s.Mtim.Nano(), ctime: s.Ctim.Nano(), ino: s.Ino}, nil
	}
}
