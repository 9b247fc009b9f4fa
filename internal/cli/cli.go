// Package cli is helplint's command line: flags, file discovery, the run,
// fixes and output. cmd/helplint only calls Main.
package cli

import (
	"bufio"
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/lsp"
	"github.com/helplint/helplint/internal/output"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
	"go.yaml.in/yaml/v3"
)

// Version is helplint's version; a release build sets it to the tag's
// (-ldflags -X, in .goreleaser.yaml).
var Version = "0.1.0"

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitTrouble  = 2
)

// IO is the program's environment: streams, environment variables, and
// whether stdout is a terminal.
type IO struct {
	// Stdin feeds the language server (nil: the process's).
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	IsTerminal     func(io.Writer) bool
	// Writer writes fixed files (nil: a new fix.Writer; tests set one with
	// hooks to simulate failures and edits made while --fix runs).
	Writer *fix.Writer
	// Exit ends the process; when set, Ctrl-C while --fix writes lets the
	// file being written finish, cleans up and calls it (tests leave it nil).
	Exit func(code int)
	// UserCacheDir is where the index cache goes unless HELPLINT_CACHE says
	// otherwise; nil (as in tests) means no cache.
	UserCacheDir func() (string, error)
	// FewTargets, when set, is called once a run is known to lint only a few
	// pages and to read the rest of the site from the index cache (the
	// pre-commit case): such a run allocates little, and the command may
	// turn garbage collection down for it.
	FewTargets func()
}

// fewTargets is how many named pages still make a run "few" (see IO.FewTargets).
const fewTargets = 64

func countTargets(inputs []lint.Input) int {
	n := 0
	for _, in := range inputs {
		if in.Target {
			n++
		}
	}
	return n
}

// Std is the IO of the real process.
func Std() IO {
	return IO{
		Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, UserCacheDir: os.UserCacheDir, Exit: os.Exit,
		IsTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok {
				return false
			}
			fi, err := f.Stat()
			return err == nil && fi.Mode()&os.ModeCharDevice != 0
		},
	}
}

type options struct {
	format      string
	outputPath  string
	configPath  string
	rules       map[string]string
	fix         bool
	diff        bool
	maxWarnings int
	color       string
	printConfig bool
	workers     int
	cpuProfile  string
	memProfile  string
	noCache     bool
	verbose     bool
	drafts      bool
	paths       []string
	adopt       adoptOptions
}

type ruleFlag map[string]string

func (r ruleFlag) String() string { return "" }
func (r ruleFlag) Set(v string) error {
	name, sev, ok := strings.Cut(v, "=")
	if !ok || name == "" {
		return fmt.Errorf("want NAME=SEVERITY, got %q", v)
	}
	r[name] = sev
	return nil
}

func newFlags(o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("helplint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "", "output format: "+strings.Join(output.Names(), ", ")+" (default text; github on GitHub Actions)")
	fs.StringVar(&o.outputPath, "output", "", "write findings to `FILE` instead of standard output")
	fs.StringVar(&o.configPath, "config", "", "configuration `FILE` (default: .helplint.yaml found upward from the first path)")
	fs.Var(ruleFlag(o.rules), "rule", "set a rule's severity, `NAME=SEVERITY` (off, warning, error); repeatable")
	fs.BoolVar(&o.fix, "fix", false, "apply safe fixes to the files")
	fs.BoolVar(&o.diff, "diff", false, "with or without --fix: print the fixes as a unified diff instead of writing them")
	fs.IntVar(&o.maxWarnings, "max-warnings", -1, "exit 1 when there are more than `N` warnings (-1: warnings never fail)")
	fs.StringVar(&o.color, "color", "auto", "colour: auto, always or never (NO_COLOR turns auto off)")
	fs.BoolVar(&o.printConfig, "print-config", false, "print the effective configuration as YAML and exit")
	fs.IntVar(&o.workers, "j", 0, "number of files linted in parallel (default: four per CPU)")
	fs.BoolVar(&o.verbose, "verbose", false, "print the files that are not linted, and why")
	fs.BoolVar(&o.drafts, "drafts", false, "read _drafts as pages, as jekyll build --drafts does")
	fs.BoolVar(&o.noCache, "no-cache", false, "read every page of the site, without the index cache (see HELPLINT_CACHE)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile to `FILE` (for performance reports)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile to `FILE` once every rule has run (for performance reports)")
	adoptFlags(fs, &o.adopt)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// usage is the head of -h and `helplint help`: every command, then the flags.
const usage = `usage: helplint [flags] [path ...]   lint pages (default: the current folder)
       helplint rules                   list the rules
       helplint explain RULE            print a rule's documentation
       helplint lsp [--stdio]           serve the Language Server Protocol on stdin and stdout
       helplint init [--force] [path]   write .helplint.yaml from what the site shows
       helplint version                 print the version
       helplint help                    print this help

flags:
`

// plural writes "1 file" and "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// parseArgs accepts flags before, between and after paths.
func parseArgs(args []string, stderr io.Writer) (*options, error) {
	o := &options{rules: map[string]string{}}
	fs := newFlags(o, stderr)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			o.paths = append(o.paths, args[1:]...)
			break
		}
		o.paths = append(o.paths, args[0])
		args = args[1:]
	}
	return o, nil
}

// Main runs helplint with args (without the program name) and returns the exit code.
func Main(args []string, env IO) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.IsTerminal == nil {
		env.IsTerminal = func(io.Writer) bool { return false }
	}
	if len(args) > 0 {
		switch args[0] {
		case "rules":
			return listRules(env.Stdout)
		case "explain":
			return explain(args[1:], env)
		case "lsp":
			return runLSP(args[1:], env)
		case "help":
			// asked for, help goes to standard output (a folder called help is ./help)
			fs := newFlags(&options{rules: map[string]string{}}, env.Stdout)
			fs.Usage()
			return ExitClean
		case "init":
			return runInit(args[1:], env)
		case "version", "--version":
			fmt.Fprintf(env.Stdout, "helplint %s\n", Version)
			return ExitClean
		}
	}
	o, err := parseArgs(args, env.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitTrouble
	}
	return run(o, env)
}

// runLSP serves the Language Server Protocol on standard input and output
// (--stdio, the only transport, is accepted for clients that pass it).
func runLSP(args []string, env IO) int {
	for _, a := range args {
		if a != "--stdio" {
			return errorf(env, "lsp: unknown argument %q (the server speaks over standard input and output)", a)
		}
	}
	in := env.Stdin
	if in == nil {
		in = os.Stdin
	}
	return lsp.Serve(in, env.Stdout, lsp.Options{CacheDir: cacheDir(&options{}, env), Version: Version, Log: env.Stderr})
}

func listRules(w io.Writer) int {
	fmt.Fprintf(w, "%-30s %-8s %-8s %s\n", "RULE", "DEFAULT", "FIXABLE", "TITLE")
	for _, r := range rules.All() {
		fixable := "no"
		if r.Fixable {
			fixable = "yes"
		}
		fmt.Fprintf(w, "%-30s %-8s %-8s %s\n", r.Name, r.Severity, fixable, r.Title())
	}
	return ExitClean
}

func explain(args []string, env IO) int {
	if len(args) != 1 {
		fmt.Fprintln(env.Stderr, "usage: helplint explain RULE")
		return ExitTrouble
	}
	r := rules.ByName(args[0])
	if r == nil {
		fmt.Fprintf(env.Stderr, "helplint: unknown rule %q (helplint rules lists them)\n", args[0])
		return ExitTrouble
	}
	fmt.Fprintf(env.Stdout, "%s\n\nDefault severity: %s. Fixable: %v.\n", strings.TrimRight(r.Doc, "\n"), r.Severity, r.Fixable)
	return ExitClean
}

func errorf(env IO, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "helplint: %s\n", output.Escape(fmt.Sprintf(format, args...)))
	return ExitTrouble
}

func run(o *options, env IO) int {
	start := time.Now()
	if o.cpuProfile != "" {
		stop, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			return errorf(env, "%v", err)
		}
		defer stop()
	}
	formatter, err := settleOutput(o, env)
	if err != nil {
		return errorf(env, "%v", err)
	}
	wsOpts := workspace.Options{Paths: o.paths, ConfigPath: o.configPath, RuleSeverities: o.rules, Workers: o.workers,
		CacheDir: cacheDir(o, env), Drafts: o.drafts, DropTexts: !o.readsTexts()}
	ws, err := workspace.Open(wsOpts)
	if err != nil {
		stoppedSummary(env, o.format, err.Error())
		return errorf(env, "%v", err)
	}
	if o.printConfig {
		return printWithSources(env, ws, o.rules)
	}
	trouble := reportWorkspace(ws, env) // why the run exits 2, also for the step summary
	res := lintWorkspace(ws, env)
	if o.memProfile != "" {
		if err := writeHeapProfile(o.memProfile); err != nil {
			return errorf(env, "%v", err)
		}
	}
	if o.fix || o.diff {
		fr := applyFixes(res, ws.Inputs, ws.Runner, o.diff, env)
		if fr.failed {
			trouble = append(trouble, "some fixes could not be applied (see the log)")
		}
		if fr.written > 0 {
			res = ws.Runner.Run(ws.Inputs) // report what is left, from the files as written
		}
	}
	trouble = append(trouble, reportUnlinted(o, ws, res, env)...)
	if o.adopt.writeBaseline != "" {
		if len(trouble) > 0 { // a baseline of a run that missed files would hide their findings later
			return errorf(env, "baseline not written: the run had errors")
		}
		return writeBaseline(o.adopt.writeBaseline, ws, res.Findings, env)
	}
	if cf := ws.ConfigFindings(); len(cf) > 0 {
		res.Findings = append(res.Findings, cf...)
		lint.SortFindings(res.Findings)
	}
	fresh, known, why, err := o.adopt.compare(ws, wsOpts, res.Findings, o.verbose, env)
	if err != nil {
		return errorf(env, "%v", err)
	}
	rep := output.NewReport(fresh, res.Files, ws.Rules)
	rep.Compared, rep.Known, rep.KnownWhy = o.adopt.compared(), known, why
	rep.Elapsed = time.Since(start)
	rep.Trouble = trouble
	if err := writeReport(o, env, formatter, rep); err != nil {
		return errorf(env, "%v", err)
	}
	return exitCode(o, env, rep, trouble)
}

// writeHeapProfile writes what the heap holds now, after a collection:
// the run's facts and findings, which the caller still uses.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile %s: %w", path, err)
	}
	return f.Close()
}

// startCPUProfile writes a CPU profile to path until the returned stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// settleOutput fills in the defaults of the paths and the format (github
// on GitHub Actions) and checks the format and colour settings.
func settleOutput(o *options, env IO) (output.Formatter, error) {
	if len(o.paths) == 0 {
		o.paths = []string{"."}
	}
	if o.format == "" {
		o.format = "text"
		if env.Getenv("GITHUB_ACTIONS") == "true" {
			if _, ok := output.Formats()["github"]; ok {
				o.format = "github"
			}
		}
	}
	formatter, ok := output.Formats()[o.format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", o.format, strings.Join(output.Names(), ", "))
	}
	if o.color != "auto" && o.color != "always" && o.color != "never" {
		return nil, fmt.Errorf("--color must be auto, always or never, not %q", o.color)
	}
	return formatter, nil
}

// reportWorkspace prints the workspace's warnings and the folders it could
// not walk; it returns the latter, which make the run exit 2.
func reportWorkspace(ws *workspace.Workspace, env IO) (trouble []string) {
	for _, w := range ws.Warnings {
		fmt.Fprintf(env.Stderr, "helplint: warning: %s\n", output.Escape(w))
	}
	for _, e := range ws.WalkErrors {
		fmt.Fprintf(env.Stderr, "helplint: %s\n", output.Escape(e.Error()))
		trouble = append(trouble, e.Error())
	}
	return trouble
}

// lintWorkspace lints the workspace's inputs, with a progress bar on a
// terminal outside CI, and saves the index cache.
func lintWorkspace(ws *workspace.Workspace, env IO) lint.Result {
	runner, inputs := ws.Runner, ws.Inputs
	if env.FewTargets != nil && ws.Cache != nil && countTargets(inputs) <= fewTargets {
		env.FewTargets()
	}
	var pb *progress
	if env.IsTerminal(env.Stderr) && env.Getenv("CI") == "" && env.Getenv("GITHUB_ACTIONS") == "" {
		pb = newProgress(env.Stderr)
		runner.Progress = pb.update
	}
	res := runner.Run(inputs)
	if pb != nil {
		pb.clear()
	}
	if p := ws.SaveCache(); p != nil {
		res.Problems = append(res.Problems, *p)
	}
	return res
}

// reportUnlinted prints the run's problems, the files it skipped (each
// named on its own, all with --verbose) and the named folders in which it
// linted nothing; it returns what makes the run exit 2.
func reportUnlinted(o *options, ws *workspace.Workspace, res lint.Result, env IO) (trouble []string) {
	for _, p := range res.Problems {
		fmt.Fprintf(env.Stderr, "helplint: %s: %s\n", output.Escape(p.Path), output.EscapeMessage(p.Message))
		if p.Fatal {
			trouble = append(trouble, p.Path+": "+p.Message)
		}
	}
	if o.verbose {
		for _, n := range ws.Notes {
			fmt.Fprintf(env.Stderr, "helplint: %s\n", n)
		}
	}
	skipped := append(ws.Skipped, res.Skipped...)
	for _, sk := range skipped {
		// a file named on its own is never passed over in silence
		if o.verbose || sk.Named {
			fmt.Fprintf(env.Stderr, "helplint: skipped %s: %s\n", output.Escape(sk.Path), output.Escape(sk.Why))
		}
	}
	for _, msg := range emptyFolders(o.paths, res.Linted, skipped) {
		fmt.Fprintf(env.Stderr, "helplint: %s\n", output.Escape(msg))
		trouble = append(trouble, msg)
	}
	return trouble
}

// writeReport writes rep in its format to --output or standard output
// (nothing with --diff, which printed the diff instead).
func writeReport(o *options, env IO, formatter output.Formatter, rep *output.Report) error {
	out := env.Stdout
	if o.outputPath != "" {
		f, err := os.Create(o.outputPath)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	rep.StepSummary = env.Getenv("GITHUB_STEP_SUMMARY")
	rep.Color = o.color == "always" || (o.color == "auto" && o.outputPath == "" && env.Getenv("NO_COLOR") == "" && env.IsTerminal(env.Stdout))
	if o.diff {
		return nil
	}
	bw := bufio.NewWriterSize(out, 64<<10) // one write per finding would be a system call each
	err := formatter(bw, rep)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// exitCode is 2 for trouble, 1 for errors or warnings past --max-warnings
// (saying so), else 0.
func exitCode(o *options, env IO, rep *output.Report, trouble []string) int {
	switch {
	case len(trouble) > 0:
		return ExitTrouble
	case rep.Errors > 0:
		return ExitFindings
	case o.maxWarnings >= 0 && rep.Warnings > o.maxWarnings:
		fmt.Fprintf(env.Stderr, "helplint: failing on warnings: %s, more than --max-warnings %d allows\n", plural(rep.Warnings, "warning"), o.maxWarnings)
		return ExitFindings
	}
	return ExitClean
}

// stoppedSummary writes the step summary of a github-format run that stopped
// before linting, so that the summary says why instead of nothing.
func stoppedSummary(env IO, format, why string) {
	if format != "github" {
		return
	}
	rep := output.NewReport(nil, 0, nil)
	rep.StepSummary, rep.Trouble = env.Getenv("GITHUB_STEP_SUMMARY"), []string{why}
	if err := output.WriteSummary(rep); err != nil {
		fmt.Fprintf(env.Stderr, "helplint: %v\n", err)
	}
}

// emptyFolders returns an error message for each named folder under which
// no page was linted: a run that lints nothing must not pass in silence.
func emptyFolders(paths, linted []string, skipped []lint.Skip) []string {
	var out []string
	under := func(p, dir string) bool {
		return dir == "." || p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			continue
		}
		dir := filepath.Clean(p)
		found := false
		for _, l := range linted {
			if under(filepath.Clean(l), dir) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		why := map[string]int{}
		var order []string
		for _, sk := range skipped {
			if under(filepath.Clean(sk.Path), dir) {
				if why[sk.Why] == 0 {
					order = append(order, sk.Why)
				}
				why[sk.Why]++
			}
		}
		msg := fmt.Sprintf("no pages under %s: ", p)
		if len(order) == 0 {
			msg += "it holds no .md, .markdown or .html file that helplint reads"
		} else {
			sort.Slice(order, func(i, j int) bool { return why[order[i]] > why[order[j]] })
			for i, w := range order {
				if i == 3 {
					msg += fmt.Sprintf("; and %d more reasons", len(order)-3)
					break
				}
				if i > 0 {
					msg += "; "
				}
				msg += fmt.Sprintf("%d skipped (%s)", why[w], w)
			}
			msg += " (--verbose lists them)"
		}
		out = append(out, msg)
	}
	return out
}

// cacheDir is the folder of index caches: HELPLINT_CACHE when set ("off"
// for none), else helplint's folder in the user's cache directory.
func cacheDir(o *options, env IO) string {
	if o.noCache {
		return ""
	}
	switch dir := env.Getenv("HELPLINT_CACHE"); dir {
	case "off":
		return ""
	case "":
	default:
		return dir
	}
	if env.UserCacheDir == nil {
		return ""
	}
	dir, err := env.UserCacheDir()
	if err != nil {
		return "" // no home folder: run without a cache
	}
	return filepath.Join(dir, "helplint")
}

// printConfig writes the effective configuration as a .helplint.yaml that
// loads to the same configuration (the file it came from goes to stderr).
func printConfig(env IO, cfg *config.Config, settings []lint.Settings, all []*lint.Rule) int {
	type ruleOut struct {
		Severity string `yaml:"severity"`
		Options  any    `yaml:"options,omitempty"`
	}
	type overrideOut struct {
		Files []string          `yaml:"files"`
		Rules map[string]string `yaml:"rules"`
	}
	on := map[string]lint.Settings{}
	for _, s := range settings {
		on[s.Rule.Name] = s
	}
	rs := map[string]ruleOut{}
	for _, r := range all {
		s, ok := on[r.Name]
		if !ok {
			rs[r.Name] = ruleOut{Severity: "off"}
			continue
		}
		rs[r.Name] = ruleOut{Severity: s.Severity("").String(), Options: s.Options}
	}
	schemas := yaml.Node{Kind: yaml.MappingNode}
	for _, m := range cfg.Schemas {
		schemas.Content = append(schemas.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: m.Glob}, &yaml.Node{Kind: yaml.ScalarNode, Value: m.Schema})
	}
	overrides := []overrideOut{}
	for _, o := range cfg.Overrides {
		oo := overrideOut{Files: o.Files, Rules: map[string]string{}}
		for name, rc := range o.Rules {
			if rc.Severity != "" {
				oo.Rules[name] = rc.Severity
			}
		}
		overrides = append(overrides, oo)
	}
	site := ""
	if cfg.SiteRoot != "" {
		site = cfg.SiteRoot
		if rel, err := filepath.Rel(cmp.Or(cfg.Dir, "."), cfg.SiteRoot); err == nil {
			site = filepath.ToSlash(rel) // paths in the file are relative to it
		}
	}
	out := struct {
		Site            string             `yaml:"site,omitempty"`
		Markdown        string             `yaml:"markdown"`
		Include         []string           `yaml:"include"`
		Exclude         []string           `yaml:"exclude"`
		Gitignore       bool               `yaml:"gitignore"`
		Schemas         *yaml.Node         `yaml:"schemas"`
		InternalHosts   []string           `yaml:"internal_hosts"`
		ExternalMarker  string             `yaml:"external_marker"`
		OldURLs         string             `yaml:"old_urls"`
		RedirectLayouts []string           `yaml:"redirect_layouts"`
		Languages       []string           `yaml:"languages,omitempty"`
		DefaultLocale   string             `yaml:"default_locale,omitempty"`
		Rules           map[string]ruleOut `yaml:"rules"`
		Overrides       []overrideOut      `yaml:"overrides"`
	}{site, cfg.Markdown, cfg.Include, cfg.Exclude, cfg.Gitignore, &schemas, cfg.InternalHosts, cfg.ExternalMarker, cfg.OldURLs, cfg.RedirectLayouts,
		cfg.Languages, cfg.DefaultLocale, rs, overrides}
	fmt.Fprintf(env.Stderr, "helplint: the configuration of %s, as a .helplint.yaml:\n", cmp.Or(cfg.Path, "the built-in defaults"))
	enc := yaml.NewEncoder(env.Stdout)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return errorf(env, "--print-config: %v", err)
	}
	if err := enc.Close(); err != nil {
		return errorf(env, "--print-config: %v", err)
	}
	return ExitClean
}

// readsTexts reports whether the run reads the pages' text after their
// page rules: to fix them, or to fingerprint findings (SARIF, baselines).
// Other runs let the text go (lint.Runner.DropTexts), a third of the
// memory of a large site.
func (o *options) readsTexts() bool {
	return o.fix || o.diff || o.format == "sarif" || o.adopt.writeBaseline != "" || o.adopt.compared()
}
