package pathological

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/slowinput"
	"github.com/helplint/helplint/internal/workspace"
)

// site writes a site of one page with the shape at about n bytes and
// returns its root.
func site(t testing.TB, s Shape, n int) string {
	t.Helper()
	root := t.TempDir()
	cfg, page := []byte("title: x\n"), []byte("---\ntitle: x\n---\ntext\n")
	if s.Config {
		cfg = s.Generate(n)
	} else {
		page = s.Generate(n)
	}
	for name, data := range map[string][]byte{"_config.yml": cfg, "index.md": page} {
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// lintSite runs helplint's whole pipeline on the site, as the command does.
func lintSite(t testing.TB, root string) lint.Result {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{root}, Workers: 1})
	if err != nil {
		t.Fatalf("%s: %v", root, err)
	}
	for _, err := range ws.WalkErrors {
		t.Errorf("walk: %v", err)
	}
	return ws.Run()
}

// TestShapes lints each shape at 200 KB: it finishes, every rule lists at
// most MaxFindings of the page, and the notes say what was left out.
func TestShapes(t *testing.T) {
	for _, s := range Shapes() {
		t.Run(s.Name, func(t *testing.T) {
			start := time.Now()
			res := lintSite(t, site(t, s, 200<<10))
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
			perRule := map[string]int{}
			for _, f := range res.Findings {
				perRule[f.Rule]++
			}
			for rule, n := range perRule {
				if n > lint.MaxFindings {
					t.Errorf("%d findings of %s, more than %d", n, rule, lint.MaxFindings)
				}
			}
			var notes []string
			for _, p := range res.Problems {
				if p.Fatal {
					t.Errorf("fatal: %s: %s", p.Path, p.Message)
				}
				notes = append(notes, p.Message)
			}
			got := strings.Join(notes, "\n")
			if s.Note == "" && got != "" || !strings.Contains(got, s.Note) {
				t.Errorf("notes %q, want %q", got, s.Note)
			}
			if res.Files != 1 {
				t.Errorf("%d files linted", res.Files)
			}
		})
	}
}

// TestLinear: each shape at 8 times the size takes about 8 times as long,
// not 64 (quadratic work: a column counted from the line start for each
// finding, a search for a closing delimiter from each opening). The
// fastest of three runs is compared, and the bound is loose (24): noise on
// a shared machine stays well below it, quadratic work well above.
func TestLinear(t *testing.T) {
	if testing.Short() || slowinput.Slowdown > 1 {
		t.Skip("times each shape at two sizes (not under the race detector, whose slowdown varies)")
	}
	const small = 48 << 10
	for _, s := range Shapes() {
		t.Run(s.Name, func(t *testing.T) {
			a, b := site(t, s, small), site(t, s, 8*small)
			best := func(root string) time.Duration {
				var min time.Duration
				for range 3 {
					runtime.GC()
					start := time.Now()
					lintSite(t, root)
					if d := time.Since(start); min == 0 || d < min {
						min = d
					}
				}
				return min
			}
			ta, tb := best(a), best(b)
			// a floor for the small run: below a few milliseconds, the
			// ratio measures the clock and the start-up, not the work
			floor := max(ta, 2*time.Millisecond)
			if r := float64(tb) / float64(floor); r > 24 {
				t.Errorf("%d KB took %v, %d KB %v: %.0f times as long for 8 times the input", small>>10, ta, 8*small>>10, tb, r)
			}
		})
	}
}

// TestLeftOutCounted: a page with more encoding damage than the page model
// keeps (page.MaxChars) still says how much there was, each kind apart.
func TestLeftOutCounted(t *testing.T) {
	if page.MaxChars < lint.MaxFindings {
		t.Fatalf("page.MaxChars %d keeps fewer issues than lint.MaxFindings %d lists", page.MaxChars, lint.MaxFindings)
	}
	n := page.MaxChars + 700
	text := "---\ntitle: Damaged\n---\n" + strings.Repeat("CafÃ© a\u200bb\n", n)
	root := t.TempDir()
	for name, body := range map[string]string{"_config.yml": "title: t\n", "page.md": text} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := lintSite(t, root)
	var notes []string
	for _, p := range res.Problems {
		notes = append(notes, p.Message)
	}
	got := strings.Join(notes, "\n")
	for _, rule := range []string{"mojibake", "invisible-char"} {
		want := fmt.Sprintf("%s found %d problems; the first %d are listed", rule, n, lint.MaxFindings)
		if !strings.Contains(got, want) {
			t.Errorf("notes %q, want %q", got, want)
		}
	}
}
