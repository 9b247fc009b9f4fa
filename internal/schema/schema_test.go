package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMessages(t *testing.T) {
	s, err := Load([]Mapping{{Glob: "content/_help/**/*", Schema: "builtin:help"}, {Glob: "content/_program_updates/*", Schema: "builtin:program-updates"}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	help := s.For("content/_help/a/b._en.md")
	if help == nil || s.For("content/_policy/a.md") != nil {
		t.Fatal("For picks the wrong schema")
	}
	got := s.Validate(help, map[string]any{
		"keywords": nil, "title": "  ", "order": "three", "category": "a",
		"redirect_from": []any{"/a/", "b"}, "tittle": "x", "permalink": "/help/a/b/",
	})
	var msgs []string
	for _, p := range got {
		msgs = append(msgs, strings.Join(p.Location, "/")+": "+p.Message)
	}
	want := []string{
		`keywords: keywords must be a non-empty string; it is empty`,
		`order: order must be a whole number, 0 or more (0 is the category overview); got "three"`,
		`redirect_from/1: redirect_from[1] must be a path that starts and ends with /; got "b"`,
		`title: title must be a non-empty string; it is empty`,
		`tittle: unknown key "tittle" (did you mean "title"?)`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	missing := s.Validate(help, map[string]any{"title": "x", "category": "a", "order": json.Number("1")})
	if len(missing) != 1 || !missing[0].Missing || missing[0].Message != `missing required key "permalink"` {
		t.Errorf("missing = %+v", missing)
	}
	pu := s.For("content/_program_updates/x.md")
	bad := s.Validate(pu, map[string]any{"layout": "x", "title": "t", "preview": "p", "date": "June 5"})
	if len(bad) != 1 || !strings.Contains(bad[0].Message, "date must be an ISO 8601 date") {
		t.Errorf("date = %+v", bad)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wrong.json"), []byte(`{"type": 5}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ schema, want string }{
		{"bad.json", "not JSON"},
		{"wrong.json", "does not compile"},
		{"missing.json", "no such file"},
		{"builtin:nope", "no built-in schema"},
	} {
		_, err := Load([]Mapping{{Glob: "**", Schema: tt.schema}}, dir)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.schema, err, tt.want)
		}
	}
}
