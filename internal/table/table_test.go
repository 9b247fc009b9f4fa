package table

import (
	"fmt"
	"strings"
	"testing"
)

// render describes tables compactly: one line per row, "H" for a header
// row, "S" separator, "D" data, "F" footer, then the row's line number and cells.
func render(src string, d Dialect) string {
	var sb strings.Builder
	for ti, t := range Scan([]byte(src), 0, nil, d) {
		fmt.Fprintf(&sb, "table %d header=%d\n", ti, t.HeaderRows)
		data := 0
		for _, r := range t.Rows {
			line := strings.Count(src[:r.Line.Start], "\n") + 1
			kind := "D"
			switch r.Kind {
			case Separator:
				kind = "S"
			case Footer:
				kind = "F"
			default:
				data++
				if data <= t.HeaderRows {
					kind = "H"
				}
			}
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, src[c.Span.Start:c.Span.End])
			}
			fmt.Fprintf(&sb, "%s%d %d %s\n", kind, line, r.Columns, strings.Join(cells, "¦"))
		}
	}
	return sb.String()
}

func TestScanKramdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no separator", "|  **Error Code**    | **Next Steps** |\n|5001  | Try again|\n|6001    | Name mismatch.|\n",
			"table 0 header=0\nD1 2 **Error Code**¦**Next Steps**\nD2 2 5001¦Try again\nD3 2 6001¦Name mismatch.\n"},
		{"header", "| a | b |\n|---|:-:|\n| c | d |\n",
			"table 0 header=1\nH1 2 a¦b\nS2 2 \nD3 2 c¦d\n"},
		{"escaped pipes, entities, code", "| x | `a|b` | c \\| d | e &#124; f |\n|---|---|\n| 1 | 2 | 3 | 4 | 5 |\n",
			"table 0 header=1\nH1 4 x¦`a|b`¦c \\| d¦e &#124; f\nS2 2 \nD3 5 1¦2¦3¦4¦5\n"},
		{"after heading: not a table", "## H\n| a | b |\n| c | d |\n", ""},
		{"no boundary after: not a table", "| a | b |\ntext\n", ""},
		{"header only: not a table", "| h1 | h2 |\n|---|---|\n", ""},
		{"separator first: no header", "|---|---|\n| only | body |\n", "table 0 header=0\nS1 2 \nD2 2 only¦body\n"},
		{"after IAL", "{: .cls}\n| a | b |\n\n", "table 0 header=0\nD2 2 a¦b\n"},
		{"no closing pipe", "| no close\n| pipe |\n", "table 0 header=0\nD1 1 no close\nD2 1 pipe\n"},
		{"block quote", "> | q | r |\n> |---|---|\n> | s | t |\n", "table 0 header=1\nH1 2 q¦r\nS2 2 \nD3 2 s¦t\n"},
		{"list item", "1. item\n\n   | a | b |\n   | c | d |\n", "table 0 header=0\nD3 2 a¦b\nD4 2 c¦d\n"},
		{"liquid pipes are masked before scanning", "| xxxxxxxxxxx | b |\n", "table 0 header=0\nD1 2 xxxxxxxxxxx¦b\n"},
		{"crlf and no final newline", "| a | b |\r\n|---|---|\r\n| c | d |", "table 0 header=1\nH1 2 a¦b\nS2 2 \nD3 2 c¦d\n"},
		{"pipes only in code: not a table", "| `a` |\n", "table 0 header=0\nD1 1 `a`\n"},
		{"footer", "| a |\n|---|\n| b |\n|===|\n| c |\n", "table 0 header=1\nH1 1 a\nS2 1 \nD3 1 b\nF4 0 \nD5 1 c\n"},
	}
	for _, tt := range tests {
		if got := render(tt.in, Kramdown); got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}

func TestScanGFM(t *testing.T) {
	if got := render("| a | b |\n| c | d |\n", GFM); got != "" {
		t.Errorf("GFM table without separator:\n%s", got)
	}
	if got, want := render("| a | `x|y` |\n|---|---|---|\n", GFM), "table 0 header=1\nH1 3 a¦`x¦y`\nS2 3 \n"; got != want {
		t.Errorf("GFM splits code spans:\n%s\nwant\n%s", got, want)
	}
}

func TestSkip(t *testing.T) {
	src := "```\n| a | b |\n```\n"
	got := Scan([]byte(src), 0, func(off int) bool { return off < len(src) }, Kramdown)
	if len(got) != 0 {
		t.Errorf("table found in skipped lines: %+v", got)
	}
}

func TestLinear(t *testing.T) {
	// a long table and a line of many backticks must not take quadratic time
	var sb strings.Builder
	sb.WriteString("| a | b |\n|---|---|\n")
	for i := 0; i < 20000; i++ {
		sb.WriteString("| cell | `code` |\n")
	}
	sb.WriteString("|" + strings.Repeat("`", 100000) + "|\n")
	tables := Scan([]byte(sb.String()), 0, nil, Kramdown)
	if len(tables) != 1 || len(tables[0].Rows) != 20003 {
		t.Fatalf("got %d tables", len(tables))
	}
}

// TestSeps checks the separators a data row records: the pipes that split
// its cells, not those escaped, in entities or (kramdown) in code.
func TestSeps(t *testing.T) {
	src := "| a | `b|c` | d \\| e | [f | g](/h) |\n|---|---|---|---|---|---|\n| x | y |\n"
	for _, tc := range []struct {
		d    Dialect
		want []int
	}{
		{Kramdown, []int{0, 4, 12, 21, 26, 35}},
		{GFM, []int{0, 4, 8, 12, 21, 26, 35}},
	} {
		tables := Scan([]byte(src), 0, nil, tc.d)
		if len(tables) != 1 {
			t.Fatalf("%v: %d tables", tc.d, len(tables))
		}
		if got := tables[0].Rows[0].Seps; fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%v: Seps = %v, want %v", tc.d, got, tc.want)
		}
		if sep := tables[0].Rows[1]; sep.Seps != nil {
			t.Errorf("%v: a separator row has Seps %v", tc.d, sep.Seps)
		}
	}
}
