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
	// small: collecting at three times the live heap instead of twice saves
	// about a tenth of a large run (real site x32: 1.38 s -> 1.28 s). Past
	// 32 MB live the heap grows by 64 MB at most (never less than twice
	// the live heap): the same run peaks at 185 MB instead of 235, for
	// about 2% more CPU. GOGC set by the user wins.
	stopTuning := func() {}
	if os.Getenv("GOGC") == "" {
		stopTuning = gctune.Start(gctune.Policy{Percent: 200, Headroom: 64 << 20, MinPercent: 100})
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
