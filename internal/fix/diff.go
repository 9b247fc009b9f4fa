package fix

import (
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// Diff returns a unified diff (three lines of context) from old to new of
// the file at path, or "" when they are equal. The names carry git's a/ and
// b/ prefixes, so that `git apply` and `patch -p1` take it from the folder
// the path is relative to.
func Diff(path string, old, new []byte) string {
	name := filepath.ToSlash(filepath.Clean(path))
	name = strings.TrimPrefix(name, "/")
	return string(diff.Diff("a/"+name, old, "b/"+name, new))
}
