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
	// 18 MB live the heap grows by 36 MB at most (never less than half the
	// live heap, so that a huge site does not collect without end): the
	// same run peaks at 144 MB instead of 171 with 64 MB of headroom, for
	// no CPU the benchmark can tell from its noise (medians of eleven
	// interleaved runs, 2.55 and 2.63 s), and at 235 MB with Go's default.
	// The six other corpus sites stay under 18 MB live. GOGC set by the
	// user wins.
	stopTuning := func() {}
	if os.Getenv("GOGC") == "" {
		stopTuning = gctune.Start(gctune.Policy{Percent: 200, Headroom: 36 << 20, MinPercent: 50})
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
