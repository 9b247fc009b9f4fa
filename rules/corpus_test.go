package rules_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/cli"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

const corpus = "../../shared/corpus/identity-site"

// lintCorpus lints the content of a copy of the real site and returns
// findings as "path:line:col [rule] message", paths relative to the site.
func lintCorpus(t *testing.T, root string) []string {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{filepath.Join(root, "content")}})
	if err != nil {
		t.Fatal(err)
	}
	res := ws.Run()
	for _, p := range res.Problems {
		t.Errorf("%s: %s", p.Path, p.Message)
	}
	if res.Files < 300 {
		t.Errorf("linted %d files; the corpus has 315", res.Files)
	}
	return formatFindings(t, root, res.Findings)
}

func formatFindings(t *testing.T, root string, fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		rel, err := filepath.Rel(root, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s:%d:%d [%s] %s", filepath.ToSlash(rel), f.Start.Line, f.Start.Column, f.Rule, f.Message))
	}
	return out
}

// TestCorpus lints the real Login.gov site and compares the findings with
// testdata/corpus/identity-site.expected, where each finding is a real
// defect with its reason on the comment lines above it.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("skipping: the real-site corpus is not at %s (it lives in ../shared beside the repository)", corpus)
	}
	got := lintCorpus(t, corpus)
	expected := "../testdata/corpus/identity-site.expected"
	if *update {
		writeExpected(t, expected, got)
	}
	want := readExpected(t, expected)
	compareLines(t, got, want)
}

// readExpected reads finding lines; every finding must follow a "# " reason line.
func readExpected(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	reason := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# TODO"):
			t.Errorf("%s:%d: a finding still needs its reason: check it is a real defect and say why", path, n)
		case strings.HasPrefix(line, "# "):
			reason = true
		case line == "":
			reason = false
		default:
			if !reason {
				t.Errorf("%s:%d: finding without a reason comment above it", path, n)
			}
			out = append(out, line)
		}
	}
	return out
}

// writeExpected keeps the reasons already written and adds new findings
// under a "# TODO: reason" line, for a person to check and explain.
func writeExpected(t *testing.T, path string, got []string) {
	t.Helper()
	old, _ := os.ReadFile(path)
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[l] = true
	}
	var sb strings.Builder
	sb.Write(old)
	for _, g := range got {
		if !have[g] {
			sb.WriteString("\n# TODO: reason\n" + g + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func compareLines(t *testing.T, got, want []string) {
	t.Helper()
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		if count[g] == 0 {
			t.Errorf("unexpected finding: %s", g)
			continue
		}
		count[g]--
	}
	for _, w := range want {
		if count[w] > 0 {
			t.Errorf("expected finding missing: %s", w)
			count[w]--
		}
	}
}

// otherSites are the corpus's real Jekyll sites besides Login.gov's, each
// linted as its maintainers would first meet helplint: no configuration,
// the whole site (content/ where the site keeps its pages there).
var otherSites = []string{"brew.sh", "content-guide", "identity-dev-docs", "rubygems-guides", "training-kit", "uswds-site"}

// TestCorpusSites lints each of the other real sites with no configuration
// and compares with testdata/corpus/<site>.expected, where each finding is a
// real defect of that site with its reason: no site gets a finding of a
// convention it does not follow.
func TestCorpusSites(t *testing.T) {
	for _, name := range otherSites {
		t.Run(name, func(t *testing.T) {
			root := filepath.Join(filepath.Dir(corpus), name)
			if _, err := os.Stat(root); err != nil {
				t.Skipf("skipping: the real-site corpus is not at %s (it lives in ../shared beside the repository)", root)
			}
			target := root
			if fi, err := os.Stat(filepath.Join(root, "content")); err == nil && fi.IsDir() {
				target = filepath.Join(root, "content")
			}
			ws, err := workspace.Open(workspace.Options{Paths: []string{target}})
			if err != nil {
				t.Fatal(err)
			}
			res := ws.Run()
			for _, p := range res.Problems {
				if p.Fatal {
					t.Errorf("%s: %s", p.Path, p.Message)
				}
			}
			got := formatFindings(t, root, res.Findings)
			expected := "../testdata/corpus/" + name + ".expected"
			if *update {
				writeExpected(t, expected, got)
			}
			compareLines(t, got, readExpected(t, expected))
		})
	}
}

const seed = "../../shared/seed/irs._en.md"

// copyTree copies the real site to a temporary folder (the corpus is read-only).
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestSeedPage is the product's first acceptance test: the IRS page as it
// once was, put in place of today's in a copy of the real site, has exactly
// three defects (an empty keywords key, a table without a separator row,
// and doesnâ€™t), plus the warning that its order ties with another page.
func TestSeedPage(t *testing.T) {
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("skipping: the seed page is not at %s (it lives in ../shared beside the repository)", seed)
	}
	root := copyTree(t, corpus)
	page := filepath.Join(root, "content/_help/specific-agencies/irs._en.md")
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/_help/specific-agencies/irs._en.md:6:10 [front-matter-schema] keywords must be a non-empty string; it is empty",
		"content/_help/specific-agencies/irs._en.md:7:8 [order-unique] order 5 is also the order of content/_help/specific-agencies/trusted-traveler-programs._en.md: the navigation lists tied pages in no set order; give each page its own order",
		"content/_help/specific-agencies/irs._en.md:25:1 [table-header] table has no header row: with no separator line after the first row, every row renders as a body row (<td>) and screen readers announce a table without headers; add a line such as |---|---| after the header row",
		"content/_help/specific-agencies/irs._en.md:28:45 [mojibake] text damaged by an encoding mix-up (UTF-8 read as Windows-1252): \"doesnâ€™t\" should read \"doesn’t\"",
	}
	// linted alone, as pre-commit runs it, and as part of the whole site
	for _, paths := range [][]string{{page}, {filepath.Join(root, "content")}} {
		ws, err := workspace.Open(workspace.Options{Paths: paths})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range formatFindings(t, root, ws.Run().Findings) {
			if strings.HasPrefix(f, "content/_help/specific-agencies/irs._en.md:") {
				got = append(got, f)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("linting %v:\n%s\nwant:\n%s", paths, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// --fix repairs the word and inserts the separator; a second --fix changes nothing
	var out, errs bytes.Buffer
	if code := cli.Main([]string{"--fix", page}, cli.IO{Stdout: &out, Stderr: &errs}); code != 1 {
		t.Fatalf("--fix exit %d (the empty keywords stays)\n%s%s", code, out.String(), errs.String())
	}
	fixed, _ := os.ReadFile(page)
	if !bytes.Contains(fixed, []byte("doesn’t match")) || !bytes.Contains(fixed, []byte("|  **Error Code**    | **Next Steps** |\n| --- | --- |\n|5001")) {
		t.Errorf("after --fix:\n%s", fixed)
	}
	cli.Main([]string{"--fix", page}, cli.IO{Stdout: &out, Stderr: &errs})
	if again, _ := os.ReadFile(page); !bytes.Equal(again, fixed) {
		t.Errorf("a second --fix changed the page")
	}
}
