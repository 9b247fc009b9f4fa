package rules

import (
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/table"
)

// tableColumns reports rows (and separator lines) whose number of cells
// differs from the header row's: kramdown pads short rows with empty cells
// and gives extra cells no header.
func tableColumns() *lint.Rule {
	return &lint.Rule{
		Name:     "table-columns",
		Doc:      doc("table-columns"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			for i := range p.Page.Tables {
				t := &p.Page.Tables[i]
				first := t.First()
				if first == nil {
					continue
				}
				what := "the header row"
				if t.HeaderRows == 0 {
					what = "the first row"
				}
				for _, r := range t.Rows {
					switch {
					case r.Kind == table.Data && r.Line != first.Line && r.Columns != first.Columns:
						p.Reportf(r.Content, "row has %s, but %s has %d: kramdown pads short rows with empty cells and leaves extra cells without a header; give every row %d cells (write a pipe inside a cell as \\| or &#124;)",
							cells(r.Columns), what, first.Columns, first.Columns)
					case r.Kind == table.Separator && r.Columns != first.Columns:
						p.Reportf(r.Content, "separator line has %s, but %s has %d: give it one --- per column", cells(r.Columns), what, first.Columns)
					}
				}
			}
		},
	}
}

func cells(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return itoa(n) + " cells"
}
