package lsp

import (
	"encoding/json"
	"errors"

	"github.com/helplint/helplint/internal/source"
)

// The part of LSP 3.17 the server speaks, typed. Field names follow the
// specification's; only what the server reads or writes is here.

// Position encodings a client may offer (LSP 3.17's PositionEncodingKind).
const (
	encUTF8  = source.UTF8
	encUTF16 = source.UTF16
	encUTF32 = source.UTF32
)

// Position is a zero-based line and a character offset in the negotiated encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a span between two positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// VersionedTextDocumentIdentifier names a version of a document.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int    `json:"version"`
}

// TextDocumentItem is a document the client opened.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

// InitializeParams are the parameters of initialize.
type InitializeParams struct {
	RootURI          string             `json:"rootUri"`
	RootPath         string             `json:"rootPath"`
	WorkspaceFolders []WorkspaceFolder  `json:"workspaceFolders"`
	Capabilities     ClientCapabilities `json:"capabilities"`
}

// WorkspaceFolder is one of the client's workspace folders.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// ClientCapabilities are what the client can do; the server reads only the
// position encodings it offers.
type ClientCapabilities struct {
	General struct {
		PositionEncodings []source.Encoding `json:"positionEncodings"`
	} `json:"general"`
}

// InitializeResult answers initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
}

// ServerCapabilities are what the server offers.
type ServerCapabilities struct {
	PositionEncoding   source.Encoding         `json:"positionEncoding"`
	TextDocumentSync   TextDocumentSyncOptions `json:"textDocumentSync"`
	CodeActionProvider CodeActionOptions       `json:"codeActionProvider"`
}

// Text document sync kinds.
const syncFull = 1

// TextDocumentSyncOptions says which document notifications the server wants.
type TextDocumentSyncOptions struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      SaveOptions `json:"save"`
}

// SaveOptions says whether didSave carries the text.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// CodeActionOptions lists the kinds of code action the server offers.
type CodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// DidOpenTextDocumentParams are the parameters of textDocument/didOpen.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// DidChangeTextDocumentParams are the parameters of textDocument/didChange.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// TextDocumentContentChangeEvent is the whole new text (no Range) or an
// edit of a range.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidSaveTextDocumentParams are the parameters of textDocument/didSave.
type DidSaveTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

// DidCloseTextDocumentParams are the parameters of textDocument/didClose.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// DidChangeWatchedFilesParams are the parameters of workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// FileEvent is a file the client saw created (1), changed (2) or deleted (3).
type FileEvent struct {
	URI  string `json:"uri"`
	Type int    `json:"type"`
}

// DidChangeConfigurationParams are the parameters of
// workspace/didChangeConfiguration; the settings are the client's own and
// the server reads none of them (its configuration is the site's files).
type DidChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}

// CodeActionParams are the parameters of textDocument/codeAction.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      CodeActionContext      `json:"context"`
}

// CodeActionContext is the client's diagnostics at the range. The server
// answers from its own findings, and leaves the diagnostics undecoded: they
// may be other servers', whose codes are numbers.
type CodeActionContext struct {
	Diagnostics []json.RawMessage `json:"diagnostics"`
	Only        []string          `json:"only,omitempty"`
}

// CodeAction is a quick fix.
type CodeAction struct {
	Title       string        `json:"title"`
	Kind        string        `json:"kind"`
	Diagnostics []Diagnostic  `json:"diagnostics"`
	IsPreferred bool          `json:"isPreferred"`
	Edit        WorkspaceEdit `json:"edit"`
}

// WorkspaceEdit is a set of edits, by document version.
type WorkspaceEdit struct {
	DocumentChanges []TextDocumentEdit `json:"documentChanges"`
}

// TextDocumentEdit edits one version of one document.
type TextDocumentEdit struct {
	TextDocument VersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                      `json:"edits"`
}

// TextEdit replaces a range with new text.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// PublishDiagnosticsParams are the parameters of textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Diagnostic severities.
const (
	severityError   = 1
	severityWarning = 2
)

// Diagnostic is a finding in the protocol's terms.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           int                            `json:"severity"`
	Source             string                         `json:"source"`
	Code               string                         `json:"code"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
}

// CodeDescription links a diagnostic's code to its documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// DiagnosticRelatedInformation is another place a diagnostic concerns.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// RegistrationParams are the parameters of client/registerCapability.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// Registration asks the client for one capability.
type Registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

// DidChangeWatchedFilesRegistrationOptions are the files to watch.
type DidChangeWatchedFilesRegistrationOptions struct {
	Watchers []FileSystemWatcher `json:"watchers"`
}

// FileSystemWatcher is a glob of files to watch.
type FileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
}

// Message types of window/showMessage.
const messageError = 1

// ShowMessageParams are the parameters of window/showMessage.
type ShowMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}

// errNoURI is the error of params that name no document.
var errNoURI = errors.New("textDocument.uri is missing")

// checker is params that can say what they lack after they decoded.
type checker interface{ check() error }

func (p *DidOpenTextDocumentParams) check() error   { return needURI(p.TextDocument.URI) }
func (p *DidChangeTextDocumentParams) check() error { return needURI(p.TextDocument.URI) }
func (p *DidSaveTextDocumentParams) check() error   { return needURI(p.TextDocument.URI) }
func (p *DidCloseTextDocumentParams) check() error  { return needURI(p.TextDocument.URI) }
func (p *CodeActionParams) check() error            { return needURI(p.TextDocument.URI) }

func needURI(uri string) error {
	if uri == "" {
		return errNoURI
	}
	return nil
}

// decode reads params into v: JSON that does not fit v's type, or params
// that lack what v needs, is invalid params. Absent params (a notification
// such as initialized may send none) leave v as it is.
func decode(raw json.RawMessage, v any) *rpcError {
	if len(raw) > 0 && string(raw) != "null" {
		if err := json.Unmarshal(raw, v); err != nil {
			return &rpcError{codeInvalidParams, "invalid params: " + err.Error()}
		}
	}
	if c, ok := v.(checker); ok {
		if err := c.check(); err != nil {
			return &rpcError{codeInvalidParams, "invalid params: " + err.Error()}
		}
	}
	return nil
}
