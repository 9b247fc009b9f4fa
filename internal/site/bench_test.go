package site

import (
	"os"
	"testing"
)

// benchSite is the real site's _config.yml when ../shared is present.
func benchSite(b *testing.B) *Site {
	data, err := os.ReadFile("../../../shared/corpus/identity-site/_config.yml")
	if err != nil {
		b.Skip("skipping: the real site is absent")
	}
	c, err := parseConfig(data)
	if err != nil {
		b.Fatal(err)
	}
	s := &Site{Config: c}
	s.prepare()
	return s
}

// BenchmarkClassify is the cost of telling what Jekyll makes of one path,
// paid for every file of the site on every run.
func BenchmarkClassify(b *testing.B) {
	s := benchSite(b)
	for b.Loop() {
		s.Classify("content/_help/verify-your-identity/accepted-identification-documents._es.md")
	}
}

// BenchmarkPublish is the cost of one page's URL from its front matter,
// paid for every page of the site on every run (the pre-commit case too).
func BenchmarkPublish(b *testing.B) {
	s := benchSite(b)
	info := s.Classify("content/_help/verify-your-identity/accepted-identification-documents._es.md")
	fm := func(k string) (Value, bool) {
		if k == "permalink" {
			return Value{Text: "/es/help/verify-your-identity/accepted-identification-documents/", Tag: "!!str"}, true
		}
		return Value{}, false
	}
	for b.Loop() {
		s.Publish(info, fm)
	}
}
