package cli

import (
	"fmt"

	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
)

type fixResult struct {
	written, fixed int
	failed         bool
}

// applyFixes merges the fixes of each file, applies them to a copy,
// re-lints the copy, and writes it atomically (or prints a diff). A copy
// on which any rule finds more than before is not written.
func applyFixes(findings []lint.Finding, runner *lint.Runner, diffOnly bool, env IO) fixResult {
	var res fixResult
	byFile := map[string][]lint.Finding{}
	var order []string
	pageOnly := &lint.Runner{Parser: runner.Parser, Site: runner.Site, Env: runner.Env, Workers: 1}
	pageRule := map[string]bool{}
	for _, s := range runner.Rules {
		if s.Rule.Run != nil {
			pageOnly.Rules = append(pageOnly.Rules, s)
			pageRule[s.Rule.Name] = true
		}
	}
	// the original's page-rule findings come from this run: no need to lint it again
	before := map[string][]lint.Finding{}
	for _, f := range findings {
		if pageRule[f.Rule] {
			before[f.Abs] = append(before[f.Abs], f)
		}
	}
	for _, f := range findings {
		if f.Fix == nil || f.Abs == "" {
			continue
		}
		if _, ok := byFile[f.Abs]; !ok {
			order = append(order, f.Abs)
		}
		byFile[f.Abs] = append(byFile[f.Abs], f)
	}
	writer := env.Writer
	if writer == nil {
		writer = fix.Writer{}
	}
	for _, abs := range order {
		fs := byFile[abs]
		orig := fs[0].File.Text
		fixed, applied := fixText(pageOnly, fs[0].Path, abs, orig)
		after := pageOnly.Run([]lint.Input{{Path: fs[0].Path, Abs: abs, Target: true, Data: fixed}})
		if rule := worse(before[abs], after.Findings); rule != "" {
			fmt.Fprintf(env.Stderr, "helplint: %s: fixes not applied: the fixed text has more %s findings than the original\n", fs[0].Path, rule)
			res.failed = true
			continue
		}
		if diffOnly {
			fmt.Fprint(env.Stdout, fix.Diff(fs[0].Path, orig, fixed))
			continue
		}
		if err := writer.Write(abs, fixed); err != nil {
			fmt.Fprintf(env.Stderr, "helplint: %v\n", err)
			res.failed = true
			continue
		}
		res.written++
		res.fixed += applied
	}
	if !diffOnly && res.written > 0 {
		fmt.Fprintf(env.Stderr, "helplint: fixed %s in %s", plural(res.fixed, "finding"), plural(res.written, "file"))
		fmt.Fprintln(env.Stderr)
	}
	return res
}

// worse returns a rule that reports more findings after than before, or "".
func worse(before, after []lint.Finding) string {
	count := map[string]int{}
	for _, f := range before {
		count[f.Rule]++
	}
	for _, f := range after {
		count[f.Rule]--
		if count[f.Rule] < 0 {
			return f.Rule
		}
	}
	return ""
}

// maxFixRounds bounds the rounds of fixText: one fix can make another
// possible (removing a stray character lets the file read as Windows-1252),
// and conflicting fixes wait for the next round.
const maxFixRounds = 5

// fixText applies the page rules' fixes to data, round after round, until
// the text offers none; it returns the fixed text and how many fixes it applied.
func fixText(runner *lint.Runner, path, abs string, data []byte) ([]byte, int) {
	applied := 0
	for round := 0; round < maxFixRounds; round++ {
		var fixes []lint.Fix
		for _, f := range runner.Run([]lint.Input{{Path: path, Abs: abs, Target: true, Data: data}}).Findings {
			if f.Fix != nil {
				fixes = append(fixes, *f.Fix)
			}
		}
		if len(fixes) == 0 {
			break
		}
		edits, skipped := fix.Merge(fixes)
		data = fix.Apply(data, edits)
		applied += len(fixes) - skipped
	}
	return data, applied
}
