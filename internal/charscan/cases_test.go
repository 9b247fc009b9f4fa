package charscan

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// The classes of issue 16, in the project's own words: text helplint must
// leave alone, and damage it must find and repair exactly.

// legitimate is real text that looks a little like mojibake, and must
// never be flagged.
var legitimate = []string{
	"ÅNGSTRÖM — the unit, written in capitals",
	"Å—Ä—Ö: three Nordic letters between dashes",
	"The café’s menu — “crème brûlée” — costs €5",
	"Ã is a letter in Portuguese: SÃO PAULO, MÃE, IRMÃ",
	"ÄRGER™ is a brand name, ÖL® another",
	"Résumé • Curriculum vitæ • Naïve",
	"STYLIZED: ÀÉÎÕÜ ÇÑ ØÆ ÞÐ ß",
	"Windows-1252 punctuation typed on purpose: ‘single’, “double”, … and – dashes —",
	"Prix : 10 € — à partir de demain, l’équipe vous répond",
	"¿Qué pasa? ¡Qué bien! Contraseña, información, número",
	"请输入您的密码。我们会核实您的身份信息。",
	"登录账户：电子邮件地址、电话号码和身份证件",
	"Français : « Vérifiez votre identité » et cliquez sur « Continuer ».",
	"Deutsch: Größe, Straße, Übung, Äpfel",
	"Ελληνικά: Καλημέρα κόσμε",
	"Русский: Проверьте свою личность",
	"العربية: تحقق من هويتك",
	"עברית: אמת את זהותך",
	"ไทย: ยืนยันตัวตนของคุณ",
	"हिन्दी: अपनी पहचान सत्यापित करें",
	"Emoji are fine: 👩‍💻 🔒 ✅",
	"Ångström, Århus, Øresund, Åland",
	"Côte d’Ivoire — São Tomé — Curaçao",
	"“Ã” on its own in quotes is a letter, not damage",
	"The © sign and ® sign after a space are fine",
	"1½ cups, ¼ teaspoon, 30° angle, ±5%",
	"Naïve façade, coöperate, rôle",
	"ÉTATS-UNIS — AMÉRIQUE DU NORD",
	"Múltiples métodos de autenticación",
	"À bientôt ! Ça va ? Où êtes-vous ?",
	"CHÂTEAU — PÂTÉ — CRÊPE",
	"ÄÖÜ–TEST and ÅÄÖ—SVENSKA, in capitals",
	"ÉÈÊ–ËÎ: accented capitals between dashes",
	"SÃO—RIO: Ã before a dash, in capitals",
	"MÃE — the word for mother in capitals",
	"Quote marks ‚low‘ and „German“ style",
	"Per mille ‰, dagger †, double dagger ‡",
	"Trademark™, ellipsis…, bullet•, no damage here",
	"Ñoño — año — niño",
	"Łódź, Kraków, Gdańsk, Wrocław",
}

// damaged are the intended strings; the tests damage them in each way
// that real text was damaged, and require the repair to give them back.
var damaged = []string{
	"doesn’t",
	"Don’t share your password — ever.",
	"“Verify your identity” and ‘Sign in’",
	"Café, résumé, naïve",
	"Contraseña e información",
	"Vérifiez votre identité",
	"Größe und Straße",
	"请输入您的密码",
	"登录账户",
	"Проверьте свою личность",
	"Καλημέρα κόσμε",
	"تحقق من هويتك",
	"אמת את זהותך",
	"ยืนยันตัวตน",
	"अपनी पहचान",
	"São Paulo e Curaçao",
	"© 2024 Login.gov™",
	"Price: €20 • Fee: £3",
	"The bullet • and the ellipsis…",
	"Ñandú über alles",
	"Łódź i Kraków",
	"À bientôt, l’équipe",
	"Número de teléfono",
	"Übung macht den Meister",
	"电话号码",
	"Ваш пароль",
}

// damage1252 is text saved as UTF-8, read as Windows-1252 (undefined
// bytes as C1 controls) and saved again as UTF-8.
func damage1252(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteRune(DecodeByte(c))
	}
	return b.String()
}

// damageLatin1 is the same damage through Latin-1: bytes 0x80–0x9F become
// C1 controls instead of Windows-1252's punctuation.
func damageLatin1(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		b.WriteRune(rune(c))
	}
	return b.String()
}

// repaired applies every mojibake repair Scan offers to s.
func repaired(s string) (string, int) {
	issues := Scan([]byte(s))
	out := []byte(s)
	n := 0
	for i := len(issues) - 1; i >= 0; i-- {
		is := issues[i]
		if is.Kind != Mojibake {
			continue
		}
		n++
		out = append(out[:is.Span.Start], append([]byte(is.Repair), out[is.Span.End:]...)...)
	}
	return string(out), n
}

func TestMojibakeClasses(t *testing.T) {
	type tc struct{ name, in, want string }
	var cases []tc
	for _, s := range legitimate {
		cases = append(cases, tc{"legitimate", s, s})
	}
	for _, s := range damaged {
		cases = append(cases,
			tc{"cp1252", damage1252(s), s},
			tc{"cp1252 twice", damage1252(damage1252(s)), s},
			tc{"in a sentence", "Read this: " + damage1252(s) + " — then go on.", "Read this: " + s + " — then go on."},
			tc{"two runs on a line", damage1252(s) + " and " + damage1252(s), s + " and " + s},
		)
		if l := damageLatin1(s); l != damage1252(s) {
			cases = append(cases, tc{"latin-1 with C1 controls", l, s})
		}
	}
	cases = append(cases,
		tc{"cp1252 three times", damage1252(damage1252(damage1252("doesn’t"))), "doesn’t"},
		tc{"lost no-break space (French)", "Ã  partir de demain", "à partir de demain"},
		tc{"lost no-break space (Portuguese)", "Vá Ã  loja", "Vá à loja"},
		tc{"emoji as UTF-8", damage1252("Locked 🔒 account"), "Locked 🔒 account"},
		tc{"emoji as CESU-8", cesu("Locked 🔒 account"), "Locked 🔒 account"},
		tc{"mixed runs on one line", damage1252("doesn’t") + " and " + damage1252("Café") + " and " + damage1252("请"), "doesn’t and Café and 请"},
		tc{"lost byte as ?", "doesnâ€?t work", "doesn\uFFFDt work"},
		tc{"lost byte as U+FFFD", "doesnâ€\uFFFDt work", "doesn\uFFFDt work"},
	)
	failed := 0
	for i, c := range cases {
		got, _ := repaired(c.in)
		if got != c.want {
			failed++
			t.Errorf("%d %s: %q\n  repaired to %q\n  want        %q", i, c.name, c.in, got, c.want)
		}
	}
	if len(cases) < 150 {
		t.Errorf("only %d cases", len(cases))
	}
	t.Logf("%d cases, %d failed", len(cases), failed)
}

// cesu is s with each character outside the BMP written as two UTF-16
// surrogates in UTF-8 (CESU-8), then read as Windows-1252.
func cesu(s string) string {
	var raw []byte
	for _, r := range s {
		if r < 0x10000 {
			raw = utf8.AppendRune(raw, r)
			continue
		}
		r -= 0x10000
		for _, sur := range []rune{0xD800 + r>>10, 0xDC00 + r&0x3FF} {
			raw = append(raw, byte(0xE0|sur>>12), byte(0x80|(sur>>6)&0x3F), byte(0x80|sur&0x3F))
		}
	}
	var b strings.Builder
	for _, c := range raw {
		b.WriteRune(DecodeByte(c))
	}
	return b.String()
}

// TestLostByteOneFinding: a punctuation mark whose last byte became U+FFFD
// is one finding, the mojibake, not a replacement character besides.
func TestLostByteOneFinding(t *testing.T) {
	is := Scan([]byte("doesnâ€\uFFFDt work"))
	if len(is) != 1 || is[0].Kind != Mojibake || is[0].Repair != "\uFFFD" {
		t.Errorf("Scan = %s", fmt.Sprint(is))
	}
}
