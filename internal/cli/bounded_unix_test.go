//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runBounded runs helplint in dir, failing the test when it does not end
// within a time no healthy run comes near.
func runBounded(t *testing.T, dir string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(wd) }()
	go func() {
		var out, errb bytes.Buffer
		code := Main(args, IO{Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }})
		done <- result{code, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(30 * time.Second):
		t.Fatalf("helplint %s did not end", strings.Join(args, " "))
	}
	return 0, "", ""
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// a small site with one finding in a subfolder
func linkSite(t *testing.T) string {
	root := filepath.Join(t.TempDir(), "sites", "docs")
	writeFile(t, filepath.Join(root, "_config.yml"), "title: x\n")
	writeFile(t, filepath.Join(root, "index.md"), "---\ntitle: Home\n---\n[b](/sub/b.html)\n")
	writeFile(t, filepath.Join(root, "sub", "b.md"), "---\ntitle: B\ntitle: C\n---\nb\n")
	return root
}

var summary = regexp.MustCompile(`(?m)^\d+ errors?, \d+ warnings? in (\d+) files? .*$`)

// TestSiteThroughLink: a site reached through a symbolic link is the same
// site: the same files and findings from the link as the current folder,
// from the link named elsewhere, and from the real path (issue 22).
func TestSiteThroughLink(t *testing.T) {
	root := linkSite(t)
	link := filepath.Join(t.TempDir(), "docs")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	norm := func(out, prefix string) string {
		if prefix != "" {
			out = strings.ReplaceAll(out, prefix+string(filepath.Separator), "")
		}
		return summary.ReplaceAllString(out, "files: $1")
	}
	code0, out0, _ := runBounded(t, root, nil, ".")
	want := norm(out0, "")
	if code0 != 1 || !strings.HasPrefix(want, "sub/b.md:3:1") || !strings.Contains(want, "files: 2") {
		t.Fatalf("from the real path: exit %d\n%s", code0, out0)
	}
	for _, tc := range []struct{ name, dir, arg, prefix string }{
		{"the link as the current folder", link, ".", ""},
		{"a folder under the link", filepath.Join(link, "sub"), "..", ".."},
		{"the link named elsewhere", filepath.Dir(link), "docs", "docs"},
		{"the real path named", "/", root, root},
	} {
		code, out, errs := runBounded(t, tc.dir, nil, tc.arg)
		if got := norm(out, tc.prefix); code != code0 || got != want {
			t.Errorf("%s: exit %d\n%s%s\nwant exit %d\n%s", tc.name, code, got, errs, code0, want)
		}
	}
}

// TestLinksLeavingTheSite: a link to / inside the site is not followed (a
// walk of the whole disk), and --verbose lists it with a linked page that
// lies outside.
func TestLinksLeavingTheSite(t *testing.T) {
	root := linkSite(t)
	outside := filepath.Join(t.TempDir(), "away.md")
	writeFile(t, outside, "---\ntitle: Away\n---\n")
	for name, target := range map[string]string{"disk": "/", "away.md": outside, "again": root} {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runBounded(t, root, nil, "--verbose", ".")
	if code != 1 || !strings.Contains(out, "in 2 files") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"skipped disk: a symbolic link to /, outside", "skipped away.md: a symbolic link to " + outside} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestSpecialFiles: a named pipe is never opened: in the site it is passed
// over (--verbose says so), named on its own or as _config.yml it is an
// error, and as the index cache it is read as no cache.
func TestSpecialFiles(t *testing.T) {
	fifo := func(t *testing.T, p string) {
		t.Helper()
		_ = os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("a page", func(t *testing.T) {
		root := linkSite(t)
		fifo(t, filepath.Join(root, "pipe.md"))
		code, out, errs := runBounded(t, root, nil, "--verbose", ".")
		if code != 1 || !strings.Contains(out, "in 2 files") || !strings.Contains(errs, "skipped pipe.md: not a regular file") {
			t.Errorf("exit %d\n%s%s", code, out, errs)
		}
		code, out, errs = runBounded(t, root, nil, "pipe.md")
		if code != 2 || !strings.Contains(errs, "named pipe, not a regular file") {
			t.Errorf("named: exit %d\n%s%s", code, out, errs)
		}
	})
	for _, name := range []string{"_config.yml", ".helplint.yaml", "OLD_URLS.yml"} {
		t.Run(name, func(t *testing.T) {
			root := linkSite(t)
			fifo(t, filepath.Join(root, name))
			code, out, errs := runBounded(t, root, nil, ".")
			if code != 2 || !strings.Contains(errs, name+" is a named pipe") {
				t.Errorf("exit %d\n%s%s", code, out, errs)
			}
		})
	}
	t.Run("the index cache", func(t *testing.T) {
		if testing.Short() {
			t.Skip("waits for the index cache's racy window")
		}
		root := linkSite(t)
		time.Sleep(3500 * time.Millisecond) // the cache keeps only files older than its racy window
		cache := t.TempDir()
		env := map[string]string{"HELPLINT_CACHE": cache}
		if code, out, errs := runBounded(t, root, env, "index.md"); code != 0 {
			t.Fatalf("exit %d\n%s%s", code, out, errs)
		}
		files, _ := filepath.Glob(filepath.Join(cache, "index-*.bin"))
		if len(files) != 1 {
			t.Fatalf("cache files %v", files)
		}
		fifo(t, files[0])
		if code, out, errs := runBounded(t, root, env, "index.md"); code != 0 {
			t.Errorf("with a pipe as the cache: exit %d\n%s%s", code, out, errs)
		}
	})
}

// TestUnreadableFolder: a folder that cannot be read is an error naming
// it. Root reads every folder: TestUnreadableIncludes in internal/workspace
// injects the error instead.
func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	root := linkSite(t)
	locked := filepath.Join(root, "locked")
	writeFile(t, filepath.Join(locked, "c.md"), "---\ntitle: C\n---\n")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	code, out, errs := runBounded(t, root, nil, ".")
	if code != 2 || !strings.Contains(errs, "locked") || !strings.Contains(errs, "permission denied") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}

// TestNamesEscaped: a page whose name holds a newline and an escape code
// is printed with both escaped, in its finding and in --verbose's notes.
func TestNamesEscaped(t *testing.T) {
	root := linkSite(t)
	writeFile(t, filepath.Join(root, "evil\n\x1b[2J.md"), "---\ntitle: E\ntitle: F\n---\n")
	if err := syscall.Mkfifo(filepath.Join(root, "pipe\x1b]0;x\x07.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runBounded(t, root, nil, "--verbose", ".")
	if code != 1 || !strings.Contains(out, `evil\n\x1b[2J.md:3:1: error: key "title"`) || !strings.Contains(errs, `skipped pipe\x1b]0;x\x07.md`) {
		t.Errorf("exit %d\n%q\n%q", code, out, errs)
	}
	if strings.ContainsAny(out+errs, "\x1b\x07") {
		t.Errorf("raw control characters printed:\n%q\n%q", out, errs)
	}
}
