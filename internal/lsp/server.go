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
	"slices"
	"sync"
	"time"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
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
	enc         source.Encoding
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
	defer s.stop()
	for {
		body, err := s.c.read()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.logf("%v", err)
			}
			return 1 // the client left without exit
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			_ = s.c.respond(nil, nil, &rpcError{codeParseError, "malformed JSON: " + err.Error()})
			continue
		}
		if m.Method == "exit" {
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
	s.mu.Lock()
	s.closing = true
	for _, d := range s.docs {
		if d.timer != nil && d.timer.Stop() {
			s.pending.Done()
		}
	}
	s.mu.Unlock()
	s.pending.Wait()
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
	rerr := &rpcError{codeMethodNotFound, "no method " + m.Method}
	if r, ok := routeOf(m.Method); ok {
		p := r.params()
		if rerr = decode(m.Params, p); rerr == nil {
			result, rerr = r.run(s, p)
		}
	}
	switch {
	case isRequest:
		if err := s.c.respond(m.ID, result, rerr); err != nil {
			s.logf("answering %s: %v", m.Method, err)
		}
	case rerr != nil && rerr.Code != codeMethodNotFound:
		s.logf("%s: %s", m.Method, rerr.Message) // a notification has no answer to carry it
	}
}

// route is how the server takes one method: the type of its params, and
// what it does with them.
type route struct {
	params func() any
	run    func(s *Server, params any) (any, *rpcError)
}

// on makes the route of a method whose params are a P and result an R.
func on[P, R any](run func(s *Server, p *P) (R, *rpcError)) route {
	return route{
		params: func() any { return new(P) },
		run: func(s *Server, p any) (any, *rpcError) {
			res, err := run(s, p.(*P))
			if err != nil {
				return nil, err
			}
			return res, nil
		},
	}
}

// does makes the route of a method that answers nothing (a notification,
// or shutdown, whose result is null).
func does[P any](act func(s *Server, p *P)) route {
	return on(func(s *Server, p *P) (any, *rpcError) { act(s, p); return nil, nil })
}

// ignored are the params of a method that reads none.
type ignored = json.RawMessage

// routeOf returns the route of method; ok is false for a method the server
// does not take.
func routeOf(method string) (r route, ok bool) {
	switch method {
	case "initialize":
		return on((*Server).initialize), true
	case "initialized":
		return does(func(s *Server, _ *ignored) { s.registerWatchers() }), true
	case "shutdown":
		return does(func(s *Server, _ *ignored) {
			s.mu.Lock()
			s.shutdown = true
			s.mu.Unlock()
		}), true
	case "textDocument/didOpen":
		return does((*Server).didOpen), true
	case "textDocument/didChange":
		return does((*Server).didChange), true
	case "textDocument/didSave":
		return does(func(s *Server, p *DidSaveTextDocumentParams) { s.schedule(p.TextDocument.URI, 0) }), true
	case "textDocument/didClose":
		return does(func(s *Server, p *DidCloseTextDocumentParams) { s.close(p.TextDocument.URI) }), true
	case "workspace/didChangeWatchedFiles":
		return does(func(s *Server, _ *DidChangeWatchedFilesParams) { s.reload() }), true
	case "workspace/didChangeConfiguration":
		return does(func(s *Server, _ *DidChangeConfigurationParams) { s.reload() }), true
	case "textDocument/codeAction":
		return on((*Server).codeAction), true
	}
	return route{}, false
}

// initialize finds the site from the workspace root and negotiates the
// position encoding: UTF-8 or UTF-32 when the client offers it (cheaper to
// count), else the protocol's UTF-16.
func (s *Server) initialize(p *InitializeParams) (*InitializeResult, *rpcError) {
	root := p.RootPath
	if len(p.WorkspaceFolders) > 0 {
		root = uriPath(p.WorkspaceFolders[0].URI)
	}
	if p.RootURI != "" {
		root = uriPath(p.RootURI)
	}
	enc := encUTF16
	for _, e := range []source.Encoding{encUTF8, encUTF32} {
		if slices.Contains(p.Capabilities.General.PositionEncodings, e) {
			enc = e
			break
		}
	}
	s.mu.Lock()
	s.initialized, s.root, s.enc = true, root, enc
	s.mu.Unlock()
	return &InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   enc,
			TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: SaveOptions{IncludeText: false}},
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{"quickfix"}},
		},
		ServerInfo: ServerInfo{Name: "helplint", Version: s.opts.Version},
	}, nil
}

// registerWatchers asks the client to report changes to pages and to the
// site's configuration files.
func (s *Server) registerWatchers() {
	params := RegistrationParams{Registrations: []Registration{{
		ID: "helplint-files", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: []FileSystemWatcher{
			{GlobPattern: "**/*.{md,markdown,html}"},
			{GlobPattern: "**/_config.yml"},
			{GlobPattern: "**/.helplint.yaml"},
		}},
	}}}
	_ = s.c.write(struct {
		JSONRPC string             `json:"jsonrpc"`
		ID      string             `json:"id"`
		Method  string             `json:"method"`
		Params  RegistrationParams `json:"params"`
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

// didOpen takes a buffer the client opened.
func (s *Server) didOpen(p *DidOpenTextDocumentParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	s.docs[uri] = &document{uri: uri, path: uriPath(uri), text: []byte(p.TextDocument.Text), version: p.TextDocument.Version}
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
	_ = s.c.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
}

// didChange takes the new text: the whole of it (full sync), or edits by
// range, which some clients send anyway.
func (s *Server) didChange(p *DidChangeTextDocumentParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return
	}
	for _, ch := range p.ContentChanges {
		if ch.Range == nil {
			d.text = []byte(ch.Text)
			continue
		}
		m := mapper{source.New("", d.text), s.enc}
		a, b := m.offset(ch.Range.Start), m.offset(ch.Range.End)
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
		_ = s.c.notify("window/showMessage", ShowMessageParams{Type: messageError, Message: "helplint: " + err.Error()})
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
	if d := s.docs[uri]; d == nil || d.version != version {
		s.mu.Unlock()
		return
	}
	d.findings, d.linted = findings, version
	s.mu.Unlock()
	m := mapper{source.New("", text), enc}
	diags := make([]Diagnostic, 0, len(findings))
	for _, f := range findings {
		diags = append(diags, s.diagnostic(m, f))
	}
	_ = s.c.notify("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Version: &version, Diagnostics: diags})
}

// diagnostic is a finding in the protocol's terms.
func (s *Server) diagnostic(m mapper, f lint.Finding) Diagnostic {
	sev := severityError
	if f.Severity == lint.Warning {
		sev = severityWarning
	}
	d := Diagnostic{
		Range:           m.rangeOf(f.Span.Start, f.Span.End),
		Severity:        sev,
		Source:          "helplint",
		Code:            f.Rule,
		CodeDescription: &CodeDescription{Href: DocsURL + f.Rule + ".md"},
		Message:         f.Message,
	}
	for _, rl := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: pathURI(rl.Abs), Range: relatedRange(m, f.Abs, rl)},
			Message:  rl.Message,
		})
	}
	return d
}

// relatedRange is a related location's range in the negotiated encoding:
// from the open buffer (m, the text of the file at abs) when it is there,
// else from the file on disk, its columns in characters being turned into
// the encoding's units.
func relatedRange(m mapper, abs string, rl lint.RelatedLocation) Range {
	if rl.Known && rl.Abs == abs {
		return m.rangeOf(rl.Span.Start, rl.Span.End)
	}
	data, err := os.ReadFile(rl.Abs)
	if err != nil {
		return Range{Start: Position{Line: rl.Start.Line - 1, Character: rl.Start.Column - 1},
			End: Position{Line: rl.End.Line - 1, Character: rl.End.Column - 1}}
	}
	other := mapper{source.New(rl.Abs, data), m.enc}
	return other.rangeOf(other.f.OffsetAt(rl.Start.Line, rl.Start.Column), other.f.OffsetAt(rl.End.Line, rl.End.Column))
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
