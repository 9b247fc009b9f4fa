package page

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// plainCases are the shapes whose parse the paragraph transformer could
// change: setext headings (the paragraph must survive its underline),
// tight and loose lists, lazy lines in block quotes, HTML that may not
// interrupt a paragraph, definitions, code spans and links over lines.
var plainCases = []string{
	"Title\n=====\n\nText [a](/b).\n",
	"Title\n---\n",
	"a\nb\n  ---\n",
	"> quote\nlazy line\n> [x](/y)\n",
	"- one\n- two\n\n- three [x](/y)\n",
	"- one\n\n  more\n- two\n",
	"1. a\n2. b\n   `code\n   span`\n",
	"para\n<span>x</span>\n\npara\n<div>\n[a](/b)\n</div>\n",
	"[ref]: /x\nplain\n\n[ref]\n",
	"plain text\n[ref]: /x\n",
	"text\n    indented\n\n    code [a](/b)\n",
	"* a\n  * b\n    c\n  ***\n",
	"a  \nb\\\nc\n",
	"# H [x](/y)\n\ntext {: #id}\n{: .cls}\n",
	"x\n===\ny\n---\n",
	"- a\n-\n  b\n",
	"text ![img](/i.png) and <https://example.gov>\n",
}

// TestPlainParagraphsKeepThePage: the page model is the same with the
// paragraph transformer as without it, on the cases above, the
// repository's fixture site and FuzzPlainParagraphs' corpus.
func TestPlainParagraphsKeepThePage(t *testing.T) {
	inputs := plainCases
	seeds, _ := filepath.Glob("../../testdata/site/content/*/*/*.md")
	more, _ := filepath.Glob("../../testdata/site/content/*/*.md")
	for _, s := range append(seeds, more...) {
		if b, err := os.ReadFile(s); err == nil {
			inputs = append(inputs, string(b))
		}
	}
	if len(inputs) == len(plainCases) {
		t.Fatal("no fixture pages found under testdata/site/content")
	}
	for _, in := range inputs {
		comparePlain(t, []byte(in))
	}
}

func FuzzPlainParagraphs(f *testing.F) {
	for _, c := range plainCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { comparePlain(t, data) })
}

// comparePlain parses data with helplint's paragraph transformers and
// with goldmark's own (no plainParagraphs, its link reference transformer
// on every paragraph) and fails on any difference in the page model
// (goldmark's tree aside).
func comparePlain(t *testing.T, data []byte) {
	t.Helper()
	with := (&Parser{md: newMarkdown()}).Parse("a.md", data)
	without := (&Parser{md: markdownWith(parser.DefaultParagraphTransformers()...)}).Parse("a.md", data)
	with.Doc, without.Doc = nil, nil
	if !reflect.DeepEqual(with, without) {
		t.Fatalf("the page model of %q differs with plain paragraphs:\n%+v\nwithout:\n%+v", data, *with, *without)
	}
}
