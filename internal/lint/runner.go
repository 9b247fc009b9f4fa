package lint

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/readfile"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
)

// MaxFileSize is the largest file helplint reads; a larger one is reported, not linted.
const MaxFileSize = 64 << 20

// Input is one file to read.
type Input struct {
	// Path is how the user named the file (or how the walk reached it); findings use it.
	Path string
	// Abs is the absolute path.
	Abs string
	// Target is true for files whose findings are reported; the others only feed the site index.
	Target bool
	// Data, when not nil, is used instead of reading Abs: fixed text
	// re-linted, or an editor's unsaved buffer (on targets and index pages).
	Data []byte
	// Named is true for a target named on its own (not found in a folder).
	Named bool
	// Info, when Classified, is what the site makes of the file's path
	// (the workspace classifies every file once, to pick the pages).
	Info       site.Info
	Classified bool
}

// Finding is a diagnostic placed in a file, ready for output.
type Finding struct {
	Path     string
	Rule     string
	Severity Severity
	Span     source.Span
	Start    source.Position
	End      source.Position
	Message  string
	Fix      *Fix
	// Related are the other places the defect involves.
	Related []RelatedLocation
	// File is the file the finding is in (for applying fixes).
	File *source.File
	// Abs is the file's absolute path.
	Abs string
}

// RelatedLocation is a Related placed in its file, ready for output.
type RelatedLocation struct {
	// Path is the file's path as the run reached it; Abs is absolute.
	Path, Abs string
	// Span is the place in bytes, when the file was read (Known).
	Span  source.Span
	Known bool
	// Start and End are 1-based lines and columns in characters (the
	// other columns of source.Position are set only when Known).
	Start, End source.Position
	Message    string
}

// Problem is a file that could not be linted, or an internal error.
type Problem struct {
	Path    string
	Message string
	// Fatal problems (unreadable input, a rule that crashed) make helplint exit 2;
	// others (a binary file skipped) are notes.
	Fatal bool
}

// Result is the outcome of a run.
type Result struct {
	Findings []Finding
	// Files counts the target files linted.
	Files int
	// Linted are the paths of the target files linted, in input order.
	Linted []string
	// Skipped are target files that are not pages, with the reason.
	Skipped  []Skip
	Problems []Problem
	// Index is the site index the cross-file rules read (nil without them).
	Index *Index
	// Stamps are the stamps, taken before the read, of the target files read
	// from disk, by absolute path: --fix checks that a file is still the one
	// it read before replacing it.
	Stamps map[string]readfile.Stamp
}

// Skip is a file under the named paths that is not linted, and why.
type Skip struct {
	Path string
	Why  string
	// Named is true for a file named on its own (not found in a folder).
	Named bool
}

// Runner lints files with a fixed set of rules.
type Runner struct {
	Rules []Settings
	// Known holds the name of every rule, enabled or not, to tell a
	// suppression of a disabled rule from one naming no rule at all.
	Known   map[string]bool
	Parser  *page.Parser
	Site    *site.Site
	Env     *Env
	Workers int
	// Cache, when set, keeps the index pages of files that are not linted between runs.
	Cache IndexCache
	// IndexKeys are the front matter keys index pages keep; nil means
	// those of Rules (see IndexKeys). An index cache needs the same keys on
	// every run, whatever rules are on.
	IndexKeys []string
	// Progress, when set, is told how many files are done after each one.
	Progress func(done, total int)
	// DropTexts lets each target's text go once its page rules have run,
	// keeping what positions need (source.File.Drop): for a run whose
	// output reads no text, neither fixes nor fingerprints. Site rules
	// read no text; their edits are built on what the page model keeps.
	DropTexts bool
}

// IndexCache keeps the index pages of files between runs;
// internal/indexcache implements it.
type IndexCache interface {
	// Load returns the index page saved for the file at abs, and reports
	// whether there was one and the file has not changed since.
	Load(abs string) (IndexPage, bool)
	// Store saves the index page of the file at abs, whose stamp st was
	// taken before it was read.
	Store(abs string, st readfile.Stamp, ip IndexPage)
}

type fileResult struct {
	stamp    *readfile.Stamp // of a target read from disk
	skipped  []Skip
	findings []Finding
	facts    *Facts
	problems []Problem
	linted   bool
}

// Run lints the inputs in parallel, then runs the cross-file rules over the
// index of every page, and returns findings sorted by path, line, column and rule.
func (r *Runner) Run(inputs []Input) Result {
	workers := r.Workers
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	keys := r.IndexKeys
	if keys == nil {
		var rules []*Rule
		for _, s := range r.Rules {
			rules = append(rules, s.Rule)
		}
		keys = IndexKeys(rules)
	}
	results := r.lintFiles(inputs, keys, workers)
	res, facts := gather(inputs, results)
	if r.hasSiteRules() {
		res.Index = NewIndex(facts)
		found, n, probs := r.runSiteRules(res.Index, workers)
		res.Findings = slices.Grow(res.Findings, n)
		for _, c := range found {
			res.Findings = append(res.Findings, c...)
		}
		res.Problems = append(res.Problems, probs...)
	}
	res.Findings = r.suppress(res.Findings, facts)
	SortFindings(res.Findings)
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Path < res.Problems[j].Path })
	return res
}

// lintFiles lints or indexes every input on workers goroutines, the
// results in input order.
func (r *Runner) lintFiles(inputs []Input, keys []string, workers int) []fileResult {
	results := make([]fileResult, len(inputs))
	// the facts of pages not linted, in one allocation: a large site has thousands
	slots := make([]*Facts, len(inputs))
	n := 0
	for _, in := range inputs {
		if !in.Target {
			n++
		}
	}
	slab := make([]Facts, n)
	for i, in := range inputs {
		if !in.Target {
			slots[i], slab = &slab[0], slab[1:]
		}
	}
	// workers take the next input from a counter: a channel send per input
	// costs more than a page the index cache answers
	var wg sync.WaitGroup
	var next, done atomic.Int64
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(inputs) {
					return
				}
				results[i] = r.lintFile(inputs[i], keys, slots[i])
				if r.Progress != nil {
					r.Progress(int(done.Add(1)), len(inputs))
				}
			}
		}()
	}
	wg.Wait()
	return results
}

// gather adds up the files' results, and lists the facts of every page.
func gather(inputs []Input, results []fileResult) (Result, []*Facts) {
	var res Result
	nf := 0
	for _, fr := range results {
		nf += len(fr.findings)
	}
	res.Findings = make([]Finding, 0, nf)
	facts := make([]*Facts, 0, len(results))
	for i, fr := range results {
		if fr.stamp != nil {
			if res.Stamps == nil {
				res.Stamps = map[string]readfile.Stamp{}
			}
			res.Stamps[inputs[i].Abs] = *fr.stamp
		}
		res.Findings = append(res.Findings, fr.findings...)
		res.Problems = append(res.Problems, fr.problems...)
		if fr.facts != nil {
			facts = append(facts, fr.facts)
		}
		res.Skipped = append(res.Skipped, fr.skipped...)
		if fr.linted {
			res.Files++
			res.Linted = append(res.Linted, fr.facts.Path)
		}
	}
	return res, facts
}

// runSiteRules runs the cross-file rules side by side (they read the index
// only), at most workers at once: their findings in rule order, in chunks
// (n in all), for the caller to copy once.
func (r *Runner) runSiteRules(ix *Index, workers int) (found [][]Finding, n int, problems []Problem) {
	var site []Settings
	for _, s := range r.Rules {
		if s.Rule.RunSite != nil {
			site = append(site, s)
		}
	}
	chunks := make([][][]Finding, len(site))
	probs := make([][]Problem, len(site))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i, s := range site {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			chunks[i], probs[i] = r.runSite(s, ix, workers)
		}()
	}
	wg.Wait()
	for i := range site {
		for _, c := range chunks[i] {
			found = append(found, c)
			n += len(c)
		}
		problems = append(problems, probs[i]...)
	}
	return found, n, problems
}

// maxChunk is the most findings runSite collects in one array: one array
// that doubles to hold the Login.gov site x32's 10,000 unmarked links
// copied them all over again, and was a fortieth of the run's CPU.
const maxChunk = 1024

// addFinding appends fd to the last of chunks, or to a new one when that
// one is full (twice as large as it, up to maxChunk).
func addFinding(chunks [][]Finding, fd Finding) [][]Finding {
	if k := len(chunks) - 1; k >= 0 && len(chunks[k]) < cap(chunks[k]) {
		chunks[k] = append(chunks[k], fd)
		return chunks
	}
	size := 16
	if k := len(chunks) - 1; k >= 0 {
		size = min(2*cap(chunks[k]), maxChunk)
	}
	return append(chunks, append(make([]Finding, 0, size), fd))
}

func (r *Runner) hasSiteRules() bool {
	for _, s := range r.Rules {
		if s.Rule.RunSite != nil {
			return true
		}
	}
	return false
}

// DefaultWorkers is how many files are linted at once: four per CPU, so
// that while some workers wait in the kernel reading files, others parse
// (measured on the real site copied 32 times: 1.59 s with one worker per
// CPU, 1.31 s with four).
func DefaultWorkers() int { return 4 * runtime.GOMAXPROCS(0) }

// SortFindings orders findings by path, line, column, rule and message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// fatal is the result of a file that could not be read or parsed.
func fatal(in Input, msg string) fileResult {
	return fileResult{problems: []Problem{{Path: in.Path, Message: msg, Fatal: true}}}
}

// IsBinary reports whether data looks like a binary file: a NUL byte in its first 8 KiB.
func IsBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0
}

// UTF16 names the encoding of data when it is UTF-16 text ("UTF-16LE" or
// "UTF-16BE"): a byte order mark, or, in its first 8 KiB, NUL bytes at
// every odd (or even) offset and almost nowhere else, as ASCII text in
// UTF-16 has them. "" otherwise.
func UTF16(data []byte) string {
	switch {
	case len(data) >= 2 && data[0] == 0xFF && data[1] == 0xFE:
		return "UTF-16LE"
	case len(data) >= 2 && data[0] == 0xFE && data[1] == 0xFF:
		return "UTF-16BE"
	}
	head := data[:min(len(data), 8192)&^1]
	if len(head) < 8 || bytes.IndexByte(head, 0) < 0 {
		return "" // no NUL at all, as on every text page: no need to count them
	}
	var zeros [2]int
	for i, c := range head {
		if c == 0 {
			zeros[i&1]++
		}
	}
	half := len(head) / 2
	switch {
	case zeros[1] >= half*9/10 && zeros[0] <= half/100:
		return "UTF-16LE"
	case zeros[0] >= half*9/10 && zeros[1] <= half/100:
		return "UTF-16BE"
	}
	return ""
}

// indexFile reads a page that only feeds the site index into f: from the
// cache when its entry is valid, else from disk with the cheap index parse.
func (r *Runner) indexFile(in Input, keys []string, f *Facts) (fr fileResult) {
	if in.Data != nil {
		// an editor's unsaved buffer stands for the file: no cache, no read
		return r.indexData(in, keys, f, in.Data)
	}
	if r.Cache != nil {
		if ip, ok := r.Cache.Load(in.Abs); ok {
			f.Index = ip
			if !ip.Skip() {
				fr.facts = r.setIndexFacts(f, in)
			}
			return fr
		}
	}
	data, st, err := readfile.Read(in.Abs, MaxFileSize)
	if err != nil {
		return fatal(in, err.Error())
	}
	fr = r.indexData(in, keys, f, data)
	if r.Cache != nil && len(fr.problems) == 0 { // a page that crashed the parse is not kept
		r.Cache.Store(in.Abs, st, f.Index)
	}
	return fr
}

// indexData fills f with the index page of data, the text of in.
func (r *Runner) indexData(in Input, keys []string, f *Facts, data []byte) (fr fileResult) {
	defer func() {
		if v := recover(); v != nil {
			fr = fatal(in, fmt.Sprintf("internal error while parsing: %v\n%s", v, debug.Stack()))
		}
	}()
	f.Index = SkipPage()
	if !IsBinary(data) {
		info := r.info(in)
		if r.contributesTo(info) {
			// a rule keeps data of this page that only the full parse sees
			if pg := r.Parser.Parse(in.Path, data); rendered(info, pg) == "" && !pg.BOM {
				tf := NewFacts(pg, in, info, r.Site, keys)
				f.Index = NewIndexPage(pg, keys, r.contribute(&Pass{Page: pg, Info: tf.Info, Site: r.Site, Config: r.Env,
					RedirectStub: tf.RedirectStub, Published: tf.Published, Defaults: tf.Defaults()}))
			}
		} else if pg := r.Parser.ParseIndex(in.Path, data); rendered(info, pg) == "" && !pg.BOM {
			f.Index = NewIndexPage(pg, keys, nil)
		}
	}
	if !f.Index.Skip() {
		fr.facts = r.setIndexFacts(f, in)
	}
	return fr
}

// contributesTo reports whether an enabled rule contributes data of the
// page at info to the index (Rule.ContributesTo).
func (r *Runner) contributesTo(info site.Info) bool {
	for _, s := range r.Rules {
		if c := s.Rule.ContributesTo; s.Rule.Contribute != nil && (c == nil || c(info, r.Site)) {
			return true
		}
	}
	return false
}

// contribute collects the enabled rules' data of the page in pass; a rule
// that panics contributes nothing (its RunSite then sees the page bare).
func (r *Runner) contribute(pass *Pass) []RuleData {
	var out []RuleData
	for _, s := range r.Rules {
		if s.Rule.Contribute == nil {
			continue
		}
		name := s.Rule.Name
		if shared := s.Rule.SharesData; shared != "" {
			if r.enabled(shared) {
				continue // that rule contributes the data itself
			}
			name = shared
		}
		pass.Options = s.Options
		if d := contributeSafely(s.Rule, pass); len(d) > 0 {
			out = append(out, RuleData{Rule: name, Data: d})
		}
	}
	return out
}

// enabled reports whether the rule named name runs.
func (r *Runner) enabled(name string) bool {
	for _, s := range r.Rules {
		if s.Rule.Name == name {
			return true
		}
	}
	return false
}

func contributeSafely(rule *Rule, pass *Pass) (data []byte) {
	defer func() {
		if recover() != nil {
			data = nil
		}
	}()
	return rule.Contribute(pass)
}

func (r *Runner) setIndexFacts(f *Facts, in Input) *Facts {
	SetIndexFacts(f, in, r.info(in), r.Site)
	return f
}

// info classifies the input's path in the site.
func (r *Runner) info(in Input) site.Info {
	if in.Classified {
		return in.Info
	}
	rel := r.Site.Rel(in.Abs)
	if rel == "" {
		rel = in.Path
	}
	return r.Site.Classify(rel)
}

// rendered returns why Jekyll does not render the page, or "" when it
// does: a file without front matter is copied as it is (posts need none).
// A collection file that looks like front matter that lost its opening
// fence is rendered wrong rather than copied: the front matter rules report it.
func rendered(info site.Info, pg *page.Page) string {
	if pg.FrontMatter.Present || info.Kind == site.KindPost || info.Kind == site.KindDraft {
		return ""
	}
	if info.Kind == site.KindDocument && LostOpeningFence(pg.File.Text) {
		return ""
	}
	return "no front matter: Jekyll copies it as a static file"
}

// LostOpeningFence reports whether text starts like front matter whose
// opening `---` line is missing: `key: value` lines, then a `---` line.
func LostOpeningFence(text []byte) bool {
	lines := 0
	for len(text) > 0 && lines < 100 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimRight(line, " \t\r")
		if string(line) == "---" {
			return lines > 0
		}
		if !yamlKeyLine(line) && !(lines > 0 && len(line) > 0 && (line[0] == ' ' || line[0] == '-' || line[0] == '#')) {
			return false
		}
		lines++
	}
	return false
}

// yamlKeyLine reports whether line is `key:` or `key: value` with a plain key.
func yamlKeyLine(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] == '-' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' || line[i] >= '0' && line[i] <= '9') {
		i++
	}
	return i > 0 && i < len(line) && line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ')
}

func (r *Runner) lintFile(in Input, keys []string, slot *Facts) (fr fileResult) {
	if !in.Target {
		return r.indexFile(in, keys, slot)
	}
	data := in.Data
	if data == nil {
		d, st, err := readfile.Read(in.Abs, MaxFileSize)
		if err != nil {
			return fatal(in, err.Error())
		}
		data, fr.stamp = d, &st
	}
	if enc := UTF16(data); enc != "" || IsBinary(data) {
		msg := "binary file (it holds NUL bytes); skipped"
		if enc != "" {
			from := enc
			if data[0] >= 0xFE { // with a byte order mark, which iconv drops only for plain UTF-16
				from = "UTF-16"
			}
			msg = fmt.Sprintf("%s text, which Jekyll does not read (it reads UTF-8); convert it, for example with `iconv -f %s -t UTF-8 FILE > FILE.utf8` and renaming the result; skipped", enc, from)
		}
		fr.problems = append(fr.problems, Problem{Path: in.Path, Message: msg})
		return fr
	}
	defer func() {
		if v := recover(); v != nil {
			fr = fatal(in, fmt.Sprintf("internal error while parsing: %v\n%s", v, debug.Stack()))
		}
	}()
	pg := r.Parser.Parse(in.Path, data)
	info := r.info(in)
	if why := rendered(info, pg); why != "" {
		return fileResult{skipped: []Skip{{Path: in.Path, Why: why, Named: in.Named}}}
	}
	fr.facts = NewFacts(pg, in, info, r.Site, keys)
	rel := info.Rel
	fr.linted = true
	if pg.Unread != "" {
		fr.problems = append(fr.problems, Problem{Path: in.Path, Message: pg.Unread})
	}
	// one pass serves every rule of the page; only Options changes between rules
	var diags []Diagnostic
	found := 0 // diagnostics of the rule, kept or not: past MaxFindings they are counted only
	pass := &Pass{Page: pg, Info: fr.facts.Info, Site: r.Site, Config: r.Env, RedirectStub: fr.facts.RedirectStub, Published: fr.facts.Published, Defaults: fr.facts.Defaults(), Target: true,
		report: func(d Diagnostic) {
			if found++; found <= MaxFindings {
				diags = append(diags, d)
			}
		},
		count: func(n int) { found += n }}
	fr.facts.data = r.contribute(pass)
	for _, s := range r.Rules {
		if s.Rule.Run == nil {
			continue
		}
		sev := s.Severity(rel)
		if sev == Off {
			continue
		}
		diags, found = diags[:0], 0
		pass.Options = s.Options
		if err := runPage(s, pass); err != nil {
			fr.problems = append(fr.problems, Problem{Path: in.Path, Fatal: true, Message: err.Error()})
			continue
		}
		if found > MaxFindings {
			fr.problems = append(fr.problems, leftOut(in.Path, s.Rule.Name, found))
		}
		for _, d := range diags {
			fd, bad := newFinding(in, pg.File, s.Rule.Name, sev, d, fr.facts.Liquid, fr.facts.Fences)
			fr.findings = append(fr.findings, fd)
			if bad != nil {
				fr.problems = append(fr.problems, *bad)
			}
		}
	}
	if r.DropTexts {
		pg.File.Drop()
	}
	return fr
}

// MaxFindings is how many findings of one rule one file reports: a 50 MB
// page with 663,000 findings needed 3 GB, and past a thousand the rest
// say nothing new. A note says how many were left out.
const MaxFindings = 1000

// leftOut is the note for a file whose rule found more than MaxFindings.
func leftOut(path, rule string, n int) Problem {
	return Problem{Path: path, Message: fmt.Sprintf("%s found %d problems; the first %d are listed, %d left out", rule, n, MaxFindings, n-MaxFindings)}
}

// runPage runs one rule on one page; a panic becomes an error naming both.
func runPage(s Settings, pass *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error in rule %s: %v\n%s", s.Rule.Name, v, debug.Stack())
		}
	}()
	s.Rule.Run(pass)
	return nil
}

// runSite runs one cross-file rule, its findings in chunks (addFinding).
func (r *Runner) runSite(s Settings, ix *Index, workers int) (fs [][]Finding, problems []Problem) {
	defer func() {
		if v := recover(); v != nil {
			fs = nil
			problems = []Problem{{Path: r.Site.Root, Fatal: true,
				Message: fmt.Sprintf("internal error in rule %s: %v\n%s", s.Rule.Name, v, debug.Stack())}}
		}
	}()
	counts := map[*Facts]int{}
	pass := &SitePass{Index: ix, Site: r.Site, Config: r.Env, Options: s.Options, workers: workers,
		report: func(f *Facts, d Diagnostic) {
			if !f.Target {
				return
			}
			sev := s.Severity(f.Info.Rel)
			if sev == Off {
				return
			}
			if counts[f]++; counts[f] > MaxFindings {
				return
			}
			fd, bad := newFinding(Input{Path: f.Path, Abs: f.Abs}, f.File, s.Rule.Name, sev, d, f.Liquid, f.Fences)
			fs = addFinding(fs, fd)
			if bad != nil {
				problems = append(problems, *bad)
			}
		}}
	s.Rule.RunSite(pass)
	for f, n := range counts {
		if n > MaxFindings {
			problems = append(problems, leftOut(f.Path, s.Rule.Name, n))
		}
	}
	return fs, problems
}

// newFinding places a diagnostic in its file. A fix that fails validation
// is dropped and returned as a problem: it is a bug in the rule, not the page.
func newFinding(in Input, f *source.File, rule string, sev Severity, d Diagnostic, liquid []source.Span, fences frontmatter.Fences) (Finding, *Problem) {
	if d.Warning && sev > Warning {
		sev = Warning
	}
	fd := Finding{Path: in.Path, Abs: in.Abs, Rule: rule, Severity: sev, Span: d.Span, Message: d.Message, File: f,
		Start: f.Position(d.Span.Start), End: f.Position(d.Span.End)}
	for _, r := range d.Related {
		fd.Related = append(fd.Related, placeRelated(in, f, r))
	}
	if len(d.Fixes) > 0 {
		fix := d.Fixes[0]
		if err := ValidateFix(fix, f.Len(), liquid, fences); err != nil {
			return fd, &Problem{Path: in.Path, Message: fmt.Sprintf("rule %s offered an unsafe fix (%v); not applied", rule, err)}
		}
		fd.Fix = &fix
	}
	return fd, nil
}

// placeRelated places r, a related place of a diagnostic on the file f.
func placeRelated(in Input, f *source.File, r Related) RelatedLocation {
	loc := RelatedLocation{Path: in.Path, Abs: in.Abs, Message: r.Message}
	if r.Page != nil {
		loc.Path, loc.Abs, f = r.Page.Path, r.Page.Abs, nil
		if r.Page.Parsed != nil {
			f = r.Page.File
		}
	}
	if f != nil {
		loc.Span, loc.Known = r.Span, true
		loc.Start, loc.End = f.Position(r.Span.Start), f.Position(r.Span.End)
		return loc
	}
	// a page that is not linted: the place the index kept, or the file's start
	loc.Start = source.Position{Line: max(r.Line, 1), Column: max(r.Column, 1)}
	loc.End = source.Position{Line: loc.Start.Line, Column: max(r.EndColumn, loc.Start.Column)}
	return loc
}

// ValidateFix checks that a fix's edits are sorted, inside the file, do not
// overlap, do not cut into a Liquid token and do not cross a front-matter fence.
func ValidateFix(fix Fix, size int, liquid []source.Span, fm frontmatter.Fences) error {
	prev := -1
	for _, e := range fix.Edits {
		s := e.Span
		if s.Start < 0 || s.End > size || s.Start > s.End {
			return fmt.Errorf("edit %d-%d outside the file (size %d)", s.Start, s.End, size)
		}
		if s.Start < prev {
			return fmt.Errorf("edits overlap or are not sorted at %d", s.Start)
		}
		prev = s.End
		for _, l := range liquid {
			if cuts(s, l) {
				return fmt.Errorf("edit %d-%d cuts into Liquid markup at %d-%d", s.Start, s.End, l.Start, l.End)
			}
		}
		if fm.Present {
			for _, fence := range []source.Span{fm.Open, fm.Close} {
				if fence.End > fence.Start && (cuts(s, fence) || (s.Start < fence.Start && s.End > fence.Start)) {
					return fmt.Errorf("edit %d-%d crosses the front-matter fence", s.Start, s.End)
				}
			}
		}
	}
	return nil
}

// cuts reports whether edit span e changes part, but not all, of token t,
// or inserts text strictly inside it.
func cuts(e, t source.Span) bool {
	if e.Start == e.End {
		return e.Start > t.Start && e.Start < t.End
	}
	overlap := e.Start < t.End && t.Start < e.End
	covers := e.Start <= t.Start && e.End >= t.End
	return overlap && !covers
}
