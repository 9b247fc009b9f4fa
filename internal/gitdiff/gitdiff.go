// Package gitdiff finds the findings a change to a site brings: it lints
// the site as it was at a git revision, beside the site as it is, and
// keeps the findings the older site did not have. A finding on a line the
// change adds or edits is new; so is one the change causes on a page it
// did not touch (a link to a page it deleted, an anchor whose heading it
// renamed, a title or permalink it made collide); a finding the change
// only moved (a paragraph cut and pasted) is not. Findings are matched as
// the baseline matches them (internal/baseline), pages renamed by the
// change being followed to their new paths.
package gitdiff

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Repo is the git repository that holds a site.
type Repo struct {
	// Top is the repository's top folder.
	Top string
}

// Open finds the repository that holds dir.
func Open(dir string) (*Repo, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top, err := filepath.EvalSymlinks(strings.TrimSpace(string(out)))
	if err != nil {
		return nil, fmt.Errorf("git: %w", err)
	}
	return &Repo{Top: top}, nil
}

// git runs git in dir and returns its output; an error carries git's own
// message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		var ee *exec.ExitError
		if msg == "" || !errors.As(err, &ee) {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out.Bytes(), nil
}

// Resolve checks that rev names a commit and returns its hash.
func (r *Repo) Resolve(rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("git rev-parse: %q is not a revision", rev)
	}
	out, err := git(r.Top, "rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Has reports whether the commit rev holds the path sub (relative to the
// top, slashes; "." for the top).
func (r *Repo) Has(rev, sub string) bool {
	if sub == "" || sub == "." {
		return true
	}
	_, err := git(r.Top, "cat-file", "-e", rev+":"+sub)
	return err == nil
}

// Renames maps the paths (relative to the top, slashes) of files that the
// working tree (or, when staged, the index) has renamed since rev to their
// new paths.
func (r *Repo) Renames(rev string, staged bool) (map[string]string, error) {
	args := []string{"diff", "--name-status", "-M", "-z", "--no-ext-diff", "--no-color"}
	if staged {
		args = append(args, "--cached")
	}
	out, err := git(r.Top, append(args, rev, "--")...)
	if err != nil {
		return nil, err
	}
	renames := map[string]string{}
	fields := strings.Split(string(out), "\x00")
	for i := 0; i < len(fields); i++ {
		status := fields[i]
		switch {
		case strings.HasPrefix(status, "R") && i+2 < len(fields):
			renames[fields[i+1]] = fields[i+2]
			i += 2
		case strings.HasPrefix(status, "C") && i+2 < len(fields):
			i += 2
		case status != "":
			i++
		}
	}
	return renames, nil
}

// Extract writes the files under sub (relative to the top, slashes; ""
// or "." for all) as they are at rev into dest, which must exist. The
// archive is read as git writes it, never held whole.
func (r *Repo) Extract(rev, sub, dest string) error {
	args := []string{"-C", r.Top, "archive", "--format=tar", rev}
	if sub != "" && sub != "." {
		args = append(args, "--", sub)
	}
	cmd := exec.Command("git", args...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	err = untar(out, dest)
	io.Copy(io.Discard, out) // let git finish writing whatever untar left
	if werr := cmd.Wait(); werr != nil {
		if msg := strings.TrimSpace(errb.String()); msg != "" {
			return fmt.Errorf("git archive: %s", msg)
		}
		return fmt.Errorf("git archive: %w", werr)
	}
	return err
}

// untar writes the regular files and folders of a tar stream under dest.
func untar(r io.Reader, dest string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("git archive: %w", err)
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("git archive: unsafe path %q", h.Name)
		}
		p := filepath.Join(dest, name)
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(p, 0o755)
		case tar.TypeReg:
			err = writeFile(p, tr)
		}
		if err != nil {
			return fmt.Errorf("git archive: %w", err)
		}
	}
}

func writeFile(p string, r io.Reader) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
