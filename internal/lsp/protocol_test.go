package lsp

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// TestDecodeParams: each method's params decode into its type; params of
// the wrong shape, or without the document they are about, are invalid
// params (-32602).
func TestDecodeParams(t *testing.T) {
	text := "x"
	for _, tt := range []struct {
		method, raw string
		want        any // nil: invalid params
	}{
		{"initialize", `{"rootUri":"file:///s","workspaceFolders":[{"uri":"file:///w","name":"w"}],"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]}}}`,
			func() any {
				p := &InitializeParams{RootURI: "file:///s", WorkspaceFolders: []WorkspaceFolder{{URI: "file:///w", Name: "w"}}}
				p.Capabilities.General.PositionEncodings = []source.Encoding{encUTF8, encUTF16}
				return p
			}()},
		{"initialize", `{"rootUri":null,"processId":7}`, &InitializeParams{}},
		{"initialize", ``, &InitializeParams{}},
		{"initialize", `{"rootUri":5}`, nil},
		{"initialize", `{"capabilities":{"general":{"positionEncodings":"utf-8"}}}`, nil},
		{"initialize", `[1]`, nil},
		{"initialized", `{}`, &ignored{'{', '}'}},
		{"shutdown", ``, new(ignored)},
		{"textDocument/didOpen", `{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":3,"text":"x"}}`,
			&DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: "file:///a.md", LanguageID: "markdown", Version: 3, Text: "x"}}},
		{"textDocument/didOpen", `{"textDocument":{"uri":"file:///a.md","version":"3"}}`, nil},
		{"textDocument/didOpen", `{"textDocument":{"version":3,"text":"x"}}`, nil},
		{"textDocument/didOpen", ``, nil},
		{"textDocument/didChange", `{"textDocument":{"uri":"file:///a.md","version":4},"contentChanges":[{"text":"x"},{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":2}},"text":""}]}`,
			&DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: "file:///a.md", Version: 4},
				ContentChanges: []TextDocumentContentChangeEvent{{Text: "x"}, {Range: &Range{Start: Position{0, 1}, End: Position{0, 2}}}}}},
		{"textDocument/didChange", `{"textDocument":{"uri":"file:///a.md","version":4},"contentChanges":{"text":"x"}}`, nil},
		{"textDocument/didChange", `{"textDocument":{"uri":"file:///a.md"},"contentChanges":[{"range":{"start":{"line":"0"}}}]}`, nil},
		{"textDocument/didSave", `{"textDocument":{"uri":"file:///a.md"},"text":"x"}`,
			&DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: "file:///a.md"}, Text: &text}},
		{"textDocument/didSave", `{"textDocument":"file:///a.md"}`, nil},
		{"textDocument/didClose", `{"textDocument":{"uri":"file:///a.md"}}`, &DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: "file:///a.md"}}},
		{"textDocument/didClose", `{"textDocument":{}}`, nil},
		{"workspace/didChangeWatchedFiles", `{"changes":[{"uri":"file:///b.md","type":1}]}`,
			&DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: "file:///b.md", Type: 1}}}},
		{"workspace/didChangeWatchedFiles", `{"changes":[{"uri":"file:///b.md","type":"created"}]}`, nil},
		{"workspace/didChangeConfiguration", `{"settings":{"a":1}}`, &DidChangeConfigurationParams{Settings: json.RawMessage(`{"a":1}`)}},
		{"workspace/didChangeConfiguration", `"settings"`, nil},
		{"textDocument/codeAction", `{"textDocument":{"uri":"file:///a.md"},"range":{"start":{"line":1,"character":2},"end":{"line":1,"character":3}},"context":{"diagnostics":[{"code":42,"message":"another server's"}],"only":["quickfix"]}}`,
			&CodeActionParams{TextDocument: TextDocumentIdentifier{URI: "file:///a.md"}, Range: Range{Position{1, 2}, Position{1, 3}},
				Context: CodeActionContext{Diagnostics: []json.RawMessage{json.RawMessage(`{"code":42,"message":"another server's"}`)}, Only: []string{"quickfix"}}}},
		{"textDocument/codeAction", `{"textDocument":{"uri":"file:///a.md"},"range":{"start":{"line":-0.5}}}`, nil},
		{"textDocument/codeAction", `{}`, nil},
	} {
		r, ok := routeOf(tt.method)
		if !ok {
			t.Fatalf("no route for %s", tt.method)
		}
		p := r.params()
		err := decode(json.RawMessage(tt.raw), p)
		switch {
		case tt.want == nil && (err == nil || err.Code != codeInvalidParams):
			t.Errorf("%s %s: %v, want invalid params", tt.method, tt.raw, err)
		case tt.want != nil && err != nil:
			t.Errorf("%s %s: %v", tt.method, tt.raw, err)
		case tt.want != nil && !reflect.DeepEqual(p, tt.want):
			t.Errorf("%s %s: decoded %#v, want %#v", tt.method, tt.raw, p, tt.want)
		}
	}
	if _, ok := routeOf("textDocument/hover"); ok {
		t.Error("a route for a method the server does not take")
	}
}

// TestInvalidParamsSession: over the wire, a request with malformed params
// is answered -32602 and a notification's is logged; the session goes on.
func TestInvalidParamsSession(t *testing.T) {
	log := &syncBuffer{}
	c := startServerWith(t, Options{Debounce: 5 * time.Millisecond, Version: "test", Log: log})
	c.fatal = t.Fatalf
	if r := c.request("initialize", map[string]any{"rootUri": 5}); r.Error == nil || r.Error.Code != codeInvalidParams {
		t.Fatalf("initialize with a number for rootUri: %+v", r)
	}
	if r := c.request("initialize", map[string]any{"rootUri": pathURI(site(t))}); r.Error != nil {
		t.Fatalf("initialize: %+v", r.Error)
	}
	for _, params := range []any{map[string]any{}, map[string]any{"textDocument": map[string]any{"uri": 3}}, "x"} {
		if r := c.request("textDocument/codeAction", params); r.Error == nil || r.Error.Code != codeInvalidParams {
			t.Errorf("codeAction %v: %+v", params, r)
		}
	}
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": "file:///a.md", "version": "one"}})
	if r := c.request("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		t.Errorf("shutdown: %+v", r)
	}
	c.send("exit", 0, nil)
	if code := <-c.code; code != 0 {
		t.Errorf("exit code %d", code)
	}
	if !strings.Contains(log.String(), "textDocument/didOpen: invalid params") {
		t.Errorf("log %q does not name the malformed notification", log.String())
	}
}

// syncBuffer is a log the server writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestNegotiation: UTF-8 or UTF-32 when the client offers it, else UTF-16;
// and the result's JSON is the one clients have always had.
func TestNegotiation(t *testing.T) {
	for _, tt := range []struct {
		offered []source.Encoding
		want    source.Encoding
	}{
		{nil, encUTF16},
		{[]source.Encoding{encUTF16}, encUTF16},
		{[]source.Encoding{encUTF16, encUTF32}, encUTF32},
		{[]source.Encoding{encUTF32, encUTF8}, encUTF8},
		{[]source.Encoding{"utf-7"}, encUTF16},
	} {
		s := &Server{opts: Options{Version: "v"}}
		p := &InitializeParams{}
		p.Capabilities.General.PositionEncodings = tt.offered
		res, _ := s.initialize(p)
		got, _ := json.Marshal(res)
		want := `{"capabilities":{"positionEncoding":"` + string(tt.want) + `","textDocumentSync":{"openClose":true,"change":1,"save":{"includeText":false}},` +
			`"codeActionProvider":{"codeActionKinds":["quickfix"]}},"serverInfo":{"name":"helplint","version":"v"}}`
		if string(got) != want || s.enc != tt.want {
			t.Errorf("offered %v: %s (enc %s), want %s", tt.offered, got, s.enc, want)
		}
	}
}

// TestDiagnosticJSON: a diagnostic carries its range, severity, rule, the
// rule's documentation and its related places; one without related places
// has no relatedInformation at all.
func TestDiagnosticJSON(t *testing.T) {
	text := []byte("a🔒b\n")
	m := mapper{source.New("", text), encUTF16}
	f := lint.Finding{Rule: "r", Severity: lint.Warning, Message: "m", Abs: "/s/a.md", Span: source.Span{Start: 5, End: 6},
		Related: []lint.RelatedLocation{{Abs: "/s/a.md", Known: true, Span: source.Span{Start: 0, End: 1}, Message: "here"}}}
	got, _ := json.Marshal((&Server{}).diagnostic(m, f))
	want := `{"range":{"start":{"line":0,"character":3},"end":{"line":0,"character":4}},"severity":2,"source":"helplint","code":"r",` +
		`"codeDescription":{"href":"` + DocsURL + `r.md"},"message":"m","relatedInformation":[{"location":{"uri":"file:///s/a.md",` +
		`"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}}},"message":"here"}]}`
	if string(got) != want {
		t.Errorf("diagnostic\n%s\nwant\n%s", got, want)
	}
	f.Related, f.Severity = nil, lint.Error
	if got, _ := json.Marshal((&Server{}).diagnostic(m, f)); strings.Contains(string(got), "relatedInformation") || !strings.Contains(string(got), `"severity":1`) {
		t.Errorf("diagnostic without related places: %s", got)
	}
}
