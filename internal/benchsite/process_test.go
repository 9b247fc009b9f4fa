package benchsite

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/readfile"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// floorEnv names the folder the test binary, started again, reads and
// parses as the floor process (see floorMain).
const floorEnv = "HELPLINT_BENCH_FLOOR"

// floorMain is the floor as a whole process: every page under dir read and
// parsed with goldmark on as many workers as helplint, nothing else, so
// that it pays the same process start and exit as helplint does.
func floorMain(dir string) int {
	files, errs := discover.Walk([]string{dir}, discover.Options{Match: discover.IsPageName})
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		return 2
	}
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAttribute()))
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range lint.DefaultWorkers() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				j := i
				i++
				next.Unlock()
				if j >= len(files) {
					return
				}
				if data, _, err := readfile.Read(files[j].Abs, lint.MaxFileSize); err == nil {
					md.Parser().Parse(text.NewReader(data))
				}
			}
		}()
	}
	wg.Wait()
	return 0
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// helplintBin builds the helplint binary once per test binary, or
// returns $HELPLINT_BENCH_BIN (to measure another build, such as the one
// before a change, the same way).
func helplintBin(b *testing.B) string {
	b.Helper()
	if bin := os.Getenv("HELPLINT_BENCH_BIN"); bin != "" {
		return bin
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "helplint-bin-")
		if err != nil {
			binErr = err
			return
		}
		sitesMu.Lock()
		sites["bin"] = dir
		sitesMu.Unlock()
		binPath = filepath.Join(dir, "helplint")
		if out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/helplint").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		b.Fatal(binErr)
	}
	return binPath
}

// proc is one run of a process: its wall time and peak resident set.
type proc struct {
	wall time.Duration
	cpu  time.Duration // user and system time: steadier than wall time on a loaded machine
	rss  int64         // bytes; 0 where the system does not say
}

// wrapEnv makes the test binary, started again, run the command its
// arguments name and print the command's wall time, CPU time and peak
// resident set (see wrapMain).
const wrapEnv = "HELPLINT_BENCH_WRAP"

// wrapMain runs args as a child of this small process and prints what it
// measured: on Linux a child's peak resident set counts the memory of the
// process that started it, and the benchmark binary holds far more than
// helplint does on a small site.
func wrapMain(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	ps := cmd.ProcessState
	if code := ps.ExitCode(); code != 0 && code != 1 {
		os.Stderr.Write(stderr.Bytes())
		return 2
	}
	fmt.Println(int64(wall), int64(ps.UserTime()+ps.SystemTime()), peakRSS(ps))
	return 0
}

// runProc runs name in dir through the wrapper, its output discarded, and
// measures it. Linters exit 1 on findings; any other failure stops the benchmark.
func runProc(b *testing.B, dir string, env []string, name string, args ...string) proc {
	b.Helper()
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(self, append([]string{name}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), wrapEnv+"=1"), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var p proc
	if err == nil {
		_, err = fmt.Sscan(string(out), &p.wall, &p.cpu, &p.rss)
	}
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, stderr.Bytes())
	}
	return p
}

// median returns the median of xs (sorted in place).
func median(xs []float64) float64 {
	slices.Sort(xs)
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)/2]
}

// againstFloor runs, b.N times in turns, the floor process and a full
// helplint run (every page, no index cache, JSON output) on the site at
// dir, and reports both medians, their ratio (of wall and of CPU time)
// and helplint's peak memory: turns expose both to the same load of a
// shared machine.
func againstFloor(b *testing.B, dir string) {
	helplint := helplintBin(b)
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var floor, ours, ratio, cpuRatio []float64
	var rss int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := runProc(b, dir, []string{floorEnv + "=" + dir}, self)
		h := runProc(b, dir, nil, helplint, "--no-cache", "--format", "json", ".")
		floor = append(floor, f.wall.Seconds())
		ours = append(ours, h.wall.Seconds())
		ratio = append(ratio, h.wall.Seconds()/f.wall.Seconds())
		cpuRatio = append(cpuRatio, h.cpu.Seconds()/f.cpu.Seconds())
		rss = max(rss, h.rss)
	}
	b.StopTimer()
	b.ReportMetric(median(floor), "floor-s")
	b.ReportMetric(median(ours), "helplint-s")
	b.ReportMetric(median(ratio), "x-floor")
	b.ReportMetric(median(cpuRatio), "x-floor-cpu")
	if rss > 0 {
		b.ReportMetric(float64(rss)/1e6, "peak-RSS-MB")
	}
}

// BenchmarkCorpus32 runs helplint on the real site copied 32 times (10,080
// pages) beside the floor process on the same pages: the target is at most
// 1.5 times the floor, in at most 150 MB.
func BenchmarkCorpus32(b *testing.B) {
	againstFloor(b, corpus32(b))
}

// BenchmarkSites runs helplint on each of the other real sites beside the
// floor process on the same pages (posts, many locales, big pages: the cost
// must not hide in one kind of site).
func BenchmarkSites(b *testing.B) {
	root := filepath.Dir(corpus)
	entries, err := os.ReadDir(root)
	if err != nil {
		b.Skipf("skipping: the real-site corpus is not at %s", root)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == filepath.Base(corpus) {
			continue
		}
		b.Run(e.Name(), func(b *testing.B) { againstFloor(b, filepath.Join(root, e.Name())) })
	}
}

// BenchmarkMemory runs helplint as a process on the real site copied 3, 16
// and 32 times (about 1,000, 5,000 and 10,000 pages) and reports its peak
// resident set beside the pages' size: memory must grow no faster than
// the pages.
func BenchmarkMemory(b *testing.B) {
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("skipping: the real-site corpus is not at %s", corpus)
	}
	for _, times := range []int{3, 16, 32} {
		b.Run(fmt.Sprint(times*315), func(b *testing.B) {
			dir := corpus32(b)
			if times != 32 {
				dir = corpusCopies(b, times)
			}
			_, size := pageFiles(b, dir)
			helplint := helplintBin(b)
			var rss int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rss = max(rss, runProc(b, dir, nil, helplint, "--no-cache", "--format", "json", ".").rss)
			}
			b.StopTimer()
			b.ReportMetric(float64(size)/1e6, "pages-MB")
			if rss > 0 {
				b.ReportMetric(float64(rss)/1e6, "peak-RSS-MB")
				b.ReportMetric(float64(rss)/float64(size), "RSS-per-page-byte")
			}
		})
	}
}

// corpusCopies returns the real site copied times times, built once per test binary.
func corpusCopies(b *testing.B, times int) string {
	b.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	key := fmt.Sprint("corpus", times)
	if dir, ok := sites[key]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", "helplint-corpus-")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := CopyCorpus(corpus, dir, times); err != nil {
		b.Fatal(err)
	}
	sites[key] = dir
	return dir
}
