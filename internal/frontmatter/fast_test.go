package frontmatter

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func describeNode(n *yaml.Node, sb *strings.Builder) {
	fmt.Fprintf(sb, "(%d %s %q %d:%d s%d a%q", n.Kind, n.Tag, n.Value, n.Line, n.Column, n.Style, n.Anchor)
	for _, c := range n.Content {
		describeNode(c, sb)
	}
	sb.WriteString(")")
}

func sameAsYAML(t *testing.T, content []byte) {
	fast, ok := fastParse(content)
	if !ok {
		return
	}
	var want yaml.Node
	if err := yaml.Unmarshal(content, &want); err != nil {
		t.Fatalf("fast path accepted %q, which yaml.v3 rejects: %v", content, err)
	}
	var a, b strings.Builder
	describeNode(fast, &a)
	describeNode(&want, &b)
	if a.String() != b.String() {
		t.Fatalf("fast path differs on %q:\n fast %s\n yaml %s", content, a.String(), b.String())
	}
}

func TestFastParse(t *testing.T) {
	for _, c := range []string{
		"title: Create an account\ncategory: create-account\npermalink: /help/create-account/\norder: 5\nchild: true\n",
		"layout: help\r\ntitle: Crear una cuenta\r\n",
		"title: Sécurité et confidentialité\nkeywords: a, b, c\norder: 0\n",
		"title:  two spaces\nx: y  \n",
		"a: 1\n\nb: 2\n",
		"url: https://www.irs.gov/help\n",
		"title: A\nredirect_from:\n  - /help/a/\n  - /help/b/\norder: 2\n",
		"redirect_from:\n- /x/\n",
		"description: >-\n  Use one account\n  for many agencies.\n\n  Second paragraph.\ntitle: T\n",
		"description: >\n    folded\n    text\norder: 1\n",
		"a: 'q'\n",
		"title: \"Sign in: a #1 guide\"\nb: ' spaced '\n",
		"do_list:\n  - \"**Bold** text, [a link](/help/x/).\"\n  - plain\n  - '3'\n",
		"a: \"\"\nb: ''\n",
		"date: 2024-01-02\n",
		"date: 2026-02-27T11:26:00.000Z\nlast_modified_at: 2024-1-2 10:04:05\n",
		"description: The public uses Login.gov for simple\n  and secure access.\ntitle: T\n",
		"d: one\n   two  \n three\n\ne: f\n",
		"component:\n  name: collection\n  status: ready\ntitle: T\n",
		"subnav:\n- text: Collection tests\n  href: /components/collection/tests/\n-   text: B\n    href: /b/\ntitle: T\n",
		"a:\n  b:\n    - x\n    - y: 1\n      z: >-\n        folded\n        text\n  c: d\n    e\n",
		"a:\n\n  - x\n",
		"keywords: \norder: 6\n", "keywords:   \n", "r: \n  - /a/\n", "r:  \n  a: b\n", "a: \n\n",
		"translations:  \n  a.b.link_text: 'Learn more.'\n  a.b.link: /help/x/\n", "a.: 1\n", "v1.2: x\n",
		"x:\n  - k: \n    l: m\n",
		"title: 6.0.0\nleadingpath: ../../\nv: 1.2.3-beta\nt: 10:30 am\n", "a: 2024-01-02 10:00:00 -5\n", "a: 5\n  6\n", "order: 01\nb: 09\nc: 00\nd: 0777\ne: 0128\n",
		"col1: |-\n  ## Our partners\n\n  * Medicare\n    deeper\n\n\nb: 1\n", "a: |\n  x\n  y\n", "a: |\n  x\n\n", "a: |\n   x\n", "a: |-\n  x\n  \n  y\n",
		"l:\n  - |-\n    one\n  - |-\n    two\n\n    three\n  - >-\n    four\n    five\nb: c\n", "l:\n- |\n  x\n- y\n", "s:\n  - h: H\n    d: |-\n      text\n\n  - h: I\n",
		"steps:\n  intro: \"When you're ready, you’ll need\n    to provide: a few #pieces\"\n  b: c\n", "p: \"Explore and\n  learn  \n\n  more. \"\n\nq: 'x\n   y'\n", "p: \"**“[What is\n  Login.gov?](https://x/)”** video\n  YouTube\"\n",
		"a:\n", "a:\n  b:\nc: d\n", "a:\n  b:\n\n\nc: d\n", "a:\n  b:\n  c: 1\n", "x:\n  - y:\n    z: 1\n", "component:\n  name: accordion\n  dependencies:\nlead: L\n",
	} {
		if _, ok := fastParse([]byte(c)); !ok {
			t.Errorf("fast path refused %q", c)
		}
		sameAsYAML(t, []byte(c))
	}
	for _, c := range []string{"a: [1]\n", "a: 1.5\n", "a: 2024-13-45\n", "a: yes\n",
		"a: b\n  - c\n", "a: b\n  c: d\n", "a: b\n\n  c\n", "a: b\n  # c\n", "a: 'q'\n  r\n", "a: b\n  c:\n", "a: b\n  c\n  \nd: e\n",
		"a:\n  b: 1\n c: 2\n", "a:\n  - x\n   - y\n", "a:\n  - x\n    y\n", "- a\n- b\n", "a:\n  b: c\n    d: e\n", "a:\n  -\n    b\n", "  a: 1\n", "a: b # c\n", "a: 'it''s'\n", "a: \"x\\\"y\"\n", "a: \"a\\nb\"\n", "a: \"open\n", "a: \"x\" # c\n", "a: \"x\"y\"\n", "a: \"t\tab\"\n", "- a\n", "a: null\n", "a: ~\n", "a: .5\n", "a: .inf\n", "a: .NaN\n", "a: 1.5e3\n", "a: 0x1F\n", "a: 0o17\n", "a: 1_000\n", "true: 1\n", "null: x\n", "a:\t\n", "a: |\n\n  x\n", "a: |2\n  x\n", "a: |+\n  x\n", "a: | # c\n  x\n", "a: |\n  x\n y\n", "a: |\n  x\n   \n", "a: |\n  t\tab\n", "a: >\n  x\n    y\n", "a: \"x\ny\"\n", "a: \"x\n  y\"\n  z\n", "a: \"x\n  y\"\n\n  z\n", "a: \"x\n  \\\"y\"\n", "a: \"\n  y\"\n", "a: \"x\n  y\" # c\n", "a: \"x\n   \n  y\"\n", "a: 'it\n  ''s'\n", "a: \"x\n  y\n"} {
		if _, ok := fastParse([]byte(c)); ok && c != "a: yes\n" {
			t.Errorf("fast path took %q", c)
		}
		sameAsYAML(t, []byte(c))
	}
}

// FuzzFastParse checks that whatever the fast path accepts, yaml.v3 reads
// the same way, node for node.
func FuzzFastParse(f *testing.F) {
	f.Add("title: Create an account\norder: 5\nchild: true\n")
	f.Add("a: b: c\n")
	f.Add("a: 00\nb: -1\n")
	f.Add("r:\n  - /a/\n  - b\nc: d\n")
	f.Add("d: >-\n  a b\n\n  c\n\ne: >\n   x\n")
	f.Add("a: \"x: #y\"\nb:\n  - 'z'\n")
	f.Add("date: 2024-01-02T10:04:05.5Z\nd: one\n  two\n\ne: 3\n")
	f.Add("a:\n  b: c\n  d:\n  - e: f\n    g: >\n      h\n  - i\nj: k\n")
	f.Add("a:\n  b:\n c:\nd:\n- e:\n  f:\n")
	f.Add("keywords: \nr:  \n  - /a/\na.b.c: 'x'\ntrue: 1\nk.:\t\n")
	f.Add("a: 6.0.0\nb: ../x/\nc: .5\nd: 1.2.3-rc1\ne: 0x1g\nf: 10:30\ng: .inf\nh: 1e3\ni: 0b101\n")
	f.Add("a: |-\n  x\n    y\n\n  z\nb:\n- |\n  p\n-   >-\n    q\n    r\n\nc: |\n  s\n")
	f.Add("- |\n x\n")
	f.Add("a:\n  b: \"c d\n    e  \n\n\n    f \"\n  g: 'h\n   i'\n")
	f.Fuzz(func(t *testing.T, s string) { sameAsYAML(t, []byte(s)) })
}

// TestFastScalarsAsYAML: every short plain value starting with a digit or
// a dot, from the bytes numbers, versions, paths and times are written
// with, reads as yaml.v3 reads it (or is left to it).
func TestFastScalarsAsYAML(t *testing.T) {
	const first, rest = "0123456789.", "0123456789._+-xXoObBeEf:/ a"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		sameAsYAML(t, []byte("v: "+prefix+"\n"))
		if n == 0 || t.Failed() {
			return
		}
		for _, c := range rest {
			gen(prefix+string(c), n-1)
		}
	}
	for _, c := range first {
		gen(string(c), 3)
	}
}

// TestFastParseBounded: the fast path leaves large front matter to
// yaml.v3, and what it allocates for front matter it gives up on grows
// with the lines it read, not with the lines there are (its nodes were
// once allocated for every line up front: 288 bytes for each blank one).
func TestFastParseBounded(t *testing.T) {
	keys := func(size int) []byte {
		var b []byte
		for i := 0; len(b) < size; i++ {
			b = fmt.Appendf(b, "k%d: v\n", i)
		}
		return b[:bytes.LastIndexByte(b[:size], '\n')+1]
	}
	if _, ok := fastParse(keys(maxFastSize)); !ok {
		t.Errorf("fast path gave up on %d bytes of keys", maxFastSize)
	}
	if _, ok := fastParse(keys(maxFastSize + 100)); ok {
		t.Errorf("fast path read more than %d bytes", maxFastSize)
	}
	flowFirst := append([]byte("a: [1]\n"), bytes.Repeat([]byte("\n"), maxFastSize-10)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, ok := fastParse(flowFirst); ok {
		t.Fatal("fast path read a flow list")
	}
	runtime.ReadMemStats(&after)
	if got, most := after.TotalAlloc-before.TotalAlloc, uint64(40*len(flowFirst)); got > most {
		t.Errorf("fast path allocated %d bytes for %d bytes of front matter it gave up on at once, more than %d", got, len(flowFirst), most)
	}
}
