package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
)

type fixResult struct {
	written, fixed int
	failed         bool
}

// fileFix is one file on its way through --fix.
type fileFix struct {
	path, abs string
	orig      []byte
	// site are the findings of site rules in orig that offer a fix: only a
	// run over the whole site finds them, so they join the first round.
	site []lint.Finding
	// text is the fixed text; applied counts the fixes in it, siteApplied
	// those of site rules.
	text                 []byte
	applied, siteApplied int
	// notes say which fixes were not applied, and why.
	notes []string
}

// applyFixes merges the fixes of each file, applies them to a copy,
// re-lints the copy, and writes it (or prints a diff). A fix with which a
// rule finds more than before is left out, and said so; the file's other
// fixes are applied.
func applyFixes(res lint.Result, inputs []lint.Input, runner *lint.Runner, diffOnly bool, env IO) fixResult {
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
	var files []*fileFix
	byAbs := map[string]*fileFix{}
	for _, f := range res.Findings {
		if pageRule[f.Rule] {
			before[f.Abs] = append(before[f.Abs], f)
		}
		if f.Fix == nil || f.Abs == "" {
			continue
		}
		ff := byAbs[f.Abs]
		if ff == nil {
			ff = &fileFix{path: f.Path, abs: f.Abs, orig: f.File.Text}
			byAbs[f.Abs] = ff
			files = append(files, ff)
		}
		if !pageRule[f.Rule] {
			ff.site = append(ff.site, f)
		}
	}
	for _, ff := range files {
		fixFile(pageOnly, ff, before[ff.abs], ff.site)
	}
	checkSite(runner, pageOnly, res, inputs, files, before)
	for _, ff := range files {
		for _, n := range ff.notes {
			fmt.Fprintf(env.Stderr, "helplint: %s\n", n)
		}
	}
	if diffOnly {
		for _, ff := range files {
			fmt.Fprint(env.Stdout, fix.Diff(diffName(ff.path), ff.orig, ff.text))
		}
		return fixResult{}
	}
	return writeFixes(files, res, inputs, env)
}

// writeFixes writes the files whose text changed, after removing what
// earlier runs left behind; Ctrl-C lets the file being written finish.
func writeFixes(files []*fileFix, res lint.Result, inputs []lint.Input, env IO) fixResult {
	var res2 fixResult
	writer := env.Writer
	if writer == nil {
		writer = &fix.Writer{}
	}
	cleanFolders(inputs, env)
	if env.Exit != nil {
		defer onInterrupt(writer, env)()
	}
	for _, ff := range files {
		if bytes.Equal(ff.text, ff.orig) {
			continue // not written: same bytes, same inode, same mtime
		}
		if err := writer.Write(ff.abs, fix.Original{Stamp: res.Stamps[ff.abs], Text: ff.orig}, ff.text); err != nil {
			if errors.Is(err, fix.ErrInterrupted) {
				break // the interrupt handler says so and exits
			}
			var ce *fix.ChangedError
			if errors.As(err, &ce) {
				ce.Path = ff.path
			}
			fmt.Fprintf(env.Stderr, "helplint: %v\n", err)
			res2.failed = true
			continue
		}
		res2.written++
		res2.fixed += ff.applied
	}
	if res2.written > 0 {
		fmt.Fprintf(env.Stderr, "helplint: fixed %s in %s\n", plural(res2.fixed, "finding"), plural(res2.written, "file"))
	}
	return res2
}

// cleanFolders removes, from each folder holding a page of the run, the
// temporary files that killed runs left, and points to backups of
// in-place writes that did not finish.
func cleanFolders(inputs []lint.Input, env IO) {
	seen := map[string]bool{}
	for _, in := range inputs {
		dir := filepath.Dir(in.Abs)
		if !in.Target || in.Abs == "" || seen[dir] {
			continue
		}
		seen[dir] = true
		left, err := fix.Clean(dir)
		if err != nil {
			continue // the walk read this folder; a folder gone since has nothing to clean
		}
		for _, p := range left.Removed {
			fmt.Fprintf(env.Stderr, "helplint: removed %s, left by an interrupted helplint --fix\n", p)
		}
		for _, p := range left.Backups {
			fmt.Fprintf(env.Stderr, "helplint: warning: %s holds a page's text from before an interrupted --fix; if the page looks damaged, restore it from there, then delete it\n", p)
		}
	}
}

// onInterrupt makes Ctrl-C (SIGINT) and SIGTERM, while fixes are written,
// let the file being written finish, remove the temporary files, and exit;
// the returned function stops listening.
func onInterrupt(w *fix.Writer, env IO) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			w.Interrupt(2 * time.Second)
			fmt.Fprintln(env.Stderr, "helplint: interrupted; the files not yet fixed are as they were")
			code := 130
			if s == syscall.SIGTERM {
				code = 143
			}
			env.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// diffName is the path a diff names: relative to the current folder when
// the file is under it, so that `git apply` and `patch -p1` find it.
func diffName(path string) string {
	if !filepath.IsAbs(path) {
		return path
	}
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// worse returns a rule that reports more findings after than before, or "".
// A repair that writes U+FFFD where a byte was lost beyond knowing (mojibake
// with a lost byte) makes the replacement-char finding that asks for the
// character to be retyped: that one is expected.
func worse(before, after []lint.Finding) string {
	count := map[string]int{}
	for _, f := range before {
		count[f.Rule]++
		count["replacement-char"] += lostBytes(f)
	}
	for _, f := range after {
		count[f.Rule]--
		if count[f.Rule] < 0 {
			return f.Rule
		}
	}
	return ""
}
