package page

import (
	"bytes"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/source"
)

// DirectiveKind is what a suppression comment does.
type DirectiveKind int

const (
	// NextLine suppresses findings on the line after the comment.
	NextLine DirectiveKind = iota
	// Disable suppresses findings from here until an Enable (or the end of the file).
	Disable
	// Enable ends a Disable.
	Enable
	// DisableFile suppresses findings in the whole file.
	DisableFile
)

// Directive is a suppression comment:
// `{% comment %}helplint-disable-next-line RULE, RULE -- reason{% endcomment %}`,
// the same in an HTML comment, or `# helplint-disable-next-line RULE` in front matter.
type Directive struct {
	Kind DirectiveKind
	// Rules are the rules named; empty means every rule.
	Rules  []string
	Reason string
	// Span is the comment; Line is the 1-based line it ends on.
	Span source.Span
	Line int
}

// directivePrefix starts every directive's name; yamlMarker is how a
// directive starts in front matter, where comments are YAML's.
const (
	directivePrefix = "helplint-"
	yamlMarker      = "# " + directivePrefix
)

// directiveNames are the directives, longest first where one name starts
// another, so that parseDirective takes the longest.
var directiveNames = []struct {
	name string
	kind DirectiveKind
}{
	{directivePrefix + "disable-next-line", NextLine},
	{directivePrefix + "disable-file", DisableFile},
	{directivePrefix + "disable", Disable},
	{directivePrefix + "enable", Enable},
}

// parseDirective reads the text of a comment; ok is false when it is no directive.
func parseDirective(text string) (Directive, bool) {
	text = strings.TrimSpace(text)
	for _, d := range directiveNames {
		rest, ok := strings.CutPrefix(text, d.name)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n') {
			continue
		}
		dir := Directive{Kind: d.kind}
		names, reason, _ := strings.Cut(rest, "--")
		dir.Reason = strings.TrimSpace(reason)
		dir.Rules = strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
		return dir, true
	}
	return Directive{}, false
}

// directives collects the page's suppression comments.
func (pg *Page) directives() []Directive {
	var out []Directive
	add := func(text string, s source.Span) {
		if d, ok := parseDirective(text); ok {
			d.Span = s
			d.Line = pg.File.Line(max(s.End-1, s.Start))
			out = append(out, d)
		}
	}
	// in front matter: YAML comments
	if fm := pg.FrontMatter; fm.Present && bytes.Contains(pg.File.Text[fm.Content.Start:fm.Content.End], []byte(yamlMarker)) {
		text := pg.File.Text
		for ls := fm.Content.Start; ls < fm.Content.End; {
			le := fm.Content.End
			if i := bytes.IndexByte(text[ls:fm.Content.End], '\n'); i >= 0 {
				le = ls + i
			}
			line := text[ls:le]
			if i := bytes.Index(line, []byte(yamlMarker)); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
				add(string(line[i+2:]), source.Span{Start: ls + i, End: le})
			}
			ls = le + 1
		}
	}
	// in the body: Liquid comments
	for _, b := range pg.Liquid.Blocks {
		if b.Name == "comment" {
			add(string(pg.File.Text[b.Body.Start:b.Body.End]), source.Span{Start: b.Open.Start, End: max(b.Close.End, b.Body.End)})
		}
	}
	// and HTML comments outside code
	m := pg.Masked
	for i := pg.BodyStart; ; {
		j := bytes.Index(m[i:], []byte("<!--"))
		if j < 0 {
			break
		}
		start := i + j
		k := bytes.Index(m[start+4:], []byte("-->"))
		if k < 0 {
			break
		}
		end := start + 4 + k + 3
		if !pg.inCode(start) {
			add(string(pg.File.Text[start+4:end-3]), source.Span{Start: start, End: end})
		}
		i = end
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

func (pg *Page) inCode(off int) bool {
	for _, s := range pg.Code {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	for _, s := range pg.CodeSpans {
		if off >= s.Start && off < s.End {
			return true
		}
	}
	return false
}

// DirectiveComment writes the comment of a directive of kind k naming rule,
// as directives reads it: a YAML comment in front matter, a Liquid comment
// in the body. It ends with no line break.
func DirectiveComment(k DirectiveKind, rule string, inFrontMatter bool) string {
	name := ""
	for _, d := range directiveNames {
		if d.kind == k {
			name = d.name
			break
		}
	}
	if rule != "" {
		name += " " + rule
	}
	if inFrontMatter {
		return "# " + name
	}
	return "{% comment %}" + name + "{% endcomment %}"
}

// SuppressionInsert returns where to insert a comment that disables rule
// for the line holding offset off of text, and the comment with its line
// break: a YAML comment inside front matter, a Liquid comment in the body,
// each on a line of its own above off's, indented like it. On the opening
// fence (where a line above would end the front matter) the rule is
// disabled for the file instead, at its end.
func SuppressionInsert(text []byte, off int, rule string) (at int, comment string) {
	off = max(0, min(off, len(text)))
	start := bytes.LastIndexByte(text[:off], '\n') + 1
	indent := start
	for indent < len(text) && (text[indent] == ' ' || text[indent] == '\t') {
		indent++
	}
	pad := string(text[start:indent])
	nl := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		nl = "\r\n"
	}
	bom := 0
	if bytes.HasPrefix(text, []byte(source.BOM)) {
		bom = len(source.BOM)
	}
	fm := frontmatter.Parse(source.New("", text), bom)
	switch {
	case fm.Closed && start == 0:
		end := DirectiveComment(DisableFile, rule, false) + nl
		if len(text) > 0 && text[len(text)-1] != '\n' {
			end = nl + end
		}
		return len(text), end
	case fm.Closed && start < fm.Close.Start:
		return start, pad + DirectiveComment(NextLine, rule, true) + nl
	}
	return start, pad + DirectiveComment(NextLine, rule, false) + nl
}
