package pathological

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// BenchmarkShapes lints each shape at 1, 10 and 50 MB and reports the
// time per MB and the peak heap (sampled every 5 ms), which should grow
// linearly with the size, and that peak as a multiple of the input's size
// and of the floor's peak on the same input (floorPeak; not for a shape
// the page model cuts, where goldmark's own work would be quadratic):
//
//	go test ./internal/pathological -run '^$' -bench Shapes -benchtime 1x
func BenchmarkShapes(b *testing.B) {
	for _, s := range Shapes() {
		for _, mb := range []int{1, 10, 50} {
			b.Run(fmt.Sprintf("%s/%dMB", s.Name, mb), func(b *testing.B) {
				root := site(b, s, mb<<20)
				b.SetBytes(int64(mb << 20))
				b.ResetTimer()
				var peak uint64
				for range b.N {
					runtime.GC()
					stop := sampleHeap(&peak)
					lintSite(b, root)
					stop()
				}
				b.StopTimer()
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(mb), "ms/MB")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(peak)/float64(mb<<20), "x-input")
				if !s.Cut && !s.Config && !s.FrontMatter { // yaml.v3 alone takes minutes on the configuration; goldmark reads no YAML
					b.ReportMetric(float64(peak)/float64(floorPeak(s, mb<<20)), "x-floor-heap")
				}
			})
		}
	}
}

// floorPeak is the peak heap of the floor on the same input: the file read
// and parsed by goldmark with helplint's options, nothing else; what
// goldmark itself needs for a page is the least any linter built on it
// can hold.
func floorPeak(s Shape, n int) uint64 {
	data := s.Generate(n)
	runtime.GC()
	var peak uint64
	stop := sampleHeap(&peak)
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAttribute()))
	runtime.KeepAlive(md.Parser().Parse(text.NewReader(data)))
	stop()
	return peak
}

// sampleHeap records the largest heap in use into peak until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
