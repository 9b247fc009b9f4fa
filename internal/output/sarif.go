package output

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/helplint/helplint/internal/baseline"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
)

// Version is written into SARIF's tool description.
const Version = "0.1.0"

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string    `json:"id"`
	Name                 string    `json:"name"`
	ShortDescription     sarifText `json:"shortDescription"`
	FullDescription      sarifText `json:"fullDescription"`
	Help                 sarifText `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	} `json:"physicalLocation"`
}

// sarifRelated is a related location: SARIF's location with an id and a message.
type sarifRelated struct {
	ID int `json:"id"`
	sarifLocation
	Message sarifText `json:"message"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifFix struct {
	Description     sarifText `json:"description"`
	ArtifactChanges []struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	} `json:"artifactChanges"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifRelated    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	BaselineState       string            `json:"baselineState,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

// sarifResultOf is a finding as a SARIF result. Its partial fingerprint is
// the baseline's (internal/baseline), numbered among identical findings on
// the page, so that code scanning follows an alert across edits.
func sarifResultOf(f lint.Finding, index map[string]int, seen map[string]int) sarifResult {
	loc := sarifLocation{}
	loc.PhysicalLocation.ArtifactLocation = sarifArtifact{URI: sarifURI(f.Path), URIBaseID: "%SRCROOT%"}
	loc.PhysicalLocation.Region = sarifRegion{f.Start.Line, f.Start.Column, f.End.Line, f.End.Column}
	key := baseline.Fingerprint(f)
	seen[f.Path+key]++
	res := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: level(f.Severity), Message: sarifText{Text: f.Message},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{"helplint/v1": fmt.Sprintf("%s:%d", key, seen[f.Path+key])}}
	for i, rl := range f.Related {
		sr := sarifRelated{ID: i + 1, Message: sarifText{Text: rl.Message}}
		sr.PhysicalLocation.ArtifactLocation = sarifArtifact{URI: sarifURI(rl.Path), URIBaseID: "%SRCROOT%"}
		sr.PhysicalLocation.Region = sarifRegion{rl.Start.Line, rl.Start.Column, rl.End.Line, rl.End.Column}
		res.RelatedLocations = append(res.RelatedLocations, sr)
	}
	if f.Fix != nil && f.File != nil {
		res.Fixes = []sarifFix{sarifFixOf(*f.Fix, f.File, loc.PhysicalLocation.ArtifactLocation)}
	}
	return res
}

// sarifFixOf is a fix as SARIF's, its edits in regions of file.
func sarifFixOf(fix lint.Fix, file *source.File, art sarifArtifact) sarifFix {
	fx := sarifFix{Description: sarifText{Text: fix.Message}}
	ch := struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}{ArtifactLocation: art}
	for _, e := range fix.Edits {
		s, t := file.Position(e.Span.Start), file.Position(e.Span.End)
		rep := sarifReplacement{DeletedRegion: sarifRegion{s.Line, s.Column, t.Line, t.Column}}
		if e.New != "" {
			rep.InsertedContent = &sarifText{Text: e.New}
		}
		ch.Replacements = append(ch.Replacements, rep)
	}
	fx.ArtifactChanges = append(fx.ArtifactChanges, ch)
	return fx
}

// sarifURI writes a path as a relative URI reference with forward slashes.
func sarifURI(p string) string {
	p = filepath.ToSlash(filepath.Clean(p))
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func level(s lint.Severity) string {
	if s == lint.Error {
		return "error"
	}
	return "warning"
}

func truncate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// ruleDoc splits a rule's doc into its title and the first paragraph after it.
func ruleDoc(r *lint.Rule) (title, body string) {
	title = r.Title()
	rest := strings.TrimSpace(strings.TrimPrefix(r.Doc, "# "+title))
	para, _, _ := strings.Cut(rest, "\n\n")
	return title, strings.Join(strings.Fields(para), " ")
}

// SARIF writes SARIF 2.1.0 for GitHub code scanning: one rule entry per rule,
// columns in Unicode code points, fingerprints stable across line moves.
// With a baseline or a revision compared, the new findings are "new" and
// the known ones follow as "unchanged", so that code scanning keeps their
// alerts open rather than closing them.
func SARIF(w io.Writer, r *Report) error {
	index := map[string]int{}
	rules := []sarifRule{}
	for i, rule := range r.Rules {
		index[rule.Name] = i
		title, body := ruleDoc(rule)
		sr := sarifRule{ID: rule.Name, Name: rule.Name,
			ShortDescription: sarifText{Text: truncate(title, 1024)},
			FullDescription:  sarifText{Text: truncate(body, 1024)},
			Help:             sarifText{Text: rule.Doc, Markdown: rule.Doc}}
		sr.DefaultConfiguration.Level = level(rule.Severity)
		if rule.Severity == lint.Off {
			sr.DefaultConfiguration.Level = "none"
		}
		rules = append(rules, sr)
	}
	results := []sarifResult{}
	seen := map[string]int{}
	states := []string{"", ""}
	if r.Compared {
		states = []string{"new", "unchanged"}
	}
	for i, fs := range [][]lint.Finding{r.Findings, r.Known} {
		for _, f := range fs {
			res := sarifResultOf(f, index, seen)
			res.BaselineState = states[i]
			results = append(results, res)
		}
	}
	type driver struct {
		Name            string      `json:"name"`
		SemanticVersion string      `json:"semanticVersion"`
		InformationURI  string      `json:"informationUri"`
		Rules           []sarifRule `json:"rules"`
	}
	out := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":       map[string]any{"driver": driver{"helplint", Version, "https://github.com/helplint/helplint", rules}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
