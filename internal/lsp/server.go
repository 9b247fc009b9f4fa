package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
)

// Options are the server's settings.
type Options struct {
	// CacheDir is the folder of index caches ("" for none).
	CacheDir string
	// Debounce is how long a change waits for the next before it is linted.
	Debounce time.Duration
	// Version is helplint's version, for serverInfo.
	Version string
	// Log receives one line per problem the server meets (nil: none).
	Log io.Writer
	// beforeLint, when set, runs as each lint starts (tests: a lint that
	// takes long).
	beforeLint func()
}

// DocsURL is where each rule's documentation is published.
const DocsURL = "https://github.com/helplint/helplint/blob/main/rules/doc/"

// Server is one language server session.
type Server struct {
	opts Options
	c    *conn

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	root        string
	enc         string
	ws          *workspace.Workspace
	wsErr       error
	docs        map[string]*document // by URI
	closing     bool

	lintMu  sync.Mutex     // one lint at a time: they share the runner
	pending sync.WaitGroup // lints scheduled or running
}

// document is an open buffer.
type document struct {
	uri, path string
	text      []byte
	version   int
	timer     *time.Timer
	// the findings of the last lint, and the version they are of
	findings []lint.Finding
	linted   int
}

// Serve runs a session on in and out until the client exits or leaves, and
// returns the process's exit code: 0 after shutdown and exit, 1 otherwise.
func Serve(in io.Reader, out io.Writer, opts Options) int {
	if opts.Debounce == 0 {
		opts.Debounce = 15 * time.Millisecond // a burst of keystrokes is one lint
	}
	s := &Server{opts: opts, c: &conn{r: bufio.NewReader(in), w: out}, enc: encUTF16, docs: map[string]*document{}}
	s.c.log = s.logf
	for {
		body, err := s.c.read()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.logf("%v", err)
			}
			s.stop()
			return 1 // the client left without exit
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			s.logf("damaged message of %d bytes (%v): %q", len(body), err, clip(string(body)))
			_ = s.c.respond(nil, nil, &rpcError{codeParseError, "malformed JSON: " + err.Error()})
			continue
		}
		if m.Method == "exit" {
			// at once, even while a lint runs (one on a long page took
			// minutes): scheduled lints are cancelled, a running one is
			// left to the process's end, and publishes nothing
			s.abandon()
			s.mu.Lock()
			done := s.shutdown
			s.mu.Unlock()
			if done {
				return 0
			}
			return 1
		}
		s.handle(&m)
	}
}

// stop cancels the scheduled lints and waits for the running ones: no
// goroutine outlives the session.
func (s *Server) stop() {
	s.abandon()
	s.pending.Wait()
}

// abandon cancels the scheduled lints; a running lint publishes nothing.
func (s *Server) abandon() {
	s.mu.Lock()
	s.closing = true
	for _, d := range s.docs {
		if d.timer != nil && d.timer.Stop() {
			s.pending.Done()
		}
	}
	s.mu.Unlock()
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, "helplint lsp: "+format+"\n", args...)
	}
}

// handle answers a request or acts on a notification.
func (s *Server) handle(m *message) {
	isRequest := m.ID != nil
	if m.Method == "" {
		return // a response to a request of ours (registerCapability)
	}
	s.mu.Lock()
	ready, down := s.initialized, s.shutdown
	s.mu.Unlock()
	if !ready && m.Method != "initialize" {
		if isRequest {
			_ = s.c.respond(m.ID, nil, &rpcError{codeServerNotInitialized, "the server is not initialized"})
		}
		return
	}
	if down && isRequest && m.Method != "shutdown" {
		_ = s.c.respond(m.ID, nil, &rpcError{codeInvalidRequest, "the server is shutting down"})
		return
	}
	var result any
	var rerr *rpcError
	switch m.Method {
	case "initialize":
		result, rerr = s.initialize(m.Params)
	case "initialized":
		s.registerWatchers()
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
	case "textDocument/didOpen":
		var p struct {
			TextDocument struct {
				URI     string `json:"uri"`
				Version int    `json:"version"`
				Text    string `json:"text"`
			} `json:"textDocument"`
		}
		if rerr = decode(m.Params, &p); rerr == nil {
			s.open(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
		}
	case "textDocument/didChange":
		rerr = s.didChange(m.Params)
	case "textDocument/didSave":
		var p struct {
			TextDocument struct {
				URI string `json:"uri"`
			} `json:"textDocument"`
		}
		if rerr = decode(m.Params, &p); rerr == nil {
			s.schedule(p.TextDocument.URI, 0)
		}
	case "textDocument/didClose":
		var p struct {
			TextDocument struct {
				URI string `json:"uri"`
			} `json:"textDocument"`
		}
		if rerr = decode(m.Params, &p); rerr == nil {
			s.close(p.TextDocument.URI)
		}
	case "workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration":
		s.reload()
	case "textDocument/codeAction":
		result, rerr = s.codeAction(m.Params)
	default:
		if isRequest {
			rerr = &rpcError{codeMethodNotFound, "no method " + m.Method}
		}
	}
	if isRequest {
		if err := s.c.respond(m.ID, result, rerr); err != nil {
			s.logf("answering %s: %v", m.Method, err)
		}
	}
}

func decode(raw json.RawMessage, v any) *rpcError {
	if err := json.Unmarshal(raw, v); err != nil {
		return &rpcError{codeInvalidParams, "invalid params: " + err.Error()}
	}
	return nil
}

// initialize finds the site from the workspace root and negotiates the
// position encoding: UTF-8 or UTF-32 when the client offers it (cheaper to
// count), else the protocol's UTF-16.
func (s *Server) initialize(raw json.RawMessage) (any, *rpcError) {
	var p struct {
		RootURI          string `json:"rootUri"`
		RootPath         string `json:"rootPath"`
		WorkspaceFolders []struct {
			URI string `json:"uri"`
		} `json:"workspaceFolders"`
		Capabilities struct {
			General struct {
				PositionEncodings []string `json:"positionEncodings"`
			} `json:"general"`
		} `json:"capabilities"`
	}
	if raw != nil {
		if err := decode(raw, &p); err != nil {
			return nil, err
		}
	}
	root := p.RootPath
	if len(p.WorkspaceFolders) > 0 {
		root = uriPath(p.WorkspaceFolders[0].URI)
	}
	if p.RootURI != "" {
		root = uriPath(p.RootURI)
	}
	enc := encUTF16
	for _, e := range []string{encUTF8, encUTF32} {
		if slices.Contains(p.Capabilities.General.PositionEncodings, e) {
			enc = e
			break
		}
	}
	s.mu.Lock()
	s.initialized, s.root, s.enc = true, root, enc
	s.mu.Unlock()
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": enc,
			"textDocumentSync": map[string]any{"openClose": true, "change": 1, "save": map[string]any{"includeText": false}},
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{"quickfix"},
			},
		},
		"serverInfo": map[string]any{"name": "helplint", "version": s.opts.Version},
	}, nil
}

// registerWatchers asks the client to report changes to pages and to the
// site's configuration files.
func (s *Server) registerWatchers() {
	params := map[string]any{"registrations": []any{map[string]any{
		"id": "helplint-files", "method": "workspace/didChangeWatchedFiles",
		"registerOptions": map[string]any{"watchers": []any{
			map[string]any{"globPattern": "**/*.{md,markdown,html}"},
			map[string]any{"globPattern": "**/_config.yml"},
			map[string]any{"globPattern": "**/.helplint.yaml"},
		}},
	}}}
	_ = s.c.write(struct {
		JSONRPC string `json:"jsonrpc"`
		ID      string `json:"id"`
		Method  string `json:"method"`
		Params  any    `json:"params"`
	}{"2.0", "helplint-register-1", "client/registerCapability", params})
}

// workspaceFor returns the workspace of the site, opened on first use.
func (s *Server) workspaceFor() (*workspace.Workspace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ws == nil && s.wsErr == nil {
		root := s.root
		if root == "" {
			root = "."
		}
		s.ws, s.wsErr = workspace.Open(workspace.Options{Paths: []string{root}})
		if s.ws != nil {
			s.ws.UseCache(s.opts.CacheDir)
		}
	}
	return s.ws, s.wsErr
}

// reload forgets the workspace (the site's files or configuration changed)
// and lints every open document again.
func (s *Server) reload() {
	s.mu.Lock()
	s.ws, s.wsErr = nil, nil
	var uris []string
	for u := range s.docs {
		uris = append(uris, u)
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.schedule(u, 0)
	}
}

func (s *Server) open(uri string, version int, text []byte) {
	s.mu.Lock()
	s.docs[uri] = &document{uri: uri, path: uriPath(uri), text: text, version: version}
	s.mu.Unlock()
	s.schedule(uri, 0)
}

func (s *Server) close(uri string) {
	s.mu.Lock()
	if d := s.docs[uri]; d != nil && d.timer != nil && d.timer.Stop() {
		s.pending.Done()
	}
	delete(s.docs, uri)
	s.mu.Unlock()
	_ = s.c.notify("textDocument/publishDiagnostics", map[string]any{"uri": uri, "diagnostics": []any{}})
}

// didChange takes the new text: the whole of it (full sync), or edits by
// range, which some clients send anyway.
func (s *Server) didChange(raw json.RawMessage) *rpcError {
	var p struct {
		TextDocument struct {
			URI     string `json:"uri"`
			Version int    `json:"version"`
		} `json:"textDocument"`
		ContentChanges []struct {
			Range *Range `json:"range"`
			Text  string `json:"text"`
		} `json:"contentChanges"`
	}
	if err := decode(raw, &p); err != nil {
		return err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	for _, ch := range p.ContentChanges {
		if ch.Range == nil {
			d.text = []byte(ch.Text)
			continue
		}
		l := newLines(d.text, s.enc)
		a, b := l.offset(ch.Range.Start), l.offset(ch.Range.End)
		d.text = append(append(append([]byte{}, d.text[:a]...), ch.Text...), d.text[max(a, b):]...)
	}
	d.version = p.TextDocument.Version
	var others []string
	for u := range s.docs {
		if u != p.TextDocument.URI {
			others = append(others, u)
		}
	}
	s.mu.Unlock()
	s.schedule(p.TextDocument.URI, s.opts.Debounce)
	// the other open pages are linted against this buffer: a permalink it
	// changes moves a URL their links point at
	for _, u := range others {
		s.schedule(u, 2*s.opts.Debounce)
	}
	return nil
}

// schedule lints a document after delay; a newer change replaces it.
func (s *Server) schedule(uri string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || s.closing {
		return
	}
	if d.timer != nil && d.timer.Stop() {
		s.pending.Done()
	}
	version := d.version
	s.pending.Add(1)
	d.timer = time.AfterFunc(delay, func() {
		defer s.pending.Done()
		s.lint(uri, version)
	})
}

// lint lints one document's buffer, version, and pushes its diagnostics
// unless a newer version came meanwhile.
func (s *Server) lint(uri string, version int) {
	s.lintMu.Lock()
	defer s.lintMu.Unlock()
	if s.opts.beforeLint != nil {
		s.opts.beforeLint()
	}
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || d.version != version {
		s.mu.Unlock()
		return // closed, or changed again: that change lints
	}
	text, path := d.text, d.path
	open := map[string][]byte{}
	for _, o := range s.docs {
		open[o.path] = o.text
	}
	enc := s.enc
	s.mu.Unlock()

	ws, err := s.workspaceFor()
	var findings []lint.Finding
	if err != nil {
		s.logf("%v", err)
		_ = s.c.notify("window/showMessage", map[string]any{"type": 1, "message": "helplint: " + err.Error()})
	} else {
		inputs := ws.BufferInputs(path, text, open)
		res := ws.Runner.Run(inputs)
		findings = res.Findings
		for _, pr := range res.Problems {
			s.logf("%s: %s", pr.Path, pr.Message)
		}
		if err := ws.SaveCacheFor(inputs); err != nil {
			s.logf("%v", err)
		}
	}
	s.mu.Lock()
	if d := s.docs[uri]; d == nil || d.version != version || s.closing {
		s.mu.Unlock()
		return
	}
	d.findings, d.linted = findings, version
	s.mu.Unlock()
	l := newLines(text, enc)
	diags := make([]any, 0, len(findings))
	for _, f := range findings {
		diags = append(diags, s.diagnostic(l, f))
	}
	_ = s.c.notify("textDocument/publishDiagnostics", map[string]any{"uri": uri, "version": version, "diagnostics": diags})
}

// diagnostic is a finding in the protocol's terms.
func (s *Server) diagnostic(l *lines, f lint.Finding) map[string]any {
	sev := 1
	if f.Severity == lint.Warning {
		sev = 2
	}
	d := map[string]any{
		"range":           l.rangeOf(f.Span.Start, f.Span.End),
		"severity":        sev,
		"source":          "helplint",
		"code":            f.Rule,
		"codeDescription": map[string]any{"href": DocsURL + f.Rule + ".md"},
		"message":         f.Message,
	}
	if rel := s.related(f.Message); len(rel) > 0 {
		d["relatedInformation"] = rel
	}
	return d
}

// sitePath finds the paths of the site's pages a message names
// ("content/_help/x._en.md:12"), for related information.
var sitePath = regexp.MustCompile(`[\w./-]+\.(?:md|markdown|html)(?::\d+)?`)

func (s *Server) related(msg string) []any {
	ws, err := s.workspaceFor()
	if err != nil || ws == nil {
		return nil
	}
	var out []any
	for _, m := range sitePath.FindAllString(msg, 4) {
		p, line, _ := strings.Cut(m, ":")
		abs := filepath.Join(ws.Site.Root, filepath.FromSlash(p))
		if _, err := os.Stat(abs); err != nil {
			continue
		}
		n, _ := strconv.Atoi(line)
		pos := Position{Line: max(n-1, 0)}
		out = append(out, map[string]any{
			"location": map[string]any{"uri": pathURI(abs), "range": Range{Start: pos, End: pos}},
			"message":  "named in this finding: " + p,
		})
	}
	return out
}

// uriPath turns a file URI into a path.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

// pathURI turns a path into a file URI.
func pathURI(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}
