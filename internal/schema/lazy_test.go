package schema

import (
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/helplint/helplint/schemas"
)

// TestBuiltinsCompile: every embedded schema compiles (they compile
// lazily, where a fault would go unreported), and a run compiles only the
// ones its pages need.
func TestBuiltinsCompile(t *testing.T) {
	ents, err := fs.ReadDir(schemas.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	var maps []Mapping
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			maps = append(maps, Mapping{Glob: "_" + name + "/*", Schema: BuiltinPrefix + name})
		}
	}
	s, err := Load(maps, ".")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.compiled); n != 0 {
		t.Errorf("Load compiled %d built-in schemas before any page asked", n)
	}
	for _, m := range maps {
		if s.For(strings.TrimSuffix(m.Glob, "*")+"page.md") == nil {
			t.Errorf("%s does not compile", m.Schema)
		}
	}
	if n := len(s.compiled); n != len(maps) {
		t.Errorf("compiled %d schemas, want %d", n, len(maps))
	}
}

// TestLazyCompileConcurrent: pages that ask for the same schema at once
// get the same one, compiled once (go test -race).
func TestLazyCompileConcurrent(t *testing.T) {
	s, err := Load([]Mapping{{Glob: "_help/**/*", Schema: "builtin:help"}, {Glob: "_policy/*", Schema: "builtin:policy"}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sch := s.For("_help/a/b.md")
			s.Validate(sch, map[string]any{"title": "T"})
			got[i] = sch
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("page %d got schema %v, page 0 %v", i, got[i], got[0])
		}
	}
	if n := len(s.compiled); n != 1 {
		t.Errorf("compiled %d schemas, want 1 (policy was never asked for)", n)
	}
}
