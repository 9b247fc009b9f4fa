// Package linttest checks rules against fixture pages that carry their
// expected findings in comments, in the manner of go/analysis's analysistest.
//
// In a page body, a Liquid comment holds expectations for its own line:
//
//	text {% comment %}want rule-name "regexp" other-rule "regexp"{% endcomment %}
//
// In front matter, a YAML comment does the same:
//
//	keywords: # want front-matter-schema "empty"
//
// `want@N` expects the findings on line N instead. The regexp matches the
// message followed by a line "related: PATH:LINE:COL: message" for each
// related location (PATH as the run reached the file), so that an
// expectation can check where a finding points. Every finding must match
// an expectation and every expectation a finding. When findings carry
// fixes, the fixed text must equal NAME.golden (rewritten with -update),
// and linting the fixed text must find nothing left to fix.
package linttest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/liquid"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/workspace"
)

// Want is one expected finding.
type Want struct {
	Line int
	Rule string
	Re   *regexp.Regexp
	used bool
}

var wantItem = regexp.MustCompile(`^\s*([a-z0-9-]+)\s+"((?:[^"\\]|\\.)*)"`)

// ParseWants reads the expectations of a fixture page.
func ParseWants(data []byte) ([]*Want, error) {
	var wants []*Want
	lineOf := func(off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }
	add := func(text string, line int) error {
		text = strings.TrimSpace(text)
		if m := regexp.MustCompile(`^want@(\d+)`).FindStringSubmatch(text); m != nil {
			line, _ = strconv.Atoi(m[1])
			text = text[len(m[0]):]
		} else {
			text = strings.TrimPrefix(text, "want")
		}
		for strings.TrimSpace(text) != "" {
			m := wantItem.FindStringSubmatch(text)
			if m == nil {
				return fmt.Errorf("line %d: cannot read expectation %q", line, text)
			}
			// the pattern is a regexp as written; only \" stands for a quote
			re, err := regexp.Compile(strings.ReplaceAll(m[2], `\"`, `"`))
			if err != nil {
				return fmt.Errorf("line %d: %v", line, err)
			}
			wants = append(wants, &Want{Line: line, Rule: m[1], Re: re})
			text = text[len(m[0]):]
		}
		return nil
	}
	lx := liquid.Lex(data, 0)
	for _, b := range lx.Blocks {
		body := string(data[b.Body.Start:b.Body.End])
		if b.Name == "comment" && (strings.HasPrefix(body, "want ") || strings.HasPrefix(body, "want@")) {
			if err := add(body, lineOf(b.Open.Start)); err != nil {
				return nil, err
			}
		}
	}
	// YAML comments "# want …" in the front matter (all of it when it never closes).
	start := 0
	if bytes.HasPrefix(data, []byte(source.BOM)) {
		start = len(source.BOM)
	}
	fm := frontmatter.Parse(source.New("", data), start)
	for i, line := range strings.Split(string(data[:fm.End]), "\n") {
		j := strings.Index(line, "# want")
		if j < 0 || (j > 0 && line[j-1] != ' ') {
			continue
		}
		if rest := line[j+len("# want"):]; strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, "@") {
			if err := add(line[j+2:], i+1); err != nil {
				return nil, err
			}
		}
	}
	return wants, nil
}

// Run lints the fixture site in dir and checks every page's findings against its expectations.
func Run(t *testing.T, dir string, update bool) {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	for _, e := range ws.WalkErrors {
		t.Errorf("%v", e)
	}
	res := ws.Run()
	for _, p := range res.Problems {
		if p.Fatal {
			t.Errorf("%s: %s", p.Path, p.Message)
		}
	}
	byPath := map[string][]lint.Finding{}
	for _, f := range res.Findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	checked := 0
	for _, in := range ws.Inputs {
		if !in.Target {
			continue
		}
		checked++
		data, err := os.ReadFile(in.Abs)
		if err != nil {
			t.Fatal(err)
		}
		Check(t, in.Path, data, byPath[in.Path])
		checkFixes(t, ws, in, data, byPath[in.Path], update)
	}
	if checked == 0 {
		t.Errorf("%s: no fixture pages", dir)
	}
}

// Check compares findings with the expectations written in data.
func Check(t *testing.T, path string, data []byte, findings []lint.Finding) {
	t.Helper()
	wants, err := ParseWants(data)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	for _, f := range findings {
		matched := false
		for _, w := range wants {
			if !w.used && w.Line == f.Start.Line && w.Rule == f.Rule && w.Re.MatchString(Described(f)) {
				w.used, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d:%d: unexpected finding: %s [%s]", path, f.Start.Line, f.Start.Column, Described(f), f.Rule)
		}
	}
	for _, w := range wants {
		if !w.used {
			t.Errorf("%s:%d: no %s finding matching %q", path, w.Line, w.Rule, w.Re)
		}
	}
}

// Described is the finding's message and a "related:" line for each of
// its related locations, as expectations match it.
func Described(f lint.Finding) string {
	s := f.Message
	for _, r := range f.Related {
		s += fmt.Sprintf("\nrelated: %s:%d:%d: %s", filepath.ToSlash(r.Path), r.Start.Line, r.Start.Column, r.Message)
	}
	return s
}

func checkFixes(t *testing.T, ws *workspace.Workspace, in lint.Input, data []byte, findings []lint.Finding, update bool) {
	t.Helper()
	golden := in.Abs + ".golden"
	var fixes []lint.Fix
	for _, f := range findings {
		if f.Fix != nil {
			fixes = append(fixes, *f.Fix)
		}
	}
	if len(fixes) == 0 {
		if _, err := os.Stat(golden); err == nil {
			t.Errorf("%s: golden file but no fixes", golden)
		}
		return
	}
	edits, _ := fix.Merge(fixes)
	fixed := fix.Apply(data, edits)
	for _, e := range edits {
		// every byte outside the edits is unchanged: the text between edits is copied as is
		if e.Span.Start > len(data) || e.Span.End > len(data) {
			t.Errorf("%s: edit outside the file", in.Path)
		}
	}
	if update {
		if err := os.WriteFile(golden, fixed, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(golden); err != nil {
		t.Errorf("%s: %v (run the test with -update to write it)", in.Path, err)
	} else if !bytes.Equal(want, fixed) {
		t.Errorf("%s: fixed text differs from %s:\n%s", in.Path, filepath.Base(golden), fix.Diff(filepath.Base(golden), want, fixed))
	}
	again := ws.Runner.Run(append([]lint.Input{{Path: in.Path, Abs: in.Abs, Target: true, Data: fixed}}, others(ws.Inputs, in.Abs)...))
	for _, f := range again.Findings {
		if f.Fix != nil && f.Path == in.Path {
			t.Errorf("%s:%d:%d: after --fix, still fixable: %s [%s]", in.Path, f.Start.Line, f.Start.Column, f.Message, f.Rule)
		}
	}
}

// others returns the inputs other than abs, as index-only inputs.
func others(inputs []lint.Input, abs string) []lint.Input {
	var out []lint.Input
	for _, in := range inputs {
		if in.Abs != abs {
			in.Target = false
			out = append(out, in)
		}
	}
	return out
}
