package oracle_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusRoot holds the real sites (../shared/corpus from the repository root).
const corpusRoot = "../../../shared/corpus"

// realSites are the sites both oracles check besides the fixtures: the
// folders of HELPLINT_ORACLE_SITES (colon-separated, absolute or relative to
// the repository root) when it is set, else every site of ../shared/corpus.
// custom is true for the first: the listed disagreements are the corpus's,
// so one that does not occur there is no error.
func realSites(t *testing.T) (dirs []string, custom bool) {
	t.Helper()
	if env := os.Getenv("HELPLINT_ORACLE_SITES"); env != "" {
		for _, d := range filepath.SplitList(env) {
			if d == "" {
				continue
			}
			if !filepath.IsAbs(d) {
				d = filepath.Join("../..", d)
			}
			if _, err := os.Stat(filepath.Join(d, "_config.yml")); err != nil {
				t.Fatalf("HELPLINT_ORACLE_SITES: %s has no _config.yml: %v", d, err)
			}
			dirs = append(dirs, d)
		}
		return dirs, true
	}
	m, _ := filepath.Glob(filepath.Join(corpusRoot, "*", "_config.yml"))
	for _, c := range m {
		dirs = append(dirs, filepath.Dir(c))
	}
	if len(dirs) == 0 {
		t.Logf("skipping the real sites: %s is absent", corpusRoot)
	}
	return dirs, false
}

// siteName is how the listed disagreements name a site: its folder under
// the corpus or testdata, or the path given.
func siteName(dir string) string {
	for _, p := range []string{corpusRoot + "/", "../../testdata/"} {
		if strings.HasPrefix(dir, p) {
			return strings.TrimPrefix(dir, p)
		}
	}
	return dir
}
