package oracle_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/workspace"
)

// jekyllKnown lists the disagreements with Jekyll that remain, by site and
// record, each with its reason. A listed one that no longer occurs fails too.
var jekyllKnown = map[string]string{}

func requireJekyll(t *testing.T) {
	t.Helper()
	if err := exec.Command("ruby", "-e", `require "jekyll"; require "jekyll-redirect-from"`).Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Jekyll is not installed (%v); .ci/run installs jekyll and ruby-jekyll-redirect-from", err)
		}
		t.Skipf("skipping: Jekyll is not installed (apt-get install jekyll ruby-jekyll-redirect-from): %v", err)
	}
}

// jekyllSites are the sites the oracle checks: every fixture site that has
// a _config.yml, and the real sites (see realSites).
func jekyllSites(t *testing.T) (sites []string, custom bool) {
	for _, glob := range []string{"../../testdata/jekyll/sites/*/_config.yml", "../../testdata/rules/*/_config.yml", "../../testdata/site/_config.yml"} {
		m, _ := filepath.Glob(glob)
		for _, c := range m {
			sites = append(sites, filepath.Dir(c))
		}
	}
	real, custom := realSites(t)
	return append(sites, real...), custom
}

// jekyllRecords loads the site with Jekyll and keeps the records of the
// files helplint reads (Jekyll also reads feeds, styles and the like).
func jekyllRecords(t *testing.T, dir string) (recs []string, broken map[string]bool, dests map[string]string) {
	t.Helper()
	script, err := filepath.Abs("../../testdata/jekyll/site.rb")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ruby", script, abs)
	cmd.Dir = t.TempDir() // a plugin may write a cache in its working folder
	cmd.Env = append(os.Environ(), "TZ=UTC")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("jekyll on %s: %v\n%s", dir, err, errb.String())
	}
	broken, dests = map[string]bool{}, map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) < 3 && f[0] != "broken" {
			t.Fatalf("jekyll on %s: not a record: %q", dir, line)
		}
		src := f[1]
		switch f[0] {
		case "plugin":
			if f[2] != "loaded" {
				t.Logf("%s: plugin %s %s", siteName(dir), f[1], f[2])
			}
			continue
		case "dest":
			if discover.IsPageName(f[1]) {
				dests[f[1]] = f[2]
			}
			continue
		case "generated":
			t.Logf("%s: a generator writes %s (%s)", siteName(dir), f[1], f[2])
			continue
		}
		if f[0] == "broken" {
			broken[src] = true
			continue
		}
		if f[0] == "redirect" {
			src = f[3]
			line = strings.Join(f[:3], "\t")
		}
		if discover.IsPageName(src) {
			recs = append(recs, line)
		}
	}
	return recs, broken, dests
}

// helplintRecords are the same records from helplint's site index.
func helplintRecords(t *testing.T, dir string) []string {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{dir}, RuleSeverities: map[string]string{"permalink-unique": "error"}})
	if err != nil {
		t.Fatal(err)
	}
	res := ws.Run()
	if res.Index == nil {
		t.Fatalf("%s: no site index", dir)
	}
	var recs []string
	written := func(f *lint.Facts) string {
		if f.Written {
			return "1"
		}
		return "0"
	}
	for _, f := range res.Index.Pages {
		if !f.Published {
			continue
		}
		if f.Info.Document() {
			recs = append(recs, strings.Join([]string{"doc", f.Info.Rel, f.URL, written(f), f.Info.Collection}, "\t"))
		} else {
			recs = append(recs, strings.Join([]string{"page", f.Info.Rel, f.URL, written(f)}, "\t"))
		}
		if !f.Written {
			continue
		}
		for _, r := range f.Redirects(ws.Site) {
			recs = append(recs, strings.Join([]string{"redirect", r.From, r.To}, "\t"))
		}
	}
	return recs
}

// TestJekyllAgrees compares helplint's site model with Jekyll 4.3's: the
// same pages, documents and posts, at the same URLs, written or not, and the
// same redirects, on every fixture site and the real site.
func TestJekyllAgrees(t *testing.T) {
	requireJekyll(t)
	seen := map[string]bool{}
	sites, custom := jekyllSites(t)
	for _, dir := range sites {
		name := siteName(dir)
		failed := 0
		want, broken, dests := jekyllRecords(t, dir)
		for src := range broken {
			delete(dests, src)
		}
		failed += checkServed(t, dir, dests)
		want = slices.DeleteFunc(want, func(r string) bool { return broken[strings.Split(r, "\t")[1]] })
		// a page whose front matter Jekyll cannot read stops its build:
		// front-matter-syntax reports it, and it has no URL to compare
		got := slices.DeleteFunc(helplintRecords(t, dir), func(r string) bool { return broken[strings.Split(r, "\t")[1]] })
		sort.Strings(want)
		sort.Strings(got)
		want, got = slices.Compact(want), slices.Compact(got)
		// what one side has and the other lacks, unless listed with its reason
		lacking := func(have, other []string, kind, format string) {
			for _, r := range have {
				if _, ok := slices.BinarySearch(other, r); ok {
					continue
				}
				if key := name + " " + kind + " " + r; jekyllKnown[key] != "" {
					seen[key] = true
					continue
				}
				failed++
				t.Errorf(format, name, r)
			}
		}
		lacking(want, got, "missing", "%s: Jekyll has %q, helplint does not")
		lacking(got, want, "extra", "%s: helplint has %q, Jekyll does not")
		if !strings.HasPrefix(dir, "../../testdata/") {
			t.Logf("%s: compared %d records with Jekyll, %d unexplained disagreements", name, len(want), failed)
		}
	}
	for k := range jekyllKnown {
		if !seen[k] && !custom {
			t.Errorf("listed disagreement no longer occurs: %s", k)
		}
	}
}

// checkServed checks helplint's URL model against the files Jekyll writes:
// the page written as d is what a host serves at /d, and at its folder URL
// when d is an index.html. It returns how many disagree.
func checkServed(t *testing.T, dir string, dests map[string]string) int {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{dir}, RuleSeverities: map[string]string{"link-target": "error"}})
	if err != nil {
		t.Fatal(err)
	}
	res := ws.Run()
	if res.Index == nil {
		t.Fatalf("%s: no site index", dir)
	}
	urls := res.Index.URLs(ws.Site, nil)
	written := map[string]int{}
	for _, d := range dests {
		written[d]++
	}
	failed := 0
	for src, d := range dests {
		if written[d] > 1 {
			continue // pages that share a file: permalink-unique reports them
		}
		served := []string{"/" + d}
		if strings.HasSuffix(d, "index.html") {
			served = append(served, "/"+strings.TrimSuffix(d, "index.html"))
		}
		for _, u := range served {
			e, _ := urls.At(u)
			if e.What != site.ServesPage || res.Index.Pages[e.Page].Info.Rel != src {
				failed++
				t.Errorf("%s: Jekyll writes %s as %s, served at %s; helplint's URL model has %v there", siteName(dir), src, d, u, e.What)
			}
		}
	}
	return failed
}
