package output

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode"

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
	return WriteSummary(r)
}

// WriteSummary appends the step summary to r.StepSummary, when it names a file.
func WriteSummary(r *Report) error {
	p := r.StepSummary
	if p == "" {
		return nil
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if _, err := io.WriteString(f, Summary(r)); err != nil {
		f.Close()
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

// Summary is the step summary: every finding as GitHub-flavoured Markdown,
// grouped by file and rule, cut with a note at GitHub's 1 MiB limit. After a
// run that could not finish (Trouble), it says so first.
func Summary(r *Report) string {
	var sb strings.Builder
	sb.WriteString("## helplint\n\n")
	if len(r.Trouble) > 0 {
		sb.WriteString("**helplint could not check everything (exit 2):**\n\n")
		for _, t := range r.Trouble {
			sb.WriteString("- " + escapeMarkdown(t) + "\n")
		}
		sb.WriteString("\n")
	}
	fmt.Fprintf(&sb, "%s, %s in %s.\n", plural(r.Errors, "error"), plural(r.Warnings, "warning"), plural(r.Files, "file"))
	if r.Compared {
		fmt.Fprintf(&sb, "\n%s new; %s held back (%s).\n", plural(len(r.Findings), "finding"), plural(len(r.Known), "known finding"), escapeMarkdown(r.KnownWhy))
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
	for _, p := range files {
		fs := byFile[p]
		sort.SliceStable(fs, func(i, j int) bool {
			if fs[i].Rule != fs[j].Rule {
				return fs[i].Rule < fs[j].Rule
			}
			return fs[i].Span.Start < fs[j].Span.Start
		})
		section := fmt.Sprintf("\n### %s\n\n| rule | line | severity | message |\n| --- | --- | --- | --- |\n", codeSpan(p))
		for _, f := range fs {
			section += fmt.Sprintf("| %s | %d:%d | %s | %s |\n", cellCode(f.Rule), f.Start.Line, f.Start.Column, f.Severity, escapeMarkdown(f.Message))
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

// escapeMarkdown makes s literal text in GitHub-flavoured Markdown, in a
// paragraph or a table cell: every ASCII punctuation character is
// backslash-escaped (CommonMark lets any of them be, and shows the character
// itself), so that no `<td>` is read as HTML, no `*` as emphasis, no `&amp;`
// as an entity and no `|` as the end of a cell; line breaks become spaces.
func escapeMarkdown(s string) string {
	var sb strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r':
			sb.WriteByte(' ')
		case c < 0x80 && unicode.IsPunct(c) || c < 0x80 && unicode.IsSymbol(c):
			sb.WriteByte('\\')
			sb.WriteRune(c)
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// cellCode is a code span in a table cell, where a | is escaped even inside
// it: a GFM table splits its cells before it reads code spans.
func cellCode(s string) string { return strings.ReplaceAll(codeSpan(s), "|", "\\|") }

// codeSpan writes s as a Markdown code span, fenced with one backtick more
// than the longest run in s.
func codeSpan(s string) string {
	s = strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
