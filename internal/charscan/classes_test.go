package charscan

import (
	"strings"
	"testing"
)

// The classes of issue 28, in the project's own words: damage that was
// missed or repaired in part, and legitimate text that was flagged.

// lostA0 damages s through Windows-1252 and then loses each A0 byte the
// way a tool that took it for a space did: as a space, or not at all.
func lostA0(s string, asSpace bool) string {
	d := damage1252(s)
	if asSpace {
		return strings.ReplaceAll(d, "\u00a0", " ")
	}
	return strings.ReplaceAll(d, "\u00a0", "")
}

// damageStrict damages s through a strict Windows-1252 decoder, which
// writes U+FFFD for the five bytes it leaves undefined; want is s with
// each character that had such a byte written U+FFFD, as ftfy repairs it.
func damageStrict(s string) (damaged, want string) {
	var d, w strings.Builder
	for _, r := range s {
		lost := false
		for _, c := range []byte(string(r)) {
			switch c {
			case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
				d.WriteRune('\uFFFD')
				lost = true
			default:
				d.WriteRune(DecodeByte(c))
			}
		}
		if lost {
			w.WriteRune('\uFFFD')
		} else {
			w.WriteRune(r)
		}
	}
	return d.String(), w.String()
}

type repairCase struct{ class, in, want string }

// balticAndCentral are sentences whose letters have a Windows-1252
// punctuation mark as their second byte (ē Ä“, ī Ä«, ņ Å†, ķ Ä·, ą Ä…).
var balticAndCentral = []string{
	"Mūsu baņķieri strādā līdz vakaram, lai jums būtu ērti.",
	"Ērti: ievadiet kodu, ko saņēmāt īsziņā.",
	"Įveskite slaptažodį ir spauskite „Tęsti“.",
	"Patvirtinkite savo tapatybę per kelias minutes.",
	"Zaloguj się, aby kontynuować; hasło jest ważne przez godzinę.",
	"Kody są wysyłane SMS-em na twój numer.",
	"Přihlaste se a ověřte svou totožnost.",
	"Účet byl úspěšně vytvořen, pokračujte dál.",
	"Prihláste sa a overte svoju totožnosť.",
	"Ľutujeme, kód už neplatí; požiadajte o nový.",
	"Šodien ķīmijas stunda",
	"Pēteris un Ēriks",
	"līdz",
	"ērti",
	"baņķieri",
	"sąskaita",
	"żółć",
}

// moreScripts are sentences whose damage is all quote-like or needs its
// neighbours: Azerbaijani ə (É™), Vietnamese ồ (á»“), a Hebrew word of
// weak pairs only, a Korean syllable alone, Cyrillic and Greek words of
// one letter, an Arabic comma after a Latin name.
var moreScripts = []string{
	"Hesabınıza daxil olmaq üçün kodu yazın, sonra təsdiqləyin.",
	"DİQQƏT! Kodu heç kimə verməyin.",
	"Bạn có thể hồi phục các thay đổi dễ dàng.",
	"לחצו על נוסחה כדי להמשיך",
	"다시 할 필요 없습니다.",
	"Перевірте код і пароль, а потім її збережіть.",
	"Η εντολή είναι απλή.",
	"تطبيقات macOS، والخطوط",
	"Å lage ein konto er enkelt på éin dag.",
}

// lossyTexts are sentences in scripts with characters that have one of
// Windows-1252's undefined bytes (с is D1 81, ् is E0 A5 8D).
var lossyTexts = []string{
	"Súbory v priečinku sú väčšinou skryté.",
	"Проверьте свою личность с паролем.",
	"Русский язык и сессия",
	"Въведете паролата си, за да продължите.",
	"Потвърдете самоличността си.",
	"अपनी पहचान सत्यापित करें।",
	"पासवर्ड दर्ज करें",
	"உங்கள் கடவுச்சொல்லை உள்ளிடவும்",
	"கணக்கு உருவாக்கப்பட்டது",
}

// layeredTexts are damaged twice; between the layers a C1 control, a
// combining mark or a Windows-1252 character survives.
var layeredTexts = []string{
	"Next → Finish",
	"├── docs",
	"└─ index.md",
	"┒ corner, ① first, ● dot",
	"≤ 5 attempts",
	"∑ of fees ≠ total",
	"✓ Verified",
	"← Back",
	"līdz rītam",
	"Ērti",
	"baņķieri",
	"Cafe\u0301 re\u0301sume\u0301",
	"Gro\u0308\u00dfe",
}

func issue28Cases() []repairCase {
	cases := []repairCase{
		// 1. a lost no-break space after Ã, and in other scripts' sequences
		{"à, A0 vanished, between words", lostA0("Le code est valable à partir de demain.", false), "Le code est valable à partir de demain."},
		{"à, A0 as a space, between words", lostA0("Le code est valable à partir de demain.", true), "Le code est valable à partir de demain."},
		{"à at a word's end (voilà)", "Et voilÃ le code.", "Et voilà le code."},
		{"à at a word's end, two spaces", "Et voilÃ  le code.", "Et voilà le code."},
		{"prêt à, the rest undamaged", "Le compte est prêt Ã l'emploi.", "Le compte est prêt à l'emploi."},
		{"às, A0 as a space", lostA0("às vezes o código não chega", true), "às vezes o código não chega"},
		{"às alone", "Ã s vezes", "às vezes"},
		{"àquele, A0 as a space", "Vá Ã quele balcão.", "Vá àquele balcão."},
		{"a line that starts with à, proved by the line", lostA0("à partir de maintenant, vous êtes connecté", false), "à partir de maintenant, vous êtes connecté"},
		{"a line that starts with à, A0 as a space", lostA0("à partir de maintenant, vous êtes connecté", true), "à partir de maintenant, vous êtes connecté"},
		{"two à on one line", lostA0("Cliquez à droite, puis à gauche.", false), "Cliquez à droite, puis à gauche."},
		{"à on the second line only", "Bonjour.\n" + lostA0("Vous êtes prêt à commencer.", false), "Bonjour.\nVous êtes prêt à commencer."},
		{"Thai, A0 as a space", lostA0("ภาษาไทย ภาพ", true), "ภาษาไทย ภาพ"},
		{"Thai ภ alone", lostA0("ภา", true), "ภา"},
		{"Š with its A0 as a space, proved by the line", lostA0("Šis kods ir derīgs līdz rītdienai.", true), "Šis kods ir derīgs līdz rītdienai."},
		{"Greek Π with its A0 as a space", lostA0("Πρόσβαση", true), "Πρόσβαση"},
		{"Cyrillic Р with its A0 as a space", lostA0("Русский", true), "Русский"},
		{"no-break space with its A0 as a space, in a damaged line", lostA0("Prix : 10 € — très cher", true), "Prix : 10 € — très cher"},
		// 3. bytes lost in other scripts
		{"lost byte after a lone Cyrillic word", func() string { d, _ := damageStrict("с паролем"); return d }(), "\uFFFD паролем"},
		{"a capital Cyrillic word alone, proved by the line", damage1252("С паролем и кодом"), "С паролем и кодом"},
		{"a lone quote-like pair, unproved", "Ð¡ and more", "Ð¡ and more"},
		{"Ã before a quote inside a word in capitals", damage1252("L'HÔTEL DE VILLE"), "L'HÔTEL DE VILLE"},
		{"Ã before a dash inside a word in capitals", damage1252("SEÑOR, ACCIÓN"), "SEÑOR, ACCIÓN"},
		{"à before s and an apostrophe is no às", lostA0("Il tient à s’inscrire à temps.", false), "Il tient à s’inscrire à temps."},
		{"a replacement character, damaged", damage1252("Le code \uFFFD est perdu"), "Le code \uFFFD est perdu"},
		{"an emoji as CESU-8, its A0 byte a space", strings.ReplaceAll(cesu("Unlocked 🔓 now"), "\u00a0", " "), "Unlocked 🔓 now"},
		{"a price struck out with combining marks", damageLatin1("Was $\u03365\u03360\u0336, now $40"), "Was $\u03365\u03360\u0336, now $40"},
		{"a proved line leaves é, æ before a space and a symbol alone", "See the Opticæ § 10, the café « ouvert » and doesnâ€™t", "See the Opticæ § 10, the café « ouvert » and doesn’t"},
		// 4. layers
		{"twice, a spacing accent between the layers", damage1252(damage1252("⌣˛⌣ smile")), "⌣˛⌣ smile"},
		{"twice, a byte lost in the first layer", func() string { d, _ := damageStrict("”"); return damage1252(d) }() + " ok", "\uFFFD ok"},
		{"Latvian twice, quote-like layer", damage1252(damage1252("līdz")), "līdz"},
		{"Latin-1 then Windows-1252, C1 between", damage1252(damageLatin1("ē")), "ē"},
		{"Windows-1252 then Latin-1", damageLatin1(damage1252("→ next")), "→ next"},
		{"combining acute, once through Latin-1", damageLatin1("e\u0301"), "e\u0301"},
		{"three layers of an arrow", damage1252(damage1252(damage1252("→"))), "→"},
	}
	for _, s := range balticAndCentral {
		cases = append(cases,
			repairCase{"2. Windows-1252", damage1252(s), s},
			repairCase{"2. in a sentence", "Read this: " + damage1252(s) + " — then go on.", "Read this: " + s + " — then go on."},
			repairCase{"2. Latin-1", damageLatin1(s), s},
			repairCase{"2. twice", damage1252(damage1252(s)), s},
		)
	}
	for _, s := range moreScripts {
		cases = append(cases,
			repairCase{"scripts, Windows-1252", damage1252(s), s},
			repairCase{"scripts, Latin-1", damageLatin1(s), s},
			repairCase{"scripts, twice", damage1252(damage1252(s)), s},
			repairCase{"scripts, legitimate", s, s},
		)
	}
	for _, s := range lossyTexts {
		d, w := damageStrict(s)
		cases = append(cases,
			repairCase{"3. strict Windows-1252", d, w},
			repairCase{"3. in a sentence", "See: " + d + " (translated)", "See: " + w + " (translated)"},
		)
	}
	for _, s := range layeredTexts {
		cases = append(cases,
			repairCase{"4. twice", damage1252(damage1252(s)), s},
			repairCase{"4. Latin-1, then Windows-1252", damage1252(damageLatin1(s)), s},
			repairCase{"4. Windows-1252, then Latin-1", damageLatin1(damage1252(s)), s},
		)
	}
	for _, s := range legitimate28 {
		cases = append(cases, repairCase{"5. legitimate", s, s})
	}
	return cases
}

// legitimate28 is real text that a byte-level reading takes for damage.
var legitimate28 = []string{
	"BÅ™ is the brand; BÅ™’s app is new",
	"BÅ’s new app",
	"Count the Ä’s in “Ärger”: one.",
	"The Å’s and the Ö’s of Swedish",
	"Price: 2×£10, or 3×€5, or 4×¥100",
	"Area 3×4 m, 2×² is not a unit",
	"ÆØÅ™ — stylized brand",
	"ÐÅ®K MØDE",
	"TÖTÅL ©ØNTRØL",
	"PØW€R ÜP",
	"ÅÄÖ™ and ÖÄÜ®",
	"«IRMÃ» and «MAÇÃ»",
	"»Å« is a letter; so is »Ä«",
	"IRMÃ e MÃE",
	"Ã is a letter in Portuguese: SÃO PAULO",
	"the letters “Ã” and “Õ”",
	"ŠKODA, ŁÓDŹ, ĽUBOVŇA",
	"Mūsu baņķieri strādā līdz vakaram.",
	"Přihlaste se a ověřte svou totožnost.",
	"Проверьте свою личность с паролем.",
	"अपनी पहचान सत्यापित करें।",
	"உங்கள் கடவுச்சொல்லை உள்ளிடவும்",
	"ภาษาไทย ภาพ",
	"Next → Finish ├── docs ≤ 5 ✓",
	"À bientôt ! Où êtes-vous ? Ça va.",
	"Às vezes, àquele balcão, à noite",
	"Å se fjellet er å leve",
	"sécurité\u00a0» — été\u00a0»",
	"så…“Hej”",
	"פרסית: سلام، فارسی",
	"Café\u0301",
	"ATENCIÓN—ahora, CAFÉ–bar, NÃO…e, ÉTÉ”et",
	"Bore Ø±0.1 mm, Ø25 mm, 3×½ cup",
	"«ÉTÉ», «CAFÉ», «ÉTÉ» !",
	"a word in CAPITALS—ATENCIÓN—then text",
}

func TestIssue28Classes(t *testing.T) {
	cases := issue28Cases()
	failed := 0
	for i, c := range cases {
		got, _ := repaired(c.in)
		if got != c.want {
			failed++
			t.Errorf("%d %s: %q\n  repaired to %q\n  want        %q", i, c.class, c.in, got, c.want)
		}
	}
	if len(cases) < 100 {
		t.Errorf("only %d cases", len(cases))
	}
	t.Logf("%d cases, %d failed", len(cases), failed)
}
