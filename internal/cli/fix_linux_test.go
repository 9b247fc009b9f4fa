package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestFixKeepsMetadata: pages owned by nobody:nogroup, mode 2664, with an
// extended attribute, one of them with a second hard link, come out of
// --fix fixed and with all of it: the linked one written in place (both
// names show the fix), the other replaced.
func TestFixKeepsMetadata(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving files to nobody needs root")
	}
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{"one.md": fmt.Sprintf(fixable, 1, 1), "two.md": fmt.Sprintf(fixable, 2, 2)})
	one, two := filepath.Join(dir, "one.md"), filepath.Join(dir, "two.md")
	link := filepath.Join(dir, "link.txt") // not a page: only one name is linted
	if err := os.Link(one, link); err != nil {
		t.Fatal(err)
	}
	xattr := true
	for _, p := range []string{one, two} {
		if err := os.Chown(p, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, 0o664|os.ModeSetgid); err != nil {
			t.Fatal(err)
		}
		if err := unix.Setxattr(p, "user.helplint-test", []byte("kept"), 0); err != nil {
			if !errors.Is(err, unix.ENOTSUP) {
				t.Fatal(err)
			}
			xattr = false
		}
	}
	var inodes [2]uint64
	for i, p := range []string{one, two} {
		var st unix.Stat_t
		if err := unix.Stat(p, &st); err != nil {
			t.Fatal(err)
		}
		inodes[i] = st.Ino
	}
	code, out, errs := mainIO(t, dir, IO{}, "--fix", ".")
	if code != 0 || !strings.Contains(errs, "fixed 2 findings in 2 files") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for i, p := range []string{one, two, link} {
		b, _ := os.ReadFile(p)
		if !strings.Contains(string(b), "| --- | --- |") {
			t.Errorf("%s not fixed:\n%s", p, b)
		}
		var st unix.Stat_t
		if err := unix.Stat(p, &st); err != nil {
			t.Fatal(err)
		}
		if st.Uid != 65534 || st.Gid != 65534 || st.Mode&0o7777 != 0o2664 {
			t.Errorf("%s: owner %d:%d mode %o, want 65534:65534 2664", p, st.Uid, st.Gid, st.Mode&0o7777)
		}
		if i == 0 && st.Ino != inodes[0] {
			t.Errorf("%s: a new inode: the hard link is broken", p)
		}
		if i == 1 && st.Ino == inodes[1] {
			t.Errorf("%s: written in place, want replaced", p)
		}
		if xattr {
			buf := make([]byte, 16)
			if n, err := unix.Getxattr(p, "user.helplint-test", buf); err != nil || string(buf[:n]) != "kept" {
				t.Errorf("%s: extended attribute %q, %v", p, buf[:n], err)
			}
		}
	}
	if names, _ := os.ReadDir(dir); len(names) != 3 {
		t.Errorf("left behind: %v", names)
	}
}

// TestFixCtrlC sends SIGINT to a real helplint process while --fix writes a
// site of a thousand pages: it exits 130, leaves no temporary file, and
// every page is either as it was or wholly fixed.
func TestFixCtrlC(t *testing.T) {
	dir := t.TempDir()
	const n = 1000
	files := map[string]string{"_config.yml": "title: t\n"}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("p%04d.md", i)] = fmt.Sprintf(fixable, i, i)
	}
	writeSite(t, dir, files)
	cmd := exec.Command(os.Args[0], "--fix", "--no-cache", ".")
	cmd.Dir = dir
	cmd.Env = []string{"HELPLINT_TEST_MAIN=1", "PATH=" + os.Getenv("PATH")}
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "p0000.md")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if b, _ := os.ReadFile(first); strings.Contains(string(b), "| --- |") || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	if code == 0 {
		t.Skip("the run ended before the signal")
	}
	if code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d, want 130\n%s", code, errb.String())
	}
	ents, _ := os.ReadDir(dir)
	fixed := 0
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			t.Errorf("left behind: %s", name)
			continue
		}
		if name == "_config.yml" {
			continue
		}
		var i int
		fmt.Sscanf(name, "p%04d.md", &i)
		b, _ := os.ReadFile(filepath.Join(dir, name))
		switch string(b) {
		case fmt.Sprintf(fixable, i, i):
		case strings.Replace(fmt.Sprintf(fixable, i, i), "|\n|", "|\n| --- | --- |\n|", 1):
			fixed++
		default:
			t.Errorf("%s is neither as it was nor fixed:\n%s", name, b)
		}
	}
	t.Logf("%d of %d pages fixed before the signal", fixed, n)
}
