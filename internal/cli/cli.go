// Package cli is helplint's command line: flags, file discovery, the run,
// fixes and output. cmd/helplint only calls Main.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// Version is helplint's version.
const Version = "0.1.0"

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
	adoptFlags(fs, &o.adopt)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: helplint [flags] [path ...]\n       helplint rules | explain RULE | init [--force] [path] | version\n\nflags:\n")
		fs.PrintDefaults()
	}
	return fs
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
	fmt.Fprintf(env.Stderr, "helplint: "+format+"\n", args...)
	return ExitTrouble
}

func run(o *options, env IO) int {
	start := time.Now()
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return errorf(env, "%v", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return errorf(env, "%v", err)
		}
		defer pprof.StopCPUProfile()
	}
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
		return errorf(env, "unknown format %q (want one of %s)", o.format, strings.Join(output.Names(), ", "))
	}
	if o.color != "auto" && o.color != "always" && o.color != "never" {
		return errorf(env, "--color must be auto, always or never, not %q", o.color)
	}

	wsOpts := workspace.Options{Paths: o.paths, ConfigPath: o.configPath, RuleSeverities: o.rules, Workers: o.workers,
		CacheDir: cacheDir(o, env), Drafts: o.drafts}
	ws, err := workspace.Open(wsOpts)
	if err != nil {
		return errorf(env, "%v", err)
	}
	if o.printConfig {
		return printWithSources(env, ws, o.rules)
	}
	for _, w := range ws.Warnings {
		fmt.Fprintf(env.Stderr, "helplint: warning: %s\n", w)
	}
	trouble := false
	for _, e := range ws.WalkErrors {
		fmt.Fprintf(env.Stderr, "helplint: %v\n", e)
		trouble = true
	}
	runner, inputs, all := ws.Runner, ws.Inputs, ws.Rules
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

	if o.fix || o.diff {
		fr := applyFixes(res, inputs, runner, o.diff, env)
		trouble = trouble || fr.failed
		if fr.written > 0 {
			res = runner.Run(inputs) // report what is left, from the files as written
		}
	}
	for _, p := range res.Problems {
		fmt.Fprintf(env.Stderr, "helplint: %s: %s\n", p.Path, p.Message)
		trouble = trouble || p.Fatal
	}
	skipped := append(ws.Skipped, res.Skipped...)
	for _, sk := range skipped {
		// a file named on its own is never passed over in silence
		if o.verbose || sk.Named {
			fmt.Fprintf(env.Stderr, "helplint: skipped %s: %s\n", sk.Path, sk.Why)
		}
	}
	for _, msg := range emptyFolders(o.paths, res.Linted, skipped) {
		fmt.Fprintf(env.Stderr, "helplint: %s\n", msg)
		trouble = true
	}

	if o.adopt.writeBaseline != "" {
		if trouble { // a baseline of a run that missed files would hide their findings later
			return errorf(env, "baseline not written: the run had errors")
		}
		return writeBaseline(o.adopt.writeBaseline, ws, res.Findings, env)
	}
	fresh, known, why, err := o.adopt.compare(ws, wsOpts, res.Findings, o.verbose, env)
	if err != nil {
		return errorf(env, "%v", err)
	}
	rep := output.NewReport(fresh, res.Files, all)
	rep.Compared, rep.Known, rep.KnownWhy = o.adopt.compared(), known, why
	rep.Elapsed = time.Since(start)
	out := env.Stdout
	if o.outputPath != "" {
		f, err := os.Create(o.outputPath)
		if err != nil {
			return errorf(env, "%v", err)
		}
		defer f.Close()
		out = f
	}
	rep.StepSummary = env.Getenv("GITHUB_STEP_SUMMARY")
	rep.Color = o.color == "always" || (o.color == "auto" && o.outputPath == "" && env.Getenv("NO_COLOR") == "" && env.IsTerminal(env.Stdout))
	if !o.diff {
		bw := bufio.NewWriterSize(out, 64<<10) // one write per finding would be a system call each
		err := formatter(bw, rep)
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			return errorf(env, "writing output: %v", err)
		}
	}
	switch {
	case trouble:
		return ExitTrouble
	case rep.Errors > 0:
		return ExitFindings
	case o.maxWarnings >= 0 && rep.Warnings > o.maxWarnings:
		return ExitFindings
	}
	return ExitClean
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

func printConfig(w io.Writer, cfg *config.Config, settings []lint.Settings, all []*lint.Rule) int {
	type ruleOut struct {
		Severity string `yaml:"severity"`
		Options  any    `yaml:"options,omitempty"`
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
	out := struct {
		Config          string             `yaml:"config"`
		Site            string             `yaml:"site,omitempty"`
		Include         []string           `yaml:"include"`
		Exclude         []string           `yaml:"exclude"`
		Gitignore       bool               `yaml:"gitignore"`
		Schemas         *yaml.Node         `yaml:"schemas"`
		InternalHosts   []string           `yaml:"internal_hosts"`
		ExternalMarker  string             `yaml:"external_marker"`
		OldURLs         string             `yaml:"old_urls"`
		RedirectLayouts []string           `yaml:"redirect_layouts"`
		Rules           map[string]ruleOut `yaml:"rules"`
		Overrides       []config.Override  `yaml:"overrides"`
	}{cfg.Path, cfg.SiteRoot, cfg.Include, cfg.Exclude, cfg.Gitignore, &schemas, cfg.InternalHosts, cfg.ExternalMarker, cfg.OldURLs, cfg.RedirectLayouts, rs, cfg.Overrides}
	if out.Config == "" {
		out.Config = "(built-in defaults)"
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return ExitTrouble
	}
	return ExitClean
}
