package charscan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// ownText is clean text in the words of a help site, in the locales and
// scripts the corpus sites use: every word of it damaged must be repaired
// exactly, and none of it, as written, flagged.
var ownText = map[string]string{
	"own._en": "Your account’s “security key” — a phone, an app or a card — is ready. Don’t share it… ever. " +
		"The fee is €5 or £4; 3×4, ±5 °C, © 2025, Login.gov™, café, naïve, résumé. • Step 1 → Step 2 ✓ 👩‍💻 🔒.",
	"own._es": "¿Olvidó su contraseña? ¡Sí! El niño, la señora, Peñalosa, información, ÑANDÚ. " +
		"Verificación de identidad: número de teléfono, dirección, código único.",
	"own._fr": "À votre âge, la sécurité » compte. Vous êtes connecté à « Login.gov ». Où ? Ça coûte 5 € — très cher… " +
		"l’œuvre, Noël, ÉTÉ, «ÉTÉ», cœur, Æsop, déjà, voilà, prêt à l’emploi.",
	"own._zh": "如果此错误仍然存在，请联系我们。创建账户：电子邮件地址、电话号码和身份证件。日本語のテキスト、한국어 텍스트。",
	"own._pt": "Ação, coração, NÃO, SÃO PAULO, pão, às vezes, àquele balcão, IRMÃ.",
	"own._de": "Größe, Übergröße, Straße…, Äpfel, „Anmeldung“ und »Konto«.",
}

// repoPages returns ownText and the repository's clean multilingual
// fixture pages (clean*.md; the others plant damage).
func repoPages() map[string]string {
	out := map[string]string{}
	for k, v := range ownText {
		out[k] = v
	}
	_ = filepath.WalkDir("../../testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || !strings.HasPrefix(filepath.Base(p), "clean") {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && utf8.Valid(b) {
			out[p] = string(b)
		}
		return nil
	})
	return out
}

// corpusPages returns the pages of the Login.gov corpus beside the
// repository, or nil when it is absent.
func corpusPages() map[string]string {
	out := map[string]string{}
	_ = filepath.WalkDir("../../../shared/corpus/identity-site/content", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && utf8.Valid(b) {
			out[p] = string(b)
		}
		return nil
	})
	return out
}

// TestRecallAndPrecision damages every non-ASCII word of the repository's
// own clean text the way a Windows-1252 round trip does and checks that
// the detector repairs at least 99.5% of them exactly (with this few
// words: all), and that it finds nothing in the clean text. It needs
// nothing outside the repository.
func TestRecallAndPrecision(t *testing.T) {
	checkRecall(t, repoPages())
}

// TestRecallAndPrecisionCorpus does the same on the real site's pages.
func TestRecallAndPrecisionCorpus(t *testing.T) {
	pages := corpusPages()
	if len(pages) == 0 {
		t.Skip("../shared/corpus/identity-site is absent: the recall on the real site is not measured")
	}
	checkRecall(t, pages)
}

func checkRecall(t *testing.T, pages map[string]string) {
	t.Helper()
	found, total := 0, 0
	var missed []string
	byLocale := map[string][2]int{}
	for path, text := range pages {
		for _, is := range Scan([]byte(text)) {
			if is.Kind == Mojibake {
				t.Errorf("%s: false positive %q -> %q", path, text[is.Span.Start:is.Span.End], is.Repair)
			}
		}
		loc := "en"
		for _, l := range []string{"es", "fr", "zh", "pt", "de"} {
			if strings.Contains(path, "._"+l) {
				loc = l
			}
		}
		for _, w := range strings.Fields(text) {
			// invisible characters are another rule's business; damage only what people read
			if isASCII(w) || strings.ContainsAny(w, "\u200b\ufeff") {
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
	if total < 50 {
		t.Fatalf("only %d non-ASCII words: the measure means nothing", total)
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
