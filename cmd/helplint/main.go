// Command helplint lints Jekyll help-centre pages: front matter, tables,
// encoding and links. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/helplint/helplint/internal/cli"
	"github.com/helplint/helplint/internal/gctune"
)

func main() {
	// A run allocates many short-lived parse trees while its live heap stays
	// small: the heap may grow by 64 MB past the live heap, and by no more
	// than keeps it under 92 MiB, down to 40% of the live heap (so that a
	// huge site does not collect without end). The real site x32 peaks at
	// 141 MB instead of 169 with 64 MB of headroom throughout, for no more
	// CPU (medians of nine and eleven interleaved runs: 2.42 and 2.49 s),
	// where a fixed 32 MB cost a tenth more; Go's default peaks at 235 MB.
	// A small site gets the 64 MB too instead of three times its live heap
	// (uswds-site: 61 ms of CPU instead of 72). A soft limit of 130 MiB on
	// all the runtime holds (raised over the heap goal on larger sites)
	// makes it return freed pages as it nears it: the site x32 peaks at
	// 139-143 MB instead of 141-150 (four interleaved runs each), for the
	// same CPU. GOGC and GOMEMLIMIT set by the user win.
	stopTuning := func() {}
	if os.Getenv("GOGC") == "" {
		p := gctune.Policy{Headroom: 64 << 20, MinPercent: 40, Ceiling: 92 << 20, Limit: 130 << 20}
		if os.Getenv("GOMEMLIMIT") != "" {
			p.Limit = 0
		}
		stopTuning = gctune.Start(p)
	}
	env := cli.Std()
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// A pre-commit run lints a few pages and reads the rest of the site
		// from the index cache: it allocates about 15 MB, and the one
		// collection it would run costs more than it frees (10,000-page
		// site: median 79 -> 76 ms). The limit bounds what it may use.
		env.FewTargets = func() {
			stopTuning() // or its next cycle would turn the collector back on
			debug.SetMemoryLimit(256 << 20)
			debug.SetGCPercent(-1)
		}
	}
	os.Exit(cli.Main(os.Args[1:], env))
}
