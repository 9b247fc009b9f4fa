package cli

import (
	"fmt"
	"strings"

	"github.com/helplint/helplint/internal/fix"
	"github.com/helplint/helplint/internal/lint"
)

// maxFixRounds bounds the rounds of fixFile: one fix can make another
// possible (removing a stray character lets the file read as Windows-1252),
// and conflicting fixes wait for the next round.
const maxFixRounds = 5

// fixText applies the page rules' fixes to data, round after round, until
// the text offers none; it returns the fixed text, how many fixes it
// applied and the notes on those it did not (with which a rule finds more).
func fixText(runner *lint.Runner, path, abs string, data []byte) ([]byte, int, []string) {
	ff := &fileFix{path: path, abs: abs, orig: data}
	fixFile(runner, ff, nil, nil)
	return ff.text, ff.applied, ff.notes
}

// candidate is one distinct fix offered in a round, and the findings offering it.
type candidate struct {
	fix      lint.Fix
	finding  lint.Finding
	count    int
	site     bool
	refusing string // the rule that finds more with it
}

// fixFile applies to ff.orig, round after round, the fixes its page rules
// offer (and, in the first round, those of site), keeping each fix with
// which no page rule finds more than before; cur are the page-rule findings
// of ff.orig (nil: lint it). It fills ff.text, ff.applied and ff.notes.
func fixFile(runner *lint.Runner, ff *fileFix, cur []lint.Finding, site []lint.Finding) {
	lintText := func(text []byte) []lint.Finding {
		return runner.Run([]lint.Input{{Path: ff.path, Abs: ff.abs, Target: true, Data: text}}).Findings
	}
	text := ff.orig
	if cur == nil {
		cur = lintText(text)
	}
	refused := map[string]string{} // fix key → the rule that refused it
	var leftSite []candidate
	for round := 0; round < maxFixRounds; round++ {
		cands := candidates(text, cur, refused, false)
		if round == 0 {
			cands = append(cands, candidates(text, site, refused, true)...)
		}
		if len(cands) == 0 {
			break
		}
		fixes := make([]lint.Fix, len(cands))
		for i, c := range cands {
			fixes[i] = c.fix
		}
		choices := fix.Choose(fixes)
		var kept []int
		for i, ch := range choices {
			if ch == fix.Kept {
				kept = append(kept, i)
			} else if cands[i].site {
				leftSite = append(leftSite, cands[i]) // a site fix is offered in the first round only
			}
		}
		acc, next, after := keepSafe(lintText, text, cur, cands, kept)
		for _, i := range kept {
			if cands[i].refusing != "" {
				refused[fixKey(text, cands[i])] = cands[i].refusing
				if cands[i].site {
					leftSite = append(leftSite, cands[i])
				}
			}
		}
		if len(acc) == 0 {
			break
		}
		for _, i := range acc {
			ff.applied += cands[i].count
			if cands[i].site {
				ff.siteApplied += cands[i].count
			}
		}
		text, cur = next, after
	}
	ff.text = text
	ff.notes = append(ff.notes, notApplied(text, cur, refused, leftSite)...)
}

// candidates returns the distinct fixes of findings, leaving out those
// refused before; site tells findings of site rules.
func candidates(text []byte, findings []lint.Finding, refused map[string]string, site bool) []candidate {
	var out []candidate
	at := map[string]int{}
	for _, f := range findings {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		key := fmt.Sprint(f.Fix.Edits)
		if i, ok := at[key]; ok {
			out[i].count++ // the same repair offered by two findings is applied once
			continue
		}
		c := candidate{fix: *f.Fix, finding: f, count: 1, site: site}
		if _, no := refused[fixKey(text, c)]; no {
			continue
		}
		at[key] = len(out)
		out = append(out, c)
	}
	return out
}

// keepSafe tries the kept fixes on text together; when some rule then finds
// more than in cur, it splits them in halves and tries each, down to single
// fixes, which are refused. It returns the fixes accepted, the text with
// them, and its findings.
func keepSafe(lintText func([]byte) []lint.Finding, text []byte, cur []lint.Finding, cands []candidate, kept []int) ([]int, []byte, []lint.Finding) {
	var acc []int
	best, bestFound := text, cur
	var try func(group []int)
	try = func(group []int) {
		with := append(append([]int(nil), acc...), group...)
		var edits []lint.Edit
		fixes := make([]lint.Fix, 0, len(with))
		for _, i := range with {
			fixes = append(fixes, cands[i].fix)
		}
		edits, _ = fix.Merge(fixes)
		next := fix.Apply(text, edits)
		after := lintText(next)
		rule := worse(cur, after)
		if rule == "" {
			acc, best, bestFound = with, next, after
			return
		}
		if len(group) == 1 {
			cands[group[0]].refusing = rule
			return
		}
		try(group[:len(group)/2])
		try(group[len(group)/2:])
	}
	if len(kept) > 0 {
		try(kept)
	}
	return acc, best, bestFound
}

// fixKey names a fix by what it does, not where: offsets move between rounds.
func fixKey(text []byte, c candidate) string {
	key := c.finding.Rule + "\x00" + c.fix.Message
	for _, e := range c.fix.Edits {
		key += "\x00" + string(text[e.Span.Start:e.Span.End]) + "\x00" + e.New
	}
	return key
}

// notApplied says, for each fix still offered in the final text and each
// site fix left out, why --fix did not apply it.
func notApplied(text []byte, final []lint.Finding, refused map[string]string, leftSite []candidate) []string {
	var notes []string
	say := func(f lint.Finding, why string) {
		notes = append(notes, fmt.Sprintf("%s:%d:%d: %s: fix %q not applied: %s", f.Path, f.Start.Line, f.Start.Column, f.Rule, f.Fix.Message, why))
	}
	for _, f := range final {
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			continue
		}
		if rule, ok := refused[fixKey(text, candidate{fix: *f.Fix, finding: f})]; ok {
			say(f, refusal(rule))
			continue
		}
		say(f, fmt.Sprintf("it overlaps another fix, or another fix made it possible, in the %d rounds of this run; run --fix again", maxFixRounds))
	}
	for _, c := range leftSite {
		if c.refusing != "" {
			say(c.finding, refusal(c.refusing))
		} else {
			say(c.finding, "it overlaps another fix; run --fix again")
		}
	}
	return notes
}

func refusal(rule string) string {
	return fmt.Sprintf("with it the page has more %s findings than without", rule)
}

// checkSite lints the whole site again with the fixed texts, when fixes of
// site rules were applied: a page rule sees one page, but a site rule's
// finding may depend on other pages. If any rule then finds more anywhere,
// the site rules' fixes are all left out (the page rules' fixes stay), and
// said so.
func checkSite(runner, pageOnly *lint.Runner, res lint.Result, inputs []lint.Input, files []*fileFix, pageBefore map[string][]lint.Finding) {
	some := false
	fixed := map[string][]byte{}
	for _, ff := range files {
		some = some || ff.siteApplied > 0
		fixed[ff.abs] = ff.text
	}
	if !some {
		return
	}
	in := make([]lint.Input, len(inputs))
	for i, x := range inputs {
		in[i] = x
		if t, ok := fixed[x.Abs]; ok && x.Target {
			in[i].Data = t
		}
	}
	quiet := *runner
	quiet.Progress = nil // the progress line of the run is cleared already
	after := quiet.Run(in)
	rule, where := worseFile(res.Findings, after.Findings)
	if rule == "" {
		return
	}
	for _, ff := range files {
		if ff.siteApplied == 0 {
			continue
		}
		site := ff.site
		*ff = fileFix{path: ff.path, abs: ff.abs, orig: ff.orig, site: site}
		fixFile(pageOnly, ff, pageBefore[ff.abs], nil)
		for _, f := range site {
			ff.notes = append(ff.notes, fmt.Sprintf("%s:%d:%d: %s: fix %q not applied: with the site rules' fixes, %s has more %s findings than without", f.Path, f.Start.Line, f.Start.Column, f.Rule, f.Fix.Message, where, rule))
		}
	}
}

// worseFile returns a rule that reports more findings in some file after
// than before, and the file, or "".
// lostBytes counts the U+FFFD a mojibake repair writes where a byte was
// lost beyond knowing: each makes the replacement-char finding that asks
// for the character to be retyped, which is expected, not a new defect.
func lostBytes(f lint.Finding) int {
	n := 0
	if f.Fix != nil && f.Rule == "mojibake" {
		for _, e := range f.Fix.Edits {
			n += strings.Count(e.New, "\uFFFD")
		}
	}
	return n
}

func worseFile(before, after []lint.Finding) (rule, path string) {
	type key struct{ path, rule string }
	count := map[key]int{}
	for _, f := range before {
		count[key{f.Path, f.Rule}]++
		count[key{f.Path, "replacement-char"}] += lostBytes(f)
	}
	for _, f := range after {
		k := key{f.Path, f.Rule}
		count[k]--
		if count[k] < 0 {
			return f.Rule, f.Path
		}
	}
	return "", ""
}
