// Package workspace turns the paths and flags a user gives into a ready
// run: the configuration, the Jekyll site, the rules' settings, the runner
// and the files to read. The command line and the tests share it.
package workspace

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/indexcache"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/readfile"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/internal/table"
	"github.com/helplint/helplint/rules"
)

// Workspace is everything a run needs.
type Workspace struct {
	Config   *config.Config
	Site     *site.Site
	Rules    []*lint.Rule
	Settings []lint.Settings
	Runner   *lint.Runner
	// Inputs are the named pages (targets) and, when cross-file rules are on, the rest of the site.
	Inputs []lint.Input
	// WalkErrors are paths that could not be read or do not exist.
	WalkErrors []error
	// Warnings are configuration smells worth a line on stderr, such as a schema glob that matches no page.
	Warnings []string
	// Cache keeps the index parse of pages that are not linted; nil without Options.CacheDir.
	Cache *indexcache.Cache
	// Notes are what --verbose adds about how the site is read (a plugin
	// that may write pages helplint cannot see).
	Notes []string
	// Skipped are files under the named paths that are not pages, with the
	// reason (--verbose prints them; a named folder without pages is an error).
	Skipped []lint.Skip

	siteFiles []discover.File // every file of the site, from the walk
	cacheDir  string          // the index cache's folder, for UseCache
	unread    []string        // folders of the site (slash paths) the walk could not read
	fault     func(dir string) error
	paths     []string // the paths named
}

// Options are what the user chose.
type Options struct {
	Paths []string
	// ConfigPath is --config; empty means: find .helplint.yaml upward from the first path.
	ConfigPath string
	// RuleSeverities are --rule NAME=SEVERITY flags.
	RuleSeverities map[string]string
	Workers        int
	// CacheDir is the folder of index caches; empty runs without one.
	CacheDir string
	// CacheNow is the index cache's clock (nil: time.Now); see indexcache.Options.
	CacheNow func() time.Time
	// Drafts reads _drafts as Jekyll's --drafts does.
	Drafts bool
	// DropTexts lets the pages' text go once their page rules have run
	// (lint.Runner.DropTexts): for a run that neither fixes nor
	// fingerprints its findings.
	DropTexts bool
	// WalkFault, when set, gives an error instead of reading a folder
	// (tests: a root process reads every folder).
	WalkFault func(dir string) error
	// NoConfig reads the site with the defaults alone, whatever
	// .helplint.yaml is near: helplint init detects what the site shows.
	NoConfig bool
}

// Open loads the configuration and the site and finds the files. Errors
// are configuration errors (exit 2).
func Open(o Options) (*Workspace, error) {
	if len(o.Paths) == 0 {
		o.Paths = []string{"."}
	}
	w, err := openConfig(o)
	if err != nil {
		return nil, err
	}
	alone, err := w.openSite(o)
	if err != nil {
		return nil, err
	}
	// The schemas load while the site is walked. When only files are named
	// (the pre-commit case) the index cache opens first: it may hold the
	// files of the last walk, still true.
	keys := lint.IndexKeys(w.Rules)
	var schemas *schema.Set
	var schemaErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		schemas, schemaErr = loadSchemas(w.Config, w.Site)
	}()
	var cache *indexcache.Cache
	if o.CacheDir != "" && onlyFiles(o.Paths) {
		cache = w.openCache(o, keys)
		cache.Prefetch(runtime.GOMAXPROCS(0))
	}
	env, err := w.readSite(o, cache, alone)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if schemaErr != nil {
		return nil, schemaErr
	}
	env.Schemas, env.SchemasBuiltin = schemas, !w.Config.SchemasSet
	w.newRunner(o, env, keys, cache)
	w.checkSchemaGlobs()
	return w, nil
}

// openConfig loads the configuration (none with NoConfig) and resolves the
// rules' settings.
func openConfig(o Options) (*Workspace, error) {
	cfgPath := o.ConfigPath
	if cfgPath == "" && !o.NoConfig {
		cfgPath = config.Find(o.Paths[0])
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return nil, err
	}
	w := &Workspace{Config: cfg, Rules: rules.All(), fault: o.WalkFault, paths: o.Paths}
	if w.Settings, err = cfg.Resolve(w.Rules, o.RuleSeverities); err != nil {
		return nil, err
	}
	return w, nil
}

// openSite finds and loads the site: the configuration's, the nearest
// above the first path, or, with none in sight, the named folder taken as
// it is. alone is true for files named outside any site, which are linted
// alone: their folder is no site to index (it may be a home folder of
// unrelated files).
func (w *Workspace) openSite(o Options) (alone bool, err error) {
	root := w.Config.SiteRoot
	if root == "" {
		root = site.FindRoot(o.Paths[0])
	}
	loose := root == ""
	if loose {
		root = o.Paths[0]
		if fi, err := os.Stat(root); err == nil && !fi.IsDir() {
			root = filepath.Dir(root)
		}
	}
	if w.Site, err = site.Load(root); err != nil {
		return false, err
	}
	w.Site.Loose, w.Site.Drafts, w.Site.RedirectLayouts = loose, o.Drafts, w.Config.RedirectLayouts
	w.Site.SetLanguages(w.Config.Languages, w.Config.DefaultLocale, w.Config.Path)
	if gen, plugin := w.Site.PluginsWrite(); gen {
		w.Notes = append(w.Notes, plugin+" may write pages or files that the source does not show: a link to a URL no page, redirect or file has is not reported as missing")
	}
	return loose && onlyFiles(o.Paths), nil
}

// readSite walks the site once, for the index, the list of its files and
// the named folders inside it, and then builds the run's settings and the
// list of inputs side by side: both read every file of the site.
func (w *Workspace) readSite(o Options, cache *indexcache.Cache, alone bool) (*lint.Env, error) {
	var siteFiles []discover.File
	if !alone {
		siteFiles = w.walkSite(cache)
	}
	w.siteFiles = siteFiles
	w.Site.FindLocaleFolders(siteRels(w.Site, siteFiles))
	var env *lint.Env
	var oldErr error
	var ewg sync.WaitGroup
	ewg.Add(1)
	go func() {
		defer ewg.Done()
		env = newEnv(w.Config, w.Site, siteFiles)
		env.OldURLs, env.OldURLsFile, oldErr = loadOldURLs(w.Config, w.Site)
	}()
	inputs, errs, skipped := w.collect(o.Paths, siteFiles)
	w.Inputs, w.WalkErrors, w.Skipped = inputs, append(w.WalkErrors, errs...), append(w.Skipped, skipped...)
	ewg.Wait()
	if oldErr != nil {
		return nil, oldErr
	}
	env.Unread = w.unread
	return env, nil
}

// newRunner makes the runner of the workspace's rules, with the index cache
// when some pages only feed the index: they are what the cache saves reading.
func (w *Workspace) newRunner(o Options, env *lint.Env, keys []string, cache *indexcache.Cache) {
	known := map[string]bool{}
	for _, r := range w.Rules {
		known[r.Name] = true
	}
	w.Runner = &lint.Runner{Rules: w.Settings, Known: known, Parser: w.parser(), Site: w.Site, Env: env, Workers: o.Workers,
		IndexKeys: keys, DropTexts: o.DropTexts}
	if o.CacheDir != "" && len(w.Inputs) > 0 && !w.Inputs[len(w.Inputs)-1].Target {
		if cache == nil {
			cache = w.openCache(o, keys)
		}
		w.Cache, w.Runner.Cache = cache, cache
	}
}

// checkSchemaGlobs warns of each glob of the configuration's schemas that
// matches no page.
func (w *Workspace) checkSchemaGlobs() {
	if !w.Config.SchemasSet {
		return
	}
	for _, m := range w.Config.Schemas {
		if !w.anyInput(m.Glob) {
			w.Warnings = append(w.Warnings, fmt.Sprintf("%s: schemas: glob %q matches no page", w.Config.Path, m.Glob))
		}
	}
}

// parser is the page parser of the configuration's dialect, which scans
// for encoding damage only when an encoding rule is on.
func (w *Workspace) parser() *page.Parser {
	parser := page.NewParser()
	if w.Config.Markdown == "gfm" {
		parser.Tables = table.GFM
	}
	parser.Kramdown = w.Site.KramdownOptions()
	parser.SkipChars = true
	for _, s := range w.Settings {
		switch s.Rule.Name {
		case "mojibake", "invalid-utf8", "replacement-char", "invisible-char":
			parser.SkipChars = false
		}
	}
	return parser
}

// UseCache opens the index cache in dir for runs that lint a few pages
// against the rest of the site (an editor's), if it is not open yet.
func (w *Workspace) UseCache(dir string) {
	if dir == "" || w.Cache != nil {
		return
	}
	w.cacheDir = dir
	w.Cache = indexcache.Open(indexcache.Options{Dir: dir, Root: w.Site.Root, Program: indexcache.ProgramID(),
		Keys: w.Runner.IndexKeys, Context: w.cacheContext()})
	w.Runner.Cache = w.Cache
}

// SaveCacheFor writes the index cache after a run over inputs, and opens
// it again: a cache answers from what it read when opened, and a long
// session (an editor's) lints again and again.
func (w *Workspace) SaveCacheFor(inputs []lint.Input) error {
	if w.Cache == nil {
		return nil
	}
	live := make([]string, len(inputs))
	for i, in := range inputs {
		live[i] = in.Abs
	}
	before, _ := os.Stat(w.Cache.Path())
	if err := w.Cache.Save(live); err != nil {
		return err
	}
	// the file is replaced by rename when it changes: reopen only then (each
	// opening maps the file, for the rest of the process)
	if after, err := os.Stat(w.Cache.Path()); err != nil || before != nil && os.SameFile(before, after) {
		return nil
	}
	w.Cache = indexcache.Open(indexcache.Options{Dir: w.cacheDir, Root: w.Site.Root, Program: indexcache.ProgramID(),
		Keys: w.Runner.IndexKeys, Context: w.cacheContext()})
	w.Runner.Cache = w.Cache
	return nil
}

// walkSite returns the files of the site: from the cache when the last
// walk's trace still holds, else from a walk, which the cache then keeps.
// A folder of the site that cannot be read is an error (WalkErrors); what
// the walk passed over (links out of the site, special files) is listed
// in Skipped.
func (w *Workspace) walkSite(cache *indexcache.Cache) []discover.File {
	opt := w.walkOptions(nil)
	if cache == nil {
		files, errs := discover.Walk([]string{w.Site.Root}, opt)
		w.walkFailed(errs)
		return files
	}
	key := fmt.Sprintf("gitignore=%v", opt.Gitignore)
	if files, ok := cache.Walked(key); ok {
		return files
	}
	files, errs, trace := discover.WalkTraced([]string{w.Site.Root}, opt)
	w.walkFailed(errs)
	cache.SetWalk(key, files, trace)
	return files
}

// walkOptions are the options of the workspace's walks: match selects
// files by name (nil: all).
func (w *Workspace) walkOptions(match func(string) bool) discover.Options {
	return discover.Options{Gitignore: w.Config.Gitignore, Match: match, Fault: w.fault,
		Note: func(path, why string) {
			path = shown(path)
			if !slices.ContainsFunc(w.Skipped, func(s lint.Skip) bool { return s.Path == path }) {
				w.Skipped = append(w.Skipped, lint.Skip{Path: path, Why: why})
			}
		}}
}

// shown is path as a user in the current folder would write it: relative
// when it lies below, as the paths of findings are (the site's walk starts
// from its absolute root).
func shown(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	if r, err := filepath.Rel(RealPath(wd), path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return path
}

// walkFailed records the folders of the site that could not be read. The
// rules that need a folder's files cannot know what it holds: for
// _includes, include-missing says nothing rather than report every
// include as missing.
func (w *Workspace) walkFailed(errs []error) {
	for _, err := range errs {
		var pe *fs.PathError
		if errors.As(err, &pe) && w.Site.Rel(pe.Path) != "" {
			w.unread = append(w.unread, w.Site.Rel(pe.Path))
		}
		w.WalkErrors = append(w.WalkErrors, fmt.Errorf("%w (the folder is not linted, and rules that read the whole site cannot know what it holds)", err))
	}
}

func (w *Workspace) openCache(o Options, keys []string) *indexcache.Cache {
	return indexcache.Open(indexcache.Options{Dir: o.CacheDir, Root: w.Site.Root,
		Program: indexcache.ProgramID(), Keys: keys, Context: w.cacheContext(), Now: o.CacheNow})
}

// cacheContext names the settings the index cache's entries depend on.
func (w *Workspace) cacheContext() string {
	// rules that are off contribute no data to the index pages it keeps
	var contributors []string
	for _, st := range w.Settings {
		if st.Rule.Contribute != nil {
			contributors = append(contributors, st.Rule.Name)
		}
	}
	// front-matter-schema keeps each page's verdict against the built-in
	// schemas, with the site's defaults applied: other schemas or other
	// defaults give other verdicts (fmt prints maps in key order)
	schemas := "builtin"
	if w.Config.SchemasSet {
		schemas = "configured"
	}
	defaults := fmt.Sprintf("%x", sha256.Sum256(fmt.Append(nil, w.Site.Config.Defaults)))[:16]
	return fmt.Sprintf("languages=%s default=%s markdown=%s contributors=%s schemas=%s defaults=%s", strings.Join(w.Site.Config.Languages, ","), w.Site.Config.DefaultLocale, w.Config.Markdown, strings.Join(contributors, ","), schemas, defaults)
}

// onlyFiles reports whether every path names a file, not a folder.
func onlyFiles(paths []string) bool {
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

func (w *Workspace) anyInput(glob string) bool {
	for _, in := range w.Inputs {
		if site.GlobMatch(strings.TrimPrefix(glob, "./"), w.Site.Rel(in.Abs)) {
			return true
		}
	}
	return false
}

// Run lints the inputs and saves the index cache, if any; a cache that
// cannot be saved is a note among the problems, not a failure.
func (w *Workspace) Run() lint.Result {
	res := w.Runner.Run(w.Inputs)
	if p := w.SaveCache(); p != nil {
		res.Problems = append(res.Problems, *p)
	}
	return res
}

// SaveCache writes the index cache after a run, when there is one, and
// returns a note when it cannot.
func (w *Workspace) SaveCache() *lint.Problem {
	if w.Cache == nil {
		return nil
	}
	live := make([]string, len(w.Inputs))
	for i, in := range w.Inputs {
		live[i] = in.Abs
	}
	if err := w.Cache.Save(live); err != nil {
		return &lint.Problem{Path: w.Cache.Path(), Message: err.Error() + " (the next run reads every page again)"}
	}
	return nil
}

// collect finds the files to lint and, when cross-file rules are on, every
// other page of the site for the index. Folders inside the site are taken
// from the site's walk; files and folders elsewhere are walked.
func (w *Workspace) collect(paths []string, siteFiles []discover.File) ([]lint.Input, []error, []lint.Skip) {
	st := w.Site
	var files []discover.File
	var errs []error
	var walk []string
	named := map[string]bool{} // files named one by one, by absolute path
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			named[RealPath(p)] = true
			walk = append(walk, p)
			continue
		}
		real := RealPath(p)
		if st.Rel(real) == "" {
			walk = append(walk, p)
			continue
		}
		prefix := real + string(filepath.Separator)
		for _, f := range siteFiles {
			if strings.HasPrefix(f.Abs, prefix) && discover.IsPageName(f.Abs) {
				files = append(files, discover.File{Path: filepath.Join(p, f.Abs[len(prefix):]), Abs: f.Abs})
			}
		}
	}
	if len(walk) > 0 {
		more, werrs := discover.Walk(walk, w.walkOptions(discover.IsPageName))
		files, errs = append(files, more...), werrs
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	inputs := make([]lint.Input, 0, len(files)+len(siteFiles))
	targets := map[string]bool{}
	var skipped []lint.Skip
	for _, f := range files {
		if targets[f.Abs] {
			continue
		}
		if !discover.IsPageName(f.Abs) {
			if named[f.Abs] {
				skipped = append(skipped, lint.Skip{Path: f.Path, Why: "not a page: helplint reads .md, .markdown and .html files", Named: true})
			}
			continue
		}
		if st.OutsideSource(f.Abs) {
			skipped = append(skipped, lint.Skip{Path: f.Path, Why: "outside the site's source (_config.yml's source: " + st.Config.Source + "): Jekyll never reads it", Named: named[f.Abs]})
			continue
		}
		if rel := st.Rel(f.Abs); rel != "" {
			if why := w.skip(rel, named[f.Abs]); why != "" {
				skipped = append(skipped, lint.Skip{Path: f.Path, Why: why, Named: named[f.Abs]})
				continue
			}
		}
		targets[f.Abs] = true
		inputs = append(inputs, lint.Input{Path: f.Path, Abs: f.Abs, Target: true, Named: named[f.Abs]})
	}
	needIndex := false
	for _, s := range w.Settings {
		needIndex = needIndex || s.Rule.RunSite != nil
	}
	if needIndex {
		inputs = w.appendIndexInputs(inputs, paths, siteFiles, targets)
	}
	return inputs, errs, skipped
}

// appendIndexInputs appends the pages of the site that only feed the
// index (the targets excepted), classified on every processor, in the
// walk's order. They are written in place, in the room the caller made for
// them: on a site of 10,000 pages, a pre-commit run's time goes as much
// into touching new memory as into classifying.
func (w *Workspace) appendIndexInputs(inputs []lint.Input, paths []string, siteFiles []discover.File, targets map[string]bool) []lint.Input {
	shown := displayPath(paths)
	base := len(inputs)
	inputs = slices.Grow(inputs, len(siteFiles))[:base+len(siteFiles)]
	room := inputs[base:]
	parts := min(runtime.GOMAXPROCS(0), max(len(siteFiles)/2000, 1))
	size := (len(siteFiles) + parts - 1) / parts
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := p * size; i < min((p+1)*size, len(siteFiles)); i++ {
				f := &siteFiles[i]
				room[i] = lint.Input{} // Abs "" marks a file left out
				if !discover.IsPageName(f.Abs) || targets[f.Abs] {
					continue
				}
				if rel := w.Site.Rel(f.Abs); rel != "" && selected(w.Config, rel) {
					if info := w.Site.Classify(rel); info.Kind != site.KindNone {
						room[i] = lint.Input{Path: shown(*f), Abs: f.Abs, Info: info, Classified: true}
					}
				}
			}
		}()
	}
	wg.Wait()
	n := base
	for i := range room {
		if room[i].Abs != "" {
			inputs[n] = room[i]
			n++
		}
	}
	clear(inputs[n:])
	return inputs[:n]
}

// displayPath returns how a page of the site that was not named appears
// in output (a related location, a problem): relative to the working
// folder when the first path named is relative, as the named pages are.
func displayPath(paths []string) func(discover.File) string {
	wd, err := os.Getwd()
	if len(paths) == 0 || filepath.IsAbs(paths[0]) || err != nil {
		return func(f discover.File) string { return f.Path }
	}
	return func(f discover.File) string {
		if rest, ok := strings.CutPrefix(f.Abs, wd); ok && len(rest) > 1 && rest[0] == filepath.Separator {
			return rest[1:] // what Rel gives for a clean path below wd, without its allocations
		}
		if r, err := filepath.Rel(wd, f.Abs); err == nil {
			return r
		}
		return f.Path
	}
}

// RealPath is the absolute path of p with symbolic links resolved, as
// the walk gives every file: a site reached through a link is the same
// site (`cd /tmp/docs; helplint .` with /tmp/docs a link). For a path that
// does not exist, its folder is resolved.
func RealPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
}

// skip says why the file at rel is not linted, or "" when it is. A file
// named on its own is linted even where Jekyll would skip it (a name that
// starts with _ or ., a folder it does not read), unless a configuration
// excludes it or it is one of the site's templates or data.
func (w *Workspace) skip(rel string, named bool) string {
	if !selected(w.Config, rel) {
		return "excluded by " + w.Config.Path
	}
	info := w.Site.Classify(rel)
	if info.Kind != site.KindNone {
		return ""
	}
	if !named || w.Site.Excluded(rel) {
		return info.Why
	}
	if dir, _, ok := strings.Cut(rel, "/"); ok && site.TemplateDirs[dir] {
		return dir + " holds the site's templates and data, not pages"
	}
	return ""
}

// BufferInputs are the inputs that lint the page at abs from text (an
// editor's unsaved buffer) against the rest of the site, in which the
// other open buffers (by absolute path) stand for their files.
func (w *Workspace) BufferInputs(abs string, text []byte, open map[string][]byte) []lint.Input {
	path := abs
	abs = RealPath(abs) // the walk's paths are real paths
	inputs := []lint.Input{{Path: path, Abs: abs, Target: true, Data: text, Named: true}}
	if w.Site.Rel(abs) == "" {
		return inputs
	}
	for _, f := range w.siteFiles {
		if f.Abs == abs || !discover.IsPageName(f.Abs) {
			continue
		}
		if rel := w.Site.Rel(f.Abs); rel != "" && selected(w.Config, rel) {
			if info := w.Site.Classify(rel); info.Kind != site.KindNone {
				inputs = append(inputs, lint.Input{Path: f.Path, Abs: f.Abs, Info: info, Classified: true, Data: open[f.Abs]})
			}
		}
	}
	// a buffer of a page not on disk yet takes part too
	for other, data := range open {
		if other != abs && !slices.ContainsFunc(w.siteFiles, func(f discover.File) bool { return f.Abs == other }) {
			if rel := w.Site.Rel(other); rel != "" && w.Site.IsPage(rel) {
				inputs = append(inputs, lint.Input{Path: other, Abs: other, Data: data})
			}
		}
	}
	return inputs
}

// siteRels are the site-relative paths of files.
func siteRels(st *site.Site, files []discover.File) []string {
	rels := make([]string, 0, len(files))
	for _, f := range files {
		if rel := st.Rel(f.Abs); rel != "" {
			rels = append(rels, rel)
		}
	}
	return rels
}

// selected applies the config's include and exclude globs to a site-relative path.
func selected(cfg *config.Config, rel string) bool {
	if len(cfg.Include) > 0 {
		in := false
		for _, g := range cfg.Include {
			in = in || site.GlobMatch(strings.TrimPrefix(g, "./"), rel)
		}
		if !in {
			return false
		}
	}
	for _, g := range cfg.Exclude {
		if site.GlobMatch(strings.TrimPrefix(g, "./"), rel) {
			return false
		}
	}
	return true
}

// ConfigFindings are the findings in the site's _config.yml: a key defined
// twice, which Jekyll reads (Psych keeps the last value) and so helplint
// reads too, reported by front-matter-duplicate-key.
func (w *Workspace) ConfigFindings() []lint.Finding {
	dups := w.Site.Config.Duplicates
	var set *lint.Settings
	for i := range w.Settings {
		if w.Settings[i].Rule.Name == "front-matter-duplicate-key" {
			set = &w.Settings[i]
		}
	}
	if len(dups) == 0 || set == nil || set.Severity("_config.yml") == lint.Off {
		return nil
	}
	abs := filepath.Join(w.Site.Root, "_config.yml")
	// as for pages: only when the file, or a folder holding it, is named
	named := false
	for _, p := range w.paths {
		real := RealPath(p)
		named = named || real == abs || real == w.Site.Root || strings.HasPrefix(w.Site.Root, real+string(filepath.Separator))
	}
	if !named {
		return nil
	}
	data, err := readfile.ReadSmall(abs)
	if err != nil {
		return nil
	}
	f := source.New(shown(abs), data)
	var out []lint.Finding
	for _, d := range dups {
		start := f.OffsetAt(d.Line, d.Column)
		span := source.Span{Start: start, End: start + len(d.Key)}
		out = append(out, lint.Finding{Path: f.Path, Abs: abs, Rule: set.Rule.Name, Severity: set.Severity("_config.yml"), Span: span,
			Start: f.Position(span.Start), End: f.Position(span.End), File: f,
			Message: fmt.Sprintf("key %q is defined twice in _config.yml (first on line %d); Jekyll keeps only this one: remove one of them", d.Key, d.First)})
	}
	return out
}
