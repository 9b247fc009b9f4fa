package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for helplint when the scripts run it.
func TestMain(m *testing.M) {
	if os.Getenv("HELPLINT_TEST_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], Std()))
	}
	os.Exit(m.Run())
}

// TestScripts runs the txtar scripts in testdata/script. The `lint CODE
// args…` command runs helplint in-process and checks its exit code.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"lint": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 1 {
					ts.Fatalf("usage: lint CODE [args...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("lint: exit code %q: %v", args[0], err)
				}
				cmd := exec.Command(os.Args[0], args[1:]...)
				cmd.Dir = ts.MkAbs(".")
				cmd.Env = []string{"HELPLINT_TEST_MAIN=1", "HOME=" + ts.Getenv("HOME"), "PATH=" + os.Getenv("PATH")}
				for _, k := range []string{"GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"} {
					if v := ts.Getenv(k); v != "" {
						cmd.Env = append(cmd.Env, k+"="+v)
					}
				}
				cmd.Stdout, cmd.Stderr = ts.Stdout(), ts.Stderr()
				code := 0
				if err := cmd.Run(); err != nil {
					var ee *exec.ExitError
					if !errors.As(err, &ee) {
						ts.Fatalf("helplint: %v", err)
					}
					code = ee.ExitCode()
				}
				if code != want {
					ts.Fatalf("helplint %s: exit code %d, want %d", strings.Join(args[1:], " "), code, want)
				}
			},
			"crlf": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, a := range args {
					p := ts.MkAbs(a)
					b, err := os.ReadFile(p)
					ts.Check(err)
					b = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
					ts.Check(os.WriteFile(p, b, 0o644))
				}
			},
		},
	})
}

func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	code := Main(args, IO{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

func TestHugePage(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("---\ntitle: Huge\n---\n")
	line := "A line of text with a [link to help](/help/) and some words to make it long enough.\n\n"
	for b.Len() < 20<<20 {
		b.WriteString(line)
	}
	b.WriteString("---\ntitle: x\n") // not front matter: only the first block is
	if err := os.WriteFile(filepath.Join(dir, "huge.md"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runIn(t, dir, "huge.md")
	if code != 0 || !strings.Contains(out, "0 errors") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file; the runner test covers a read error")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.md")
	if err := os.WriteFile(p, []byte("---\ntitle: x\n---\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte("---\ntitle: a\ntitle: b\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runIn(t, dir, ".")
	if code != 2 || !strings.Contains(errs, "permission denied") || !strings.Contains(out, "ok.md:3:1") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf)
	p.update(1, 10) // within the first second: nothing
	if buf.Len() != 0 {
		t.Fatalf("drew too early: %q", buf.String())
	}
	p.start = p.start.Add(-2 * time.Second)
	p.update(5, 10)
	p.clear()
	if got := buf.String(); got != "\r\x1b[Khelplint: linted 5/10 files\r\x1b[K" {
		t.Errorf("progress = %q", got)
	}
}

// TestConcurrentRuns runs two helplint processes at once on one site, as
// pre-commit does with batches of files: each fixes its own file, and both
// see the whole site.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	page := "---\ntitle: %s\npermalink: /%s/\n---\n\n| **a** | **b** |\n| 1 | 2 |\n\nSee [the other](/%s/).\n"
	for _, n := range [][3]string{{"one", "one", "two"}, {"two", "two", "one"}} {
		if err := os.WriteFile(filepath.Join(dir, n[0]+".md"), []byte(fmt.Sprintf(page, n[0], n[1], n[2])), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	outs := make([]string, 2)
	for i, name := range []string{"one.md", "two.md"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "--fix", name)
			cmd.Dir = dir
			cmd.Env = []string{"HELPLINT_TEST_MAIN=1", "PATH=" + os.Getenv("PATH")}
			out, _ := cmd.CombinedOutput()
			outs[i] = string(out)
		}()
	}
	wg.Wait()
	for i, name := range []string{"one.md", "two.md"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "| --- | --- |") || strings.Contains(outs[i], "link-target") {
			t.Errorf("%s: not fixed, or the other page not seen:\n%s\n%s", name, b, outs[i])
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("temporary files left: %v", ents)
	}
}
