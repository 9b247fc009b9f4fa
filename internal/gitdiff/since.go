package gitdiff

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

// Since splits fs, the findings of a run of ws opened with opts, into
// those the change since rev brings (fresh) and those the site already had
// at rev (known). With staged, the change is the index's (for pre-commit,
// which lints the files as staged). A rev git does not know is an error
// with git's message.
func Since(ws *workspace.Workspace, opts workspace.Options, fs []lint.Finding, rev string, staged bool) (fresh, known []lint.Finding, err error) {
	root, err := filepath.EvalSymlinks(ws.Site.Root)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	repo, err := Open(root)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	hash, err := repo.Resolve(rev)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	renames, err := repo.Renames(hash, staged)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	siteRel, err := filepath.Rel(repo.Top, root)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	siteRel = filepath.ToSlash(siteRel)
	tmp, err := os.MkdirTemp("", "helplint-rev-")
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := repo.Extract(hash, siteRel, tmp); err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	old, err := lintAt(repo.Top, tmp, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("--new-from-rev: the site at %s: %w", rev, err)
	}
	counts := map[baseline.Key]int{}
	for k, n := range baseline.Counts(filepath.Join(tmp, filepath.FromSlash(siteRel)), old) {
		if to, ok := renames[path.Join(siteRel, k.Path)]; ok {
			k.Path = strings.TrimPrefix(to, strings.TrimSuffix(siteRel, ".")+"/")
			if siteRel == "." {
				k.Path = to
			}
		}
		counts[k] += n
	}
	fresh, known = baseline.Split(ws.Site.Root, fs, counts)
	return fresh, known, nil
}

// lintAt lints the copy of the repository at dir (its files at a
// revision) as opts lint the repository at top, and returns the findings;
// none when the paths linted did not exist then.
func lintAt(top, dir string, opts workspace.Options) ([]lint.Finding, error) {
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
		return nil, nil
	}
	if opts.ConfigPath != "" {
		if m, ok := move(opts.ConfigPath); ok {
			o.ConfigPath = m
		}
	}
	ws, err := workspace.Open(o)
	if err != nil {
		return nil, err
	}
	return ws.Run().Findings, nil
}
