package initcfg_test

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/cli"
	"github.com/helplint/helplint/internal/initcfg"
)

// corpus holds the real Jekyll sites, in ../shared beside the repository.
const corpus = "../../../shared/corpus"

// TestInitCorpus runs helplint init on a copy of every real site: the
// configuration it writes validates and loads, helplint then runs with
// exit 0 or 1, never 2, and reports every finding it reported with no
// configuration and nothing new but what the drafted schemas find; on
// identity-site, whose collections the built-in schemas cover, the
// findings are the same to the byte, and so they are with what
// --print-config prints then. A second init refuses to overwrite.
func TestInitCorpus(t *testing.T) {
	sites, err := os.ReadDir(corpus)
	if err != nil {
		t.Skipf("skipping: the real-site corpus is not at %s (it lives in ../shared beside the repository)", corpus)
	}
	for _, e := range sites {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), e.Name())
			copyTree(t, filepath.Join(corpus, e.Name()), dir)
			os.Remove(filepath.Join(dir, ".helplint.yaml")) // the findings with no configuration
			before, code := lintJSON(t, dir)
			if code == cli.ExitTrouble {
				t.Fatalf("helplint with no configuration exits 2")
			}
			var out, errs bytes.Buffer
			if code := cli.Main([]string{"init", dir}, cli.IO{Stdout: &out, Stderr: &errs}); code != cli.ExitClean {
				t.Fatalf("init exits %d: %s", code, errs.String())
			}
			cfg := filepath.Join(dir, ".helplint.yaml")
			data, err := os.ReadFile(cfg)
			if err != nil {
				t.Fatal(err)
			}
			initcfg.ValidConfigForTest(t, cfg, data)
			after, code := lintJSON(t, dir)
			if code != cli.ExitClean && code != cli.ExitFindings {
				t.Fatalf("helplint with the written configuration exits %d:\n%s", code, data)
			}
			lost, gained := diff(t, before, after)
			for _, f := range lost {
				t.Errorf("no longer reported with the written configuration: %s", f)
			}
			for _, f := range gained {
				if !strings.Contains(f, `"rule":"front-matter-schema"`) {
					t.Errorf("new with the written configuration: %s", f)
				}
			}
			if e.Name() == "identity-site" && !bytes.Equal(before, after) {
				t.Errorf("identity-site: the findings with the written configuration differ from those with none")
			}
			t.Logf("%d findings with no configuration, %d more from the drafted schemas", strings.Count(string(before), `"rule":`), len(gained))
			errs.Reset()
			if code := cli.Main([]string{"init", dir}, cli.IO{Stdout: io.Discard, Stderr: &errs}); code != cli.ExitTrouble || !strings.Contains(errs.String(), "overwrites only with --force") {
				t.Errorf("a second init exits %d (%s), want 2 and a refusal", code, errs.String())
			}
			if now, _ := os.ReadFile(cfg); !bytes.Equal(now, data) {
				t.Errorf("a second init changed the configuration")
			}
			if e.Name() == "identity-site" {
				printedConfig(t, dir, before)
			}
		})
	}
}

// printedConfig: what --print-config prints with the configuration init
// wrote validates, loads, and gives the findings want.
func printedConfig(t *testing.T, dir string, want []byte) {
	t.Helper()
	var out, errs bytes.Buffer
	if code := cli.Main([]string{"--print-config", "--no-cache", dir}, cli.IO{Stdout: &out, Stderr: &errs}); code != cli.ExitClean {
		t.Fatalf("--print-config exits %d: %s", code, errs.String())
	}
	cfg := filepath.Join(dir, ".helplint.yaml")
	if err := os.WriteFile(cfg, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	initcfg.ValidConfigForTest(t, cfg, out.Bytes())
	if got, _ := lintJSON(t, dir); !bytes.Equal(got, want) {
		t.Errorf("the findings with what --print-config printed differ from those with no configuration")
	}
}

// lintJSON lints the site as the command line does and returns the JSON
// findings and the exit code.
func lintJSON(t *testing.T, dir string) ([]byte, int) {
	t.Helper()
	var out, errs bytes.Buffer
	code := cli.Main([]string{"--no-cache", "--format", "json", dir}, cli.IO{Stdout: &out, Stderr: &errs})
	if code == cli.ExitTrouble {
		t.Logf("stderr: %s", errs.String())
	}
	return out.Bytes(), code
}

// diff returns the findings (as JSON) of before missing from after, and
// those of after new.
func diff(t *testing.T, before, after []byte) (lost, gained []string) {
	t.Helper()
	count := func(data []byte) map[string]int {
		var rep struct{ Findings []json.RawMessage }
		if err := json.Unmarshal(data, &rep); err != nil {
			t.Fatalf("the JSON findings do not decode: %v", err)
		}
		out := map[string]int{}
		for _, f := range rep.Findings {
			var b bytes.Buffer
			if err := json.Compact(&b, f); err != nil {
				t.Fatal(err)
			}
			out[b.String()]++
		}
		return out
	}
	a, b := count(before), count(after)
	for f, n := range a {
		for range n - b[f] {
			lost = append(lost, f)
		}
	}
	for f, n := range b {
		for range n - a[f] {
			gained = append(gained, f)
		}
	}
	return lost, gained
}

// copyTree copies the files and folders under src to dst (the corpus is
// read-only, and init writes into the site).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
