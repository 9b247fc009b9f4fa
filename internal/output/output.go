// Package output writes findings in the formats helplint supports.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/helplint/helplint/internal/lint"
)

// Report is what a run hands to a formatter.
type Report struct {
	Findings []lint.Finding
	Files    int
	Errors   int
	Warnings int
	Elapsed  time.Duration
	// Rules are every rule helplint knows, for formats that describe them.
	Rules []*lint.Rule
	// Color enables ANSI colour in the text format.
	Color bool
	// StepSummary is the file GitHub Actions reads a step summary from ($GITHUB_STEP_SUMMARY).
	StepSummary string
	// Compared is true with --baseline or --new-from-rev: Findings are the
	// new ones, and Known those held back, KnownWhy saying why ("in the
	// baseline"). Only SARIF writes the known ones (as unchanged).
	Compared bool
	Known    []lint.Finding
	KnownWhy string
	// Trouble says why the run could not check everything (it exits 2), one
	// message a line, for the formats that report on the run itself.
	Trouble []string
}

// knownNote says how many findings were held back, or "" for none.
func (r *Report) knownNote() string {
	if len(r.Known) == 0 {
		return ""
	}
	return fmt.Sprintf("%s not shown (%s)", plural(len(r.Known), "known finding"), r.KnownWhy)
}

// NewReport counts the findings by severity.
func NewReport(fs []lint.Finding, files int, rules []*lint.Rule) *Report {
	r := &Report{Findings: fs, Files: files, Rules: rules}
	for _, f := range fs {
		switch f.Severity {
		case lint.Error:
			r.Errors++
		case lint.Warning:
			r.Warnings++
		}
	}
	return r
}

// Formatter writes a report.
type Formatter func(w io.Writer, r *Report) error

// Formats lists the formatters by name.
func Formats() map[string]Formatter {
	return map[string]Formatter{
		"text":       Text,
		"json":       JSON,
		"sarif":      SARIF,
		"github":     GitHub,
		"rdjsonl":    RDJSONL,
		"checkstyle": Checkstyle,
		"junit":      JUnit,
	}
}

// Names lists the format names, sorted.
func Names() []string {
	var n []string
	for k := range Formats() {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Text writes `path:line:col: severity: message [rule]` lines and a
// summary; paths and messages are escaped for the terminal (see Escape).
func Text(w io.Writer, r *Report) error {
	sev := func(s lint.Severity) string {
		if !r.Color {
			return s.String()
		}
		if s == lint.Error {
			return "\x1b[31merror\x1b[0m"
		}
		return "\x1b[33mwarning\x1b[0m"
	}
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", Escape(f.Path), f.Start.Line, f.Start.Column, sev(f.Severity), Escape(f.Message), f.Rule); err != nil {
			return err
		}
		for _, rl := range f.Related {
			if _, err := fmt.Fprintf(w, "  related: %s\n", relatedText(rl)); err != nil {
				return err
			}
		}
	}
	if len(r.Findings) > 0 {
		if _, err := io.WriteString(w, byRule(r.Findings)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%s, %s in %s (%.2fs)\n", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Files, "file"), r.Elapsed.Seconds())
	if note := r.knownNote(); err == nil && note != "" {
		_, err = fmt.Fprintln(w, note)
	}
	return err
}

// byRule is the text summary's line of counts per rule, the most frequent
// first, and how many findings --fix repairs: a first run on a site with
// thousands of findings reads as a few kinds of defect.
func byRule(fs []lint.Finding) string {
	count := map[string]int{}
	fixable := 0
	for _, f := range fs {
		count[f.Rule]++
		if f.Fix != nil {
			fixable++
		}
	}
	rules := make([]string, 0, len(count))
	for name := range count {
		rules = append(rules, name)
	}
	sort.Slice(rules, func(i, j int) bool {
		if count[rules[i]] != count[rules[j]] {
			return count[rules[i]] > count[rules[j]]
		}
		return rules[i] < rules[j]
	})
	var b strings.Builder
	for i, name := range rules {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", name, count[name])
	}
	fix := "none can be fixed with --fix"
	switch {
	case fixable == len(fs):
		fix = "all can be fixed with --fix"
	case fixable > 0:
		fix = fmt.Sprintf("%d can be fixed with --fix", fixable)
	}
	return fmt.Sprintf("%s: %s; %s\n", plural(len(fs), "finding"), b.String(), fix)
}

// relatedText is a related location as "path:line:col: message".
func relatedText(rl lint.RelatedLocation) string {
	return fmt.Sprintf("%s:%d:%d: %s", Escape(rl.Path), rl.Start.Line, rl.Start.Column, EscapeMessage(rl.Message))
}

type jsonRelated struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

type jsonEdit struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	New       string `json:"new"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonFinding struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	Fix       *jsonFix `json:"fix"`
	// Related is left out when empty, as most findings have none.
	Related []jsonRelated `json:"related,omitempty"`
}

// JSON writes one object with every finding, its fix in byte offsets, and the counts.
func JSON(w io.Writer, r *Report) error {
	// one finding at a time, as the indented encoding of the whole object
	// would write it: 14,000 findings built and indented in memory cost a
	// tenth of a large run
	if _, err := io.WriteString(w, "{\n  \"findings\": ["); err != nil {
		return err
	}
	var jw jsonWriter
	for i, f := range r.Findings {
		jw.b = jw.b[:0]
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		jw.b = append(jw.b, sep...)
		jw.finding(newJSONFinding(f))
		if _, err := w.Write(jw.b); err != nil {
			return err
		}
	}
	if len(r.Findings) > 0 {
		io.WriteString(w, "\n  ")
	}
	_, err := fmt.Fprintf(w, "],\n  \"files\": %d,\n  \"errors\": %d,\n  \"warnings\": %d", r.Files, r.Errors, r.Warnings)
	if err == nil && len(r.Known) > 0 {
		// Known counts the findings a baseline or a revision held back.
		_, err = fmt.Fprintf(w, ",\n  \"known\": %d", len(r.Known))
	}
	if err == nil {
		_, err = io.WriteString(w, "\n}\n")
	}
	return err
}

// newJSONFinding is a finding as the JSON format writes it.
func newJSONFinding(f lint.Finding) jsonFinding {
	jf := jsonFinding{Path: f.Path, Line: f.Start.Line, Column: f.Start.Column, EndLine: f.End.Line, EndColumn: f.End.Column,
		Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message}
	if f.Fix != nil {
		fx := &jsonFix{Message: f.Fix.Message, Edits: []jsonEdit{}}
		for _, e := range f.Fix.Edits {
			s, t := f.File.Position(e.Span.Start), f.File.Position(e.Span.End)
			fx.Edits = append(fx.Edits, jsonEdit{Offset: e.Span.Start, EndOffset: e.Span.End, Line: s.Line, Column: s.Column, EndLine: t.Line, EndColumn: t.Column, New: e.New})
		}
		jf.Fix = fx
	}
	for _, rl := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{Path: rl.Path, Line: rl.Start.Line, Column: rl.Start.Column,
			EndLine: rl.End.Line, EndColumn: rl.End.Column, Message: rl.Message})
	}
	return jf
}
