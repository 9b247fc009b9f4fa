package output

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// byPath groups findings by file, in path order.
func byPath(fs []lint.Finding) ([]string, map[string][]lint.Finding) {
	m := map[string][]lint.Finding{}
	var paths []string
	for _, f := range fs {
		if _, ok := m[f.Path]; !ok {
			paths = append(paths, f.Path)
		}
		m[f.Path] = append(m[f.Path], f)
	}
	sort.Strings(paths)
	return paths, m
}

// Checkstyle writes checkstyle XML, as golangci-lint does.
func Checkstyle(w io.Writer, r *Report) error {
	type xerr struct {
		Line     int    `xml:"line,attr"`
		Column   int    `xml:"column,attr"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
	type xfile struct {
		Name   string `xml:"name,attr"`
		Errors []xerr `xml:"error"`
	}
	type checkstyle struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []xfile  `xml:"file"`
	}
	out := checkstyle{Version: "5.0"}
	paths, m := byPath(r.Findings)
	for _, p := range paths {
		xf := xfile{Name: p}
		for _, f := range m[p] {
			xf.Errors = append(xf.Errors, xerr{f.Start.Line, f.Start.Column, level(f.Severity), f.Message, "helplint." + f.Rule})
		}
		out.Files = append(out.Files, xf)
	}
	return writeXML(w, out)
}

// JUnit writes one test suite per file and one failing test case per finding.
func JUnit(w io.Writer, r *Report) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string  `xml:"name,attr"`
		Classname string  `xml:"classname,attr"`
		Failure   failure `xml:"failure"`
	}
	type testsuite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	type testsuites struct {
		XMLName xml.Name    `xml:"testsuites"`
		Suites  []testsuite `xml:"testsuite"`
	}
	var out testsuites
	paths, m := byPath(r.Findings)
	for _, p := range paths {
		s := testsuite{Name: p, Tests: len(m[p]), Failures: len(m[p])}
		for _, f := range m[p] {
			at := fmt.Sprintf("%s:%d:%d", f.Path, f.Start.Line, f.Start.Column)
			text := fmt.Sprintf("%s: %s: %s [%s]", at, f.Severity, f.Message, f.Rule)
			for _, rl := range f.Related { // as the text format writes them
				text += "\n  related: " + relatedText(rl)
			}
			s.Cases = append(s.Cases, testcase{Name: f.Rule, Classname: at,
				Failure: failure{Message: at + ": " + f.Message, Type: f.Severity.String(), Text: text}})
		}
		out.Suites = append(out.Suites, s)
	}
	return writeXML(w, out)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// rdRelated is a related location in reviewdog's terms; its columns (in
// bytes) are left out where only characters are known (a page not linted).
type rdRelated struct {
	Message  string `json:"message"`
	Location struct {
		Path  string `json:"path"`
		Range struct {
			Start rdPos `json:"start"`
			End   rdPos `json:"end"`
		} `json:"range"`
	} `json:"location"`
}

type rdPos struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

func rdRelatedOf(rl lint.RelatedLocation) rdRelated {
	var out rdRelated
	out.Message, out.Location.Path = rl.Message, rl.Path
	out.Location.Range.Start, out.Location.Range.End = rdPos{Line: rl.Start.Line}, rdPos{Line: rl.End.Line}
	if rl.Known {
		out.Location.Range.Start.Column, out.Location.Range.End.Column = rl.Start.ByteColumn, rl.End.ByteColumn
	}
	return out
}

// RDJSONL writes reviewdog's rdjsonl: one diagnostic a line, columns in
// UTF-8 bytes (end exclusive), fixes as suggestions, related locations.
func RDJSONL(w io.Writer, r *Report) error {
	type pos struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	type rng struct {
		Start pos `json:"start"`
		End   pos `json:"end"`
	}
	type suggestion struct {
		Range rng    `json:"range"`
		Text  string `json:"text"`
	}
	type diag struct {
		Message  string `json:"message"`
		Location struct {
			Path  string `json:"path"`
			Range rng    `json:"range"`
		} `json:"location"`
		Severity string `json:"severity"`
		Source   struct {
			Name string `json:"name"`
		} `json:"source"`
		Code struct {
			Value string `json:"value"`
			URL   string `json:"url,omitempty"`
		} `json:"code"`
		Suggestions []suggestion `json:"suggestions,omitempty"`
		Related     []rdRelated  `json:"related_locations,omitempty"`
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range r.Findings {
		var d diag
		d.Message = f.Message
		d.Location.Path = f.Path
		d.Location.Range = rng{pos{f.Start.Line, f.Start.ByteColumn}, pos{f.End.Line, f.End.ByteColumn}}
		d.Severity = strings.ToUpper(level(f.Severity))
		d.Source.Name = "helplint"
		d.Code.Value = f.Rule
		if f.Fix != nil && f.File != nil {
			for _, e := range f.Fix.Edits {
				s, t := f.File.Position(e.Span.Start), f.File.Position(e.Span.End)
				d.Suggestions = append(d.Suggestions, suggestion{rng{pos{s.Line, s.ByteColumn}, pos{t.Line, t.ByteColumn}}, e.New})
			}
		}
		for _, rl := range f.Related {
			d.Related = append(d.Related, rdRelatedOf(rl))
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}
