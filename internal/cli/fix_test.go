package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/readfile"
	"github.com/helplint/helplint/internal/source"
)

// fixable is a page whose table lacks its separator row: --fix adds it.
const fixable = "---\ntitle: Page %d\n---\n\n| **Code** | **Next steps** |\n| %d | Try again. |\n"

func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mainIO(t *testing.T, dir string, env IO, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	code := Main(args, env)
	return code, out.String(), errb.String()
}

// TestFixKeepsEditsMadeMeanwhile runs --fix over a site of thousands of
// pages while a writer edits some: one edit lands between helplint's read
// and its write (through the writer's hook), others at any moment from
// another goroutine. Every edit survives; the page edited between read and
// write is left unfixed and named (exit 2); the others are fixed.
func TestFixKeepsEditsMadeMeanwhile(t *testing.T) {
	dir := t.TempDir()
	const n = 2000
	files := map[string]string{"_config.yml": "title: t\n"}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("docs/%02d/p%04d.md", i%30, i)] = fmt.Sprintf(fixable, i, i)
	}
	writeSite(t, dir, files)
	racy := filepath.Join(dir, "docs/17/p1817.md")
	const added = "A line the writer added.\n"
	w := &fix.Writer{BeforeCheck: func(p string) {
		if p == racy {
			if err := appendTo(p, added); err != nil {
				t.Error(err)
			}
		}
	}}
	// the other writer: appends to pages while the run goes on
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var edited []string
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			k := (i * 7) % n
			if k == 1817 {
				continue // the page the hook edits
			}
			p := filepath.Join(dir, fmt.Sprintf("docs/%02d/p%04d.md", k%30, k))
			if err := appendTo(p, fmt.Sprintf("Edit %d.\n", i)); err != nil {
				t.Error(err)
				return
			}
			edited = append(edited, p, fmt.Sprintf("Edit %d.\n", i))
		}
	}()
	code, _, errs := mainIO(t, dir, IO{Writer: w}, "--fix", "--no-cache", ".")
	close(stop)
	wg.Wait()
	if code != 2 || !strings.Contains(errs, "docs/17/p1817.md: changed since helplint read it") {
		t.Errorf("exit %d, want 2 naming the page edited meanwhile:\n%.2000s", code, errs)
	}
	b, err := os.ReadFile(racy)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != fmt.Sprintf(fixable, 1817, 1817)+added {
		t.Errorf("the page edited between read and write:\n%s", b)
	}
	for i := 0; i < len(edited); i += 2 {
		if b, _ := os.ReadFile(edited[i]); !strings.Contains(string(b), edited[i+1]) {
			t.Errorf("%s lost %q:\n%s", edited[i], edited[i+1], b)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "docs/01/p0001.md")); !strings.Contains(string(b), "| --- | --- |") {
		t.Errorf("a page nobody edited is not fixed:\n%s", b)
	}
	t.Logf("%d edits made during the run", len(edited)/2)
}

func appendTo(p, s string) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// slashSite is a site where a.md links to /b, the page at /b/, and c.md
// shows the site's habit of the slash: link-target offers to add it.
var slashSite = map[string]string{
	"_config.yml": "title: t\n",
	"a.md":        "---\ntitle: A\npermalink: /a/\n---\n\nSee [b](/b).\n",
	"b.md":        "---\ntitle: B\npermalink: /b/\n---\n\nText.\n",
	"c.md":        "---\ntitle: C\npermalink: /c/\n---\n\n" + strings.Repeat("See [b](/b/).\n\n", 60),
}

// TestFixSiteRule: --fix applies the fix of a site rule (link-target's
// trailing slash), and a second --fix, with nothing to change, writes
// nothing: same inode, same modification time.
func TestFixSiteRule(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, slashSite)
	code, out, errs := mainIO(t, dir, IO{}, "--fix", ".")
	if code != 0 || !strings.Contains(errs, "fixed 1 finding in 1 file") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	a := filepath.Join(dir, "a.md")
	if b, _ := os.ReadFile(a); !strings.Contains(string(b), "[b](/b/)") {
		t.Fatalf("slash not added:\n%s", b)
	}
	before, err := readfile.Lstat(a)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // a rewrite would show in the mtime
	code, out, errs = mainIO(t, dir, IO{}, "--fix", ".")
	if code != 0 || strings.Contains(errs, "fixed") {
		t.Errorf("second run: exit %d\n%s\n%s", code, out, errs)
	}
	after, _ := readfile.Lstat(a)
	if after.Inode != before.Inode || after.ModTime != before.ModTime {
		t.Errorf("second --fix rewrote the file: %+v, then %+v", before, after)
	}
}

// TestDiffApplies: --diff output is taken by `git apply` and `patch -p1`,
// from the folder the paths are relative to.
func TestDiffApplies(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"docs/t.md": fmt.Sprintf(fixable, 1, 1)}
	for k, v := range slashSite {
		files["docs/"+k] = v
	}
	writeSite(t, dir, files)
	code, out, errs := mainIO(t, dir, IO{}, "--diff", "docs")
	if code != 1 || !strings.Contains(out, "--- a/docs/a.md\n+++ b/docs/a.md\n") || !strings.Contains(out, "+++ b/docs/t.md\n") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	patch := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(patch, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, args := range [][]string{{"git", "apply", "--check", patch}, {"patch", "-p1", "--dry-run", "-i", patch}} {
		if _, err := exec.LookPath(args[0]); err != nil {
			t.Logf("%s not installed: not checked", args[0])
			continue
		}
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s\npatch:\n%s", strings.Join(args, " "), err, b, out)
		}
		ran++
	}
	if ran == 0 {
		t.Skip("neither git nor patch is installed")
	}
}

// TestFixCleansLeftovers: --fix removes the temporary files a killed run
// left (its lock is gone) and points to a backup of an unfinished in-place write.
func TestFixCleansLeftovers(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := cmd.Process.Pid
	left := fmt.Sprintf(".p.md.helplint-%d-1", dead)
	backup := fmt.Sprintf(".q.md.helplint-%d-2.orig", dead)
	writeSite(t, dir, map[string]string{"p.md": fmt.Sprintf(fixable, 1, 1), left: "half", backup: "old"})
	code, _, errs := mainIO(t, dir, IO{}, "--fix", ".")
	if code != 0 || !strings.Contains(errs, "removed "+filepath.Join(dir, left)) || !strings.Contains(errs, backup+" holds a page's text") {
		t.Errorf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, left)); !os.IsNotExist(err) {
		t.Errorf("leftover still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, backup)); err != nil {
		t.Errorf("backup removed: %v", err)
	}
}

// TestOnInterrupt: SIGINT while fixes are written stops the writer and
// exits 130; SIGTERM exits 143.
func TestOnInterrupt(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		w := &fix.Writer{}
		exited := make(chan int, 1)
		var errb bytes.Buffer
		stop := onInterrupt(w, IO{Stderr: &errb, Exit: func(c int) { exited <- c }})
		if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case c := <-exited:
			if c != tc.code {
				t.Errorf("%v: exit %d, want %d", tc.sig, c, tc.code)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%v: no exit", tc.sig)
		}
		stop()
		p := filepath.Join(t.TempDir(), "a.md")
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(p, fix.Original{Text: []byte("x")}, []byte("y")); err == nil {
			t.Errorf("%v: the writer still writes", tc.sig)
		}
	}
}

// wordDiags finds each `from` in text, with a fix writing `to` (none if "").
func wordDiags(text []byte, from, to string) []lint.Diagnostic {
	var out []lint.Diagnostic
	for i := 0; ; {
		j := bytes.Index(text[i:], []byte(from))
		if j < 0 {
			return out
		}
		s := source.Span{Start: i + j, End: i + j + len(from)}
		d := lint.Diagnostic{Span: s, Message: "found " + from}
		if to != "" {
			d.Fixes = []lint.Fix{{Message: "write " + to, Edits: []lint.Edit{{Span: s, New: to}}}}
		}
		out = append(out, d)
		i = s.End
	}
}

// wordRule is a page rule reporting wordDiags.
func wordRule(name, from, to string) *lint.Rule {
	return &lint.Rule{Name: name, Doc: "# " + name, Severity: lint.Error, Fixable: to != "", Run: func(p *lint.Pass) {
		for _, d := range wordDiags(p.Page.File.Text, from, to) {
			p.Report(d)
		}
	}}
}

// siteWordRule is a site rule reporting wordDiags.
func siteWordRule(name, from, to string) *lint.Rule {
	return &lint.Rule{Name: name, Doc: "# " + name, Severity: lint.Error, Fixable: to != "", RunSite: func(p *lint.SitePass) {
		for _, f := range p.Index.Targets {
			for _, d := range wordDiags(f.File.Text, from, to) {
				p.Report(f, d)
			}
		}
	}}
}

// TestRefusedFixBesideSafe: a fix with which another rule finds more is
// refused and reported (at its place in the fixed text); the file's other
// fixes are applied.
func TestRefusedFixBesideSafe(t *testing.T) {
	every := func(string) lint.Severity { return lint.Error }
	dir := t.TempDir()
	runner := siteRunner(t, dir, []lint.Settings{
		{Rule: wordRule("fix-words", "colour", "color"), Severity: every},
		{Rule: wordRule("fix-bad", "teh", "BAD"), Severity: every},
		{Rule: wordRule("no-bad", "BAD", ""), Severity: every},
	}, 1)
	text := "---\ntitle: t\n---\n\nThe colour of teh sky, a colour.\n"
	ff := &fileFix{path: "p.md", abs: filepath.Join(dir, "p.md"), orig: []byte(text)}
	fixFile(runner, ff, nil, nil)
	if want := strings.ReplaceAll(text, "colour", "color"); string(ff.text) != want {
		t.Errorf("text %q, want %q", ff.text, want)
	}
	if ff.applied != 2 {
		t.Errorf("applied %d, want 2", ff.applied)
	}
	if len(ff.notes) != 1 || !strings.Contains(ff.notes[0], `p.md:5:14: fix-bad: fix "write BAD" not applied: with it the page has more no-bad findings`) {
		t.Errorf("notes %q", ff.notes)
	}
}

// TestWriteFixesSameBytes: a file whose fixes leave its bytes as they were
// (all refused) is not written at all.
func TestWriteFixesSameBytes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.md")
	writeSite(t, dir, map[string]string{"p.md": "text\n"})
	w := &fix.Writer{BeforeCheck: func(string) { t.Error("the file is written") }}
	var errb bytes.Buffer
	r := writeFixes([]*fileFix{{path: "p.md", abs: p, orig: []byte("text\n"), text: []byte("text\n")}}, lint.Result{}, nil, IO{Writer: w, Stderr: &errb})
	if r.written != 0 || r.failed || errb.Len() != 0 {
		t.Errorf("%+v %s", r, errb.String())
	}
}

// TestSiteFixRefused: a site rule's fix with which another site rule finds
// more (only a run over the site can tell) is left out and said so; the
// page rules' fixes of the file stay.
func TestSiteFixRefused(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{"p.md": "---\ntitle: t\n---\n\nThe colour of teh sky.\n"})
	every := func(string) lint.Severity { return lint.Error }
	runner := siteRunner(t, dir, []lint.Settings{
		{Rule: wordRule("fix-words", "colour", "color"), Severity: every},
		{Rule: siteWordRule("site-fix", "teh", "BAD"), Severity: every},
		{Rule: siteWordRule("site-bad", "BAD", ""), Severity: every},
	}, 1)
	inputs := []lint.Input{{Path: "p.md", Abs: filepath.Join(dir, "p.md"), Target: true}}
	res := runner.Run(inputs)
	var errb bytes.Buffer
	r := applyFixes(res, inputs, runner, false, IO{Stderr: &errb})
	b, _ := os.ReadFile(filepath.Join(dir, "p.md"))
	if string(b) != "---\ntitle: t\n---\n\nThe color of teh sky.\n" || r.written != 1 || r.fixed != 1 {
		t.Errorf("%+v\n%s", r, b)
	}
	if !strings.Contains(errb.String(), `p.md:5:15: site-fix: fix "write BAD" not applied: with the site rules' fixes, p.md has more site-bad findings`) {
		t.Errorf("stderr: %s", errb.String())
	}
}
