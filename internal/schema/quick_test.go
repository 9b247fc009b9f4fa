package schema

import (
	"encoding/json"
	"testing"
)

// TestQuickNeverHidesAProblem checks the quick check against the general
// validator on the built-in schemas: valid where it says so, and the
// general validator's problems kept where it does not. Every built-in
// schema of a content collection a site like the real one maps by default
// must have a quick form, or the fast path would be lost unseen.
func TestQuickNeverHidesAProblem(t *testing.T) {
	n := func(s string) json.Number { return json.Number(s) }
	help := map[string]any{"title": "Sign in", "category": "create-account", "permalink": "/help/create-account/sign-in/", "order": n("3")}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range help {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name      string
		inst      any
		wantQuick bool // the quick check answers valid
		wantValid bool // the general validator finds nothing
	}{
		{"plain page", help, true, true},
		{"translation", with("permalink", "/es/help/create-account/sign-in/"), true, true},
		{"redirects list", with("redirect_from", []any{"/old/", "/older/"}), true, true},
		{"redirect string", with("redirect_from", "/old/"), true, true},
		{"a _list key", with("steps_list", []any{"one", "two"}), true, true},
		{"translations map", with("translations", map[string]any{"a": "b"}), true, true},
		{"child flag", with("child", true), true, true},
		{"missing order", with("order", nil), false, false},
		{"unknown key", with("colour", "red"), false, false},
		{"negative order", with("order", n("-1")), false, false},
		{"fractional order", with("order", n("1.5")), false, false},
		{"order as text", with("order", "3"), false, false},
		{"empty title", with("title", ""), false, false},
		{"blank title", with("title", "  "), false, false},
		{"upper-case category", with("category", "Create"), false, false},
		{"permalink without slash", with("permalink", "/help/x"), false, false},
		{"bad redirect item", with("redirect_from", []any{"/old/", "old"}), false, false},
		{"_list of numbers", with("steps_list", []any{n("1")}), false, false},
		{"translations of lists", with("translations", map[string]any{"a": []any{}}), false, false},
		{"not a mapping", []any{"x"}, false, false},
		{"a Go int: left to the general validator", with("order", 3), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load([]Mapping{{Glob: "*", Schema: "builtin:help"}}, ".")
			if err != nil {
				t.Fatal(err)
			}
			sch := s.For("x.md")
			q := s.quickOf(sch)
			if q == nil {
				t.Fatal("the help schema has no quick form")
			}
			if got := q.valid(tc.inst); got != tc.wantQuick {
				t.Errorf("quick valid = %v, want %v", got, tc.wantQuick)
			}
			if got := sch.Validate(tc.inst) == nil; got != tc.wantValid {
				t.Errorf("general validator valid = %v, want %v", got, tc.wantValid)
			}
			if got := len(s.Validate(sch, tc.inst)) == 0; got != tc.wantValid {
				t.Errorf("Validate found problems = %v, want %v", !got, !tc.wantValid)
			}
		})
	}
}

// TestQuickForms checks which built-in schemas the quick check covers:
// those with keywords outside its subset (a uri format) keep the general
// validator alone.
func TestQuickForms(t *testing.T) {
	for name, want := range map[string]bool{"help": true, "policy": true, "partners": true, "impact-stories": true,
		"developers": false, "landing": true, "program-updates": true} {
		s, err := Load([]Mapping{{Glob: "*", Schema: "builtin:" + name}}, ".")
		if err != nil {
			t.Fatal(err)
		}
		if got := s.quickOf(s.For("x.md")) != nil; got != want {
			t.Errorf("%s: quick form %v, want %v", name, got, want)
		}
	}
}

// TestMatcher: each pattern tested directly matches what its regular
// expression matches.
func TestMatcher(t *testing.T) {
	inputs := []string{"", " ", "\t\n", "a", " a ", "\u00a0", "\f", "/", "//", "/a", "/a/", "/a/b/", "a/", "/\n/", "/a\n/",
		"/é/", "/\xff/", " /a/", "/a/ ", "/a/\n", "\v", "x\r",
		"_list", "a_list", "__list", "steps_list", "Steps_list", "a-b_list", "a_list\n", "a_lists", "x_list_list", "9_list", "é_list", "a_list "}
	for _, p := range []string{`\S`, `^/`, `^/.+/$`, `^[a-z0-9_]+_list$`} {
		m, ok := matcher(p)
		re, _ := compile(p)
		if !ok {
			t.Fatalf("matcher(%q) failed", p)
		}
		for _, s := range inputs {
			if got, want := m(s), re.MatchString(s); got != want {
				t.Errorf("pattern %q on %q: %v, the regexp says %v", p, s, got, want)
			}
		}
	}
}

// TestQuickIfAndDateTime checks the quick forms of the landing schema (an
// if on required keys) and of program updates (a date-time format)
// against the general validator: valid where it says so, and never valid
// where the general validator finds a problem.
func TestQuickIfAndDateTime(t *testing.T) {
	update := func(date any) map[string]any {
		return map[string]any{"layout": "partners/program-update", "title": "T", "date": date, "preview": "P"}
	}
	for _, tc := range []struct {
		schema, name string
		inst         any
		wantQuick    bool
	}{
		{"landing", "a landing page", map[string]any{"title": "T", "permalink": "/x/", "sitemap": false}, true},
		{"landing", "a redirect stub", map[string]any{"redirect_to": "https://example.gov/"}, true},
		{"landing", "a stub with an empty target", map[string]any{"redirect_to": ""}, false},
		{"landing", "no permalink", map[string]any{"title": "T"}, false},
		{"landing", "a stub needs no title", map[string]any{"redirect_to": "/x/", "permalink": "/y/"}, true},
		{"landing", "not an object", "x", false},
		{"program-updates", "a date and time", update("2025-06-05T16:35:00.000Z"), true},
		{"program-updates", "an offset", update("2025-06-05T16:35:00-05:00"), true},
		{"program-updates", "no fraction", update("2025-06-05t16:35:00z"), true},
		{"program-updates", "a date alone", update("2025-06-05"), false},
		{"program-updates", "no such day", update("2025-02-30T10:00:00Z"), false},
		{"program-updates", "a leap second: the general validator's", update("2016-12-31T23:59:60Z"), false},
		{"program-updates", "hour 24", update("2025-06-05T24:00:00Z"), false},
		{"program-updates", "a space for T", update("2025-06-05 16:35:00Z"), false},
		{"program-updates", "an empty fraction", update("2025-06-05T16:35:00.Z"), false},
		{"program-updates", "an offset out of range", update("2025-06-05T16:35:00+24:00"), false},
		{"program-updates", "a number", update(json.Number("2025")), false},
	} {
		t.Run(tc.schema+"/"+tc.name, func(t *testing.T) {
			s, err := Load([]Mapping{{Glob: "*", Schema: "builtin:" + tc.schema}}, ".")
			if err != nil {
				t.Fatal(err)
			}
			sch := s.For("x.md")
			q := s.quickOf(sch)
			got := q.valid(tc.inst)
			if got != tc.wantQuick {
				t.Errorf("quick valid = %v, want %v", got, tc.wantQuick)
			}
			if got && sch.Validate(tc.inst) != nil {
				t.Errorf("quick valid, but the general validator says %v", sch.Validate(tc.inst))
			}
		})
	}
}

// FuzzPlainDateTime: a string plainDateTime takes, the general validator's
// date-time format takes too.
func FuzzPlainDateTime(f *testing.F) {
	for _, s := range []string{"2025-06-05T16:35:00.000Z", "2025-06-05T16:35:00-05:00", "2024-02-29T00:00:00Z", "1999-12-31t23:59:59.9+23:59"} {
		f.Add(s)
	}
	s, err := Load([]Mapping{{Glob: "*", Schema: "builtin:program-updates"}}, ".")
	if err != nil {
		f.Fatal(err)
	}
	sch := s.For("x.md")
	f.Fuzz(func(t *testing.T, date string) {
		if !plainDateTime(date) {
			return
		}
		inst := map[string]any{"layout": "l", "title": "T", "date": date, "preview": "P"}
		if err := sch.Validate(inst); err != nil {
			t.Fatalf("plainDateTime takes %q, the general validator says %v", date, err)
		}
	})
}

// FuzzMatcher: each pattern tested directly matches what its regular
// expression matches, on any string.
func FuzzMatcher(f *testing.F) {
	for _, s := range []string{"steps_list", "/a/b/", "/", "//", "/a b/", "/es/help/a-b/c_d/", "/help/a--b/", "/help/", "/xx/help/-a/",
		"/e/help/a/", "/ES/help/a/", "/es/help/a/b", "kebab-case", "-a", "a-", "a_b", "/a\f/", "/\xff/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []string{`\S`, `^/`, `^/.+/$`, `^[a-z0-9_]+_list$`, `^/\S*$`, `^/([^/\s]+/)*$`,
			`^[a-z0-9]+(-[a-z0-9]+)*$`, `^/([a-z]{2}/)?help/([a-z0-9]+([-_][a-z0-9]+)*/)+$`} {
			m, _ := matcher(p)
			re, _ := compile(p)
			if m(s) != re.MatchString(s) {
				t.Fatalf("pattern %q on %q: %v, the regexp says %v", p, s, m(s), re.MatchString(s))
			}
		}
	})
}

// FuzzQuickNeverHides builds front matter from the fuzzer's bytes, keys
// and values from a vocabulary each built-in schema reads, and checks that
// the quick check never calls valid what the general validator rejects.
func FuzzQuickNeverHides(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7})
	f.Add([]byte{9, 9, 1, 0, 3, 3, 12, 2, 5, 1})
	keys := []string{"title", "permalink", "redirect_to", "redirect_from", "layout", "lang", "date", "preview",
		"category", "order", "sitemap", "steps_list", "description", "colour", "translations", "child"}
	values := []any{"T", "", " ", "/x/", "/x", "https://example.gov/", "2025-06-05T16:35:00.000Z", "2025-06-05",
		"2016-12-31T23:59:60Z", json.Number("3"), json.Number("-1"), json.Number("1.5"), true, nil,
		[]any{"/a/", "/b/"}, []any{json.Number("1")}, map[string]any{"a": "b"}, "en", "es", "create-account"}
	sets := builtinSets(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		inst := map[string]any{}
		for i := 0; i+1 < len(b); i += 2 {
			inst[keys[int(b[i])%len(keys)]] = values[int(b[i+1])%len(values)]
		}
		for _, s := range sets {
			sch := s.For("x.md")
			if q := s.quickOf(sch); q != nil && q.valid(inst) {
				if err := sch.Validate(inst); err != nil {
					t.Fatalf("%s: quick valid on %v, the general validator says %v", sch.Location, inst, err)
				}
			}
		}
	})
}
