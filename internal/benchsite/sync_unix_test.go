//go:build unix

package benchsite

import (
	"os"
	"runtime"
	"syscall"
)

// flush writes the page cache's dirty data to disk: the writeback of a
// freshly generated site would otherwise run during the timed runs.
func flush() { syscall.Sync() }

// peakRSS is the largest resident set the finished process held, in bytes.
func peakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes there, KiB on Linux
	}
	return int64(ru.Maxrss) * 1024
}
