package cli

import (
	"flag"
	"fmt"
	"os"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/gitdiff"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

// adoptOptions are the flags that report only new findings (a baseline,
// a git revision) or record the known ones.
type adoptOptions struct {
	baseline      string
	writeBaseline string
	newFromRev    string
	staged        bool
}

func adoptFlags(fs *flag.FlagSet, o *adoptOptions) {
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE` (see --write-baseline)")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in the baseline `FILE` and exit")
	fs.StringVar(&o.newFromRev, "new-from-rev", "", "report only findings the change since git revision `REV` brings")
	fs.BoolVar(&o.staged, "staged", false, "with --new-from-rev: the change is what is staged (for pre-commit)")
}

// compared reports whether findings are compared with known ones.
func (o adoptOptions) compared() bool { return o.baseline != "" || o.newFromRev != "" }

// compare splits the findings into the new ones and those held back, and
// says why those are held back.
func (o adoptOptions) compare(ws *workspace.Workspace, opts workspace.Options, fs []lint.Finding, verbose bool, env IO) (fresh, known []lint.Finding, why string, err error) {
	if o.staged && o.newFromRev == "" {
		return nil, nil, "", fmt.Errorf("--staged needs --new-from-rev")
	}
	fresh = fs
	if o.newFromRev != "" {
		res, err := gitdiff.Since(ws, opts, fresh, o.newFromRev, o.staged)
		if err != nil {
			return nil, nil, "", err
		}
		if res.Note != "" {
			fmt.Fprintf(env.Stderr, "helplint: %s\n", res.Note)
		}
		fresh, known, why = res.Fresh, res.Known, "already there at "+o.newFromRev
	}
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			return nil, nil, "", err
		}
		if verbose {
			for _, e := range b.Stale(ws.Site.Root, fs) {
				fmt.Fprintf(env.Stderr, "helplint: baseline entry matches nothing now: %s [%s] %s (%dx)\n", e.Path, e.Rule, e.Message, e.Count)
			}
		}
		var old []lint.Finding
		fresh, old = baseline.Split(ws.Site.Root, fresh, b.Counts())
		known = append(known, old...)
		if why == "" {
			why = "in the baseline"
		} else {
			why += " or in the baseline"
		}
	}
	return fresh, known, why, nil
}

// writeBaseline records fs in the file at path, keeping the order of the
// entries it already has.
func writeBaseline(path string, ws *workspace.Workspace, fs []lint.Finding, env IO) int {
	var old *baseline.File
	if _, err := os.Stat(path); err == nil {
		if old, err = baseline.Load(path); err != nil {
			return errorf(env, "%v", err)
		}
	}
	b := baseline.New(ws.Site.Root, fs, old)
	if err := b.Write(path); err != nil {
		return errorf(env, "%v", err)
	}
	fmt.Fprintf(env.Stderr, "helplint: wrote %d findings to %s\n", len(fs), path)
	return ExitClean
}
