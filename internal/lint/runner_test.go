package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

func always(s Severity) func(string) Severity { return func(string) Severity { return s } }

func TestRunnerCrashAndReadError(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.md", "boom.md", "c.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("---\ntitle: x\n---\n# "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	crash := &Rule{Name: "crash", Run: func(p *Pass) {
		if strings.HasSuffix(p.Page.File.Path, "boom.md") {
			panic("kaboom")
		}
		p.Reportf(source.Span{Start: 18, End: 19}, "seen")
	}}
	st, _ := site.Load(dir)
	r := &Runner{Rules: []Settings{{Rule: crash, Severity: always(Error)}}, Parser: page.NewParser(), Site: st, Env: &Env{}}
	var inputs []Input
	for _, n := range []string{"c.md", "boom.md", "a.md", "missing-dir"} {
		inputs = append(inputs, Input{Path: n, Abs: filepath.Join(dir, n), Target: true})
	}
	if err := os.Mkdir(filepath.Join(dir, "missing-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	res := r.Run(inputs)
	if len(res.Findings) != 2 || res.Findings[0].Path != "a.md" || res.Findings[1].Path != "c.md" {
		t.Errorf("findings = %+v", res.Findings)
	}
	var msgs []string
	for _, p := range res.Problems {
		if !p.Fatal {
			t.Errorf("problem not fatal: %+v", p)
		}
		msgs = append(msgs, p.Path+": "+strings.SplitN(p.Message, "\n", 2)[0])
	}
	want := "boom.md: internal error in rule crash: kaboom|missing-dir: read " + filepath.Join(dir, "missing-dir") + ": is a directory"
	if strings.Join(msgs, "|") != want {
		t.Errorf("problems = %q\nwant %q", strings.Join(msgs, "|"), want)
	}
}

func TestValidateFix(t *testing.T) {
	f := source.New("p.md", []byte("---\ntitle: x\n---\nSee {{ site.url }} here.\n"))
	fm := frontmatter.Parse(f, 0)
	liquid := []source.Span{{Start: 22, End: 36}}
	tests := []struct {
		name  string
		edits []Edit
		ok    bool
	}{
		{"plain", []Edit{{Span: source.Span{Start: 37, End: 41}, New: "there"}}, true},
		{"insert before tag", []Edit{{Span: source.Span{Start: 22, End: 22}, New: "x"}}, true},
		{"replace whole tag", []Edit{{Span: source.Span{Start: 22, End: 36}, New: "x"}}, true},
		{"cut into tag", []Edit{{Span: source.Span{Start: 20, End: 25}, New: "x"}}, false},
		{"insert inside tag", []Edit{{Span: source.Span{Start: 25, End: 25}, New: "x"}}, false},
		{"across fence", []Edit{{Span: source.Span{Start: 10, End: 18}, New: ""}}, false},
		{"outside file", []Edit{{Span: source.Span{Start: 40, End: 99}, New: ""}}, false},
		{"overlap", []Edit{{Span: source.Span{Start: 37, End: 40}}, {Span: source.Span{Start: 38, End: 39}}}, false},
	}
	for _, tt := range tests {
		err := ValidateFix(Fix{Edits: tt.edits}, len(f.Text), liquid, fm.Fences())
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
}

// TestRunnerSiteFixProblemAndStamps: a site rule's unsafe fix is dropped and
// said so (as a page rule's is), and the run records the stamp of each
// target it read from disk, not of one whose text it was given.
func TestRunnerSiteFixProblemAndStamps(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.md", "b.md"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("---\ntitle: x\n---\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unsafe := &Rule{Name: "unsafe", RunSite: func(p *SitePass) {
		for _, f := range p.Index.Targets {
			p.Report(f, Diagnostic{Span: source.Span{Start: 18, End: 19}, Message: "m",
				Fixes: []Fix{{Message: "f", Edits: []Edit{{Span: source.Span{Start: 18, End: 999}}}}}})
		}
	}}
	st, _ := site.Load(dir)
	r := &Runner{Rules: []Settings{{Rule: unsafe, Severity: always(Error)}}, Parser: page.NewParser(), Site: st, Env: &Env{}}
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	res := r.Run([]Input{{Path: "a.md", Abs: a, Target: true}, {Path: "b.md", Abs: b, Target: true, Data: []byte("---\ntitle: y\n---\nText.\n")}})
	if len(res.Findings) != 2 || res.Findings[0].Fix != nil || res.Findings[1].Fix != nil {
		t.Errorf("findings %+v", res.Findings)
	}
	if len(res.Problems) != 2 || !strings.Contains(res.Problems[0].Message, "rule unsafe offered an unsafe fix") || res.Problems[0].Fatal {
		t.Errorf("problems %+v", res.Problems)
	}
	if s, ok := res.Stamps[a]; !ok || s.Size != 23 || s.ModTime == 0 {
		t.Errorf("stamp of a.md: %+v %v", s, ok)
	}
	if _, ok := res.Stamps[b]; ok || len(res.Stamps) != 1 {
		t.Errorf("stamps %+v", res.Stamps)
	}
}

// TestPlaceRelated: a related place on the finding's own page and on a
// parsed page is placed from its span; on a page not linted, at the place
// the index kept, or at the start of the file when it kept none.
func TestPlaceRelated(t *testing.T) {
	own := source.New("own.md", []byte("---\ntitle: é x\n---\n"))
	other := &Facts{Path: "other.md", Abs: "/s/other.md", Parsed: &Parsed{File: source.New("other.md", []byte("a\nbé c\n"))}}
	index := &Facts{Path: "index.md", Abs: "/s/index.md"}
	in := Input{Path: "own.md", Abs: "/s/own.md"}
	for _, tc := range []struct {
		name       string
		r          Related
		path       string
		start, end [2]int
		known      bool
	}{
		{"own page", Related{Span: source.Span{Start: 13, End: 14}}, "own.md", [2]int{2, 9}, [2]int{2, 10}, true},
		{"parsed page", Related{Page: other, Span: source.Span{Start: 5, End: 6}}, "other.md", [2]int{2, 3}, [2]int{2, 4}, true},
		{"index page", Related{Page: index, Line: 4, Column: 8, EndColumn: 12}, "index.md", [2]int{4, 8}, [2]int{4, 12}, false},
		{"index page, no place", Related{Page: index}, "index.md", [2]int{1, 1}, [2]int{1, 1}, false},
	} {
		got := placeRelated(in, own, tc.r)
		if got.Path != tc.path || got.Known != tc.known || [2]int{got.Start.Line, got.Start.Column} != tc.start || [2]int{got.End.Line, got.End.Column} != tc.end {
			t.Errorf("%s: %s %d:%d-%d:%d known %v; want %s %v-%v known %v", tc.name, got.Path, got.Start.Line, got.Start.Column,
				got.End.Line, got.End.Column, got.Known, tc.path, tc.start, tc.end, tc.known)
		}
	}
}

func TestUTF16(t *testing.T) {
	le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	be := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r>>8), byte(r))
		}
		return b
	}
	page := "---\ntitle: Café\n---\nText.\n"
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"little-endian with a BOM", append([]byte{0xFF, 0xFE}, le(page)...), "UTF-16LE"},
		{"big-endian with a BOM", append([]byte{0xFE, 0xFF}, be(page)...), "UTF-16BE"},
		{"little-endian without one", le(page), "UTF-16LE"},
		{"big-endian without one", be(page), "UTF-16BE"},
		{"UTF-8", []byte(page), ""},
		{"binary", []byte("\x00\x01\x02\x03\x00\x00\x7fELF\x00\x00\x01\x00"), ""},
	} {
		if got := UTF16(c.data); got != c.want {
			t.Errorf("%s: UTF16 = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestRunnerNotes: a UTF-16 page is called UTF-16 with how to convert it;
// a rule that finds more than MaxFindings in a file reports the first ones
// and a note of how many were left out.
func TestRunnerNotes(t *testing.T) {
	dir := t.TempDir()
	var u16 []byte
	for _, r := range "---\ntitle: x\n---\n" {
		u16 = append(u16, byte(r), 0)
	}
	files := map[string][]byte{"u16.md": append([]byte{0xFF, 0xFE}, u16...), "many.md": []byte("---\ntitle: x\n---\n" + strings.Repeat("x", 3000))}
	for n, data := range files {
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	each := &Rule{Name: "each", Run: func(p *Pass) {
		for i := p.Page.BodyStart; i < len(p.Page.File.Text); i++ {
			p.Reportf(source.Span{Start: i, End: i + 1}, "x")
		}
	}}
	st, _ := site.Load(dir)
	r := &Runner{Rules: []Settings{{Rule: each, Severity: always(Error)}}, Parser: page.NewParser(), Site: st, Env: &Env{}}
	res := r.Run([]Input{{Path: "u16.md", Abs: filepath.Join(dir, "u16.md"), Target: true}, {Path: "many.md", Abs: filepath.Join(dir, "many.md"), Target: true}})
	if len(res.Findings) != MaxFindings {
		t.Errorf("%d findings, want %d", len(res.Findings), MaxFindings)
	}
	var msgs []string
	for _, p := range res.Problems {
		msgs = append(msgs, p.Path+": "+p.Message)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"many.md: each found 3000 problems; the first 1000 are listed, 2000 left out",
		"u16.md: UTF-16LE text, which Jekyll does not read (it reads UTF-8); convert it, for example with `iconv -f UTF-16 -t UTF-8"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}
}

// TestAddFinding: chunks keep every finding in order, none larger than
// maxChunk, and only the last one has room left.
func TestAddFinding(t *testing.T) {
	for _, n := range []int{0, 1, 16, 17, 1000, 3000} {
		var chunks [][]Finding
		for i := range n {
			chunks = addFinding(chunks, Finding{Span: source.Span{Start: i}})
		}
		i := 0
		for k, c := range chunks {
			if cap(c) > maxChunk {
				t.Errorf("n=%d: chunk %d holds %d, more than %d", n, k, cap(c), maxChunk)
			}
			if k < len(chunks)-1 && len(c) != cap(c) {
				t.Errorf("n=%d: chunk %d has room left (%d of %d) before the last", n, k, len(c), cap(c))
			}
			for _, f := range c {
				if f.Span.Start != i {
					t.Fatalf("n=%d: finding %d is %d", n, i, f.Span.Start)
				}
				i++
			}
		}
		if i != n {
			t.Errorf("n=%d: chunks hold %d", n, i)
		}
	}
}
