// Package table finds Markdown tables the way kramdown (Jekyll's renderer)
// does, or the way GFM does, with the exact span of every row and cell.
// goldmark cannot serve here: it drops a table with no separator row and
// pads or drops cells silently.
package table

import (
	"bytes"

	"github.com/helplint/helplint/internal/source"
)

// Dialect selects the table rules.
type Dialect int

const (
	// Kramdown: a table needs a blank line (or a block attribute list) before
	// and after it; the separator row is optional; pipes in code spans do not
	// split cells.
	Kramdown Dialect = iota
	// GFM: the second line must be the separator row; every pipe that is not
	// escaped splits cells, even inside code spans.
	GFM
)

// Cell is one cell's content, trimmed of white space.
type Cell struct {
	Span source.Span
}

// Kind tells rows apart.
type Kind int

const (
	// Data is a row of cells.
	Data Kind = iota
	// Separator is a header separator line such as |---|:--:|.
	Separator
	// Footer is a kramdown footer separator line such as |===|.
	Footer
)

// Row is one line of a table.
type Row struct {
	Kind Kind
	// Line is the whole line without its line break; Content starts after
	// any block-quote markers and indentation.
	Line    source.Span
	Content source.Span
	Cells   []Cell
	// Seps are the offsets of the pipes that separate the cells of a data
	// row: Markdown that spans one (a link) is split by it.
	Seps []int
	// Columns is the number of cells (for a separator, its number of dash groups).
	Columns int
}

// Table is a run of rows that the renderer turns into a <table>.
type Table struct {
	Rows []Row
	// HeaderRows is how many data rows come before the first separator (0: no header).
	HeaderRows  int
	LeadingPipe bool
}

// Seps lists the cell separators of every row of tables, in file order,
// in one slice of their exact number.
func Seps(tables []Table) []int {
	n := 0
	for _, t := range tables {
		for _, r := range t.Rows {
			n += len(r.Seps)
		}
	}
	if n == 0 {
		return nil
	}
	seps := make([]int, 0, n)
	for _, t := range tables {
		for _, r := range t.Rows {
			seps = append(seps, r.Seps...)
		}
	}
	return seps
}

// First returns the first data row.
func (t *Table) First() *Row {
	for i := range t.Rows {
		if t.Rows[i].Kind == Data {
			return &t.Rows[i]
		}
	}
	return nil
}

// Scan finds the tables in src[from:]. skip reports lines that belong to
// code blocks, HTML blocks and the like, which are never table rows.
// It runs in time linear in the length of src.
func Scan(src []byte, from int, skip func(off int) bool, d Dialect) []Table {
	var tables []Table
	boundary := true // kramdown: the start of the body is a block boundary
	// a table starts on a line with a pipe: none starts after the last one,
	// and most pages have none at all
	last := bytes.LastIndexByte(src, '|')
	for ls := from; ls <= last && ls < len(src); {
		le := ls + indexByte(src[ls:], '\n')
		// most lines are not tables: look at their first bytes before anything else
		first := ls
		for first < le && (src[first] == ' ' || src[first] == '\t' || src[first] == '>') {
			first++
		}
		// kramdown's TABLE_START: any line with an unescaped pipe, at a block boundary
		if boundary && first < le && hasUnescapedPipe(src[first:le]) {
			if skip == nil || !skip(ls) {
				if t, end := scanTable(src, ls, skip, d); end > ls {
					tables = append(tables, t)
					ls, boundary = end, false
					continue
				}
			}
		}
		if skip != nil && first < le && skip(ls) {
			boundary = false
		} else {
			l := newLine(src, ls, le, false)
			boundary = l.blank() || l.eob() || l.blockIAL()
		}
		ls = le + 1
	}
	return tables
}

type line struct {
	src      []byte      // the whole source; a slice header, not a copy
	span     source.Span // without '\r' and '\n'
	content  source.Span // after block-quote markers and indentation
	skip     bool
	hasPipe  bool // an unescaped pipe (kramdown's TABLE_PIPE_CHECK)
	sepLine  bool
	footLine bool
}

func hasUnescapedPipe(text []byte) bool {
	for k := 0; k < len(text); k++ {
		if text[k] == '|' && (k == 0 || text[k-1] != '\\') {
			return true
		}
	}
	return false
}

func indexByte(b []byte, c byte) int {
	if i := bytes.IndexByte(b, c); i >= 0 {
		return i
	}
	return len(b)
}

func newLine(src []byte, ls, le int, skip bool) line {
	end := le
	if end > ls && src[end-1] == '\r' {
		end--
	}
	l := line{src: src, span: source.Span{Start: ls, End: end}, skip: skip}
	i := ls
	for {
		j := i
		for j < end && j-i < 3 && src[j] == ' ' {
			j++
		}
		if j < end && src[j] == '>' {
			i = j + 1
			if i < end && src[i] == ' ' {
				i++
			}
			continue
		}
		break
	}
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	c := end
	for c > i && (src[c-1] == ' ' || src[c-1] == '\t') {
		c--
	}
	l.content = source.Span{Start: i, End: c}
	text := src[i:c]
	l.hasPipe = hasUnescapedPipe(text)
	l.sepLine = onlyChars(text, "+|: \t-", '-')
	l.footLine = onlyChars(text, "+|: \t=", '=')
	return l
}

// onlyChars reports whether text is made of the allowed bytes and holds must.
func onlyChars(text []byte, allowed string, must byte) bool {
	seen := false
	for _, c := range text {
		if bytes.IndexByte([]byte(allowed), c) < 0 {
			return false
		}
		seen = seen || c == must
	}
	return seen
}

func (l line) text() []byte         { return l.src[l.content.Start:l.content.End] }
func (l line) blank() bool          { return l.content.Start == l.content.End }
func (l line) eob() bool            { return bytes.Equal(l.text(), []byte("^")) }
func (l line) startsWithPipe() bool { return len(l.text()) > 0 && l.text()[0] == '|' }
func (l line) blockIAL() bool {
	t := l.text()
	return len(t) > 2 && t[0] == '{' && t[1] == ':' && t[len(t)-1] == '}'
}

// scanTable reads the table whose first line starts at ls; it returns the
// table and the offset after its last line, or ls when the lines are not a table.
func scanTable(src []byte, ls int, skip func(int) bool, d Dialect) (Table, int) {
	first := newLine(src, ls, ls+indexByte(src[ls:], '\n'), false)
	t := Table{LeadingPipe: first.startsWithPipe()}
	n := 0
	body := 0
	sawSep := false
	at := ls
	var next line
	hasNext := false
	for at < len(src) {
		le := at + indexByte(src[at:], '\n')
		l := newLine(src, at, le, skip != nil && skip(at))
		if l.skip || !l.hasPipe {
			next, hasNext = l, true
			break
		}
		n++
		switch {
		case l.sepLine:
			t.Rows = append(t.Rows, Row{Kind: Separator, Line: l.span, Content: l.content, Columns: dashGroups(l.text())})
			if !sawSep && t.dataRows() > 0 {
				t.HeaderRows = t.dataRows()
			}
			sawSep = true
		case l.footLine && d == Kramdown:
			t.Rows = append(t.Rows, Row{Kind: Footer, Line: l.span, Content: l.content})
		default:
			r := Row{Kind: Data, Line: l.span, Content: l.content, Seps: pipes(src, l.content, d)}
			if len(r.Seps) == 0 { // kramdown rejects a table line whose only pipes are code
				return Table{}, ls
			}
			r.Cells = splitCells(src, l.content, r.Seps, t.LeadingPipe)
			r.Columns = len(r.Cells)
			t.Rows = append(t.Rows, r)
			if t.HeaderRows > 0 || (sawSep && t.dataRows() > 0) {
				body++
			}
		}
		at = le + 1
	}
	if n == 0 {
		return Table{}, ls
	}
	end := min(at, len(src))
	if d == GFM {
		// GFM: a header row, then at once a separator with the same number of cells
		if n < 2 || t.Rows[0].Kind != Data || t.Rows[1].Kind != Separator || t.Rows[1].Columns != t.Rows[0].Columns {
			return Table{}, ls
		}
		return t, end
	}
	// kramdown: the table must end at a block boundary, and have a body
	if hasNext && (next.skip || !(next.blank() || next.eob() || next.blockIAL())) {
		return Table{}, ls
	}
	if t.HeaderRows == 0 {
		body = t.dataRows()
	}
	if body == 0 {
		return Table{}, ls
	}
	return t, end
}

func (t *Table) dataRows() int {
	c := 0
	for _, r := range t.Rows {
		if r.Kind == Data {
			c++
		}
	}
	return c
}

// dashGroups counts the columns of a separator line: its runs of dashes.
func dashGroups(text []byte) int {
	n := 0
	for k := 0; k < len(text); k++ {
		if text[k] == '-' && (k == 0 || text[k-1] != '-') {
			n++
		}
	}
	return n
}

// splitCells splits a row at its separators seps (see pipes). As kramdown
// does, an empty first cell is dropped when the table has a leading pipe,
// and an empty last cell always.
func splitCells(src []byte, s source.Span, seps []int, leadingPipe bool) []Cell {
	var cells []Cell
	start := s.Start
	for _, p := range seps {
		cells = append(cells, Cell{Span: trim(src, source.Span{Start: start, End: p})})
		start = p + 1
	}
	cells = append(cells, Cell{Span: trim(src, source.Span{Start: start, End: s.End})})
	if leadingPipe && len(cells) > 0 && cells[0].Span.Len() == 0 {
		cells = cells[1:]
	}
	if len(cells) > 0 && cells[len(cells)-1].Span.Len() == 0 {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// pipes returns the offsets of the cell separators in s: pipes not escaped
// and, for kramdown, not inside code spans. An HTML entity (&#124;) is no pipe.
func pipes(src []byte, s source.Span, d Dialect) []int {
	var code []source.Span
	if d == Kramdown {
		code = codeSpans(src, s)
	}
	var out []int
	c := 0
	for k := s.Start; k < s.End; k++ {
		for c < len(code) && code[c].End <= k {
			c++
		}
		if c < len(code) && code[c].Start <= k {
			k = code[c].End - 1
			continue
		}
		switch src[k] {
		case '\\':
			k++
		case '|':
			out = append(out, k)
		}
	}
	return out
}

// codeSpans finds the code spans of one line in linear time: a run of n
// backticks opens a span closed by the next run of exactly n backticks.
func codeSpans(src []byte, s source.Span) []source.Span {
	type run struct{ start, n int }
	var runs []run
	for k := s.Start; k < s.End; k++ {
		if src[k] == '\\' && k+1 < s.End && src[k+1] == '`' {
			k++
			continue
		}
		if src[k] == '`' {
			j := k
			for j < s.End && src[j] == '`' {
				j++
			}
			runs = append(runs, run{k, j - k})
			k = j - 1
		}
	}
	// next[i] is the index of the next run with the same length as run i
	next := make([]int, len(runs))
	last := map[int]int{}
	for i := len(runs) - 1; i >= 0; i-- {
		if j, ok := last[runs[i].n]; ok {
			next[i] = j
		} else {
			next[i] = -1
		}
		last[runs[i].n] = i
	}
	var spans []source.Span
	for i := 0; i < len(runs); {
		j := next[i]
		if j < 0 {
			i++
			continue
		}
		spans = append(spans, source.Span{Start: runs[i].start, End: runs[j].start + runs[j].n})
		i = j + 1
	}
	return spans
}

func trim(src []byte, s source.Span) source.Span {
	for s.Start < s.End && (src[s.Start] == ' ' || src[s.Start] == '\t') {
		s.Start++
	}
	for s.End > s.Start && (src[s.End-1] == ' ' || src[s.End-1] == '\t') {
		s.End--
	}
	return s
}
