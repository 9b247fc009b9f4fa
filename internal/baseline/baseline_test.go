package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// findings returns a finding of rule at each occurrence of word in text,
// on the page root/rel.
func findings(root, rel, text, word, rule string) []lint.Finding {
	f := source.New(rel, []byte(text))
	var out []lint.Finding
	for i := 0; ; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return out
		}
		sp := source.Span{Start: i + j, End: i + j + len(word)}
		out = append(out, lint.Finding{Path: rel, Abs: filepath.Join(root, rel), Rule: rule, Span: sp, File: f,
			Start: f.Position(sp.Start), End: f.Position(sp.End), Message: "fix " + word})
		i += j + len(word)
	}
}

func TestSplit(t *testing.T) {
	root := t.TempDir()
	before := "intro\nbad one\n\nbad one\n\nother bad\n"
	known := baseline.New(root, findings(root, "a.md", before, "bad", "r"), nil)
	if len(known.Findings) != 2 || known.Findings[0].Count+known.Findings[1].Count != 3 {
		t.Fatalf("baseline %+v: want two entries counting three findings", known.Findings)
	}
	tests := []struct {
		name, text string
		fresh      int
	}{
		{"unchanged", before, 0},
		{"lines moved by an edit above", "new intro\n\nmore\n" + before, 0},
		{"paragraphs swapped", "intro\nother bad\n\nbad one\n\nbad one\n", 0},
		{"one of two identical fixed", "intro\ngood one\n\nbad one\n\nother bad\n", 0},
		{"a third identical one", before + "\nbad one\n", 1},
		{"the line around it edited", "intro\nbad one, edited\n\nbad one\n\nother bad\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := findings(root, "a.md", tt.text, "bad", "r")
			fresh, old := baseline.Split(root, fs, known.Counts())
			if len(fresh) != tt.fresh || len(old)+len(fresh) != len(fs) {
				t.Errorf("%d new, %d known; want %d new", len(fresh), len(old), tt.fresh)
			}
		})
	}
	// one of the two identical findings fixed: the entry keeps one, the other is stale
	fs := findings(root, "a.md", "intro\ngood one\n\nbad one\n\nother bad\n", "bad", "r")
	if st := known.Stale(root, fs); len(st) != 1 || st[0].Count != 1 {
		t.Errorf("stale %+v, want one entry of count 1", st)
	}
	again := baseline.New(root, fs, known)
	for _, e := range again.Findings {
		if e.Count != 1 {
			t.Errorf("rewritten entry %+v, want count 1", e)
		}
	}
}

// TestWriteKeepsOrder: a baseline written again over a file keeps that
// file's order, merging new entries in; the JSON is stable.
func TestWriteKeepsOrder(t *testing.T) {
	root := t.TempDir()
	text := "bad a\nbad b\nbad c\n"
	fs := append(findings(root, "z.md", text, "bad", "r"), findings(root, "a.md", text, "bad", "r")...)
	b := baseline.New(root, fs, nil)
	for i := 1; i < len(b.Findings); i++ {
		if b.Findings[i-1].Path > b.Findings[i].Path {
			t.Fatalf("not sorted: %+v", b.Findings)
		}
	}
	// an order of the user's: reversed
	for i, j := 0, len(b.Findings)-1; i < j; i, j = i+1, j-1 {
		b.Findings[i], b.Findings[j] = b.Findings[j], b.Findings[i]
	}
	p := filepath.Join(root, "baseline.json")
	if err := b.Write(p); err != nil {
		t.Fatal(err)
	}
	old, err := baseline.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	again := baseline.New(root, fs, old)
	if err := again.Write(p); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(p)
	if err := baseline.New(root, fs, again).Write(p); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(p)
	if string(first) != string(second) || !strings.HasPrefix(string(first), "{\n  \"version\": 1,") {
		t.Errorf("not stable:\n%s\n%s", first, second)
	}
	for i, e := range again.Findings {
		if e != old.Findings[i] {
			t.Errorf("entry %d: %+v, want %+v (the file's order)", i, e, old.Findings[i])
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"version": `{"version": 9, "findings": []}`,
		"count":   `{"version": 1, "findings": [{"path": "a.md", "rule": "r", "fingerprint": "x", "count": 0, "message": ""}]}`,
		"field":   `{"version": 1, "findings": [], "extra": 1}`,
		"json":    `{`,
	} {
		p := filepath.Join(dir, name+".json")
		os.WriteFile(p, []byte(text), 0o644)
		if _, err := baseline.Load(p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestFingerprintLineReferences: a message's reference to another line
// does not change the fingerprint; its other words do.
func TestFingerprintLineReferences(t *testing.T) {
	root := t.TempDir()
	f := findings(root, "a.md", "title: x\ntitle: y\n", "y", "dup")[0]
	g, h := f, f
	f.Message, g.Message, h.Message = "first on line 2", "first on line 12", "first on page 2"
	if baseline.Fingerprint(f) != baseline.Fingerprint(g) {
		t.Errorf("a line number changed the fingerprint")
	}
	if baseline.Fingerprint(f) == baseline.Fingerprint(h) {
		t.Errorf("other words did not change the fingerprint")
	}
}
