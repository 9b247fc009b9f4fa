//go:build unix

package benchsite

import "syscall"

// flush writes the page cache's dirty data to disk: the writeback of a
// freshly generated site would otherwise run during the timed runs.
func flush() { syscall.Sync() }
