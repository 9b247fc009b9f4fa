package indexcache

import (
	"os"
	"syscall"
)

func sysStamp(fi os.FileInfo, st *stamp) {
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.ctime = s.Ctimespec.Nano()
		st.ino = s.Ino
	}
}

func lstatStamp(path string) (stamp, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return stamp{}, err
	}
	return stampOf(fi), nil
}
