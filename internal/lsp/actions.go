package lsp

import (
	"fmt"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// codeAction offers, for each finding in the requested range, its safe fix
// (preferred) and a comment that disables its rule for that line.
func (s *Server) codeAction(p *CodeActionParams) ([]CodeAction, *rpcError) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || d.linted != d.version {
		s.mu.Unlock()
		return []CodeAction{}, nil // not linted as it stands: no edit can be trusted
	}
	text, findings, version, enc := d.text, d.findings, d.version, s.enc
	s.mu.Unlock()
	m := mapper{source.New("", text), enc}
	from, to := m.offset(p.Range.Start), m.offset(p.Range.End)
	actions := []CodeAction{}
	doc := VersionedTextDocumentIdentifier{URI: uri, Version: version}
	for _, f := range findings {
		if f.Span.End < from || f.Span.Start > to {
			continue
		}
		diag := s.diagnostic(m, f)
		if f.Fix != nil {
			var edits []TextEdit
			for _, e := range f.Fix.Edits {
				edits = append(edits, TextEdit{Range: m.rangeOf(e.Span.Start, e.Span.End), NewText: e.New})
			}
			actions = append(actions, action(f.Fix.Message+" ("+f.Rule+")", doc, diag, edits, true))
		}
		if at, line := suppression(text, f); line != "" {
			edit := TextEdit{Range: m.rangeOf(at, at), NewText: line}
			actions = append(actions, action(fmt.Sprintf("Disable %s for this line", f.Rule), doc, diag, []TextEdit{edit}, false))
		}
	}
	return actions, nil
}

// action is a quick fix that edits one document.
func action(title string, doc VersionedTextDocumentIdentifier, diag Diagnostic, edits []TextEdit, preferred bool) CodeAction {
	return CodeAction{
		Title:       title,
		Kind:        "quickfix",
		Diagnostics: []Diagnostic{diag},
		IsPreferred: preferred,
		Edit:        WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{TextDocument: doc, Edits: edits}}},
	}
}

// suppression returns where to insert a comment that disables the
// finding's rule for its line, and the comment (page.SuppressionInsert).
func suppression(text []byte, f lint.Finding) (int, string) {
	return page.SuppressionInsert(text, f.Span.Start, f.Rule)
}

// mapper turns byte offsets of a text into positions in the negotiated
// encoding, and back.
type mapper struct {
	f   *source.File
	enc source.Encoding
}

func (m mapper) position(off int) Position {
	line, units := m.f.Units(off, m.enc)
	return Position{Line: line, Character: units}
}

func (m mapper) offset(p Position) int { return m.f.UnitOffset(p.Line, p.Character, m.enc) }

func (m mapper) rangeOf(start, end int) Range {
	return Range{Start: m.position(start), End: m.position(end)}
}
