package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/benchsite"
)

// BenchmarkChange measures what a writer waits for: from a change sent to
// its diagnostics received, through the debounce (15 ms, as in use), on the
// real site and on a generated site of 10,000 pages, with a warm index
// cache. It reports the median and the 90th percentile.
func BenchmarkChange(b *testing.B) {
	b.Run("real-site", func(b *testing.B) {
		root := "../../../shared/corpus/identity-site"
		if _, err := os.Stat(root); err != nil {
			b.Skip("skipping: ../shared/corpus is absent")
		}
		abs, _ := filepath.Abs(root)
		benchChange(b, abs, filepath.Join(abs, "content/_help/specific-agencies/irs._en.md"))
	})
	b.Run("10000", func(b *testing.B) {
		dir := b.TempDir()
		tpl, err := benchsite.Templates("../../testdata/bench")
		if err != nil {
			b.Fatal(err)
		}
		if err := benchsite.Generate(dir, 10000, 2800, tpl, 1); err != nil {
			b.Fatal(err)
		}
		// the index cache trusts no file changed in the last three seconds
		time.Sleep(4 * time.Second)
		benchChange(b, dir, filepath.Join(dir, "content/_help/create-account/page-0._en.md"))
	})
}

func benchChange(b *testing.B, root, page string) {
	data, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	c := startBench(b, b.TempDir())
	c.request("initialize", map[string]any{"rootUri": pathURI(root)})
	c.send("initialized", 0, map[string]any{})
	uri := pathURI(page)
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 1, "text": string(data)}})
	c.diagnostics(uri, 1) // the first lint reads the site and fills the cache
	var waits []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := i + 2
		text := string(data) + fmt.Sprintf("\nEdit %d.\n", i)
		start := time.Now()
		c.send("textDocument/didChange", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": text}}})
		c.diagnostics(uri, v)
		waits = append(waits, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(waits[len(waits)*9/10].Microseconds())/1000, "ms-p90")
	c.request("shutdown", nil)
	c.send("exit", 0, nil)
	<-c.code
}

// startBench starts a server as in use: 15 ms debounce, an index cache.
func startBench(b *testing.B, cacheDir string) *client {
	c := startServerWith(&testing.T{}, Options{Debounce: 15 * time.Millisecond, CacheDir: cacheDir})
	c.fatal = b.Fatalf
	return c
}
