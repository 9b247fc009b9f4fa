package lint

import (
	"os"
	"runtime/debug"
)

// TuneGC makes the garbage collector run less often during a lint run,
// which allocates many short-lived parse trees: it collects at five times
// the live heap instead of twice, within a soft limit of 256 MiB so that
// memory stays bounded. A user's GOGC or GOMEMLIMIT wins. It returns a
// function that restores the previous settings.
func TuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(256 << 20)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}
