package slowinput

import (
	"testing"
	"time"
)

// fakeT records a failure instead of stopping the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }

func TestCheck(t *testing.T) {
	ft := &fakeT{TB: t}
	Check(ft, 10, func() {})
	if ft.failed {
		t.Error("a quick input failed")
	}
	if testing.Short() || Slowdown > 1 {
		t.Skip("waits out the limit")
	}
	Check(ft, 0, func() { time.Sleep(Limit(0) + 50*time.Millisecond) })
	if !ft.failed {
		t.Error("a slow input passed")
	}
}
