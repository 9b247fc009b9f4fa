// Package initcfg writes a site's first .helplint.yaml (helplint init)
// from what one run over the site detects, with a comment on each value
// saying what it was detected from, and drafts a JSON Schema for the front
// matter of each collection. It also says, for --print-config, where each
// value of the effective configuration comes from.
package initcfg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
)

// Options are helplint init's.
type Options struct {
	// Path is the site's folder, or a folder or file inside it ("" is the
	// current folder).
	Path string
	// Force overwrites files that exist.
	Force bool
}

// Result is what init wrote.
type Result struct {
	// Config is the configuration file written.
	Config string
	// Schemas are the schema files written, in the order the
	// configuration maps them.
	Schemas []string
	// Problems are files the run could not read (their pages are missing
	// from what was detected).
	Problems []lint.Problem
}

// ErrExists is returned, wrapped with the paths, when a file init would
// write exists and Options.Force is false.
var ErrExists = errors.New("exists; helplint init overwrites only with --force")

// Init reads the site at o.Path with the defaults alone, as helplint does
// with no configuration, and writes what the run detects into
// .helplint.yaml at the site's root, and schemas/<collection>.json for
// each collection with enough pages. It writes nothing when a file exists
// (unless o.Force), and checks that the configuration it wrote loads.
func Init(o Options) (Result, error) {
	if o.Path == "" {
		o.Path = "."
	}
	// every page of the site is linted, not only those under o.Path: the
	// index keeps less of the others (no defaults applied, no redirect
	// stubs told) than a schema is drafted from
	top, _ := site.FindUp(o.Path, "_config.yml")
	if top == "" {
		return Result{}, fmt.Errorf("%s: no Jekyll site here (no _config.yml at or above it)", o.Path)
	}
	ws, err := workspace.Open(workspace.Options{Paths: []string{top}, NoConfig: true})
	if err != nil {
		return Result{}, err
	}
	root := ws.Site.Root
	res := Result{Config: filepath.Join(root, config.FileName)}
	if err := refuse(o.Force, res.Config); err != nil {
		return Result{}, err
	}
	ws.Runner.Rules = append(ws.Runner.Rules, lint.Settings{Rule: shapeRule(), Severity: func(string) lint.Severity { return lint.Off }})
	run := ws.Run()
	for _, p := range run.Problems {
		if p.Fatal {
			res.Problems = append(res.Problems, p)
		}
	}
	for _, e := range ws.WalkErrors {
		res.Problems = append(res.Problems, lint.Problem{Path: o.Path, Message: e.Error(), Fatal: true})
	}
	if run.Index == nil {
		return Result{}, errors.New("no cross-file rule ran: nothing to detect") // cannot happen with the defaults
	}
	det := rules.Detect(run.Index, ws.Runner.Env, ws.Site)
	dr := draftSchemas(run.Index)
	files := map[string][]byte{}
	var order []string
	for _, c := range dr.collections {
		p := filepath.Join(root, filepath.FromSlash(c.fileName()))
		files[p] = c.schema()
		order = append(order, p)
	}
	if err := refuse(o.Force, order...); err != nil {
		return Result{}, err
	}
	doc, err := configText(facts{det: det, env: ws.Runner.Env, site: ws.Site, draft: dr})
	if err != nil {
		return Result{}, err
	}
	for _, p := range order {
		if err := writeFile(p, files[p]); err != nil {
			return Result{}, err
		}
	}
	res.Schemas = order
	if err := writeFile(res.Config, doc); err != nil {
		return Result{}, err
	}
	// what init writes must load and compile, or the next run exits 2
	if _, err := workspace.Open(workspace.Options{Paths: []string{root}, ConfigPath: res.Config}); err != nil {
		return res, fmt.Errorf("the configuration written does not load (a bug of helplint init): %w", err)
	}
	return res, nil
}

// refuse returns ErrExists, naming them, when any of paths exists and
// force is false.
func refuse(force bool, paths ...string) error {
	if force {
		return nil
	}
	var there []string
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			there = append(there, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if len(there) > 0 {
		return fmt.Errorf("%s: %w", strings.Join(there, ", "), ErrExists)
	}
	return nil
}

// writeFile writes data to path through a temporary file renamed over
// it, so that an interrupted init leaves the old file or the new one.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".helplint-init-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
