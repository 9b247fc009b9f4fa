package rules

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/helplint/helplint/internal/charscan"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/page"
	"github.com/helplint/helplint/internal/source"
)

// charIssues calls fn for each encoding issue of the given kind on the page.
func charIssues(pg *page.Page, kind charscan.Kind, fn func(charscan.Issue)) {
	for _, is := range pg.Chars {
		if is.Kind == kind {
			fn(is)
		}
	}
}

// countLeftOut counts the page's issues of kind that its model left out
// (past page.MaxChars), for the note on findings left out.
func countLeftOut(p *lint.Pass, kind charscan.Kind) {
	p.Count(p.Page.CharsLeftOut[kind])
}

// context returns the stretch of text a message quotes around span s: the
// word it is in (letters, digits, apostrophes, and the spans in others,
// which may hold symbols such as € or �). With pad, a side that has no
// word gets up to ten characters of its line instead.
func context(text []byte, s source.Span, others []source.Span, pad bool) source.Span {
	wordy := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' }
	w := s
	for grown := true; grown; {
		grown = false
		for w.Start > 0 && s.Start-w.Start < 60 {
			r, size := utf8.DecodeLastRune(text[:w.Start])
			if !wordy(r) {
				break
			}
			w.Start -= size
			grown = true
		}
		for w.End < len(text) && w.End-s.End < 60 {
			r, size := utf8.DecodeRune(text[w.End:])
			if !wordy(r) {
				break
			}
			w.End += size
			grown = true
		}
		for _, o := range near(others, w) {
			if o.Start < s.Start-contextReach || o.End > s.End+contextReach {
				continue // a run of damage along a whole line is quoted in part
			}
			if o.End == w.Start || (o.Start < w.Start && o.End > w.Start) {
				w.Start, grown = o.Start, true
			}
			if o.Start == w.End || (o.Start < w.End && o.End > w.End) {
				w.End, grown = o.End, true
			}
		}
	}
	if pad && w.Start == s.Start {
		for n := 0; n < 10 && w.Start > 0; n++ {
			r, size := utf8.DecodeLastRune(text[:w.Start])
			if r == '\n' || r == '\r' {
				break
			}
			w.Start -= size
		}
	}
	if pad && w.End == s.End {
		for n := 0; n < 10 && w.End < len(text); n++ {
			r, size := utf8.DecodeRune(text[w.End:])
			if r == '\n' || r == '\r' {
				break
			}
			w.End += size
		}
	}
	return w
}

// contextReach bounds how far, in bytes, the spans of others can widen a
// quote on either side.
const contextReach = 240

// near returns the spans of sorted, disjoint spans that touch or overlap
// w, found by binary search: a page with damage on every line has
// thousands of spans, and each finding's quote looked at all of them.
func near(spans []source.Span, w source.Span) []source.Span {
	lo := sort.Search(len(spans), func(i int) bool { return spans[i].End >= w.Start })
	hi := lo + sort.Search(len(spans)-lo, func(i int) bool { return spans[lo+i].Start > w.End })
	return spans[lo:hi]
}

// spansOf lists the spans of the page's issues of one kind.
func spansOf(pg *page.Page, kind charscan.Kind) []source.Span {
	var out []source.Span
	charIssues(pg, kind, func(is charscan.Issue) { out = append(out, is.Span) })
	return out
}

// visible writes invisible and space characters of s as names, for messages.
func visible(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == 0xA0:
			sb.WriteString("<no-break space>")
		case r == 0xFEFF:
			sb.WriteString("<byte order mark>")
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			fmt.Fprintf(&sb, "<U+%04X>", r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// mojibakeRule reports text whose UTF-8 bytes were read as Windows-1252.
func mojibakeRule() *lint.Rule {
	return &lint.Rule{
		Name:     "mojibake",
		Doc:      doc("mojibake"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			countLeftOut(p, charscan.Mojibake)
			text := p.Page.File.Text
			var all []charscan.Issue
			charIssues(p.Page, charscan.Mojibake, func(is charscan.Issue) { all = append(all, is) })
			spans := spansOf(p.Page, charscan.Mojibake)
			for _, is := range all {
				w := context(text, is.Span, spans, false)
				d := lint.Diagnostic{Span: is.Span,
					Message: fmt.Sprintf("text damaged by an encoding mix-up (UTF-8 read as Windows-1252): %q should read %q",
						visible(string(text[w.Start:w.End])), visible(repaired(text, w, all)))}
				if strings.ContainsRune(is.Repair, utf8.RuneError) {
					d.Message += "; a character in it was lost beyond knowing: the fix writes � and replacement-char then asks for it to be retyped"
				}
				if !p.Page.LiquidIn(is.Span) {
					d.Fixes = []lint.Fix{{Message: "repair the text", Edits: []lint.Edit{{Span: is.Span, New: is.Repair}}}}
				}
				p.Report(d)
			}
		},
	}
}

// repaired returns the text of w with every damaged span inside it repaired.
func repaired(text []byte, w source.Span, all []charscan.Issue) string {
	var sb strings.Builder
	at := w.Start
	// the issues inside w: all is sorted by start
	lo := sort.Search(len(all), func(i int) bool { return all[i].Span.Start >= w.Start })
	for _, o := range all[lo:] {
		if o.Span.Start >= w.End {
			break
		}
		if o.Span.Start >= at && o.Span.End <= w.End {
			sb.Write(text[at:o.Span.Start])
			sb.WriteString(o.Repair)
			at = o.Span.End
		}
	}
	sb.Write(text[at:w.End])
	return sb.String()
}

// invalidUTF8 reports bytes that are not UTF-8.
func invalidUTF8() *lint.Rule {
	return &lint.Rule{
		Name:     "invalid-utf8",
		Doc:      doc("invalid-utf8"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			countLeftOut(p, charscan.Invalid)
			text := p.Page.File.Text
			cp1252 := isWindows1252(text)
			charIssues(p.Page, charscan.Invalid, func(is charscan.Issue) {
				var hex []string
				for _, b := range text[is.Span.Start:min(is.Span.End, is.Span.Start+8)] {
					hex = append(hex, fmt.Sprintf("0x%02X", b))
				}
				if is.Span.Len() > 8 {
					hex = append(hex, "…")
				}
				d := lint.Diagnostic{Span: is.Span, Message: fmt.Sprintf("bytes %s at byte offset %d are not UTF-8: Jekyll stops on them or shows garbage; save the file as UTF-8",
					strings.Join(hex, " "), is.Span.Start)}
				if cp1252 {
					var sb strings.Builder
					for _, b := range text[is.Span.Start:is.Span.End] {
						sb.WriteRune(charscan.DecodeByte(b))
					}
					d.Message += fmt.Sprintf("; the whole file reads as Windows-1252 (here %q), and --fix converts it", sb.String())
					d.Fixes = []lint.Fix{{Message: "convert from Windows-1252 to UTF-8", Edits: []lint.Edit{{Span: is.Span, New: sb.String()}}}}
				}
				p.Report(d)
			})
		},
	}
}

// isWindows1252 reports whether text has no valid multi-byte UTF-8 and no
// byte Windows-1252 leaves undefined: then it decodes as Windows-1252 and
// re-encodes as UTF-8 without loss.
func isWindows1252(text []byte) bool {
	for i := 0; i < len(text); {
		if text[i] < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r != utf8.RuneError || size != 1 {
			return false
		}
		switch text[i] {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return false
		}
		i++
	}
	return true
}

// replacementChar reports U+FFFD.
func replacementChar() *lint.Rule {
	return &lint.Rule{
		Name:     "replacement-char",
		Doc:      doc("replacement-char"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			countLeftOut(p, charscan.Replacement)
			text := p.Page.File.Text
			spans := spansOf(p.Page, charscan.Replacement)
			charIssues(p.Page, charscan.Replacement, func(is charscan.Issue) {
				w := context(text, is.Span, spans, false)
				p.Reportf(is.Span, "replacement character U+FFFD in %q: a character was lost when the text was converted; retype it from the source", string(text[w.Start:w.End]))
			})
		},
	}
}

// invisibleChar reports characters that show nothing or reorder text.
func invisibleChar() *lint.Rule {
	return &lint.Rule{
		Name:     "invisible-char",
		Doc:      doc("invisible-char"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			countLeftOut(p, charscan.Invisible)
			text := p.Page.File.Text
			charIssues(p.Page, charscan.Invisible, func(is charscan.Issue) {
				w := context(text, is.Span, nil, true)
				where := fmt.Sprintf("in %q", visible(string(text[w.Start:w.End])))
				n := ""
				if is.Count > 1 {
					n = fmt.Sprintf("%d× ", is.Count)
				}
				remove := []lint.Fix{{Message: "remove it", Edits: []lint.Edit{{Span: is.Span}}}}
				r := is.Char
				var d lint.Diagnostic
				d.Span = is.Span
				switch {
				case (r == 0x200C || r == 0x200D) && is.Count > 1 && charscan.NeedsOne(text, is.Span.Start, is.Span.End, r):
					d.Message = fmt.Sprintf("%s%s %s: the word's spelling needs one, the others do nothing; keep one", n, charName(r), where)
					d.Fixes = []lint.Fix{{Message: "keep one", Edits: []lint.Edit{{Span: is.Span, New: string(r)}}}}
				case r == 0x200C || r == 0x200D:
					d.Message = fmt.Sprintf("%s%s %s: it joins nothing here (at a word's edge, beside a space or another joiner, or in a script whose spelling does not use it) and splits the word for search; remove it", n, charName(r), where)
					d.Fixes = remove
				case r == 0x200B || r == 0x2060:
					d.Message = fmt.Sprintf("%s%s %s: invisible, it splits words for search and screen readers; remove it", n, charName(r), where)
					d.Fixes = remove
				case r == 0xFEFF:
					d.Message = fmt.Sprintf("%sbyte order mark (U+FEFF) inside the text %s: invisible, it breaks words, headings and ids; remove it", n, where)
					d.Fixes = remove
				case r >= 0x80 && r <= 0x9F:
					if is.Repair != "" {
						d.Message = fmt.Sprintf("%scontrol character U+%04X %s: a Windows-1252 byte read as Latin-1; it was meant as %q", n, r, where, is.Repair)
						d.Fixes = []lint.Fix{{Message: "write " + is.Repair, Edits: []lint.Edit{{Span: is.Span, New: strings.Repeat(is.Repair, is.Count)}}}}
					} else {
						d.Message = fmt.Sprintf("%scontrol character U+%04X %s: it shows nothing; remove it", n, r, where)
					}
				case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
					d.Message = fmt.Sprintf("%sbidirectional control U+%04X %s: the text reads differently than it displays; remove it unless the page needs it", n, r, where)
				case r == 0x200E || r == 0x200F:
					d.Message = fmt.Sprintf("%s%s %s: a directional mark orders right-to-left text, and there is none near it; remove it", n, charName(r), where)
					d.Fixes = remove
				default:
					d.Message = fmt.Sprintf("%sinvisible format character U+%04X %s: remove it unless the text needs it", n, r, where)
				}
				if p.Page.LiquidIn(is.Span) {
					d.Fixes = nil // Liquid markup is not ours to edit
				}
				p.Report(d)
			})
		},
	}
}

func charName(r rune) string {
	switch r {
	case 0x200B:
		return "zero-width space (U+200B)"
	case 0x200C:
		return "zero-width non-joiner (U+200C)"
	case 0x200D:
		return "zero-width joiner (U+200D) outside an emoji"
	case 0x200E:
		return "left-to-right mark (U+200E)"
	case 0x200F:
		return "right-to-left mark (U+200F)"
	}
	return "word joiner (U+2060)"
}

// bom reports a byte order mark at the start of the file.
func bom() *lint.Rule {
	return &lint.Rule{
		Name:     "bom",
		Doc:      doc("bom"),
		Severity: lint.Error,
		Fixable:  true,
		Run: func(p *lint.Pass) {
			if !p.Page.BOM {
				return
			}
			s := source.Span{Start: 0, End: len(source.BOM)}
			p.Report(lint.Diagnostic{Span: s,
				Message: "byte order mark at the start of the file: Jekyll then does not see the front matter and publishes the page raw; remove it",
				Fixes:   []lint.Fix{{Message: "remove the byte order mark", Edits: []lint.Edit{{Span: s}}}}})
		},
	}
}
