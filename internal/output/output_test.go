package output_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/output"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// report lints the example site, with paths as a user at the repository root names them.
func report(t *testing.T) *output.Report {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Paths: []string{"../../testdata/site"}})
	if err != nil {
		t.Fatal(err)
	}
	res := ws.Run()
	for i := range res.Findings {
		res.Findings[i].Path = strings.TrimPrefix(filepath.ToSlash(res.Findings[i].Path), "../../")
		for j := range res.Findings[i].Related {
			rl := &res.Findings[i].Related[j]
			rl.Path = strings.TrimPrefix(filepath.ToSlash(rl.Path), "../../")
		}
	}
	if len(res.Findings) == 0 {
		t.Fatal("the example site has no findings")
	}
	return output.NewReport(res.Findings, res.Files, ws.Rules)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, p, got)
	}
}

func TestFormatsGolden(t *testing.T) {
	r := report(t)
	for _, name := range output.Names() {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := output.Formats()[name](&buf, r); err != nil {
				t.Fatal(err)
			}
			golden(t, name, buf.Bytes())
			switch name {
			case "json", "sarif":
				var v any
				if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
					t.Errorf("not JSON: %v", err)
				}
			case "rdjsonl":
				for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
					var v map[string]any
					if err := json.Unmarshal([]byte(line), &v); err != nil {
						t.Errorf("line not JSON: %v", err)
					}
				}
			case "checkstyle", "junit":
				dec := xml.NewDecoder(&buf)
				for {
					if _, err := dec.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("XML not well-formed: %v", err)
					}
				}
			}
		})
	}
}

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 schema. The schema ships in the npm package @microsoft/jest-sarif;
// .ci/run fetches it and sets HELPLINT_SARIF_SCHEMA.
func TestSARIFSchema(t *testing.T) {
	p := os.Getenv("HELPLINT_SARIF_SCHEMA")
	if p == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("HELPLINT_SARIF_SCHEMA is not set; .ci/run sets it")
		}
		t.Skip("HELPLINT_SARIF_SCHEMA not set: run `bash .ci/run`, or see README (Development) to fetch the official schema")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	plain := report(t)
	// compared with a baseline: the first findings known, the rest new
	compared := report(t)
	compared.Compared, compared.KnownWhy = true, "in the baseline"
	compared.Known, compared.Findings = compared.Findings[:3], compared.Findings[3:]
	for _, r := range []*output.Report{plain, compared} {
		var buf bytes.Buffer
		if err := output.SARIF(&buf, r); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		inst, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("SARIF output is not valid SARIF 2.1.0: %v", err)
		}
		if r.Compared && (strings.Count(text, `"baselineState": "unchanged"`) != 3 || strings.Count(text, `"baselineState": "new"`) != len(r.Findings)) {
			t.Errorf("baselineState: want 3 unchanged and %d new", len(r.Findings))
		}
		if !strings.Contains(text, `"relatedLocations"`) || !strings.Contains(text, `"helplint/v1"`) {
			t.Errorf("no relatedLocations or partialFingerprints")
		}
	}
}

// TestSARIFFingerprint: the partial fingerprint is the baseline's, numbered
// among identical findings of a page.
func TestSARIFFingerprint(t *testing.T) {
	r := report(t)
	var buf bytes.Buffer
	if err := output.SARIF(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for i, res := range doc.Runs[0].Results {
		if want := baseline.Fingerprint(r.Findings[i]) + ":"; !strings.HasPrefix(res.PartialFingerprints["helplint/v1"], want) {
			t.Errorf("result %d: fingerprint %v, want %s…", i, res.PartialFingerprints, want)
		}
	}
}

func TestGitHubEscapingAndSummary(t *testing.T) {
	f := lint.Finding{Path: "a,b:c%.md", Rule: "mojibake", Severity: lint.Error, Message: "50% off\nline two\r"}
	f.Start.Line, f.Start.Column, f.End.Line, f.End.Column = 3, 5, 3, 9
	var many []lint.Finding
	for i := 0; i < 12; i++ {
		many = append(many, f)
	}
	summary := filepath.Join(t.TempDir(), "summary.md")
	r := output.NewReport(many, 1, nil)
	r.StepSummary = summary
	var buf bytes.Buffer
	if err := output.GitHub(&buf, r); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(buf.String(), "\n", 2)[0]
	want := "::error file=a%2Cb%3Ac%25.md,line=3,endLine=3,col=5,endColumn=9,title=mojibake::50%25 off%0Aline two%0D"
	if first != want {
		t.Errorf("annotation\n got %s\nwant %s", first, want)
	}
	if !strings.Contains(buf.String(), "2 errors beyond the first 10 of each level") {
		t.Errorf("no note on hidden annotations:\n%s", buf.String())
	}
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "### `a,b:c%.md`") || strings.Count(string(b), "| `mojibake` | 3:5 | error | 50\\% off line two  |") != 12 {
		t.Errorf("summary:\n%s", b)
	}
}

func TestSummaryLimit(t *testing.T) {
	var fs []lint.Finding
	for i := 0; i < 20000; i++ {
		f := lint.Finding{Path: "p" + strings.Repeat("x", i%50) + ".md", Rule: "r", Severity: lint.Warning, Message: strings.Repeat("m", 100)}
		fs = append(fs, f)
	}
	s := output.Summary(output.NewReport(fs, 1, nil))
	if len(s) > 1<<20 || !strings.Contains(s, "The summary is cut here") {
		t.Errorf("summary of %d bytes, cut note present: %v", len(s), strings.Contains(s, "cut here"))
	}
}

// TestKnownNote: with findings held back, the text and GitHub formats say
// how many, and the step summary how many are new and how many held back;
// related locations follow their finding.
func TestKnownNote(t *testing.T) {
	f := lint.Finding{Path: "a.md", Rule: "title-unique", Severity: lint.Warning, Message: "title x is also the title of b.md",
		Related: []lint.RelatedLocation{{Path: "b.md", Start: source.Position{Line: 2, Column: 8}, Message: "the same title"}}}
	f.Start.Line, f.Start.Column = 2, 8
	r := output.NewReport([]lint.Finding{f}, 2, nil)
	r.Compared, r.Known, r.KnownWhy = true, []lint.Finding{f, f}, "in the baseline"
	r.StepSummary = filepath.Join(t.TempDir(), "summary.md")
	var text, gh bytes.Buffer
	if err := output.Text(&text, r); err != nil {
		t.Fatal(err)
	}
	if err := output.GitHub(&gh, r); err != nil {
		t.Fatal(err)
	}
	want := "a.md:2:8: warning: title x is also the title of b.md [title-unique]\n  related: b.md:2:8: the same title\n"
	if !strings.HasPrefix(text.String(), want) || !strings.HasSuffix(text.String(), "\n2 known findings not shown (in the baseline)\n") {
		t.Errorf("text:\n%s", text.String())
	}
	if !strings.Contains(gh.String(), "::title x is also the title of b.md%0A  related: b.md:2:8: the same title\n") || !strings.Contains(gh.String(), "2 known findings not shown") {
		t.Errorf("github:\n%s", gh.String())
	}
	b, err := os.ReadFile(r.StepSummary)
	if err != nil || !strings.Contains(string(b), "1 finding new; 2 known findings held back (in the baseline).") {
		t.Errorf("summary (%v):\n%s", err, b)
	}
}

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain/path.md", "plain/path.md"},
		{"café/ü.md", "café/ü.md"},
		{"a\nb.md", `a\nb.md`},
		{"\x1b[2J\x1b[Hgot you.md", `\x1b[2J\x1b[Hgot you.md`},
		{"tab\there\r", `tab\there\r`},
		{"c1\u009b31m", `c1\x9b31m`},
		{"bidi\u202eevil", `bidi\u202eevil`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"del\x7f", `del\x7f`},
	} {
		if got := output.Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := output.EscapeMessage("internal error in rule x: boom\n\tgoroutine 1\x1b"); got != "internal error in rule x: boom\n    goroutine 1\\x1b" {
		t.Errorf("EscapeMessage = %q", got)
	}
}

// TestTextEscapes: a page whose name holds a newline and an escape code
// is printed as one line, without the raw codes.
func TestTextEscapes(t *testing.T) {
	var b strings.Builder
	r := &output.Report{Findings: []lint.Finding{{Path: "evil\n\x1b[2Jname.md", Rule: "r", Severity: lint.Error, Message: "text \x1b]0;title\x07",
		Start: source.Position{Line: 1, Column: 1}}}}
	if err := output.Text(&b, r); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	if want := `evil\n\x1b[2Jname.md:1:1: error: text \x1b]0;title\x07 [r]`; first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
}

// TestJSONEdgeCases checks the streamed JSON where the golden has nothing:
// no findings, and findings a baseline held back; both as the indented
// encoding of the whole object wrote them.
func TestJSONEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		known int
		want  string
	}{
		{"none", 0, "{\n  \"findings\": [],\n  \"files\": 3,\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"},
		{"known", 2, "{\n  \"findings\": [],\n  \"files\": 3,\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"known\": 2\n}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := output.NewReport(nil, 3, nil)
			r.Known = make([]lint.Finding, tc.known)
			var buf bytes.Buffer
			if err := output.JSON(&buf, r); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Errorf("got %q, want %q", buf.String(), tc.want)
			}
		})
	}
}
