package cli

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
)

// FuzzFix lints random pages with every page rule, applies the fixes as
// --fix does, and checks that no byte outside the edits changed and that
// the fixed page has nothing left to fix (fixes converge in one run).
func FuzzFix(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\n\n|  **Code**    | **Next** |\n|5001  | doesnâ€™t |\n",
		"\xef\xbb\xbf---\ntitle: B\n---\nText\u200b here, [IRS](https://www.irs.gov/) and <a href=\"https://x.gov/\">x</a>.\n",
		"---\nt: 1\n---\n> | **a** | **b** |\n> | c | d |\n",
		"| **x** |\r\n| y |",
		"---\n\r 0\n---\nbody\n", // YAML breaks the line at the lone CR, the file does not
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	runner := everyRuleRunner(f, dir, func(r *lint.Rule) bool { return r.Run != nil }, 1)
	lintText := func(t *testing.T, data []byte) []lint.Finding {
		res := runner.Run([]lint.Input{{Path: "p.md", Abs: dir + "/p.md", Target: true, Data: data}})
		for _, p := range res.Problems {
			if p.Fatal { // a panic the runner caught: a parser or a rule has a bug
				t.Fatalf("%s\non %q", p.Message, data)
			}
		}
		return res.Findings
	}
	f.Fuzz(func(t *testing.T, s string) {
		data := []byte(s)
		var fixes []lint.Fix
		for _, fd := range lintText(t, data) {
			if fd.Fix != nil {
				fixes = append(fixes, *fd.Fix)
			}
		}
		if len(fixes) == 0 {
			return
		}
		// one round: outside the edits, the bytes are the original ones, in order
		edits, _ := fix.Merge(fixes)
		fixed := fix.Apply(data, edits)
		at, out := 0, 0
		for _, e := range edits {
			n := e.Span.Start - at
			if !bytes.Equal(fixed[out:out+n], data[at:e.Span.Start]) {
				t.Fatalf("bytes outside the edits changed")
			}
			out += n + len(e.New)
			at = e.Span.End
		}
		if !bytes.Equal(fixed[out:], data[at:]) {
			t.Fatalf("bytes after the last edit changed")
		}
		// --fix as a whole converges: the text it writes offers no more
		// fixes but those it declined with a note (with which a rule finds
		// more: re-encoding a page can show a defect the bad bytes hid)
		done, _, notes := fixText(runner, "p.md", dir+"/p.md", data)
		for _, fd := range lintText(t, done) {
			declined := slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, ": "+fd.Rule+": fix ") })
			if fd.Fix != nil && !declined {
				t.Fatalf("after --fix, %s still offers a fix: %s\nin %q", fd.Rule, fd.Message, done)
			}
		}
	})
}

// everyRuleRunner is a runner of the site at dir (its _config.yml, if any,
// already written) with each rule that keep takes on, as errors, with its
// default options, on workers goroutines.
func everyRuleRunner(tb testing.TB, dir string, keep func(*lint.Rule) bool, workers int) *lint.Runner {
	tb.Helper()
	var settings []lint.Settings
	for _, r := range rules.All() {
		if !keep(r) {
			continue
		}
		var opts any
		if r.Options != nil {
			opts = r.Options()
		}
		settings = append(settings, lint.Settings{Rule: r, Options: opts, Severity: func(string) lint.Severity { return lint.Error }})
	}
	return siteRunner(tb, dir, settings, workers)
}

// siteRunner is a runner of the site at dir (its _config.yml, if any,
// already written) with rules, as the default configuration sets it up,
// on workers goroutines.
func siteRunner(tb testing.TB, dir string, rules []lint.Settings, workers int) *lint.Runner {
	tb.Helper()
	st, err := site.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	env, err := workspace.NewEnv(config.Defaults(), st, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return &lint.Runner{Rules: rules, Parser: page.NewParser(), Site: st, Env: env, Workers: workers}
}
