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
	return repoAt(t, "docs")
}

// repoAt is repo with the site in the folder sub ("." for the top).
func repoAt(t *testing.T, sub string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	root := filepath.Join(top, sub)
	for name, text := range site {
		write(t, root, name, text)
	}
	gitRun(t, top, "init", "-q")
	commit(t, top, "the site")
	return root
}

// top is the repository's top folder for the site at root.
func top(t *testing.T, root string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
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

// run is one run of helplint: its exit code, its findings as "path:line
// [rule]" (paths relative to the site root, sorted), how many findings it
// held back, and its standard error.
type run struct {
	code   int
	got    string
	known  int
	stderr string
}

// lint runs helplint on the site at root with JSON output.
func lint(t *testing.T, root string, args ...string) run {
	t.Helper()
	var out, errb bytes.Buffer
	env := cli.IO{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }}
	r := run{code: cli.Main(append(append([]string{"--format", "json"}, args...), root), env)}
	var res struct {
		Findings []struct {
			Path string `json:"path"`
			Line int    `json:"line"`
			Rule string `json:"rule"`
		} `json:"findings"`
		Known int `json:"known"`
	}
	if out.Len() > 0 {
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
	}
	var got []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(root, f.Path)
		got = append(got, fmt.Sprintf("%s:%d [%s]", filepath.ToSlash(rel), f.Line, f.Rule))
	}
	sort.Strings(got)
	r.got, r.known, r.stderr = strings.Join(got, ", "), res.Known, errb.String()
	return r
}

// TestBaselineAndNewFromRev: a baseline of the site, then a commit that
// adds two defects and moves the paragraph that holds the old one: the
// baseline and the revision before the commit both leave exactly the two.
func TestBaselineAndNewFromRev(t *testing.T) {
	root := repo(t)
	top := filepath.Dir(root)
	bl := filepath.Join(top, "helplint-baseline.json")
	if r := lint(t, root, "--write-baseline", bl); r.code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", r.code, r.stderr)
	}
	if r := lint(t, root); r.code != 1 || r.got != "content/_help/a.md:5 [mojibake]" {
		t.Fatalf("the site before: exit %d, %v", r.code, r.got)
	}
	if r := lint(t, root, "--baseline", bl); r.code != 0 || r.got != "" || r.known != 1 {
		t.Errorf("--baseline on the site as recorded: exit %d, %s, %d known", r.code, r.got, r.known)
	}
	write(t, root, "content/_help/a.md", "---\ntitle: A\n---\n\nA second paragraph, with a zero\u200bwidth space.\n\nThe old page doesnâ€™t read well.\n\nSee [setup](/help/b/#setup).\n")
	write(t, root, "content/_help/c.md", "---\ntitle: C\n---\n\nRead [d](/help/d/). It canâ€™t be missed.\n")
	commit(t, top, "two defects, a paragraph moved")
	want := "content/_help/a.md:5 [invisible-char], content/_help/c.md:5 [mojibake]"
	if r := lint(t, root, "--baseline", bl); r.code != 1 || r.got != want || r.known != 1 {
		t.Errorf("--baseline: exit %d, %s, %d known; want %s, 1 known", r.code, r.got, r.known, want)
	}
	if r := lint(t, root, "--new-from-rev", "HEAD~1"); r.code != 1 || r.got != want || r.known != 1 {
		t.Errorf("--new-from-rev HEAD~1: exit %d, %s, %d known; want %s, 1 known (%s)", r.code, r.got, r.known, want, r.stderr)
	}
	// nothing changed since HEAD: nothing new
	if r := lint(t, root, "--new-from-rev", "HEAD"); r.code != 0 || r.got != "" || r.known != 3 {
		t.Errorf("--new-from-rev HEAD: exit %d, %s, %d known (%s)", r.code, r.got, r.known, r.stderr)
	}
	// the old defect fixed: its entry matches nothing, which --verbose says
	write(t, root, "content/_help/a.md", "---\ntitle: A\n---\n\nA second paragraph.\n\nThe old page reads well.\n\nSee [setup](/help/b/#setup).\n")
	if r := lint(t, root, "--baseline", bl, "--verbose"); r.code != 1 || r.got != "content/_help/c.md:5 [mojibake]" ||
		!strings.Contains(r.stderr, "baseline entry matches nothing now: content/_help/a.md [mojibake]") {
		t.Errorf("--baseline --verbose: exit %d, %s; stderr %s", r.code, r.got, r.stderr)
	}
}

// TestNewFromRevCausedElsewhere: deleting a page, renaming a heading and
// adding a page at another's URL bring findings on pages the change did
// not touch.
func TestNewFromRevCausedElsewhere(t *testing.T) {
	root := repo(t)
	if err := os.Remove(filepath.Join(root, "content/_help/d.md")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/_help/b.md", "---\ntitle: B\n---\n\n## Getting set up\n\nSet it up.\n")
	write(t, root, "content/_help/e.md", "---\ntitle: E\npermalink: /help/c/\n---\n\nE.\n")
	want := "content/_help/a.md:9 [link-target], content/_help/c.md:1 [permalink-unique], content/_help/c.md:5 [link-target]"
	if r := lint(t, root, "--new-from-rev", "HEAD"); r.code != 1 || r.got != want {
		t.Errorf("exit %d, %s, want %s (%s)", r.code, r.got, want, r.stderr)
	}
	// not staged yet: --staged says the files on disk are not those staged
	if r := lint(t, root, "--new-from-rev", "HEAD", "--staged"); !strings.Contains(r.stderr, "not staged") {
		t.Errorf("--staged with unstaged changes: stderr %q", r.stderr)
	}
	// staged, as pre-commit runs it: the same two
	gitRun(t, filepath.Dir(root), "add", "-A")
	if r := lint(t, root, "--new-from-rev", "HEAD", "--staged"); r.code != 1 || r.got != want || strings.Contains(r.stderr, "not staged") {
		t.Errorf("--staged: exit %d, %s, want %s (%s)", r.code, r.got, want, r.stderr)
	}
}

// TestRenamedPages: a page renamed keeps its old findings (they follow it
// to its new path), and the links to a renamed page's old URL are new;
// with the site in a folder of the repository or at its top.
func TestRenamedPages(t *testing.T) {
	for _, sub := range []string{"docs", "."} {
		root := repoAt(t, sub)
		gitRun(t, top(t, root), "mv", filepath.Join(root, "content/_help/a.md"), filepath.Join(root, "content/_help/a2.md"))
		gitRun(t, top(t, root), "mv", filepath.Join(root, "content/_help/d.md"), filepath.Join(root, "content/_help/d2.md"))
		want := "content/_help/c.md:5 [link-target]"
		if r := lint(t, root, "--new-from-rev", "HEAD", "--staged"); r.got != want || r.known != 1 {
			t.Errorf("site in %s: exit %d, %s (%d known), want %q (%s)", sub, r.code, r.got, r.known, want, r.stderr)
		}
	}
}

// TestUnknownRev: a revision git does not know is exit 2 with git's message.
func TestUnknownRev(t *testing.T) {
	root := repo(t)
	if r := lint(t, root, "--new-from-rev", "no-such-rev"); r.code != 2 || !strings.Contains(r.stderr, "git rev-parse") || !strings.Contains(r.stderr, "fatal") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if r := lint(t, root, "--staged"); r.code != 2 || !strings.Contains(r.stderr, "--staged needs --new-from-rev") {
		t.Errorf("--staged alone: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSiteNewSinceRev: a site added after the revision has only new findings.
func TestSiteNewSinceRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	write(t, top, "README.md", "before the site\n")
	gitRun(t, top, "init", "-q")
	commit(t, top, "no site yet")
	root := filepath.Join(top, "docs")
	for name, text := range site {
		write(t, root, name, text)
	}
	commit(t, top, "the site")
	if r := lint(t, root, "--new-from-rev", "HEAD~1"); r.code != 1 || r.got != "content/_help/a.md:5 [mojibake]" || r.known != 0 {
		t.Errorf("exit %d, %s, %d known (%s)", r.code, r.got, r.known, r.stderr)
	}
}
