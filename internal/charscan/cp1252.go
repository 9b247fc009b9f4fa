package charscan

// cp1252High maps bytes 0x80–0x9F to the characters Windows-1252 gives
// them. The five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// map to the C1 controls of the same value, as in Latin-1: the "sloppy"
// reading that damaged text was made with. Bytes 0xA0–0xFF are U+00A0–U+00FF.
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// DecodeByte is the sloppy Windows-1252 reading of byte b (b >= 0x80).
func DecodeByte(b byte) rune {
	if b < 0x80 {
		return rune(b)
	}
	if b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// EncodeRune returns the byte that r is the sloppy Windows-1252 reading of,
// for r outside ASCII; ok is false when no byte reads as r.
func EncodeRune(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return 0, false
	case r >= 0xA0 && r <= 0xFF, r >= 0x80 && r <= 0x9F:
		return byte(r), true
	case r > 0x2122 || r < 0x152:
		return 0, false // outside the range of Windows-1252's special characters (Œ … ™)
	}
	for i, c := range cp1252High {
		if c == r {
			return byte(0x80 + i), true
		}
	}
	return 0, false
}

// common holds the continuation-range characters that are ordinary after a
// letter in real text (ellipsis, quotes, bullets, dashes, no-break space,
// inverted marks, guillemets); the others (€, ™, ©, ¼, ¸, C1 controls…)
// almost never follow a letter, so they are evidence of damage.
var common = map[rune]bool{
	0x2026: true, 0x2018: true, 0x2019: true, 0x201C: true, 0x201D: true, 0x2022: true,
	0x2013: true, 0x2014: true, 0x00A0: true, 0x00A1: true, 0x00AB: true, 0x00BB: true, 0x00BF: true,
}
