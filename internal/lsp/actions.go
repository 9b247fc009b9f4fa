package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/helplint/helplint/internal/lint"
)

// codeAction offers, for each finding in the requested range, its safe fix
// (preferred) and a comment that disables its rule for that line.
func (s *Server) codeAction(raw json.RawMessage) (any, *rpcError) {
	var p struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
		Range Range `json:"range"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || d.linted != d.version {
		s.mu.Unlock()
		return []any{}, nil // not linted as it stands: no edit can be trusted
	}
	text, findings, version, enc := d.text, d.findings, d.version, s.enc
	s.mu.Unlock()
	l := newLines(text, enc)
	from, to := l.offset(p.Range.Start), l.offset(p.Range.End)
	actions := []any{}
	for _, f := range findings {
		if f.Span.End < from || f.Span.Start > to {
			continue
		}
		diag := s.diagnostic(l, f)
		if f.Fix != nil {
			var edits []any
			for _, e := range f.Fix.Edits {
				edits = append(edits, map[string]any{"range": l.rangeOf(e.Span.Start, e.Span.End), "newText": e.New})
			}
			actions = append(actions, action(f.Fix.Message+" ("+f.Rule+")", p.TextDocument.URI, version, diag, edits, true))
		}
		if at, line := suppression(text, f); line != "" {
			edit := map[string]any{"range": l.rangeOf(at, at), "newText": line}
			actions = append(actions, action(fmt.Sprintf("Disable %s for this line", f.Rule), p.TextDocument.URI, version, diag, []any{edit}, false))
		}
	}
	return actions, nil
}

// action is a quick fix that edits one document.
func action(title, uri string, version int, diag map[string]any, edits []any, preferred bool) map[string]any {
	return map[string]any{
		"title":       title,
		"kind":        "quickfix",
		"diagnostics": []any{diag},
		"isPreferred": preferred,
		"edit": map[string]any{"documentChanges": []any{map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version},
			"edits":        edits,
		}}},
	}
}

// suppression returns where to insert a comment that disables the
// finding's rule for its line, and the comment: a YAML comment inside front
// matter, a Liquid comment in the body, each on a line of its own above the
// finding's, indented like it. On the opening fence (where a line above
// would end the front matter) the rule is disabled for the file instead,
// at its end.
func suppression(text []byte, f lint.Finding) (int, string) {
	start := bytes.LastIndexByte(text[:f.Span.Start], '\n') + 1
	indent := start
	for indent < len(text) && (text[indent] == ' ' || text[indent] == '\t') {
		indent++
	}
	pad := string(text[start:indent])
	nl := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		nl = "\r\n"
	}
	fmEnd := frontMatterEnd(text)
	switch {
	case fmEnd > 0 && start == 0:
		end := "{% comment %}helplint-disable-file " + f.Rule + "{% endcomment %}" + nl
		if len(text) > 0 && text[len(text)-1] != '\n' {
			end = nl + end
		}
		return len(text), end
	case start < fmEnd:
		return start, pad + "# helplint-disable-next-line " + f.Rule + nl
	}
	return start, pad + "{% comment %}helplint-disable-next-line " + f.Rule + "{% endcomment %}" + nl
}

// frontMatterEnd is the offset of the closing fence of the front matter at
// the top of text, or 0 when there is none.
func frontMatterEnd(text []byte) int {
	if bom := []byte("\ufeff"); bytes.HasPrefix(text, bom) {
		if end := frontMatterEnd(text[len(bom):]); end > 0 {
			return len(bom) + end
		}
		return 0
	}
	if !bytes.HasPrefix(text, []byte("---")) {
		return 0
	}
	i := bytes.IndexByte(text, '\n')
	for i >= 0 && i+1 < len(text) {
		j := bytes.IndexByte(text[i+1:], '\n')
		line := text[i+1:]
		if j >= 0 {
			line = text[i+1 : i+1+j]
		}
		line = bytes.TrimRight(line, " \t\r")
		if string(line) == "---" || string(line) == "..." {
			return i + 1
		}
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return 0
}
