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
// those with keywords outside its subset (format, if/then/else) keep the
// general validator alone.
func TestQuickForms(t *testing.T) {
	for name, want := range map[string]bool{"help": true, "policy": true, "partners": true, "impact-stories": true,
		"developers": false, "landing": false, "program-updates": false} {
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
		"/é/", "/\xff/", " /a/", "/a/ ", "/a/\n", "\v", "x\r"}
	for _, p := range []string{`\S`, `^/`, `^/.+/$`} {
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
