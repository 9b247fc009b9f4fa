package discover

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rootIgnore and subIgnore are .gitignore files with one pattern of each
// kind git reads, and the corners where a hand-written matcher goes wrong.
const rootIgnore = "\ufeff# a comment, then the patterns\n" +
	`*.log
!keep.log
[!a]*.txt
[^b].md
[[:upper:]]oo
[a-c]b
?bc
\#hash
\!bang
sp\ ace
trail\ ` + "  \n" + `trail2   
tmp/
/build
docs/**/x
a/**/c
**/logs
**/modules/pkg/*
foo*/
data.j[!s]on
src/*
!src/build
x[
[]]y
*/deep/*
!*/deep/keep.log
literal\*
` + "\r\n" + `crlf` + "\r\n"

const subIgnore = "!x\n*.md\n/sub/ab\nsub/deeper/\n"

// TestIgnoreMatchesGit builds a tree of files whose names the patterns
// above hit and miss, and requires the walk to list exactly the files git
// does not ignore (git ls-files --others --exclude-standard), from the top
// of the repository and from a folder below it.
func TestIgnoreMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	dir := t.TempDir()
	git := func(wd string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "core.excludesFile=" + os.DevNull}, args...)...)
		cmd.Dir = wd
		cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return out
	}
	git(dir, "init", "-q")
	names := []string{"a", "b", "ab", "bb", "db", "abc", "xbc", "a.txt", "b.txt", "c.txt", "a.md", "b.md", "c.md",
		"Foo", "foo", "zoo", "foo.md", "#hash", "!bang", "sp ace", "trail ", "trail", "trail2", "x.log", "keep.log",
		"data.json", "data.jxon", "x[", "]y", "[]]y", "x", "literal*", "literalx", "crlf", "é.md", "é", "tmp", "build"}
	folders := []string{"", "tmp", "x/tmp", "build", "x/build", "docs", "docs/x", "docs/q/x", "docs/q/r", "a/c", "a/b/c",
		"a/b/d", "logs", "p/logs", "modules/pkg", "modules/other", "foodir", "foo2/in", "src/build", "src/other",
		"q/deep", "q/deep/deeper", "sub", "sub/sub", "sub/deeper", "zz"}
	for _, f := range folders {
		for _, n := range names {
			rel := strings.TrimPrefix(f+"/"+n, "/")
			if slices.ContainsFunc(folders, func(d string) bool { return d == rel || strings.HasPrefix(d, rel+"/") }) {
				continue // a folder of that name
			}
			write(t, filepath.Join(dir, f, n), "x")
		}
	}
	write(t, filepath.Join(dir, ".gitignore"), rootIgnore)
	write(t, filepath.Join(dir, "sub", ".gitignore"), subIgnore)
	write(t, filepath.Join(dir, "docs", ".gitignore"), subIgnore)

	for _, start := range []string{"", "docs", "sub", "a/b"} {
		wd := filepath.Join(dir, start)
		var want []string
		for _, p := range bytes.Split(git(wd, "ls-files", "-z", "--others", "--exclude-standard"), []byte{0}) {
			if len(p) > 0 {
				want = append(want, string(p))
			}
		}
		slices.Sort(want)
		files, errs := Walk([]string{wd}, Options{Gitignore: true})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var got []string
		for _, f := range files {
			r, _ := filepath.Rel(wd, f.Path)
			got = append(got, filepath.ToSlash(r))
		}
		if len(want) < 10 {
			t.Fatalf("from %q git lists only %d files", start, len(want))
		}
		for _, p := range want {
			if _, found := slices.BinarySearch(got, p); !found {
				t.Errorf("from %q: %s is not ignored by git, but the walk passes it over", start, p)
			}
		}
		for _, p := range got {
			if _, found := slices.BinarySearch(want, p); !found {
				t.Errorf("from %q: %s is ignored by git, but the walk lists it", start, p)
			}
		}
	}
}

// TestWildmatch covers what the tree above cannot name: slashes in
// classes, backslashes, and patterns git aborts on.
func TestWildmatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"[!a]b", "bb", true}, {"[!a]b", "ab", false}, {"[^a]b", "cb", true},
		{"a[/]b", "a/b", false}, {"a?b", "a/b", false}, {"a*b", "a/b", false},
		{"a/**/b", "a/b", true}, {"a/**/b", "a/x/y/b", true}, {"**/b", "x/y/b", true}, {"a/**", "a/x/y", true},
		{"a/**", "a", false}, {"a**b", "a/b", false}, {"\\*", "*", true}, {"\\*", "x", false},
		{"[a-", "a", false}, {"[[:alpha:]]", "q", true}, {"[[:nope:]]", "q", false}, {"[[:x]", "[", true},
		{"[]a]", "]", true}, {"[a\\]]", "]", true}, {"*.md", "x.md", true}, {"*", "", true}, {"?", "", false},
	}
	for _, tt := range tests {
		if got := wildmatch(tt.p, tt.s); got != tt.want {
			t.Errorf("wildmatch(%q, %q) = %v, want %v", tt.p, tt.s, got, tt.want)
		}
	}
	if !strings.Contains(rootIgnore, "[!a]") {
		t.Fatal("the fixture lost its negated class")
	}
}
