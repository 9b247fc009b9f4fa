// Package baseline records a site's known findings so that a run reports
// only new ones. A finding is known by its rule, its page's path and a
// fingerprint of its own text, the line it is on and its message, never
// by its line number: an edit elsewhere in the page does not bring it
// back. The same fingerprint serves SARIF's partialFingerprints and the
// comparison with an older revision (internal/gitdiff).
package baseline

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
)

// Version is the format of the baseline file.
const Version = 1

// Entry is one known finding, Count times on its page.
type Entry struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Message is for the reader of the file; matching does not read it.
	Message string `json:"message"`
}

// File is a baseline: sorted entries, meant to be committed.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Key identifies a finding across edits.
type Key struct{ Path, Rule, Fingerprint string }

func (e Entry) key() Key { return Key{e.Path, e.Rule, e.Fingerprint} }

func compareKeys(a, b Key) int {
	return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Fingerprint, b.Fingerprint))
}

// number is a number in a message: a line ("first on line 2") or a count
// of the evidence ("72 of its 399 external links carry it"), which edits
// elsewhere in the page or the site change. The numbers that are the
// finding's own are in its text and line, which the fingerprint keeps.
var number = regexp.MustCompile(`[0-9]+`)

// Fingerprint hashes what identifies a finding wherever its line moves:
// the rule, the text it covers, the line that holds it (trimmed) and its
// message, whose references to lines are left out.
func Fingerprint(f lint.Finding) string {
	var own, line []byte
	if f.File != nil {
		t := f.File.Text
		s, e := min(max(f.Span.Start, 0), len(t)), min(max(f.Span.End, 0), len(t))
		own = t[s:max(s, e)]
		line = bytes.TrimSpace(t[f.File.LineStart(f.Start.Line):f.File.LineEnd(f.Start.Line)])
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(f.Rule), own, line, []byte(number.ReplaceAllString(f.Message, "#"))} {
		h.Write(part)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// KeyOf is the key of f, its path taken relative to the site root.
func KeyOf(root string, f lint.Finding) Key {
	p := f.Abs
	if r, err := filepath.Rel(root, f.Abs); err == nil && !strings.HasPrefix(r, "..") {
		p = r
	}
	return Key{filepath.ToSlash(p), f.Rule, Fingerprint(f)}
}

// Counts counts the findings by key.
func Counts(root string, fs []lint.Finding) map[Key]int {
	out := make(map[Key]int, len(fs))
	for _, f := range fs {
		out[KeyOf(root, f)]++
	}
	return out
}

// Split tells the findings that known does not account for (fresh) from
// those it does; each key of known accounts for as many findings as its
// count, so that of two identical findings one can be new.
func Split(root string, fs []lint.Finding, known map[Key]int) (fresh, old []lint.Finding) {
	left := make(map[Key]int, len(known))
	for k, n := range known {
		left[k] = n
	}
	for _, f := range fs {
		k := KeyOf(root, f)
		if left[k] > 0 {
			left[k]--
			old = append(old, f)
		} else {
			fresh = append(fresh, f)
		}
	}
	return fresh, old
}

// Counts returns the file's entries by key.
func (b *File) Counts() map[Key]int {
	out := make(map[Key]int, len(b.Findings))
	for _, e := range b.Findings {
		out[e.key()] += e.Count
	}
	return out
}

// Stale returns the entries, with what is left of their counts, that the
// findings no longer match.
func (b *File) Stale(root string, fs []lint.Finding) []Entry {
	left := b.Counts()
	for _, f := range fs {
		if k := KeyOf(root, f); left[k] > 0 {
			left[k]--
		}
	}
	var out []Entry
	for _, e := range b.Findings {
		if n := left[e.key()]; n > 0 {
			e.Count = min(e.Count, n)
			left[e.key()] -= e.Count
			out = append(out, e)
		}
	}
	return out
}

// New records fs. Entries of old that still match keep their order, and
// new entries are merged in by path, rule and fingerprint, so that a
// baseline written again changes only where the findings did.
func New(root string, fs []lint.Finding, old *File) *File {
	counts := map[Key]int{}
	msgs := map[Key]string{}
	for _, f := range fs {
		k := KeyOf(root, f)
		counts[k]++
		if _, ok := msgs[k]; !ok {
			msgs[k] = f.Message
		}
	}
	var kept, added []Entry
	seen := map[Key]bool{}
	if old != nil {
		for _, e := range old.Findings {
			k := e.key()
			if counts[k] > 0 && !seen[k] {
				seen[k] = true
				kept = append(kept, Entry{k.Path, k.Rule, k.Fingerprint, counts[k], msgs[k]})
			}
		}
	}
	for k, n := range counts {
		if !seen[k] {
			added = append(added, Entry{k.Path, k.Rule, k.Fingerprint, n, msgs[k]})
		}
	}
	slices.SortFunc(added, func(a, b Entry) int { return compareKeys(a.key(), b.key()) })
	out := &File{Version: Version, Findings: make([]Entry, 0, len(kept)+len(added))}
	for len(kept) > 0 || len(added) > 0 {
		if len(added) == 0 || len(kept) > 0 && compareKeys(kept[0].key(), added[0].key()) <= 0 {
			out.Findings, kept = append(out.Findings, kept[0]), kept[1:]
		} else {
			out.Findings, added = append(out.Findings, added[0]), added[1:]
		}
	}
	return out
}

// Load reads a baseline file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline %s: version %d, want %d (write it again with --write-baseline)", path, b.Version, Version)
	}
	for i, e := range b.Findings {
		if e.Path == "" || e.Rule == "" || e.Fingerprint == "" || e.Count < 1 {
			return nil, fmt.Errorf("baseline %s: entry %d lacks a path, rule, fingerprint or positive count", path, i+1)
		}
	}
	return &b, nil
}

// Write writes the baseline as indented JSON, atomically.
func (b *File) Write(path string) error {
	if b.Findings == nil {
		b.Findings = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".helplint-baseline-*")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil { // a file to commit, not a secret
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("baseline: %w", err)
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("baseline: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("baseline: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}
