package gitdiff

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

// Result is what Since finds.
type Result struct {
	// Fresh are the findings the change brings, Known those the site had.
	Fresh, Known []lint.Finding
	// Note, when set, is a warning for the user.
	Note string
}

// Since splits fs, the findings of a run of ws opened with opts, into
// those the change since rev brings and those the site already had at
// rev. With staged, renames are read from the index (for pre-commit,
// which stashes what is not staged, so that the files linted are those
// staged); a note says when the site's files on disk differ from the
// index. A rev git does not know is an error with git's message.
func Since(ws *workspace.Workspace, opts workspace.Options, fs []lint.Finding, rev string, staged bool) (Result, error) {
	fresh, known, note, err := since(ws, opts, fs, rev, staged)
	if err != nil {
		return Result{}, fmt.Errorf("--new-from-rev: %w", err)
	}
	return Result{Fresh: fresh, Known: known, Note: note}, nil
}

func since(ws *workspace.Workspace, opts workspace.Options, fs []lint.Finding, rev string, staged bool) (fresh, known []lint.Finding, note string, err error) {
	root, err := filepath.EvalSymlinks(ws.Site.Root)
	if err != nil {
		return nil, nil, "", err
	}
	repo, err := Open(root)
	if err != nil {
		return nil, nil, "", err
	}
	hash, err := repo.Resolve(rev)
	if err != nil {
		return nil, nil, "", err
	}
	renames, err := repo.Renames(hash, staged)
	if err != nil {
		return nil, nil, "", err
	}
	siteRel, err := filepath.Rel(repo.Top, root)
	if err != nil {
		return nil, nil, "", err
	}
	siteRel = filepath.ToSlash(siteRel)
	tmp, err := os.MkdirTemp("", "helplint-rev-")
	if err != nil {
		return nil, nil, "", err
	}
	defer os.RemoveAll(tmp)
	var old []lint.Finding
	oldRoot := ""
	if repo.Has(hash, siteRel) { // else the site is new since rev: every finding is
		if err := repo.Extract(hash, siteRel, tmp); err != nil {
			return nil, nil, "", err
		}
		if old, oldRoot, err = lintAt(repo.Top, tmp, opts); err != nil {
			return nil, nil, "", fmt.Errorf("the site at %s: %w", rev, err)
		}
	}
	counts := map[baseline.Key]int{}
	for k, n := range baseline.Counts(oldRoot, old) {
		// a page renamed since: its findings follow it
		if to, ok := renames[path.Join(siteRel, k.Path)]; ok {
			if rel, err := filepath.Rel(filepath.FromSlash(siteRel), filepath.FromSlash(to)); err == nil && filepath.IsLocal(rel) {
				k.Path = filepath.ToSlash(rel)
			}
		}
		counts[k] += n
	}
	if staged {
		if out, err := git(repo.Top, "diff", "--name-only", "--no-ext-diff", "--", siteRel); err == nil && len(out) > 0 {
			note = "--staged: some of the site's files have changes not staged; they are linted as they are on disk"
		}
	}
	fresh, known = baseline.Split(ws.Site.Root, fs, counts)
	return fresh, known, note, nil
}

// lintAt lints the copy of the repository at dir (its files at a
// revision) as opts lint the repository at top, and returns the findings
// and the copy's site root; no findings when the paths linted did not
// exist then.
func lintAt(top, dir string, opts workspace.Options) ([]lint.Finding, string, error) {
	move := func(p string) (string, bool) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", false
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
		rel, err := filepath.Rel(top, abs)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", false
		}
		moved := filepath.Join(dir, rel)
		_, err = os.Stat(moved)
		return moved, err == nil
	}
	o := opts
	o.Paths, o.CacheDir = nil, ""
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if m, ok := move(p); ok {
			o.Paths = append(o.Paths, m)
		}
	}
	if len(o.Paths) == 0 {
		return nil, "", nil
	}
	if opts.ConfigPath != "" {
		if m, ok := move(opts.ConfigPath); ok {
			o.ConfigPath = m
		}
	}
	ws, err := workspace.Open(o)
	if err != nil {
		return nil, "", err
	}
	return ws.Run().Findings, ws.Site.Root, nil
}
