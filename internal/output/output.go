// Package output writes findings in the formats helplint supports.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
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
	}
	_, err := fmt.Fprintf(w, "%s, %s in %s (%.2fs)\n", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Files, "file"), r.Elapsed.Seconds())
	return err
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
}

// JSON writes one object with every finding, its fix in byte offsets, and the counts.
func JSON(w io.Writer, r *Report) error {
	out := struct {
		Findings []jsonFinding `json:"findings"`
		Files    int           `json:"files"`
		Errors   int           `json:"errors"`
		Warnings int           `json:"warnings"`
	}{Findings: []jsonFinding{}, Files: r.Files, Errors: r.Errors, Warnings: r.Warnings}
	for _, f := range r.Findings {
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
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
