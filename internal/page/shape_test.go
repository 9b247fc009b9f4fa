package page

import (
	"strings"
	"testing"
)

func TestLinkTarget(t *testing.T) {
	locales := []string{"en", "es", "fr", "zh"}
	for _, tt := range []struct{ dest, want string }{
		{"/es/help/a/", "/help/a"},
		{"/help/a/#paso", "/help/a"},
		{"/help/a", "/help/a"},
		{"#paso", ""},
		{"https://www.usa.gov/es/agencias", "//usa.gov /agencias"},
		{"https://secure.login.gov/es/", "//secure.login.gov /"},
		{"https://secure.login.gov", "//secure.login.gov /"},
		{"mailto:help@login.gov", "mailto:help@login.gov"},
		{"/assets/img/es/x._es.png", "/assets/img/x.png"},
		{"/help/x._es/", "/help/x"},
		{"/help/espanol/", "/help/espanol"},
	} {
		if got := LinkTarget(tt.dest, locales); got != tt.want {
			t.Errorf("LinkTarget(%q) = %q, want %q", tt.dest, got, tt.want)
		}
	}
}

func TestShape(t *testing.T) {
	pg := NewParser().Parse("p._es.md", []byte("---\ntitle: T\n---\n## A\n\n1. Uno\n  - sub\n2. Dos\n\n![x](/img/es/a.png)\n\n{% include alert.html %}\n\n[a](/es/help/b/) [c](https://usa.gov/es/x)\n"))
	got := strings.Split(strings.TrimSuffix(pg.Shape([]string{"en", "es"}), "\n"), "\n")
	want := []string{"img /img/a.png @10", "items numbered 2 @6", "items bulleted 1 @7", "include alert.html @12", "headings 1",
		"link //usa.gov /x", "link /help/b"}
	if len(got) != len(want) {
		t.Fatalf("Shape = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Shape[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
