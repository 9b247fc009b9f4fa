package page

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Bounds on what goldmark is handed: two of its paths are quadratic, and a
// page must finish in time linear in its size (issue 29).

// MaxNesting is the deepest nesting of lists and block quotes helplint
// reads. goldmark's work on a line grows with the number of open blocks
// times the line's indentation, so a list nested 2,000 deep took half a
// minute; kramdown itself runs out of stack between 600 and 1,000 levels
// (measured with kramdown 2.4), and no real page comes near 100.
const MaxNesting = 100

// newMarkdown is goldmark as NewParser configures it, with a link
// reference transformer that reads long runs of definitions in slices,
// and paragraphs without inline markup the page model reads kept from
// goldmark's inline pass (plainParagraphs; lower priorities run first).
func newMarkdown() goldmark.Markdown {
	return markdownWith(util.Prioritized(slicedRefs{}, 100), util.Prioritized(plainParagraphs{}, 200))
}

// markdownWith is goldmark as NewParser configures it with the paragraph
// transformers pts (their tests compare newMarkdown with goldmark's own).
func markdownWith(pts ...util.PrioritizedValue) goldmark.Markdown {
	return goldmark.New(goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(pts...),
		parser.WithAttribute(),
	)))
}

// refSlice is how many lines of a paragraph goldmark's link reference
// transformer reads at once. It copies the paragraph's remaining lines
// after each definition it removes, and looks up each label from the last
// line back: 40,000 definitions in a row took 15 s.
const refSlice = 64

// oneLineDef is a link reference definition complete on its line: a line
// after it that starts with `[` cannot be its title, so a paragraph cut
// between two such lines reads as the whole one would.
var oneLineDef = regexp.MustCompile(`^ {0,3}\[[^\[\]\\\n]+\]:[ \t]*[^\s"'(][^\s]*([ \t]+("[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\r?\n?$`)

// slicedRefs is goldmark's LinkReferenceParagraphTransformer applied to
// slices of a long paragraph, cut only between two one-line definitions,
// and only while every slice before was all definitions (after other
// text, a definition is paragraph text).
type slicedRefs struct{}

func (slicedRefs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() == 0 || noByte(reader.Source(), lines, '[') {
		return // every definition starts with [: goldmark's transformer would only allocate its reader
	}
	if lines.Len() <= refSlice {
		parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
		return
	}
	src, parent := reader.Source(), node.Parent()
	def := func(i int) bool { s := lines.At(i); return oneLineDef.Match(s.Value(src)) }
	for at := 0; at < lines.Len(); {
		end := min(at+refSlice, lines.Len())
		for end < lines.Len() && !(def(end-1) && def(end)) {
			end++
		}
		part := ast.NewParagraph()
		seg := text.NewSegments()
		seg.AppendAll(lines.Sliced(at, end))
		part.SetLines(seg)
		part.SetBlankPreviousLines(at == 0 && node.HasBlankPreviousLines())
		parent.InsertBefore(parent, node, part)
		parser.LinkReferenceParagraphTransformer.Transform(part, reader, pc)
		if part.Parent() != nil {
			// text after the definitions: it and the rest are the paragraph
			rest := part.Lines()
			rest.AppendAll(lines.Sliced(end, lines.Len()))
			parent.RemoveChild(parent, part)
			node.SetLines(rest)
			return
		}
		at = end
	}
	parent.RemoveChild(parent, node)
}

// nestingCut returns the offset of the first line of body[from:] whose
// lists and block quotes nest deeper than MaxNesting, and that depth; -1
// when none does. The depth is estimated from indentation and markers as
// CommonMark nests them (a lazy continuation line counts as ending the
// items it is not indented into, which only lowers the estimate).
func nestingCut(body []byte, from int) (int, int) {
	var items []int // content columns of the open list items
	for i := from; i < len(body); {
		start := i
		col, quotes := 0, 0
	prefix:
		for ; i < len(body); i++ {
			switch body[i] {
			case ' ':
				col++
			case '\t':
				col += 4 - col%4
			case '>':
				quotes++
				col = 0
				items = items[:0] // a quote's items are counted by its markers
			default:
				break prefix
			}
		}
		for len(items) > 0 && items[len(items)-1] > col && !(i < len(body) && (body[i] == '\n' || body[i] == '\r')) {
			items = items[:len(items)-1]
		}
		open := len(items)
		for {
			w := listMarker(body[i:])
			if w == 0 {
				break
			}
			items = append(items, col+w)
			col += w
			i += w
			for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
				i++
			}
		}
		if i >= len(body) || body[i] == '\n' || body[i] == '\r' {
			items = items[:open] // `- - -` alone is a rule, not lists
		}
		if d := len(items) + quotes; d > MaxNesting {
			return start, d
		}
		nl := bytes.IndexByte(body[i:], '\n') // the rest of the line is text
		if nl < 0 {
			break
		}
		i += nl + 1
	}
	return -1, 0
}

// listMarker returns the width of a list marker and the space after it at
// the start of b (`- `, `1. `), or 0.
func listMarker(b []byte) int {
	n := 0
	for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	switch {
	case n > 0 && n < len(b) && (b[n] == '.' || b[n] == ')'):
		n++
	case n == 0 && len(b) > 0 && (b[0] == '-' || b[0] == '*' || b[0] == '+'):
		n = 1
	default:
		return 0
	}
	if n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		return n + 1
	}
	return 0
}

// maxOpenings is how many `](` one run of text without white space may
// hold before helplint stops reading its Markdown: goldmark reads each
// opening's destination to the end of the run, so `[a](` repeated 50,000
// times took minutes. No link destination holds a space, so no real run
// comes near (a data: URI is one long destination with one opening).
const maxOpenings = 256

// maxBrackets is how many `[` one line may hold, and maxRunBrackets one
// run without white space: goldmark keeps about 400 bytes for each, so a
// line of 800 KB of `[` took 300 MB.
const (
	maxBrackets    = 1 << 16
	maxRunBrackets = 1 << 10
)

// maxPageMarks bounds the brackets and emphasis and code marks of a whole
// page, and its lines (headings count four): goldmark keeps a node of 300
// to 400 bytes for each, so 10 MB of emphasis on every line took 1.3 GB,
// and 50 MB of headings 3.2 GB. Past two million (a page of some 40 MB of
// dense markup) the rest is not read.
const maxPageMarks = 1 << 21

// maxParagraphWork bounds a paragraph's lines times its `[`: goldmark
// looks up each link label from the paragraph's last line back, so 30,000
// lines of `[a] [b] [c]` in one paragraph took seconds.
const maxParagraphWork = 1 << 24

// markupLimits are the bounds openingsCut keeps; tests give it small ones
// to reach every bound with short pages.
type markupLimits struct {
	openings, runBrackets, brackets, paragraphWork, pageMarks int
}

// pageLimits are the bounds a page is read with.
var pageLimits = markupLimits{maxOpenings, maxRunBrackets, maxBrackets, maxParagraphWork, maxPageMarks}

// shortLine is the longest line that cannot break a bound of its own (a
// run's `](` or `[`, a line's `[` or marks): such a line is counted with a
// few vectorized counts instead of byte by byte, which is most of the cost
// of reading an ordinary page's bounds.
func (l markupLimits) shortLine() int { return min(2*l.openings, l.runBrackets, l.brackets) }

// lineMarks is what one line adds to the bounds of its paragraph and page.
type lineMarks struct {
	brackets, marks int
	blank           bool // only spaces, tabs and carriage returns
}

// markupState is what openingsCut carries from line to line.
type markupState struct{ parLines, parBrackets, total int }

// over reports whether the paragraph or the page, with ln on the current
// line so far, passes its bound. Both grow monotonically within a line, so
// checking at the line's end finds what checking at each mark would.
func (st markupState) over(l markupLimits, ln lineMarks) bool {
	return st.parLines*(st.parBrackets+ln.brackets) > l.paragraphWork || st.total+ln.brackets+ln.marks > l.pageMarks
}

// endLine adds a finished line to the paragraph and page counts.
func (st *markupState) endLine(line []byte, ln lineMarks) {
	switch {
	case ln.blank:
		st.parLines, st.parBrackets = 0, 0
	case notInline(line):
		// goldmark reads no link labels here
	default:
		st.parLines++
		st.parBrackets += ln.brackets
	}
	st.total += ln.brackets + ln.marks
	if !ln.blank {
		st.total += lineWeight(line)
	}
}

// openingsCut returns the offset of the first line of body[from:] that
// holds more than maxBrackets `[` (or as many emphasis and code marks),
// or that brings the page's marks past maxPageMarks, or a run without white space with more
// than maxOpenings `](` or maxRunBrackets `[`, or that makes its paragraph
// cost more than maxParagraphWork; -1 when none does.
func openingsCut(body []byte, from int) int { return markupCut(body, from, pageLimits) }

// markupCut is openingsCut with the bounds l.
func markupCut(body []byte, from int, l markupLimits) int {
	if withinBounds(body[from:], l) {
		return -1
	}
	var st markupState
	short := l.shortLine()
	for start := from; start < len(body); {
		end := len(body)
		if i := bytes.IndexByte(body[start:], '\n'); i >= 0 {
			end = start + i
		}
		line := body[start:end]
		var ln lineMarks
		if len(line) <= short {
			ln = countShort(line)
		} else {
			var dense bool
			if ln, dense = countLong(line, l); dense {
				return start
			}
		}
		if st.over(l, ln) {
			return start
		}
		if end == len(body) {
			return -1
		}
		st.endLine(line, ln)
		if st.over(l, lineMarks{}) {
			return end + 1
		}
		start = end + 1
	}
	return -1
}

// withinBounds reports whether counts of the whole of body show that no
// line of it can pass a bound: every count of a line, a run, a paragraph
// or the page is at most the page's own, so an ordinary page is answered
// with a few vectorized counts.
func withinBounds(body []byte, l markupLimits) bool {
	if len(body) > l.brackets { // a line's marks are at most the page's bytes
		return false
	}
	lines := bytes.Count(body, newline) + 1
	if len(body)+4*lines > l.pageMarks { // marks and line weights
		return false
	}
	brackets := bytes.Count(body, openBracket)
	return brackets <= l.runBrackets && brackets <= l.brackets && lines*brackets <= l.paragraphWork &&
		bytes.Count(body, linkOpening) <= l.openings
}

var newline, linkOpening = []byte("\n"), []byte("](")

// countShort counts a line too short to break a bound of its own.
func countShort(line []byte) lineMarks {
	return lineMarks{
		brackets: bytes.Count(line, openBracket),
		marks:    bytes.Count(line, star) + bytes.Count(line, underscore) + bytes.Count(line, backtick),
		blank:    len(bytes.TrimLeft(line, " \t\r")) == 0,
	}
}

var openBracket, star, underscore, backtick = []byte("["), []byte("*"), []byte("_"), []byte("`")

// countLong counts a line byte by byte, and reports whether it breaks a
// bound of its own: a run's `](` or `[`, the line's `[` or marks.
func countLong(line []byte, l markupLimits) (ln lineMarks, dense bool) {
	opens, run := 0, 0
	ln.blank = true
	for i, c := range line {
		if !markupByte[c] {
			ln.blank = false // most bytes are text: nothing to count, no bound to check
			continue
		}
		switch c {
		case ' ', '\t', '\r':
			opens, run = 0, 0
			continue // nothing grew
		case '[':
			run++
			ln.brackets++
		case ']':
			if i+1 >= len(line) || line[i+1] != '(' {
				ln.blank = false
				continue
			}
			opens++
		default: // '*', '_', '`'
			ln.marks++ // each an inline node of goldmark's, like a bracket
		}
		ln.blank = false
		if opens > l.openings || run > l.runBrackets || ln.brackets > l.brackets || ln.marks > l.brackets {
			return ln, true
		}
	}
	return ln, false
}

// markupByte marks the bytes openingsCut counts or that end what it counts.
var markupByte = [256]bool{'\n': true, ' ': true, '\t': true, '\r': true, '[': true, ']': true, '*': true, '_': true, '`': true}

// lineWeight is what a line counts toward maxPageMarks besides its
// marks: goldmark keeps a segment or a block for every line, and a
// heading is a block, its text, and an entry of the page's ids.
func lineWeight(line []byte) int {
	if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] == '#' {
		return 4
	}
	return 1
}

// notInline reports whether a line is, most likely, one whose brackets
// goldmark does not look up as link labels in a paragraph: a line of
// HTML, or a link reference definition (which slicedRefs reads).
func notInline(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	return len(t) > 0 && t[0] == '<' || len(t) > 0 && t[0] == '[' && bytes.Contains(t, []byte("]:"))
}

// capBody blanks, in the masked body, everything from the first line
// goldmark would take more than linear time on (see MaxNesting and
// maxOpenings), and says so in pg.Unread.
func (pg *Page) capBody() {
	cut, why := -1, ""
	if at, depth := nestingCut(pg.Masked, pg.BodyStart); at >= 0 {
		cut, why = at, fmt.Sprintf("lists or block quotes nest %d deep on line %d, deeper than the %d levels helplint reads (kramdown itself fails near 1,000)", depth, pg.File.Line(at), MaxNesting)
	}
	if at := openingsCut(pg.Masked, pg.BodyStart); at >= 0 && (cut < 0 || at < cut) {
		cut, why = at, fmt.Sprintf("line %d holds more link and emphasis markup than helplint reads (%d `[`, or as many `*`, `_` and backticks, on a line, %d `[` or %d `](` without a space between them, a paragraph's lines times its `[` over %d, or %d marks in the page)",
			pg.File.Line(at), maxBrackets, maxRunBrackets, maxOpenings, maxParagraphWork, maxPageMarks)
	}
	if cut < 0 {
		return
	}
	for i := cut; i < len(pg.Masked); i++ {
		if pg.Masked[i] != '\n' && pg.Masked[i] != '\r' {
			pg.Masked[i] = ' '
		}
	}
	// a rule at the cut closes the lists and quotes open there: goldmark
	// would otherwise carry them through every blank line to the end
	if end := bytes.IndexByte(pg.Masked[cut:], '\n'); end < 0 && len(pg.Masked)-cut >= 3 || end >= 3 {
		copy(pg.Masked[cut:], "***")
	}
	pg.Unread = why + ": the Markdown from there on is not checked"
}
