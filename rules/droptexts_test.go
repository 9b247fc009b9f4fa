package rules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
)

// TestDropTextsChangesNothing: a run that lets the pages' text go after
// their page rules reports the same findings, at the same positions, with
// the same fixes and related places, as one that keeps it: site rules
// build their edits on what the page model keeps. It runs on the
// repository's own site and, when ../shared is there, on every corpus site.
func TestDropTextsChangesNothing(t *testing.T) {
	roots := []string{"../testdata/site"}
	for _, name := range append([]string{filepath.Base(corpus)}, otherSites...) {
		root := filepath.Join(filepath.Dir(corpus), name)
		if _, err := os.Stat(filepath.Join(root, "content")); err == nil {
			root = filepath.Join(root, "content")
		} else if _, err := os.Stat(root); err != nil {
			t.Logf("skipping %s: the corpus is not at %s (it lives in ../shared beside the repository)", name, root)
			continue
		}
		roots = append(roots, root)
	}
	for _, root := range roots {
		t.Run(root, func(t *testing.T) {
			kept, dropped := runDropping(t, root, false), runDropping(t, root, true)
			if len(kept) == 0 {
				t.Fatal("no findings to compare")
			}
			gone := 0
			for _, f := range dropped {
				if f.File.Text == nil {
					gone++
				}
			}
			if gone == 0 {
				t.Error("DropTexts kept the text of every page with findings")
			}
			if len(kept) != len(dropped) {
				t.Fatalf("%d findings with the texts, %d without", len(kept), len(dropped))
			}
			for i := range kept {
				a, b := kept[i], dropped[i]
				a.File, b.File = nil, nil
				if !reflect.DeepEqual(a, b) {
					t.Errorf("with the texts:\n%+v\nwithout:\n%+v", a, b)
				}
			}
		})
	}
}

func runDropping(t *testing.T, root string, drop bool) []lint.Finding {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{root}, DropTexts: drop, RuleSeverities: allRules()})
	if err != nil {
		t.Fatal(err)
	}
	return ws.Run().Findings
}

// allRules turns on the rules that are off by default, as warnings.
func allRules() map[string]string {
	m := map[string]string{}
	for _, r := range rules.All() {
		if r.Severity == lint.Off {
			m[r.Name] = "warning"
		}
	}
	return m
}
