package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	p := Policy{Headroom: 64 << 20, MinPercent: 100}
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 1600},       // nothing measured yet: the runtime's least goal, 4 MB, times 16 is the headroom
		{2 << 20, 1600}, // under 4 MB live the same: 1600% would not reach 64 MB past it
		{8 << 20, 800},  // a small run: 64 MB past its live heap
		{32 << 20, 200}, // the heap may still grow by 64 MB
		{40 << 20, 160}, // 64 MB past 40
		{64 << 20, 100},
		{1 << 30, 100}, // never below Go's default
	} {
		if got := p.percentFor(tt.live); got != tt.want {
			t.Errorf("percentFor(%d MB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}

func TestPercentForCeiling(t *testing.T) {
	p := Policy{Headroom: 64 << 20, MinPercent: 40, Ceiling: 96 << 20}
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 1600},
		{16 << 20, 400}, // 64 MB of room is under the ceiling
		{32 << 20, 200}, // 64 MB: the headroom, and the ceiling
		{48 << 20, 100}, // 48 MB left under the ceiling
		{64 << 20, 50},  // 32 MB left
		{80 << 20, 40},  // 16 MB left: the floor instead
		{200 << 20, 40}, // past the ceiling: the floor
		{1 << 30, 40},
	} {
		if got := p.percentFor(tt.live); got != tt.want {
			t.Errorf("percentFor(%d MB) = %d, want %d", tt.live>>20, got, tt.want)
		}
	}
}

func TestLimitFor(t *testing.T) {
	p := Policy{Headroom: 64 << 20, MinPercent: 40, Ceiling: 92 << 20, Limit: 130 << 20}
	for _, tt := range []struct {
		live, want uint64
	}{
		{0, 130 << 20},
		{32 << 20, 130 << 20}, // goal 92 MB, 115 with a quarter more: the limit
		{72 << 20, 130 << 20}, // the real site x32 at its end: goal 100.8, 126 with a quarter
		{80 << 20, 140 << 20}, // goal 112 MB (40%): the limit rises to 140
		{1 << 30, 1879048191}, // a huge site: 1.4 GiB goal and a quarter, 1,792 MiB less a byte
	} {
		if got := p.limitFor(tt.live, p.percentFor(tt.live)); got != tt.want {
			t.Errorf("limitFor(%d MB) = %d MB, want %d MB", tt.live>>20, got>>20, tt.want>>20)
		}
	}
}

// TestStartSetsTheLimit: Start sets Limit as the memory limit, and a
// policy without one leaves the limit as it was.
func TestStartSetsTheLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	stop := Start(Policy{Headroom: 64 << 20, MinPercent: 40, Limit: 1 << 40})
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("memory limit %d after Start, want 1 TiB", got)
	}
	stop()
	debug.SetMemoryLimit(3 << 40)
	stop = Start(Policy{Headroom: 64 << 20, MinPercent: 40})
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != 3<<40 {
		t.Errorf("memory limit %d after Start without a Limit, want the 3 TiB set before", got)
	}
}

// TestStartRaisesTheLimit: once the live heap needs more than Limit, the
// tuner raises the memory limit over the heap goal, so the collector is
// paced by GOGC instead of running without end near the limit.
func TestStartRaisesTheLimit(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	stop := Start(Policy{Headroom: 64 << 20, MinPercent: 100, Limit: 4 << 20})
	if got := debug.SetMemoryLimit(-1); got > 40<<20 {
		t.Fatalf("memory limit %d MB before any collection, want the policy's 4 MB (or what a collection since raised it to)", got>>20)
	}
	defer stop()
	live := make([]byte, 16<<20) // 16 MB live, four times the limit
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if got := debug.SetMemoryLimit(-1); got >= 40<<20 { // 32 MB goal and a quarter
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("memory limit %d MB after collections with 16 MB live, want at least 40", got>>20)
		}
	}
	runtime.KeepAlive(live)
}

// TestStartFollowsTheLiveHeap: Start sets the GOGC of an empty heap, and
// after a collection that finds the live heap near the ceiling the tuner
// lowers it.
func TestStartFollowsTheLiveHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	stop := Start(Policy{Headroom: 64 << 20, MinPercent: 150, Ceiling: 20 << 20})
	defer stop()
	if got := currentPercent(); got != 1600 && got != 150 {
		t.Fatalf("GOGC is %d after Start, want 1600 (or the 150 a collection since set)", got)
	}
	live := make([]byte, 16<<20) // 16 MB live: 4 MB or less left under the ceiling, so MinPercent
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
		if got := currentPercent(); got == 150 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d after collections with 16 MB live, want 150", got)
		}
	}
	runtime.KeepAlive(live)
}

func currentPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// TestStopLeavesGOGC: once stopped, the tuner leaves GOGC to whoever sets
// it (a run that turns the collector off), whatever the live heap.
func TestStopLeavesGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	stop := Start(Policy{Headroom: 1 << 20, MinPercent: 150, Limit: 64 << 20})
	stop()
	debug.SetGCPercent(300)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(5 << 40))
	live := make([]byte, 8<<20)
	for range 5 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := currentPercent(); got != 300 {
		t.Errorf("GOGC is %d after the tuner stopped, want the 300 set since", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 5<<40 {
		t.Errorf("memory limit %d after the tuner stopped, want the 5 TiB set since", got)
	}
	runtime.KeepAlive(live)
}
