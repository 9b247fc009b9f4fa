package output

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// encodingJSON is how encoding/json writes f with the JSON format's
// settings: the reference jsonWriter must match byte for byte.
func encodingJSON(t *testing.T, f jsonFinding) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestJSONWriterMatchesEncoding: findings with and without fixes (no
// edits, several), related locations, and strings of every kind of
// character encoding/json escapes (quotes, backslashes, control
// characters, HTML, U+2028, bytes that are not UTF-8, astral runes) come
// out exactly as encoding/json wrote them before.
func TestJSONWriterMatchesEncoding(t *testing.T) {
	pieces := []string{"a", "é", "’", "😀", `"`, `\`, "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f",
		"<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "{:class=\"x\"}", " ", "/help/", "\u00a0"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	findings := []jsonFinding{
		{Path: "a.md", Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Rule: "r", Severity: "error", Message: "m"},
		{Path: "b.md", Fix: &jsonFix{Message: "fix", Edits: []jsonEdit{}}},
		{Path: "c.md", Related: []jsonRelated{{Path: "d.md", Line: 3}}},
	}
	for range 500 {
		f := jsonFinding{Path: text(), Line: rng.IntN(1e6), Column: rng.IntN(300), EndLine: rng.IntN(1e6), EndColumn: rng.IntN(300),
			Rule: text(), Severity: text(), Message: text()}
		if rng.IntN(2) == 0 {
			f.Fix = &jsonFix{Message: text(), Edits: []jsonEdit{}}
			for range rng.IntN(3) {
				f.Fix.Edits = append(f.Fix.Edits, jsonEdit{Offset: rng.IntN(1e7), EndOffset: rng.IntN(1e7), Line: rng.IntN(100), Column: rng.IntN(100),
					EndLine: rng.IntN(100), EndColumn: rng.IntN(100), New: text()})
			}
		}
		for range rng.IntN(3) {
			f.Related = append(f.Related, jsonRelated{Path: text(), Line: rng.IntN(100), Column: rng.IntN(100), EndLine: rng.IntN(100), EndColumn: rng.IntN(100), Message: text()})
		}
		findings = append(findings, f)
	}
	for _, f := range findings {
		var w jsonWriter
		w.finding(f)
		if got, want := string(w.b), encodingJSON(t, f); got != want {
			t.Fatalf("finding %+v:\ngot  %s\nwant %s", f, got, want)
		}
	}
}
