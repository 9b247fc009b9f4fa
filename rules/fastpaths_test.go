// Fast paths of the rules, each against the way it was first written.

package rules

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// TestInDomain: inDomain is "host is domain, or ends with . and domain",
// and the host checks built on it keep their answers.
func TestInDomain(t *testing.T) {
	for _, tt := range []struct {
		host, domain string
		want         bool
	}{
		{"example.com", "example.com", true},
		{"www.example.com", "example.com", true},
		{"a.b.example.com", "example.com", true},
		{"myexample.com", "example.com", false},
		{"example.com.evil", "example.com", false},
		{"xample.com", "example.com", false},
		{".example.com", "example.com", true},
		{"", "example.com", false},
		{"a.test", "test", true},
		{"test", "test", true},
		{"atest", "test", false},
		{"", "", true},
	} {
		if got := inDomain(tt.host, tt.domain); got != tt.want {
			t.Errorf("inDomain(%q, %q) = %v, want %v", tt.host, tt.domain, got, tt.want)
		}
		if concat := tt.host == tt.domain || strings.HasSuffix(tt.host, "."+tt.domain); concat != tt.want {
			t.Errorf("the table is wrong for (%q, %q)", tt.host, tt.domain)
		}
	}
	for host, want := range map[string]bool{
		"localhost": true, "app.localhost": true, "127.0.0.2": true, "example.org": true, "docs.example.net": true,
		"foo.test": true, "x.invalid": true, "example": true, "login.gov": false, "examples.com": false, "testing.gov": false,
	} {
		if got := placeholderHost(host); got != want {
			t.Errorf("placeholderHost(%q) = %v, want %v", host, got, want)
		}
	}
	hosts := []string{"Login.gov", "identitysandbox.gov"}
	for host, want := range map[string]bool{
		"login.gov": true, "secure.login.gov": true, "identitysandbox.gov": true, "notlogin.gov": false, "login.gov.example": false,
	} {
		if got := isInternalHost(host, hosts); got != want {
			t.Errorf("isInternalHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestFoldSpace compares foldSpace with strings.Fields joined by spaces,
// on white space of every kind (no-break and other Unicode spaces, invalid
// bytes), and FuzzFoldSpace on any input.
func TestFoldSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a  b", "a\tb\nc", "\u00a0a\u00a0\u00a0b\u2003", "a\u0085b", "\xffa \xfe", "a\u200bb", "  x\r\n\v\fy  ", "é  ü"} {
		if got, want := foldSpace([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFoldSpace(f *testing.F) {
	f.Add("a \u00a0 b\t\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldSpace([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// phraseKeyByFields is phraseKey as first written: its fast paths must
// give what this does.
func phraseKeyByFields(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) })
}

func TestPhraseKey(t *testing.T) {
	for _, s := range []string{"", "click here", "Click Here", "READ MORE", "here.", " here", "here ", "a  b", "Step 2", "2fa", "Learn more »",
		"Más información", "\u00a0Here\u00a0", "ÉTÉ", "İstanbul", "a\tb", "x-y", "_x_", "ABC123 def"} {
		if got, want := phraseKey(s), phraseKeyByFields(s); got != want {
			t.Errorf("phraseKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzPhraseKey(f *testing.F) {
	f.Add("Click Here")
	f.Add(" Más\u00a0información. ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := phraseKey(s), phraseKeyByFields(s); got != want {
			t.Fatalf("phraseKey(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestLocaleSplit: split cuts a locale prefix off a path, the rest keeping
// its leading slash.
func TestLocaleSplit(t *testing.T) {
	ls := localeScheme{def: "en", prefixed: map[string][2]int{"es": {3, 3}, "zh": {2, 2}}}
	for _, tt := range []struct{ p, loc, rest string }{
		{"/es/help/a/", "es", "/help/a/"},
		{"/es/", "es", "/"},
		{"/es", "es", "/"},
		{"/zh/x", "zh", "/x"},
		{"/help/a/", "en", "/help/a/"},
		{"es/help/", "en", "es/help/"},
		{"/", "en", "/"},
		{"", "en", ""},
	} {
		loc, rest, ok := ls.split(tt.p)
		if loc != tt.loc || rest != tt.rest || !ok {
			t.Errorf("split(%q) = %q, %q, %v, want %q, %q, true", tt.p, loc, rest, ok, tt.loc, tt.rest)
		}
	}
}

// parseShapeByAppend is parseShape as first written, a growing slice per
// kind: the grouping is what the two compare.
func parseShapeByAppend(shape string) shapeElements {
	out := shapeElements{}
	for e := range strings.Lines(shape) {
		el := parseElement(e)
		out[el.kind] = append(out[el.kind], el)
	}
	return out
}

func TestParseShapeGroups(t *testing.T) {
	for _, s := range []string{"", "table 2x3 @4\n", "table 2x3 @4\nimg /a.png @7\nimg /b.png @9\nitems bulleted 3 @2\nlink /x/ a\nlink /y/ b\n",
		"img /a @1\nlink /x/\nimg /b @3\n", "link a\nlink b", "headings 3\n\n\ninclude x @2\n"} {
		got, want := parseShape(s), parseShapeByAppend(s)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parseShape(%q) = %+v, want %+v", s, got, want)
		}
	}
}

func FuzzParseShape(f *testing.F) {
	f.Add("table 2x3 @4\nimg /a.png @7\nlink /x/ a\nimg /b @3\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := parseShape(s), parseShapeByAppend(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("parseShape(%q) = %+v, want %+v", s, got, want)
		}
	})
}

func TestRetired(t *testing.T) {
	old := map[string]bool{"/a/": true, "/b": true, "/c//": true}
	for u, want := range map[string]bool{"/a/": true, "/a": true, "/b": true, "/b/": true, "/c/": true, "/d/": false, "/d": false, "": false} {
		byList := false
		for _, c := range []string{u, strings.TrimSuffix(u, "/"), u + "/"} {
			byList = byList || old[c]
		}
		if got := retired(old, u); got != want || got != byList {
			t.Errorf("retired(%q) = %v, want %v (the list of three says %v)", u, got, want, byList)
		}
	}
	if retired(nil, "/a/") {
		t.Error("retired with no list")
	}
}
