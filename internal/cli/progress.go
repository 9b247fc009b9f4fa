package cli

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws "linted N/M files" on a terminal's stderr, once a run has
// taken more than a second; it never draws in CI or into a pipe.
type progress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer) *progress { return &progress{w: w, start: time.Now()} }

// update is called by the runner's workers.
func (p *progress) update(done, total int) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.start) < time.Second || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = now
	p.drawn = true
	fmt.Fprintf(p.w, "\r\x1b[Khelplint: linted %d/%d files", done, total)
}

// clear removes the line, if one was drawn.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
