// Package charscan finds encoding damage in a file in one pass: mojibake
// (UTF-8 read as Windows-1252 and saved again), bytes that are not UTF-8,
// U+FFFD replacement characters, and invisible characters. Pure-ASCII text
// is skipped at once.
//
// The mojibake detector follows ftfy: map each character back to the byte
// a Windows-1252 reading gave it, look for valid multi-byte UTF-8 (and for
// sequences whose A0 byte became a space or whose byte became U+FFFD), and
// weigh each chain of adjacent sequences as a whole: one sign that no text
// has as written (a letter followed by €, ™ or ©; Â before anything) makes
// it damage; without one, the characters around it, its word or its line
// decide. The repaired character must be plausible (Latin, Greek, Cyrillic,
// punctuation, CJK, emoji…), and a repair is decoded layer by layer.
package charscan

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/source"
)

// Kind is the kind of damage.
type Kind int

const (
	// Mojibake is text whose UTF-8 bytes were read as Windows-1252.
	Mojibake Kind = iota
	// Invalid is a run of bytes that are not UTF-8.
	Invalid
	// Replacement is U+FFFD: bytes already lost.
	Replacement
	// Invisible is a zero-width, format, bidirectional or C1 control character.
	Invisible
)

// Issue is one piece of damage.
type Issue struct {
	Kind Kind
	Span source.Span
	// Repair is the repaired text (Mojibake), or the character meant (a C1
	// control's Windows-1252 character); empty when the fix is to remove.
	Repair string
	// Char is the character found (Invisible, Replacement).
	Char rune
	// Count is how many times Char repeats in the run (Invisible).
	Count int
}

// Scan returns the damage in text, in order.
func Scan(text []byte) []Issue {
	issues, _ := ScanFirst(text, -1)
	return issues
}

// asciiEnd returns the offset of the first byte at or after i that is not
// ASCII, eight bytes at a time: most of a page is ASCII.
func asciiEnd(text []byte, i int) int {
	for ; i+8 <= len(text); i += 8 {
		if binary.LittleEndian.Uint64(text[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i < len(text) && text[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// ScanFirst returns, in order, the first max issues of each kind in text
// (every issue when max < 0), and how many of each kind it left out: a
// page with damage on every line holds millions, and a linter lists a
// thousand of a kind (memory stays a small multiple of the page's size).
func ScanFirst(text []byte, max int) ([]Issue, [Kinds]int) {
	var left [Kinds]int
	if asciiEnd(text, 0) == len(text) {
		return nil, left
	}
	s := scanner{text: text, runStart: -1, runBytes: make([]byte, 0, 32), runOffsets: make([]int, 0, 33), max: max}
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if s.runStart >= 0 && c == ' ' && s.wantsA0() {
				s.add(spaceByte, i) // perhaps the A0 byte of à, Š or ภ, turned into a space
				i++
				continue
			}
			s.flush(i)
			// the ASCII that follows at once holds no damage, only word and
			// line ends: a line end in it ends the word too, and once ended
			// a word or a line stays so until the next character
			end := asciiEnd(text, i)
			switch run := text[i:end]; {
			case bytes.IndexByte(run, '\n') >= 0:
				s.endLine()
			case bytes.IndexByte(run, ' ') >= 0 || bytes.IndexByte(run, '\t') >= 0 || bytes.IndexByte(run, '\r') >= 0:
				s.endWord()
			}
			i = end
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			s.flush(i)
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRune(text[j:])
				if r2 != utf8.RuneError || s2 != 1 {
					break
				}
				j++
			}
			s.keep(Issue{Kind: Invalid, Span: source.Span{Start: i, End: j}})
			i = j
			continue
		}
		if b, ok := EncodeRune(r); ok {
			s.add(b, i)
		} else if r == utf8.RuneError {
			s.add(lostMark, i) // a byte lost as U+FFFD, perhaps inside a damaged run
		} else {
			s.flush(i)
		}
		s.other(i, r, size)
		i += size
	}
	s.flush(len(text))
	s.endLine()
	s.trim()
	return dropInvisibleInMojibake(sortIssues(s.out)), s.left
}

// Kinds is the number of kinds.
const Kinds = int(Invisible) + 1

// scanner holds the state of one Scan: the current run of characters that
// map to bytes >= 0x80, and the repairs waiting for proof from their word
// or line.
type scanner struct {
	text       []byte
	out        []Issue
	runStart   int    // start of the current run, -1 when none
	runBytes   []byte // the byte of each character of the run
	runOffsets []int
	lead       int // index in runBytes of the last lead byte, -1 when none
	pend       int // continuation bytes the run's last sequence still needs
	wordWait   []Issue
	lineWait   []Issue
	wordOK     bool      // a repair was proven in the current word
	lineOK     bool      // and in the current line
	found      []finding // buffers mojibake reuses from run to run
	cands      []candidate
	// max is how many issues of a kind are kept (all when < 0); kept
	// counts them in out, left those dropped, lineLeft the line's waiting
	// repairs dropped (they count once the line proves damage)
	max      int
	kept     [Kinds]int
	left     [Kinds]int
	lineLeft int
}

// keep adds an issue to out. Past twice max of its kind, out is trimmed
// to the first max of each kind: issues arrive nearly in text order (a
// repair that waited for its line comes after the characters past it).
func (s *scanner) keep(is Issue) {
	s.out = append(s.out, is)
	if s.kept[is.Kind]++; s.max >= 0 && s.kept[is.Kind] > 2*s.max+1 {
		s.trim()
	}
}

// trim keeps the first max issues of each kind in out, in text order, and
// counts the others in left.
func (s *scanner) trim() {
	if s.max < 0 {
		return
	}
	over := false
	for _, n := range s.kept {
		over = over || n > s.max
	}
	if !over {
		return
	}
	s.out = sortIssues(s.out)
	var n [Kinds]int
	out := s.out[:0]
	for _, is := range s.out {
		if n[is.Kind]++; n[is.Kind] > s.max {
			s.left[is.Kind]++
			continue
		}
		out = append(out, is)
	}
	s.out = out
	for k := range s.kept {
		s.kept[k] = min(n[k], s.max)
	}
}

// add appends byte b of the character at offset at to the run.
func (s *scanner) add(b byte, at int) {
	if s.runStart < 0 {
		s.runStart, s.lead, s.pend = at, -1, 0
	}
	s.runBytes = append(s.runBytes, b)
	s.runOffsets = append(s.runOffsets, at)
	if s.pend > 0 && (b >= 0x80 && b <= 0xBF || b == spaceByte || b == lostMark) {
		s.pend--
		return
	}
	s.lead, s.pend = -1, 0
	if n := seqLen(b); n > 0 {
		s.lead, s.pend = len(s.runBytes)-1, n-1
	}
}

// wantsA0 reports whether the run ends in a sequence that an A0 byte would
// continue: the space that follows may be that byte (ftfy's restore_byte_a0).
func (s *scanner) wantsA0() bool {
	if s.pend == 0 || s.lead < 0 || s.runBytes[len(s.runBytes)-1] == spaceByte {
		return false
	}
	lead := s.runBytes[s.lead]
	return seqLen(lead) > 2 || lostSpaceLead(lead)
}

// flush weighs the run that ends at end.
func (s *scanner) flush(end int) {
	if s.runStart < 0 {
		return
	}
	if len(s.runBytes) >= 2 { // one character is no multi-byte sequence
		s.runOffsets = append(s.runOffsets, end)
		s.found, s.cands = mojibake(s.text, s.runBytes, s.runOffsets, s.found[:0], s.cands)
		for _, f := range s.found {
			switch f.need {
			case now:
				s.prove(f.Issue)
			case word:
				s.wordWait = append(s.wordWait, f.Issue)
			case line:
				if s.max >= 0 && len(s.lineWait) > s.max {
					s.lineLeft++ // later in the line than those kept: never among the first
					continue
				}
				s.lineWait = append(s.lineWait, f.Issue)
			}
		}
	}
	s.runStart, s.runBytes, s.runOffsets = -1, s.runBytes[:0], s.runOffsets[:0]
}

func (s *scanner) prove(is Issue) {
	s.keep(is)
	s.wordOK, s.lineOK = true, true
}

// endWord reports the repairs that waited for their word, if it proved
// damage, and forgets them otherwise.
func (s *scanner) endWord() {
	if s.wordOK {
		for _, is := range s.wordWait {
			s.prove(is)
		}
	}
	s.wordWait, s.wordOK = s.wordWait[:0], false
}

// endLine does the same for the line.
func (s *scanner) endLine() {
	s.endWord()
	if s.lineOK {
		for _, is := range s.lineWait {
			s.keep(is)
		}
		s.left[Mojibake] += s.lineLeft
	}
	s.lineWait, s.lineOK, s.lineLeft = s.lineWait[:0], false, 0
}

// other records the damage a character is by itself: U+FFFD, and invisible
// characters (a run of the same one is one issue).
func (s *scanner) other(i int, r rune, size int) {
	switch {
	case r == utf8.RuneError:
		s.keep(Issue{Kind: Replacement, Span: source.Span{Start: i, End: i + size}, Char: r, Count: 1})
	case isInvisible(r) && !(r == 0xFEFF && i == 0) && !spelling(s.text, i, r, size):
		if n := len(s.out); n > 0 && s.out[n-1].Kind == Invisible && s.out[n-1].Char == r && s.out[n-1].Span.End == i {
			s.out[n-1].Span.End += size
			s.out[n-1].Count++
			return
		}
		is := Issue{Kind: Invisible, Span: source.Span{Start: i, End: i + size}, Char: r, Count: 1}
		if r >= 0x80 && r <= 0x9F {
			if d := DecodeByte(byte(r)); d != r {
				is.Repair = string(d)
			}
		}
		s.keep(is)
	}
}

// isInvisible reports characters that show nothing, or reorder text:
// zero-width characters, format characters (Unicode category Cf, which
// includes the bidirectional controls and U+FEFF) and C1 controls.
func isInvisible(r rune) bool {
	if r >= 0x80 && r <= 0x9F {
		return true
	}
	if r == 0x00AD {
		return false // a soft hyphen is a legitimate hyphenation hint
	}
	// most text is letters: only these ranges hold format characters
	if r < 0x600 || r >= 0x2070 && r < 0xFEFF || r > 0xFEFF && r < 0xFFF9 {
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

func isPictographic(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF
}

func sortIssues(is []Issue) []Issue {
	// issues are appended in text order except mojibake runs, flushed at
	// their end; a stable sort keeps issues that start together in order
	// (an insertion sort was quadratic on a line of repairs waiting for it)
	slices.SortStableFunc(is, func(a, b Issue) int { return a.Span.Start - b.Span.Start })
	return is
}

// dropInvisibleInMojibake removes C1 controls that are part of a mojibake
// run: the run's repair already accounts for them.
func dropInvisibleInMojibake(is []Issue) []Issue {
	out := is[:0]
	var last source.Span
	for _, x := range is {
		if x.Kind == Mojibake {
			last = x.Span
		}
		// one defect, one finding: the damaged run's own characters are its part
		if (x.Kind == Invisible || x.Kind == Replacement) && x.Span.Start >= last.Start && x.Span.End <= last.End {
			continue
		}
		out = append(out, x)
	}
	return out
}
