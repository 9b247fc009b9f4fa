package charscan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// pages returns the text of real pages in all four locales: the Login.gov
// corpus beside the repository when present, and the repository's clean
// multilingual fixtures (clean*.md).
func pages(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, root := range []string{"../../../shared/corpus/identity-site/content", "../../testdata"} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			// of the repository's own pages, only those written to be clean: the others plant damage
			if strings.HasPrefix(root, "../../testdata") && !strings.HasPrefix(filepath.Base(p), "clean") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil && utf8.Valid(b) {
				out[p] = string(b)
			}
			return nil
		})
	}
	if len(out) == 0 {
		t.Skip("no pages found")
	}
	return out
}

// TestRecallAndPrecision damages every non-ASCII word of real pages the way
// a Windows-1252 round trip does and checks that the detector repairs at
// least 99.5% of them exactly, and that it finds nothing in the clean pages.
func TestRecallAndPrecision(t *testing.T) {
	found, total := 0, 0
	var missed []string
	byLocale := map[string][2]int{}
	for path, text := range pages(t) {
		for _, is := range Scan([]byte(text)) {
			if is.Kind == Mojibake {
				t.Errorf("%s: false positive %q -> %q", path, text[is.Span.Start:is.Span.End], is.Repair)
			}
		}
		loc := "en"
		for _, l := range []string{"es", "fr", "zh"} {
			if strings.Contains(path, "._"+l+".") {
				loc = l
			}
		}
		for _, w := range strings.Fields(text) {
			if isASCII(w) {
				continue
			}
			// invisible characters are another rule's business; damage only what people read
			if strings.ContainsAny(w, "\u200b\ufeff") {
				continue
			}
			total++
			c := byLocale[loc]
			c[1]++
			if Repair(damage(w)) == w {
				found++
				c[0]++
			} else if len(missed) < 20 {
				missed = append(missed, w)
			}
			byLocale[loc] = c
		}
	}
	if total == 0 {
		t.Skip("no non-ASCII words")
	}
	recall := float64(found) / float64(total)
	t.Logf("recall %.4f (%d of %d damaged words repaired); by locale %v; missed %q", recall, found, total, byLocale, missed)
	if recall < 0.995 {
		t.Errorf("recall %.4f < 0.995; missed e.g. %q", recall, missed)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
