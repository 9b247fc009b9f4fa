package page

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The page model reads from a paragraph's inline content only links,
// images, autolinks, code spans and inline HTML (see builder.walk), and
// goldmark's parsers start each of those at a `[`, a `<` or a backtick.
// A paragraph with none of the three yields nothing the model reads, so
// it is kept as a raw block, which goldmark's inline pass skips: that pass
// was half of goldmark's time on the real site.

// kindPlainParagraph is the node kind of a plainParagraph.
var kindPlainParagraph = ast.NewNodeKind("PlainParagraph")

// plainParagraph is a paragraph without inline markup the page model
// reads, in place of goldmark's Paragraph (or of the TextBlock a tight list
// would have made of it).
type plainParagraph struct {
	ast.BaseBlock
}

// Kind is the node's kind.
func (*plainParagraph) Kind() ast.NodeKind { return kindPlainParagraph }

// IsRaw keeps goldmark's inline pass out of the paragraph.
func (*plainParagraph) IsRaw() bool { return true }

// Dump prints the node for goldmark's debugging.
func (n *plainParagraph) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// inlineStarts are the bytes at which goldmark can open an inline node the
// page model reads: a link or image label, an autolink or inline HTML, a
// code span.
const inlineStarts = "[<`"

// plainParagraphs replaces a closed paragraph without inlineStarts with a
// plainParagraph. It runs after the link reference transformer (a
// definition starts with `[`, so it never takes one).
type plainParagraphs struct{}

// Transform implements parser.ParagraphTransformer.
func (plainParagraphs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if line, _ := reader.PeekLine(); setextBarLike(line) {
		// goldmark closes a paragraph before its setext underline and makes
		// the heading only if the paragraph is still there
		return
	}
	lines := node.Lines()
	if lines.Len() == 0 {
		return
	}
	for _, c := range []byte(inlineStarts) {
		if !noByte(reader.Source(), lines, c) {
			return
		}
	}
	p := &plainParagraph{}
	p.SetLines(lines)
	p.SetBlankPreviousLines(node.HasBlankPreviousLines()) // a list's looseness reads it
	node.Parent().ReplaceChild(node.Parent(), node, p)
}

// noByte reports that c is nowhere from the first of lines to the end of
// the last: what lies between a paragraph's lines is a container's
// markers (`>`, indentation), so a byte there only keeps a paragraph as
// goldmark made it, and one search is vectorized where one per line, or
// ContainsAny, is not. lines is not empty.
func noByte(src []byte, lines *text.Segments, c byte) bool {
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	return start <= stop && bytes.IndexByte(src[start:stop], c) < 0 // lines out of order: not known
}

// setextBarLike reports a line of only `=` or `-` and white space, a
// superset of goldmark's setext heading underlines.
func setextBarLike(line []byte) bool {
	bar := false
	for _, c := range line {
		switch c {
		case '=', '-':
			bar = true
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return bar
}
