package rules_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

// fixtureSites are the example site and every rule's fixture site.
func fixtureSites(t *testing.T) []string {
	sites := []string{"../testdata/site"}
	dirs, err := filepath.Glob("../testdata/rules/*/_config.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		sites = append(sites, filepath.Dir(d))
	}
	return sites
}

// findingLines writes each finding with the places of its related
// locations, which the index (and its cache) gives for pages not linted
// and the full parse for the others: they must agree.
func findingLines(fs []lint.Finding, abs string) []string {
	var out []string
	for _, f := range fs {
		if abs == "" || f.Abs == abs {
			line := fmt.Sprintf("%s:%d:%d %s %s", filepath.Base(f.Path), f.Start.Line, f.Start.Column, f.Rule, f.Message)
			for _, r := range f.Related {
				line += fmt.Sprintf(" (related %s:%d:%d-%d:%d %s)", filepath.Base(r.Path), r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, r.Message)
			}
			out = append(out, line)
		}
	}
	return out
}

// TestPageAloneEveryPage lints each page of every fixture site by itself,
// as pre-commit does, three ways: reading the other pages, then with an
// index cache that starts empty, then with the cache it left. The three
// must agree exactly (the cache changes nothing but speed), and agree with
// a run over the whole site, but for anchors on other pages: alone, those
// pages are read by the cheap index parse, which may not know their ids.
func TestPageAloneEveryPage(t *testing.T) {
	later := func() time.Time { return time.Now().Add(time.Hour) } // the fixtures were just checked out
	pages := 0
	for _, site := range fixtureSites(t) {
		full, err := workspace.Open(workspace.Options{Paths: []string{site}})
		if err != nil {
			t.Fatal(err)
		}
		all := full.Run()
		cacheDir := t.TempDir()
		for _, in := range full.Inputs {
			pages++
			run := func(cache string) ([]string, *workspace.Workspace) {
				ws, err := workspace.Open(workspace.Options{Paths: []string{in.Path}, CacheDir: cache, CacheNow: later})
				if err != nil {
					t.Fatal(err)
				}
				res := ws.Run()
				if len(res.Problems) > 0 {
					t.Errorf("%s: %v", in.Path, res.Problems)
				}
				return findingLines(res.Findings, ""), ws
			}
			alone, _ := run("")
			cold, _ := run(cacheDir)
			warm, ws := run(cacheDir)
			if ws.Cache != nil {
				if hits, misses := ws.Cache.Stats(); misses > 0 || hits == 0 {
					t.Errorf("%s: the second run with a cache read %d pages again and %d from the cache", in.Path, misses, hits)
				}
			}
			if !slices.Equal(alone, cold) || !slices.Equal(alone, warm) {
				t.Errorf("%s: findings differ\nwithout a cache:\n%s\nfirst run with one:\n%s\nsecond run:\n%s",
					in.Path, strings.Join(alone, "\n"), strings.Join(cold, "\n"), strings.Join(warm, "\n"))
			}
			inFull := findingLines(all.Findings, in.Abs)
			for _, f := range alone {
				if !slices.Contains(inFull, f) {
					t.Errorf("%s alone: %s, which a run over the whole site does not report", in.Path, f)
				}
			}
			for _, f := range inFull {
				// an anchor on another page is checked only when the cheap
				// parse computed that page's ids exactly
				anchorElsewhere := strings.Contains(f, " link-target #") && !strings.Contains(f, "on this page")
				if !slices.Contains(alone, f) && !anchorElsewhere {
					t.Errorf("%s alone does not report %s", in.Path, f)
				}
			}
		}
	}
	if pages < 50 {
		t.Fatalf("only %d pages in the fixture sites", pages)
	}
}
