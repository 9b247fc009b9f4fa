package rules

import (
	"bytes"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/table"
)

// TableHeaderOptions are table-header's options.
type TableHeaderOptions struct {
	// FirstRowHeader makes the fix insert a separator after the first row of
	// every table, not only of tables whose first row is wholly bold.
	FirstRowHeader bool `yaml:"first_row_header"`
}

// tableHeader reports a table with no separator row after its first row:
// kramdown then renders no header cells at all.
func tableHeader() *lint.Rule {
	return &lint.Rule{
		Name:     "table-header",
		Doc:      doc("table-header"),
		Severity: lint.Error,
		Fixable:  true,
		Options:  func() any { return &TableHeaderOptions{} },
		Run: func(p *lint.Pass) {
			opts := p.Options.(*TableHeaderOptions)
			src := p.Page.File.Text
			for i := range p.Page.Tables {
				t := &p.Page.Tables[i]
				if t.HeaderRows > 0 {
					continue
				}
				first := t.First()
				if first == nil {
					continue
				}
				d := lint.Diagnostic{Span: first.Content,
					Message: "table has no header row: with no separator line after the first row, every row renders as a body row (<td>) and screen readers announce a table without headers; add a line such as |---|---| after the header row"}
				if !t.LeadingPipe {
					d.Message = "this line holds a |, so kramdown renders it as a table (with no header row): write the pipe as \\| or &#124; if it is text, or start the table's rows with | and add a separator line"
				}
				if t.Rows[0].Kind == table.Separator {
					d.Message = "table has no header row: its separator line comes before any row, so kramdown ignores it and every row renders as a body row (<td>); put the header row above the separator line"
				}
				if t.LeadingPipe && t.Rows[0].Kind == table.Data && (opts.FirstRowHeader || allBold(src, first.Cells)) {
					d.Fixes = []lint.Fix{separatorFix(src, t, first)}
				}
				p.Report(d)
			}
		},
	}
}

// allBold reports whether every cell is wholly bold (**text** or __text__).
func allBold(src []byte, cells []table.Cell) bool {
	if len(cells) == 0 {
		return false
	}
	for _, c := range cells {
		t := src[c.Span.Start:c.Span.End]
		ok := false
		for _, m := range []string{"**", "__"} {
			if len(t) > 2*len(m) && bytes.HasPrefix(t, []byte(m)) && bytes.HasSuffix(t, []byte(m)) &&
				!bytes.Contains(t[len(m):len(t)-len(m)], []byte(m)) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// separatorFix inserts a separator line after row r, in the table's style:
// the same container prefix (block quote, indentation), leading and
// trailing pipes as the row, padding like the row, and its line ending.
func separatorFix(src []byte, t *table.Table, r *table.Row) lint.Fix {
	prefix := string(src[r.Line.Start:r.Content.Start])
	row := src[r.Content.Start:r.Content.End]
	padded := len(row) > 1 && row[0] == '|' && row[1] == ' '
	cell := "---"
	if padded {
		cell = " --- "
	}
	var sb strings.Builder
	sb.WriteString(prefix)
	if t.LeadingPipe {
		sb.WriteByte('|')
	}
	for i := 0; i < r.Columns; i++ {
		if i > 0 {
			sb.WriteByte('|')
		}
		sb.WriteString(cell)
	}
	if bytes.HasSuffix(row, []byte("|")) {
		sb.WriteByte('|')
	}
	eol := "\n"
	if r.Line.End < len(src) && src[r.Line.End] == '\r' {
		eol = "\r\n"
	}
	// insert at the start of the next line; when the row ends the file, after it
	at := r.Line.End + len(eol)
	text := sb.String() + eol
	if at > len(src) {
		at = len(src)
		text = eol + sb.String()
	}
	return lint.Fix{Message: "insert a header separator line", Edits: []lint.Edit{{Span: source.Span{Start: at, End: at}, New: text}}}
}
