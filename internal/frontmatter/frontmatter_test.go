package frontmatter

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in              string
		present, closed, root bool
		err                   string // substring of the error message, "" for none
		errLine               int
		body                  string // text after the front matter
	}{
		{"plain", "---\ntitle: A\n---\nbody", true, true, true, "", 0, "body"},
		{"crlf", "---\r\ntitle: A\r\n---\r\nbody", true, true, true, "", 0, "body"},
		{"dots close", "---\ntitle: A\n...\nbody", true, true, true, "", 0, "body"},
		{"trailing space fence", "--- \ntitle: A\n---  \nbody", true, true, true, "", 0, "body"},
		{"none", "# Title\n", false, false, false, "", 0, "# Title\n"},
		{"not a fence", "----\na: 1\n---\n", false, false, false, "", 0, "----\na: 1\n---\n"},
		{"never closes", "---\ntitle: A\n", true, false, false, "never closes", 1, ""},
		{"only fence", "---", true, false, false, "never closes", 1, ""},
		{"empty", "---\n---\nx", true, true, false, "", 0, "x"},
		{"bad yaml", "---\ntitle: A\nkeywords: [a\n---\n", true, true, false, "not valid YAML", 3, ""},
		{"list", "---\n- a\n---\n", true, true, false, "a list", 2, ""},
		{"scalar", "---\njust text\n---\n", true, true, false, "a scalar", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := source.New("p.md", []byte(tt.in))
			fm := Parse(f, 0)
			if fm.Present != tt.present || fm.Closed != tt.closed || (fm.Root != nil) != tt.root {
				t.Fatalf("present=%v closed=%v root=%v", fm.Present, fm.Closed, fm.Root != nil)
			}
			if tt.err == "" && fm.Err != nil {
				t.Fatalf("unexpected error %q", fm.Err.Message)
			}
			if tt.err != "" {
				if fm.Err == nil || !strings.Contains(fm.Err.Message, tt.err) {
					t.Fatalf("error = %+v, want %q", fm.Err, tt.err)
				}
				if got := f.Position(fm.Err.Span.Start).Line; got != tt.errLine {
					t.Errorf("error line = %d, want %d", got, tt.errLine)
				}
			}
			if got := tt.in[fm.End:]; tt.err == "" && got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
		})
	}
}

func TestValueSpan(t *testing.T) {
	in := "---\ntitle: \"Café \\\"x\\\"\" # c\nkeywords: \norder: 5 # five\nname: 'it''s'\ntags: [a, b]\nk: &a v\nlong: one\n  two\n---\n"
	f := source.New("p.md", []byte(in))
	fm := Parse(f, 0)
	if fm.Err != nil {
		t.Fatal(fm.Err.Message)
	}
	want := map[string]string{
		"title": `"Café \"x\""`, "keywords": "", "order": "5", "name": `'it''s'`, "tags": "[a,", "k": "v", "long": "one",
	}
	for i := 0; i < len(fm.Root.Content); i += 2 {
		k, v := fm.Root.Content[i], fm.Root.Content[i+1]
		s := fm.ValueSpan(v)
		if got := in[s.Start:s.End]; got != want[k.Value] {
			t.Errorf("%s: span text %q, want %q", k.Value, got, want[k.Value])
		}
	}
	k, _ := fm.Lookup("keywords")
	if p := f.Position(fm.Offset(k)); p.Line != 3 || p.Column != 1 {
		t.Errorf("keywords at %d:%d, want 3:1", p.Line, p.Column)
	}
}

func TestBadInput(t *testing.T) {
	deep := "---\na: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n"
	var large strings.Builder
	large.WriteString("---\n")
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&large, "key%d: value %d\n", i, i)
	}
	large.WriteString("---\n")
	laughs := "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n"
	for name, in := range map[string]string{"deep": deep, "large": large.String(), "laughs": laughs,
		"lone CR": "---\n\r 0\n---\nbody\n", "lone CRs": "---\na: b\rc: [\r\r d\n---\n"} {
		fm := Parse(source.New("p.md", []byte(in)), 0)
		checkSpans(t, fm)
		if fm.Root != nil {
			_ = Value(fm.Root) // must return, bounded
		}
		if name == "large" && (fm.Root == nil || len(fm.Root.Content) != 100000) {
			t.Errorf("large front matter not parsed: %+v", fm.Err)
		}
	}
}

func TestValueShapes(t *testing.T) {
	in := "---\nbase: &base\n  layout: help\n  order: 1\npage:\n  <<: *base\n  order: 2\n1: one\ntrue: yes\nwhen: 2024-01-02\nmulti: |\n  line one\n  line two\nfolded: >-\n  a\n  b\n---\n"
	f := source.New("p.md", []byte(in))
	fm := Parse(f, 0)
	v := Value(fm.Root).(map[string]any)
	page := v["page"].(map[string]any)
	if page["layout"] != "help" || fmt.Sprint(page["order"]) != "2" {
		t.Errorf("merge key: %v", page)
	}
	if v["1"] != "one" || v["true"] != "yes" || v["when"] != "2024-01-02" || v["multi"] != "line one\nline two\n" || v["folded"] != "a b" {
		t.Errorf("values: %#v", v)
	}
	_, multi := fm.Lookup("multi")
	if s := fm.ValueSpan(multi); in[s.Start:s.End] != "|" {
		t.Errorf("multi-line value span %q", in[s.Start:s.End])
	}
}

func TestNodes(t *testing.T) {
	fm := Parse(source.New("p.md", []byte("---\na: [x, {b: y}]\nc: z\n---\n")), 0)
	var got []string
	for n := range fm.Nodes() {
		if n.Kind == yaml.ScalarNode {
			got = append(got, n.Value)
		}
	}
	if want := "a x b y c z"; strings.Join(got, " ") != want {
		t.Errorf("scalars %q, want %q", got, want)
	}
	n := 0
	for range fm.Nodes() {
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("stopped after %d nodes", n)
	}
	if deep := Parse(source.New("p.md", []byte("---\na: "+strings.Repeat("[", 150)+strings.Repeat("]", 150)+"\n---\n")), 0); deep.Err == nil {
		count := 0
		for range deep.Nodes() {
			count++
		}
		if count > maxDepth+2 { // the chain to depth maxDepth, and the key a
			t.Errorf("%d nodes of a 150-deep list: the depth bound did not hold", count)
		}
	}
	for range (&FrontMatter{}).Nodes() {
		t.Error("nodes without front matter")
	}
}

// TestScalarValuesAsDecoded: the booleans and integers Value reads
// without a decoder are the values decoding them gives, for every form
// yaml.v3 tags !!bool or !!int.
func TestScalarValuesAsDecoded(t *testing.T) {
	decoded := func(n *yaml.Node) any {
		switch n.ShortTag() {
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return json.Number(strconv.FormatInt(i, 10))
			}
		}
		return nil
	}
	forms := []string{"true", "True", "TRUE", "false", "False", "FALSE", "!!bool true", "0", "-0", "00", "07", "1", "-1", "+1", "42",
		"123456789012345678", "-123456789012345678", "1234567890123456789", "0x1F", "0o17", "1_000", "!!int 5", "01"}
	for _, form := range forms {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+form), &doc); err != nil {
			t.Fatal(err)
		}
		n := doc.Content[0].Content[1]
		if tag := n.ShortTag(); tag != "!!bool" && tag != "!!int" {
			continue
		}
		budget := maxValueNodes
		if got, want := value(n, 0, &budget), decoded(n); want != nil && got != want {
			t.Errorf("%s (%s): Value gives %#v, decoding %#v", form, n.ShortTag(), got, want)
		}
	}
}

// checkSpans checks that the span of every node, and of the error, lies in
// the front matter (YAML breaks lines at a lone CR, the file does not).
func checkSpans(t *testing.T, fm *FrontMatter) {
	t.Helper()
	if fm.Err != nil && (fm.Err.Span.Start > fm.Err.Span.End || fm.Err.Span.End > len(fm.file.Text)) {
		t.Fatalf("error span %v outside the file of %d bytes", fm.Err.Span, len(fm.file.Text))
	}
	if fm.Doc == nil {
		return
	}
	for n := range fm.Nodes() {
		if sp := fm.ValueSpan(n); sp.Start > sp.End || sp.Start < fm.Content.Start || sp.End > fm.Content.End {
			t.Fatalf("node %q: span %v outside the front matter %v", n.Value, sp, fm.Content)
		}
	}
}

// FuzzParse: any front matter parses without a panic, and every node's
// span lies inside it.
func FuzzParse(f *testing.F) {
	f.Add("a: b\n")
	f.Add("\r 0\n")
	f.Add("a: &x [1, *x]\nb: \"c\\\"d\"\ne: >-\n  f\n")
	f.Add("k: 'it''s'\r\nl: |\n  m\n")
	f.Fuzz(func(t *testing.T, yml string) {
		checkSpans(t, Parse(source.New("p.md", []byte("---\n"+yml+"\n---\nbody\n")), 0))
	})
}

// TestYAMLLineBreaks: yaml.v3 breaks lines at a lone CR, NEL, LS and PS,
// the file's lines do not; a node after one is placed where it is written,
// and so is a syntax error.
func TestYAMLLineBreaks(t *testing.T) {
	for _, tc := range []struct{ name, fm string }{
		{"LS in a quoted value", "title: \"x\u2028y\"\nlayout: page\nflag: yes\n"},
		{"PS in a quoted value", "title: \"x\u2029y\"\nflag: yes\n"},
		{"NEL in a value", "title: 'x\u0085y'\nflag: yes\n"},
		{"lone CR", "a: 1\rflag: yes\n"},
		{"lone CR and CRLF", "a: 1\r\nb: \u00e9\rflag: yes\r\n"},
		{"none", "a: é\r\nflag: yes\n"},
	} {
		text := "---\n" + tc.fm + "---\nbody\n"
		fm := Parse(source.New("p.md", []byte(text)), 0)
		if fm.Err != nil {
			t.Fatalf("%s: %v", tc.name, fm.Err.Message)
		}
		_, v := fm.Lookup("flag")
		if v == nil {
			t.Fatalf("%s: no flag", tc.name)
		}
		if got, want := fm.Offset(v), strings.Index(text, "yes"); got != want {
			t.Errorf("%s: flag's value at %d, want %d", tc.name, got, want)
		}
		if sp := fm.ValueSpan(v); text[sp.Start:sp.End] != "yes" {
			t.Errorf("%s: flag's span holds %q", tc.name, text[sp.Start:sp.End])
		}
	}
	// a syntax error on the line after an LS is on that line of the file
	text := "---\ntitle: \"x\u2028y\"\nbad: - x\nc: d\n---\n"
	fm := Parse(source.New("p.md", []byte(text)), 0)
	if fm.Err == nil {
		t.Fatal("no error")
	}
	if got := text[fm.Err.Span.Start:fm.Err.Span.End]; got != "bad: - x" {
		t.Errorf("error placed on %q (%s)", got, fm.Err.Message)
	}
}
