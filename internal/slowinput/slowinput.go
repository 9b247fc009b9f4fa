// Package slowinput lets fuzz targets fail on an input that takes too
// long, not only on one that crashes: quadratic work on a long line or a
// repeated construct is a hang to a user (issue 29).
package slowinput

import (
	"testing"
	"time"
)

// Limit is how long a fuzz target's body may take on an input of n bytes:
// generous for linear work under the fuzzer's coverage instrumentation on
// a loaded machine (about 100 times what it takes here), short of what
// quadratic work takes on the inputs the fuzzer grows (a 100 KB input
// read again for each of its bytes: minutes).
// The race detector's slowdown is allowed for.
func Limit(n int) time.Duration {
	return Slowdown * (time.Second + time.Duration(n)*20*time.Microsecond)
}

// Check runs f, the work of one fuzz input of n bytes, and fails t when
// it takes longer than Limit(n).
func Check(t testing.TB, n int, f func()) {
	t.Helper()
	start := time.Now()
	f()
	if d := time.Since(start); d > Limit(n) {
		t.Fatalf("an input of %d bytes took %v, more than the %v allowed: work that is not linear in the input", n, d, Limit(n))
	}
}
