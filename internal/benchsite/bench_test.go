package benchsite

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/charscan"
	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/readfile"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

const corpus = "../../../shared/corpus/identity-site"

var (
	sitesMu sync.Mutex
	sites   = map[string]string{}
)

// TestMain removes the sites the benchmarks built.
// Started again with floorEnv set, the test binary is the floor process.
func TestMain(m *testing.M) {
	if os.Getenv(wrapEnv) != "" {
		os.Unsetenv(wrapEnv)
		os.Exit(wrapMain(os.Args[1:]))
	}
	if dir := os.Getenv(floorEnv); dir != "" {
		os.Exit(floorMain(dir))
	}
	code := m.Run()
	for _, dir := range sites {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// site returns a generated site of n pages (about 2.8 KB each), built once per test binary.
func site(b *testing.B, n int) string {
	b.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	key := fmt.Sprint("gen", n)
	if dir, ok := sites[key]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "helplint-bench-")
	if err != nil {
		b.Fatal(err)
	}
	tpl, err := Templates("../../testdata/bench")
	if err != nil || len(tpl) == 0 {
		b.Fatalf("templates: %v", err)
	}
	if err := Generate(dir, n, 2800, tpl, 1); err != nil {
		b.Fatal(err)
	}
	sites[key] = dir
	return dir
}

// corpus32 returns the real site copied 32 times (10,080 pages, 28 MB).
func corpus32(b *testing.B) string {
	b.Helper()
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("skipping: the real-site corpus is not at %s", corpus)
	}
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if dir, ok := sites["corpus32"]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "helplint-corpus32-")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := CopyCorpus(corpus, dir, 32); err != nil {
		b.Fatal(err)
	}
	sites["corpus32"] = dir
	return dir
}

func allRulesOn() map[string]string {
	m := map[string]string{}
	for _, r := range rules.All() {
		if r.Severity.String() == "off" {
			m[r.Name] = "warning"
		}
	}
	return m
}

// pageFiles lists a site's pages and their total size.
func pageFiles(b *testing.B, dir string) ([]string, int64) {
	files, errs := discover.Walk([]string{filepath.Join(dir, "content")}, discover.Options{Match: discover.IsPageName})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var paths []string
	var size int64
	for _, f := range files {
		fi, err := os.Stat(f.Abs)
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
		paths = append(paths, f.Abs)
	}
	return paths, size
}

// lintSite runs helplint on a site's content with every rule on, as the CLI does.
func lintSite(b *testing.B, dir string) int {
	ws, err := workspace.Open(workspace.Options{Paths: []string{filepath.Join(dir, "content")}, RuleSeverities: allRulesOn()})
	if err != nil {
		b.Fatal(err)
	}
	res := ws.Run()
	return res.Files
}

func report(b *testing.B, pages int, size int64) {
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(pages)/sec, "pages/s")
	b.ReportMetric(float64(size)/1e6/sec, "MB/s")
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkFloor reads every page and parses it with goldmark, with as
// many workers as the runner, and nothing else: the cost helplint cannot
// go below.
func BenchmarkFloor(b *testing.B) {
	dir := site(b, 10000)
	paths, size := pageFiles(b, dir)
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAttribute())) // the options helplint parses with
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		jobs := make(chan string)
		var wg sync.WaitGroup
		for w := 0; w < lint.DefaultWorkers(); w++ { // as many workers as helplint uses
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range jobs {
					data, _, err := readfile.Read(p, lint.MaxFileSize) // helplint's own, cheapest read
					if err != nil {
						b.Error(err)
						continue
					}
					md.Parser().Parse(text.NewReader(data))
				}
			}()
		}
		for _, p := range paths {
			jobs <- p
		}
		close(jobs)
		wg.Wait()
	}
	report(b, len(paths), size)
}

// BenchmarkLint lints the same 10,000 generated pages with every rule on.
func BenchmarkLint(b *testing.B) {
	dir := site(b, 10000)
	paths, size := pageFiles(b, dir)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if n := lintSite(b, dir); n != len(paths) {
			b.Fatalf("linted %d of %d pages", n, len(paths))
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	report(b, len(paths), size)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(len(paths)), "allocs/page")
}

// BenchmarkScale lints 1,000, 5,000 and 10,000 pages: the cost per page must stay flat.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := site(b, n)
			paths, size := pageFiles(b, dir)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lintSite(b, dir)
			}
			report(b, len(paths), size)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/float64(len(paths))*1e6, "µs/page")
		})
	}
}

// BenchmarkCorpus32InProcess lints the real site copied 32 times (10,080
// pages) in process, without output: the one to profile with -cpuprofile.
func BenchmarkCorpus32InProcess(b *testing.B) {
	dir := corpus32(b)
	paths, size := pageFiles(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lintSite(b, dir)
	}
	report(b, len(paths), size)
}

// singlePage is the page the single-page benchmarks lint, as pre-commit does.
func singlePage(b *testing.B) string {
	return filepath.Join(site(b, 10000), "content", "_help", "create-account", "page-0._en.md")
}

// settled waits until the generated site is older than the index cache's
// racy window: the cache does not trust files changed seconds ago.
func settled(b *testing.B) {
	paths, _ := pageFiles(b, site(b, 10000))
	var newest time.Time
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		if fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	flush()
	time.Sleep(time.Until(newest.Add(4 * time.Second)))
}

// BenchmarkSinglePage lints one page of the 10,000-page site in process,
// with the index cache a first run left (the pre-commit case).
func BenchmarkSinglePage(b *testing.B) {
	page := singlePage(b)
	settled(b)
	o := workspace.Options{Paths: []string{page}, CacheDir: b.TempDir()}
	if ws, err := workspace.Open(o); err != nil || ws.Run().Files != 1 {
		b.Fatalf("first run: %v", err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws, err := workspace.Open(o)
		if err != nil {
			b.Fatal(err)
		}
		if res := ws.Run(); res.Files != 1 {
			b.Fatalf("linted %d files", res.Files)
		}
		if hits, misses := ws.Cache.Stats(); misses > 0 {
			b.Fatalf("the cache answered %d pages and missed %d", hits, misses)
		}
	}
}

// BenchmarkSinglePageNoCache lints the same page reading every other page.
func BenchmarkSinglePageNoCache(b *testing.B) {
	page := singlePage(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws, err := workspace.Open(workspace.Options{Paths: []string{page}})
		if err != nil {
			b.Fatal(err)
		}
		if res := ws.Run(); res.Files != 1 {
			b.Fatalf("linted %d files", res.Files)
		}
	}
}

// BenchmarkSinglePageCLI runs the helplint binary on the same page, a new
// process each time, with the index cache a first run left: what a
// pre-commit hook costs, start-up included.
func BenchmarkSinglePageCLI(b *testing.B) {
	page := singlePage(b)
	helplint := filepath.Join(b.TempDir(), "helplint")
	if out, err := exec.Command("go", "build", "-o", helplint, "../../cmd/helplint").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	settled(b)
	env := append(os.Environ(), "HELPLINT_CACHE="+b.TempDir())
	run := func() {
		cmd := exec.Command(helplint, page)
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
			b.Fatalf("helplint: %v\n%s", err, out.Bytes())
		}
	}
	run() // fills the cache
	var ms []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		run()
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
	}
	b.ReportMetric(median(ms), "ms-median") // the target is a median: a slow start of the machine's now and then is not the run's
}

// BenchmarkPeers runs helplint, rumdl and markdownlint-cli2 on the real
// site copied 32 times, in one run, and reports how many times faster
// helplint is. A peer that is not on PATH is skipped with a message (see
// README for installing them).
func BenchmarkPeers(b *testing.B) {
	dir := corpus32(b)
	helplint := helplintBin(b)
	type tool struct {
		name    string
		args    []string
		want    float64 // how many times faster helplint must be
		install string
		best    time.Duration
	}
	tools := []*tool{{name: helplint, args: []string{"--no-cache", "--format", "json", "."}}}
	for _, p := range []tool{
		{name: "rumdl", args: []string{"check", "--no-cache", "content"}, want: 3, install: "npm install -g rumdl@0.2.75, or cargo install rumdl --version 0.2.75"},
		{name: "markdownlint-cli2", args: []string{"content/**/*.md"}, want: 20, install: "npm install -g markdownlint-cli2@0.22.1"},
	} {
		if _, err := exec.LookPath(p.name); err != nil {
			b.Logf("skipping peer %s: not on PATH (%s)", p.name, p.install)
			continue
		}
		tools = append(tools, &p)
	}
	if len(tools) == 1 {
		b.Skip("skipping: no peer on PATH (npm install -g rumdl@0.2.75 markdownlint-cli2@0.22.1)")
	}
	b.ResetTimer()
	// the best of three runs of each, taken in turns: the load of a shared
	// machine drifts within the minutes the slowest peer takes, and turns
	// expose every tool to the same drift
	for range 3 {
		for _, t := range tools {
			cmd := exec.Command(t.name, t.args...)
			cmd.Dir = dir
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			_ = cmd.Run() // linters exit non-zero on findings
			if d := time.Since(start); t.best == 0 || d < t.best {
				t.best = d
			}
		}
	}
	ours := tools[0].best
	b.ReportMetric(ours.Seconds(), "helplint-s")
	for _, p := range tools[1:] {
		ratio := p.best.Seconds() / ours.Seconds()
		b.ReportMetric(p.best.Seconds(), p.name+"-s")
		b.ReportMetric(ratio, "x-vs-"+p.name)
		b.Logf("helplint %.2fs, %s %.2fs: %.1fx faster (target %.0fx)", ours.Seconds(), p.name, p.best.Seconds(), ratio, p.want)
		if ratio < p.want {
			b.Errorf("helplint is %.1fx faster than %s; the target is %.0fx", ratio, p.name, p.want)
		}
	}
}

// BenchmarkEncodingShare measures what the encoding rules cost: the full
// lint of the 10,000 pages with and without them (the charscan pass runs in
// both, as part of the page model, and is timed alone too).
func BenchmarkEncodingShare(b *testing.B) {
	dir := site(b, 10000)
	paths, _ := pageFiles(b, dir)
	var texts [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, data)
	}
	off := map[string]string{}
	for _, r := range []string{"mojibake", "invalid-utf8", "replacement-char", "invisible-char", "bom"} {
		off[r] = "off"
	}
	run := func(sev map[string]string) time.Duration {
		start := time.Now()
		ws, err := workspace.Open(workspace.Options{Paths: []string{filepath.Join(dir, "content")}, RuleSeverities: sev})
		if err != nil {
			b.Fatal(err)
		}
		ws.Run()
		return time.Since(start)
	}
	var with, without, scan time.Duration
	for i := 0; i < b.N; i++ {
		without += run(off)
		with += run(nil)
		start := time.Now()
		for _, t := range texts {
			charscan.Scan(t)
		}
		scan += time.Since(start)
	}
	// the difference of two full runs is noisy (it can come out negative on
	// a busy machine); the scan's time on one core over the CPU time of a
	// full run on every core is the steadier bound on the same share
	b.ReportMetric(float64(with-without)/float64(with)*100, "%-encoding-rules")
	b.ReportMetric(float64(scan)/float64(with*time.Duration(runtime.GOMAXPROCS(0)))*100, "%-charscan-of-cpu")
	b.ReportMetric(float64(scan)/float64(b.N)/float64(time.Millisecond), "ms-charscan-1-core")
	b.ReportMetric(float64(with)/float64(b.N)/float64(time.Millisecond), "ms-full-run")
}
