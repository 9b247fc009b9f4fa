// Package gctune bounds the collector's headroom on large runs: the heap
// may grow by Headroom past the live heap, and once the live heap nears
// Ceiling only up to it (but never by less than MinPercent of the live
// heap), so that the peak of a large run follows its live heap instead of
// tripling it. A run's live heap grows until its end, so the room shrinks
// only then. A Limit bounds what the runtime holds in all, the pages it
// has freed and not yet returned included.
//
// A small live heap gets the whole Headroom too, not a share of itself:
// each collection marks the live heap, so at GOGC=200 a run marks half a
// byte for every byte it allocates whatever its size, and at 10 MB live
// with 64 MB of room a sixth of one. uswds-site ran in 61 ms of CPU
// instead of 72 and brew.sh in 16 instead of 20 (ten interleaved runs
// each, and the six other corpus sites now run no collection at all);
// the site x32 runs 11 collections instead of 15.
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Policy is the collector's goal as a function of the live heap.
type Policy struct {
	// Headroom bounds how far the heap grows past the live heap, in bytes.
	Headroom uint64
	// MinPercent is the lowest GOGC the policy sets: past Ceiling the
	// heap still grows by this share of the live heap, so that a huge
	// site does not collect without end.
	MinPercent int
	// Ceiling, when not zero, is a heap the goal stays under while that
	// leaves MinPercent of room.
	Ceiling uint64
	// Limit, when not zero, is a soft limit on all the memory the runtime
	// holds (debug.SetMemoryLimit): near it the runtime returns the pages
	// it has freed to the system instead of keeping them for the next
	// cycle, the 20 to 25 MB by which the resident set otherwise
	// outgrows the heap. The tuner raises it to a quarter over the heap
	// goal when the live heap needs more, so that a site larger than the
	// limit is paced by MinPercent, not collected without end (a heap of
	// 550 MB of small objects ran as many collections with the limit as
	// without).
	Limit uint64
}

// limitFor is the memory limit for a live heap of live bytes collected at
// GOGC=pct: Limit, or a quarter over the heap goal (for the heap's spans'
// unused slots) when that is more.
func (p Policy) limitFor(live uint64, pct int) uint64 {
	goal := live + live*uint64(pct)/100
	return max(p.Limit, goal+goal/4)
}

// heapMinimum is the runtime's least heap goal at GOGC=100: at GOGC=g the
// heap is never collected below heapMinimum*g/100, however small the live
// heap (runtime/mgcpacer.go's defaultHeapMinimum).
const heapMinimum = 4 << 20

// percentFor is the GOGC for a live heap of live bytes: the room it has
// as a share of it, at most what keeps the runtime's least goal within
// Headroom (a tiny live heap) and at least MinPercent.
func (p Policy) percentFor(live uint64) int {
	room := p.Headroom
	if p.Ceiling > 0 && live+room > p.Ceiling {
		room = p.Ceiling - min(live, p.Ceiling)
	}
	most := int(p.Headroom * 100 / heapMinimum)
	if live == 0 {
		return max(p.MinPercent, most)
	}
	return max(p.MinPercent, int(min(room*100/live, uint64(most))))
}

// Start applies p after every collection, from the live heap it measured,
// until stop is called: whoever sets GOGC or the memory limit after stop
// returns (a run that turns the collector off) keeps them.
func Start(p Policy) (stop func()) {
	debug.SetGCPercent(p.percentFor(0))
	if p.Limit > 0 {
		debug.SetMemoryLimit(int64(p.Limit))
	}
	t := &tuner{p: p, last: p.percentFor(0), limit: p.Limit, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.arm()
	return t.stop
}

type tuner struct {
	p      Policy
	last   int
	limit  uint64
	sample []metrics.Sample
	// mu makes stop wait for an adjustment under way, which would
	// otherwise set GOGC and the limit over what the caller sets next.
	mu      sync.Mutex
	stopped bool
}

func (t *tuner) stop() {
	t.mu.Lock()
	t.stopped = true
	t.mu.Unlock()
}

// sentinel is garbage whose finalizer runs once a collection has found it
// dead: after every cycle, the tuner sees its live heap.
type sentinel struct {
	t *tuner
	_ [2]uint64 // big enough not to share a tiny block, whose finalizer could wait
}

func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{t: t}, func(s *sentinel) {
		if s.t.adjust() {
			s.t.arm()
		}
	})
}

// adjust applies the policy to the live heap the last collection
// measured; false once the tuner is stopped.
func (t *tuner) adjust() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return false
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	live := t.sample[0].Value.Uint64()
	pct := t.p.percentFor(live)
	if pct != t.last {
		t.last = pct
		debug.SetGCPercent(pct)
	}
	if t.p.Limit == 0 {
		return true
	}
	if limit := t.p.limitFor(live, pct); limit != t.limit {
		t.limit = limit
		debug.SetMemoryLimit(int64(limit))
	}
	return true
}
