package lint

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestSitePassEach checks that Each calls fn once for every index, on no
// more goroutines at once than the runner's workers.
func TestSitePassEach(t *testing.T) {
	for _, tc := range []struct{ workers, n int }{{0, 5}, {1, 50}, {3, 200}, {8, 2}, {4, 0}} {
		p := &SitePass{workers: tc.workers}
		var mu sync.Mutex
		seen := map[int]int{}
		var running, most atomic.Int64
		p.Each(tc.n, func(i int) {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			mu.Lock()
			seen[i]++
			mu.Unlock()
			running.Add(-1)
		})
		if len(seen) != tc.n {
			t.Errorf("workers %d, n %d: %d indexes called", tc.workers, tc.n, len(seen))
		}
		for i, c := range seen {
			if c != 1 || i < 0 || i >= tc.n {
				t.Errorf("workers %d: index %d called %d times", tc.workers, i, c)
			}
		}
		if limit := int64(max(tc.workers, 1)); most.Load() > limit {
			t.Errorf("workers %d: %d calls at once", tc.workers, most.Load())
		}
	}
}
