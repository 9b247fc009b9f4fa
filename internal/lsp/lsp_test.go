package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// client drives a server as an editor does, over pipes, reading all the
// server writes as it comes (a server's writes wait for their reader).
type client struct {
	t     *testing.T
	fatal func(format string, args ...any)
	in    io.WriteCloser // the server's standard input
	msgs  chan reply     // what the server wrote, in order; closed when it closes
	next  int
	code  chan int
}

func startServer(t *testing.T) *client {
	t.Helper()
	c := startServerWith(t, Options{Debounce: 5 * time.Millisecond, Version: "test"})
	c.fatal = t.Fatalf
	return c
}

func startServerWith(t *testing.T, opts Options) *client {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, msgs: make(chan reply, 1024), code: make(chan int, 1)}
	go func() {
		c.code <- Serve(inR, outW, opts)
		outW.Close()
	}()
	go func() {
		out := &conn{r: bufio.NewReader(outR)}
		defer close(c.msgs)
		for {
			body, err := out.read()
			if err != nil {
				return
			}
			var r reply
			if json.Unmarshal(body, &r) == nil {
				c.msgs <- r
			}
		}
	}()
	return c
}

func (c *client) send(method string, id int, params any) {
	m := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
	if id > 0 {
		m["id"] = id
	}
	body, _ := json.Marshal(m)
	c.raw(body)
}

func (c *client) raw(body []byte) {
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

type reply struct {
	ID     *int            `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

// await reads messages until one satisfies ok, and returns it.
func (c *client) await(what string, ok func(reply) bool) reply {
	deadline := time.After(10 * time.Second)
	for {
		select {
		case r, open := <-c.msgs:
			if !open {
				c.fatal("the server closed before %s", what)
			}
			if ok(r) {
				return r
			}
		case <-deadline:
			c.fatal("no %s in 10 s", what)
		}
	}
}

func (c *client) request(method string, params any) reply {
	c.next++
	id := c.next
	c.send(method, id, params)
	return c.await("answer to "+method, func(r reply) bool { return r.ID != nil && *r.ID == id && r.Method == "" })
}

type published struct {
	URI         string `json:"uri"`
	Version     int    `json:"version"`
	Diagnostics []struct {
		Range    Range  `json:"range"`
		Code     string `json:"code"`
		Message  string `json:"message"`
		Severity int    `json:"severity"`
		Source   string `json:"source"`
		Related  []any  `json:"relatedInformation"`
	} `json:"diagnostics"`
}

func (c *client) diagnostics(uri string, version int) published {
	var p published
	c.await(fmt.Sprintf("diagnostics of %s version %d", uri, version), func(r reply) bool {
		if r.Method != "textDocument/publishDiagnostics" {
			return false
		}
		p = published{}
		return json.Unmarshal(r.Params, &p) == nil && p.URI == uri && p.Version == version
	})
	return p
}

// site writes a small help site and returns its root.
func site(t *testing.T) string {
	root := t.TempDir()
	files := map[string]string{
		"_config.yml": "collections_dir: content\ncollections:\n  help:\n    output: true\n    permalink: /:collection/:path/\n",
		"content/_help/create-account/overview._en.md": "---\ntitle: Overview\ncategory: create-account\npermalink: /help/create-account/overview/\norder: 0\n---\n\nRead [the new page](/help/create-account/new-page/).\n",
		"content/_help/create-account/other._en.md":    "---\ntitle: Other\ncategory: create-account\npermalink: /help/create-account/other/\norder: 1\n---\n\nOther.\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestSession: open, diagnostics in UTF-16 after an emoji, a quick fix
// applied, diagnostics that follow, a buffer that moves a URL for another
// open page, bad input, shutdown and exit.
func TestSession(t *testing.T) {
	before := runtime.NumGoroutine()
	root := site(t)
	c := startServer(t)

	// before initialize: refused
	if r := c.request("textDocument/codeAction", map[string]any{}); r.Error == nil || r.Error.Code != codeServerNotInitialized {
		t.Fatalf("request before initialize: %+v", r)
	}
	init := c.request("initialize", map[string]any{"rootUri": pathURI(root),
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}}})
	var caps struct {
		Capabilities struct {
			PositionEncoding string `json:"positionEncoding"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(init.Result, &caps); err != nil || caps.Capabilities.PositionEncoding != "utf-16" {
		t.Fatalf("initialize: %s (%v)", init.Result, err)
	}
	c.send("initialized", 0, map[string]any{})

	// malformed JSON and an unknown method: errors, and the session goes on
	c.raw([]byte("{not json"))
	if r := c.await("parse error", func(r reply) bool { return r.Error != nil && r.Error.Code == codeParseError }); r.ID != nil {
		t.Errorf("parse error answered with id %v", *r.ID)
	}
	if r := c.request("helplint/nothing", nil); r.Error == nil || r.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", r)
	}

	// a page with an emoji before damaged text: the range counts UTF-16 units
	page := filepath.Join(root, "content/_help/create-account/emoji._en.md")
	uri := pathURI(page)
	text := "---\ntitle: Emoji\ncategory: create-account\npermalink: /help/create-account/emoji/\norder: 2\n---\n\n🔒 Your account doesnâ€™t open.\n"
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	p := c.diagnostics(uri, 1)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "mojibake" || p.Diagnostics[0].Source != "helplint" {
		t.Fatalf("diagnostics: %+v", p)
	}
	// 🔒 is two UTF-16 units, then " Your account doesn" (19): the damage starts at 21
	if r := p.Diagnostics[0].Range; r.Start != (Position{Line: 7, Character: 21}) || r.End != (Position{Line: 7, Character: 24}) {
		t.Errorf("range %+v, want 7:21–7:24", r)
	}

	// the quick fix, applied as an editor applies it
	r := c.request("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": p.Diagnostics[0].Range,
		"context": map[string]any{"diagnostics": []any{}}})
	var actions []struct {
		Title       string `json:"title"`
		Kind        string `json:"kind"`
		IsPreferred bool   `json:"isPreferred"`
		Edit        struct {
			DocumentChanges []struct {
				Edits []struct {
					Range   Range  `json:"range"`
					NewText string `json:"newText"`
				} `json:"edits"`
			} `json:"documentChanges"`
		} `json:"edit"`
	}
	if err := json.Unmarshal(r.Result, &actions); err != nil || len(actions) != 2 {
		t.Fatalf("code actions: %s (%v)", r.Result, err)
	}
	if !actions[0].IsPreferred || actions[0].Kind != "quickfix" || actions[0].Edit.DocumentChanges[0].Edits[0].NewText != "’" {
		t.Errorf("fix action: %+v", actions[0])
	}
	if actions[1].Title != "Disable mojibake for this line" ||
		actions[1].Edit.DocumentChanges[0].Edits[0].NewText != "{% comment %}helplint-disable-next-line mojibake{% endcomment %}\n" {
		t.Errorf("disable action: %+v", actions[1])
	}
	fixed := applyEdit(text, actions[0].Edit.DocumentChanges[0].Edits[0].Range, actions[0].Edit.DocumentChanges[0].Edits[0].NewText)
	c.send("textDocument/didChange", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": fixed}}})
	if p := c.diagnostics(uri, 2); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", p.Diagnostics)
	}

	// another open page links to a URL no page has, until this buffer takes it
	overview := pathURI(filepath.Join(root, "content/_help/create-account/overview._en.md"))
	data, _ := os.ReadFile(filepath.Join(root, "content/_help/create-account/overview._en.md"))
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": overview, "version": 1, "text": string(data)}})
	if p := c.diagnostics(overview, 1); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "link-target" {
		t.Fatalf("overview: %+v", p.Diagnostics)
	}
	moved := strings.Replace(fixed, "/help/create-account/emoji/", "/help/create-account/new-page/", 1)
	c.send("textDocument/didChange", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": moved}}})
	if p := c.diagnostics(overview, 1); len(p.Diagnostics) != 0 {
		t.Errorf("overview after the buffer took the URL: %+v", p.Diagnostics)
	}

	if r := c.request("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		t.Errorf("shutdown: %+v", r)
	}
	c.send("exit", 0, nil)
	select {
	case code := <-c.code:
		if code != 0 {
			t.Errorf("exit code %d after shutdown", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not exit")
	}
	c.in.Close()
	for i := 0; i < 50 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left behind (%d before)", n-before, before)
	}
}

// TestClientLeaves: a client that disappears ends the session with 1.
func TestClientLeaves(t *testing.T) {
	c := startServer(t)
	c.request("initialize", map[string]any{"rootUri": pathURI(site(t))})
	c.in.Close()
	select {
	case code := <-c.code:
		if code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not notice the client left")
	}
}

// applyEdit applies one edit, in UTF-16 positions, to text.
func applyEdit(text string, r Range, newText string) string {
	l := mapper{source.New("", []byte(text)), encUTF16}
	a, b := l.offset(r.Start), l.offset(r.End)
	return text[:a] + newText + text[b:]
}

func TestPositions(t *testing.T) {
	text := []byte("a🔒b\nçd\n")
	for _, tt := range []struct {
		enc  source.Encoding
		off  int
		want Position
	}{
		{encUTF16, 5, Position{0, 3}}, {encUTF8, 5, Position{0, 5}}, {encUTF32, 5, Position{0, 2}},
		{encUTF16, 7, Position{1, 0}}, {encUTF16, 9, Position{1, 1}}, {encUTF8, 9, Position{1, 2}},
	} {
		l := mapper{source.New("", text), tt.enc}
		if got := l.position(tt.off); got != tt.want {
			t.Errorf("%s position(%d) = %+v, want %+v", tt.enc, tt.off, got, tt.want)
		}
		if got := l.offset(tt.want); got != tt.off {
			t.Errorf("%s offset(%+v) = %d, want %d", tt.enc, tt.want, got, tt.off)
		}
	}
}

// TestWatchedFiles: a page created on disk, reported by the client, gives
// an open page's link its target.
func TestWatchedFiles(t *testing.T) {
	root := site(t)
	c := startServer(t)
	c.request("initialize", map[string]any{"rootUri": pathURI(root)})
	c.send("initialized", 0, map[string]any{})
	path := filepath.Join(root, "content/_help/create-account/overview._en.md")
	uri := pathURI(path)
	data, _ := os.ReadFile(path)
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 1, "text": string(data)}})
	if p := c.diagnostics(uri, 1); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "link-target" {
		t.Fatalf("before: %+v", p.Diagnostics)
	}
	page := filepath.Join(root, "content/_help/create-account/new-page._en.md")
	text := "---\ntitle: New page\ncategory: create-account\npermalink: /help/create-account/new-page/\norder: 3\n---\n\nNew.\n"
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c.send("workspace/didChangeWatchedFiles", 0, map[string]any{"changes": []any{map[string]any{"uri": pathURI(page), "type": 1}}})
	if p := c.diagnostics(uri, 1); len(p.Diagnostics) != 0 {
		t.Errorf("after the page was created: %+v", p.Diagnostics)
	}
	c.request("shutdown", nil)
	c.send("exit", 0, nil)
	if code := <-c.code; code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestSuppression(t *testing.T) {
	text := []byte("---\ntitle: x\n  keywords: \"\"\n---\n\n  - A line doesnâ€™t read.\n")
	finding := func(off int) lint.Finding {
		return lint.Finding{Rule: "mojibake", Span: source.Span{Start: off, End: off + 1}}
	}
	body := strings.Index(string(text), "doesn")
	if at, line := suppression(text, finding(body)); at != strings.Index(string(text), "  - A") ||
		line != "  {% comment %}helplint-disable-next-line mojibake{% endcomment %}\n" {
		t.Errorf("body: %d %q", at, line)
	}
	fm := strings.Index(string(text), "keywords")
	if at, line := suppression(text, finding(fm)); at != strings.Index(string(text), "  keywords") || line != "  # helplint-disable-next-line mojibake\n" {
		t.Errorf("front matter: %d %q", at, line)
	}
	if at, line := suppression(text, finding(0)); at != len(text) || line != "{% comment %}helplint-disable-file mojibake{% endcomment %}\n" {
		t.Errorf("opening fence: %d %q", at, line)
	}
}

// TestRelatedInformation: a title the open buffer shares with a page on
// disk gives the diagnostic that page's title as related information, its
// range in UTF-16 units (the emoji is two), taken from the finding's data.
func TestRelatedInformation(t *testing.T) {
	root := site(t)
	other := filepath.Join(root, "content/_help/create-account/zz._en.md")
	same := "---\ntitle: 🔒 Same\ncategory: create-account\npermalink: /help/create-account/zz/\norder: 7\n---\n\nZ.\n"
	if err := os.WriteFile(other, []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t)
	c.request("initialize", map[string]any{"rootUri": pathURI(root)})
	c.send("initialized", 0, map[string]any{})
	uri := pathURI(filepath.Join(root, "content/_help/create-account/aa._en.md"))
	text := "---\ntitle: 🔒 Same\ncategory: create-account\npermalink: /help/create-account/aa/\norder: 8\n---\n\nA.\n"
	c.send("textDocument/didOpen", 0, map[string]any{"textDocument": map[string]any{"uri": uri, "version": 1, "text": text}})
	p := c.diagnostics(uri, 1)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "title-unique" || len(p.Diagnostics[0].Related) != 1 {
		t.Fatalf("diagnostics: %+v", p.Diagnostics)
	}
	b, _ := json.Marshal(p.Diagnostics[0].Related[0])
	var rel struct {
		Location struct {
			URI   string `json:"uri"`
			Range Range  `json:"range"`
		} `json:"location"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(b, &rel); err != nil {
		t.Fatal(err)
	}
	want := Range{Start: Position{Line: 1, Character: 7}, End: Position{Line: 1, Character: 14}}
	if rel.Location.URI != pathURI(other) || rel.Location.Range != want || rel.Message != "the same title" {
		t.Errorf("related %+v, want %s at %+v", rel, pathURI(other), want)
	}
	c.request("shutdown", nil)
	c.send("exit", 0, nil)
	<-c.code
}
