package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"

	"github.com/helplint/helplint/internal/initcfg"
	"github.com/helplint/helplint/internal/workspace"
)

// runInit is `helplint init [--force] [path]`: it writes the site's
// .helplint.yaml and schemas from what a run over the site detects.
func runInit(args []string, env IO) int {
	fs := flag.NewFlagSet("helplint init", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	force := fs.Bool("force", false, "overwrite .helplint.yaml and schema files that exist")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: helplint init [--force] [path]\n\nwrites .helplint.yaml at the root of the Jekyll site at path (default: the current folder)\nwith what helplint detects of its conventions, and schemas/<collection>.json for its collections.\n\nflags:\n")
		fs.PrintDefaults()
	}
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitClean
			}
			return ExitTrouble
		}
		if args = fs.Args(); len(args) == 0 {
			break
		}
		paths, args = append(paths, args[0]), args[1:]
	}
	if len(paths) > 1 {
		return errorf(env, "init: one site at a time (got %d paths)", len(paths))
	}
	o := initcfg.Options{Force: *force}
	if len(paths) == 1 {
		o.Path = paths[0]
	}
	res, err := initcfg.Init(o)
	for _, p := range res.Problems {
		fmt.Fprintf(env.Stderr, "helplint: %s: %s\n", p.Path, p.Message)
	}
	if err != nil {
		return errorf(env, "init: %v", err)
	}
	for _, s := range res.Schemas {
		fmt.Fprintf(env.Stdout, "wrote %s\n", s)
	}
	fmt.Fprintf(env.Stdout, "wrote %s: each value says what it was detected from; run helplint to lint the site with it\n", res.Config)
	return ExitClean
}

// printWithSources is --print-config: the effective configuration, each
// value with where it comes from (see initcfg.Sources).
func printWithSources(env IO, ws *workspace.Workspace, flags map[string]string) int {
	var buf bytes.Buffer
	inner := env
	inner.Stdout = &buf
	if code := printConfig(inner, ws.Config, ws.Settings, ws.Rules); code != ExitClean {
		return code
	}
	if err := initcfg.Sources(env.Stdout, buf.Bytes(), ws, flags); err != nil {
		return errorf(env, "%v", err)
	}
	return ExitClean
}
