package output

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// maxSummary is GitHub's limit for a step summary.
const maxSummary = 1 << 20

// annotationsPerLevel is how many annotations of one level a step shows.
const annotationsPerLevel = 10

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// GitHub writes workflow-command annotations, says how many the runner will
// not show, and writes every finding to the step summary when
// GITHUB_STEP_SUMMARY names a file.
func GitHub(w io.Writer, r *Report) error {
	perLevel := map[string]int{}
	for _, f := range r.Findings {
		lv := level(f.Severity)
		perLevel[lv]++
		props := fmt.Sprintf("file=%s,line=%d,endLine=%d", escapeProperty(f.Path), f.Start.Line, f.End.Line)
		if f.Start.Line == f.End.Line {
			props += fmt.Sprintf(",col=%d,endColumn=%d", f.Start.Column, f.End.Column)
		}
		props += ",title=" + escapeProperty(f.Rule)
		msg := f.Message
		for _, rl := range f.Related {
			msg += "\n  related: " + relatedText(rl)
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", lv, props, escapeData(msg)); err != nil {
			return err
		}
	}
	var hidden []string
	for _, lv := range []string{"error", "warning"} {
		if n := perLevel[lv] - annotationsPerLevel; n > 0 {
			hidden = append(hidden, plural(n, lv))
		}
	}
	if len(hidden) > 0 {
		fmt.Fprintf(w, "helplint: %s beyond the first %d of each level are in this log and the step summary, not shown as annotations\n", strings.Join(hidden, " and "), annotationsPerLevel)
	}
	fmt.Fprintf(w, "%s, %s in %s\n", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Files, "file"))
	if note := r.knownNote(); note != "" {
		fmt.Fprintln(w, note)
	}
	if p := r.StepSummary; p != "" {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
		defer f.Close()
		if _, err := io.WriteString(f, Summary(r)); err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	return nil
}

// Summary is the step summary: every finding as GitHub-flavoured Markdown,
// grouped by file and rule, cut with a note at GitHub's 1 MiB limit.
func Summary(r *Report) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## helplint\n\n%s, %s in %s.\n", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Files, "file"))
	if r.Compared {
		fmt.Fprintf(&sb, "\n%s new; %s held back (%s).\n", plural(len(r.Findings), "finding"), plural(len(r.Known), "known finding"), r.KnownWhy)
	}
	byFile := map[string][]lint.Finding{}
	var files []string
	for _, f := range r.Findings {
		if _, ok := byFile[f.Path]; !ok {
			files = append(files, f.Path)
		}
		byFile[f.Path] = append(byFile[f.Path], f)
	}
	sort.Strings(files)
	cell := func(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) }
	for _, p := range files {
		fs := byFile[p]
		sort.SliceStable(fs, func(i, j int) bool {
			if fs[i].Rule != fs[j].Rule {
				return fs[i].Rule < fs[j].Rule
			}
			return fs[i].Span.Start < fs[j].Span.Start
		})
		section := fmt.Sprintf("\n### `%s`\n\n| rule | line | severity | message |\n| --- | --- | --- | --- |\n", p)
		for _, f := range fs {
			section += fmt.Sprintf("| `%s` | %d:%d | %s | %s |\n", f.Rule, f.Start.Line, f.Start.Column, f.Severity, cell(f.Message))
		}
		const note = "\n_The summary is cut here: GitHub keeps 1 MiB per step. Run helplint locally for every finding._\n"
		if sb.Len()+len(section)+len(note) > maxSummary {
			sb.WriteString(note)
			break
		}
		sb.WriteString(section)
	}
	return sb.String()
}
