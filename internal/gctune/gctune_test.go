package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	p := Policy{Percent: 200, Headroom: 64 << 20, MinPercent: 100}
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 200},        // nothing measured yet
		{8 << 20, 200},  // a small run: three times its live heap
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
	p := Policy{Percent: 200, Headroom: 64 << 20, MinPercent: 40, Ceiling: 96 << 20}
	for _, tt := range []struct {
		live uint64
		want int
	}{
		{0, 200},
		{16 << 20, 200}, // 32 MB of room is under the headroom and the ceiling
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

// TestStartFollowsTheLiveHeap: after a collection that finds more live
// heap than the headroom allows at Percent, the tuner lowers GOGC.
func TestStartFollowsTheLiveHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	stop := Start(Policy{Percent: 400, Headroom: 1 << 20, MinPercent: 150})
	defer stop()
	live := make([]byte, 8<<20) // 8 MB live: 400% would let the heap grow by 32 MB
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
		if got := currentPercent(); got == 150 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d after collections with 8 MB live, want 150", got)
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
	stop := Start(Policy{Percent: 400, Headroom: 1 << 20, MinPercent: 150})
	stop()
	debug.SetGCPercent(300)
	live := make([]byte, 8<<20)
	for range 5 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := currentPercent(); got != 300 {
		t.Errorf("GOGC is %d after the tuner stopped, want the 300 set since", got)
	}
	runtime.KeepAlive(live)
}
