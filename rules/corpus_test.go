package rules_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
