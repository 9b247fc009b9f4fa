package gitdiff_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/cli"
)

// site is a small help site: a.md has an old defect (text damaged by an
// encoding mix-up) in its first paragraph and links to an anchor of b.md;
// c.md links to d.md.
var site = map[string]string{
	"_config.yml": "collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\n",
	// the pages are kept short: no front matter schema
	".helplint.yaml":     "rules:\n  front-matter-schema: off\n",
	"content/_help/a.md": "---\ntitle: A\n---\n\nThe old page doesnâ€™t read well.\n\nA second paragraph.\n\nSee [setup](/help/b/#setup).\n",
	"content/_help/b.md": "---\ntitle: B\n---\n\n## Setup\n\nSet it up.\n",
	"content/_help/c.md": "---\ntitle: C\n---\n\nRead [d](/help/d/).\n",
	"content/_help/d.md": "---\ntitle: D\n---\n\nD.\n",
}

// repo commits the site in a fresh git repository, the site in its
// folder "docs", and returns the site's root.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	root := filepath.Join(top, "docs")
	for name, text := range site {
		write(t, root, name, text)
	}
	gitRun(t, top, "init", "-q")
	commit(t, top, "the site")
	return root
}

func write(t *testing.T, root, name, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func gitRun(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func commit(t *testing.T, top, msg string) {
	t.Helper()
	gitRun(t, top, "add", "-A")
	gitRun(t, top, "commit", "-q", "-m", msg)
}

// lint runs helplint with JSON output and returns the exit code, the
// findings as "path:line [rule]" (paths relative to root) and stderr.
func lint(t *testing.T, root string, args ...string) (int, []string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.IO{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }}
	code := cli.Main(append(append([]string{"--format", "json"}, args...), root), env)
	var res struct {
		Findings []struct {
			Path string `json:"path"`
			Line int    `json:"line"`
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	var got []string
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
	}
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(root, f.Path)
		got = append(got, fmt.Sprintf("%s:%d [%s]", filepath.ToSlash(rel), f.Line, f.Rule))
	}
	sort.Strings(got)
	return code, got, errb.String()
}

// TestBaselineAndNewFromRev: a baseline of the site, then a commit that
// adds two defects and moves the paragraph that holds the old one: the
// baseline and the revision before the commit both leave exactly the two.
func TestBaselineAndNewFromRev(t *testing.T) {
	root := repo(t)
	top := filepath.Dir(root)
	bl := filepath.Join(top, "helplint-baseline.json")
	if code, _, stderr := lint(t, root, "--write-baseline", bl); code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, stderr)
	}
	if code, got, _ := lint(t, root); code != 1 || len(got) != 1 || got[0] != "content/_help/a.md:5 [mojibake]" {
		t.Fatalf("the site before: exit %d, %v", code, got)
	}
	write(t, root, "content/_help/a.md", "---\ntitle: A\n---\n\nA second paragraph, with a zero\u200bwidth space.\n\nThe old page doesnâ€™t read well.\n\nSee [setup](/help/b/#setup).\n")
	write(t, root, "content/_help/c.md", "---\ntitle: C\n---\n\nRead [d](/help/d/). It canâ€™t be missed.\n")
	commit(t, top, "two defects, a paragraph moved")
	want := []string{"content/_help/a.md:5 [invisible-char]", "content/_help/c.md:5 [mojibake]"}
	code, got, stderr := lint(t, root, "--baseline", bl)
	if code != 1 || strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("--baseline: exit %d, %v, want %v", code, got, want)
	}
	code, got, stderr = lint(t, root, "--new-from-rev", "HEAD~1")
	if code != 1 || strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("--new-from-rev HEAD~1: exit %d, %v, want %v (%s)", code, got, want, stderr)
	}
	// nothing changed since HEAD: nothing new
	if code, got, stderr := lint(t, root, "--new-from-rev", "HEAD"); code != 0 || len(got) != 0 {
		t.Errorf("--new-from-rev HEAD: exit %d, %v (%s)", code, got, stderr)
	}
}

// TestNewFromRevCausedElsewhere: deleting a page, and renaming a heading,
// bring findings on pages the change did not touch.
func TestNewFromRevCausedElsewhere(t *testing.T) {
	root := repo(t)
	if err := os.Remove(filepath.Join(root, "content/_help/d.md")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/_help/b.md", "---\ntitle: B\n---\n\n## Getting set up\n\nSet it up.\n")
	code, got, stderr := lint(t, root, "--new-from-rev", "HEAD")
	want := []string{"content/_help/a.md:9 [link-target]", "content/_help/c.md:5 [link-target]"}
	if code != 1 || strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("exit %d, %v, want %v (%s)", code, got, want, stderr)
	}
	// staged, as pre-commit runs it: the same two
	gitRun(t, filepath.Dir(root), "add", "-A")
	if code, got, stderr := lint(t, root, "--new-from-rev", "HEAD", "--staged"); code != 1 || strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("--staged: exit %d, %v, want %v (%s)", code, got, want, stderr)
	}
}

// TestUnknownRev: a revision git does not know is exit 2 with git's message.
func TestUnknownRev(t *testing.T) {
	root := repo(t)
	code, _, stderr := lint(t, root, "--new-from-rev", "no-such-rev")
	if code != 2 || !strings.Contains(stderr, "git rev-parse") || !strings.Contains(stderr, "fatal") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
