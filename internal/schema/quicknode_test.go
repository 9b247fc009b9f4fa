package schema

import (
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/source"
	"go.yaml.in/yaml/v3"
)

// builtinSets loads each built-in schema that has a quick form.
func builtinSets(tb testing.TB) []*Set {
	var sets []*Set
	for _, name := range []string{"help", "landing", "program-updates", "policy", "partners", "impact-stories"} {
		s, err := Load([]Mapping{{Glob: "*", Schema: "builtin:" + name}}, ".")
		if err != nil {
			tb.Fatal(err)
		}
		sets = append(sets, s)
	}
	return sets
}

// nodeReaderSets are builtinSets and a test schema of the keywords of the
// quick check's subset that they leave out.
func nodeReaderSets(tb testing.TB) []*Set {
	s, err := Load([]Mapping{{Glob: "*", Schema: "testdata/keywords.schema.json"}}, ".")
	if err != nil {
		tb.Fatal(err)
	}
	if s.quickOf(s.For("x.md")) == nil {
		tb.Fatal("the keywords schema has no quick form")
	}
	return append(builtinSets(tb), s)
}

// duplicateKeys reports a mapping anywhere in n that sets a key twice
// (Value keeps the last value, the node reader checks each).
func duplicateKeys(n *yaml.Node) bool {
	if n.Kind == yaml.MappingNode {
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if seen[n.Content[i].Value] {
				return true
			}
			seen[n.Content[i].Value] = true
		}
	}
	for _, c := range n.Content {
		if duplicateKeys(c) {
			return true
		}
	}
	return false
}

// checkNodeReader compares ValidFrontMatter on the front matter yml, with
// extra as the defaults, with the quick check and the general validator
// on the instance frontmatter.Value builds: never more lenient than either,
// and the same as the quick check unless the YAML has what the node reader
// leaves to it (merge keys, keys set twice, aliases).
func checkNodeReader(t *testing.T, sets []*Set, yml string, extra map[string]any) {
	text := []byte("---\n" + yml + "\n---\nbody\n")
	fm := frontmatter.Parse(source.New("x.md", text), 0)
	if fm.Err != nil || !fm.Present {
		return
	}
	inst := map[string]any{}
	if fm.Root != nil {
		m, ok := frontmatter.Value(fm.Root).(map[string]any)
		if !ok {
			return
		}
		inst = m
	}
	for k, v := range extra {
		if _, set := inst[k]; !set {
			inst[k] = JSONValue(v)
		}
	}
	for _, s := range sets {
		sch := s.For("x.md")
		node := s.ValidFrontMatter(sch, fm, extra)
		quick := s.quickOf(sch).valid(inst)
		if node && !quick {
			t.Fatalf("%s: the node reader calls valid %q (defaults %v), the quick check does not", sch.Location, yml, extra)
		}
		if node && sch.Validate(inst) != nil {
			t.Fatalf("%s: the node reader calls valid %q (defaults %v), the general validator says %v", sch.Location, yml, extra, sch.Validate(inst))
		}
		plain := fm.Plain() && !strings.Contains(yml, "<<") && (fm.Root == nil || !duplicateKeys(fm.Root))
		if plain && quick && !node {
			t.Errorf("%s: the node reader gives up on %q (defaults %v), which the quick check calls valid", sch.Location, yml, extra)
		}
	}
}

func TestValidFrontMatterAsQuick(t *testing.T) {
	sets := nodeReaderSets(t)
	help := "title: Sign in\ncategory: create-account\npermalink: /help/create-account/sign-in/\norder: 3\n"
	for _, tc := range []struct {
		yml   string
		extra map[string]any
	}{
		{help, nil},
		{help + "redirect_from:\n  - /old/\n  - /older/\n", nil},
		{help + "redirect_from: /old/\n", nil},
		{help + "steps_list:\n  - one\n  - two\n", nil},
		{help + "translations:\n  a: b\n", nil},
		{help + "translations:\n  a: []\n", nil},
		{help + "child: true\nsitemap: false\n", nil},
		{"title: Sign in\ncategory: create-account\npermalink: /help/create-account/sign-in/\n", nil},
		{"title: Sign in\ncategory: create-account\npermalink: /help/create-account/sign-in/\n", map[string]any{"order": 2}},
		{help, map[string]any{"layout": "help", "lang": "en"}},
		{help, map[string]any{"colour": "red"}},
		{help + "colour: red\n", nil},
		{help + "order: -1\n", nil},
		{strings.Replace(help, "order: 3", "order: 1.5", 1), nil},
		{strings.Replace(help, "order: 3", "order: '3'", 1), nil},
		{strings.Replace(help, "order: 3", "order: 0x3", 1), nil},
		{strings.Replace(help, "title: Sign in", "title: ''", 1), nil},
		{strings.Replace(help, "title: Sign in", "title: ~", 1), nil},
		{strings.Replace(help, "category: create-account", "category: Create", 1), nil},
		{strings.Replace(help, "/help/create-account/sign-in/", "/help/x", 1), nil},
		{help + "redirect_from:\n  - /old/\n  - old\n", nil},
		{help + "base: &b\n  a: 1\nother: *b\n", nil},
		{help + "steps_list: [1, 2]\n", nil},
		{"layout: landing\ntitle: T\npermalink: /t/\n", nil},
		{"title: Is IAL2 right?\nlang: en\ndate: 2025-06-05T16:35:00.000Z\npreview: \"x\"\n", map[string]any{"layout": "partners/program-update"}},
		{"title: T\ndate: 2025-06-05\n", nil},
		{"", map[string]any{"title": "T"}},
		{"", map[string]any{"title": "Tt"}},
		{"title: Tt\norder: 2\ntags: [a, b]\nnote: ~\nweight: 3\nmeta:\n  a: b\nx_flag: true\nother: 5\n", nil},
		{"title: Tt\norder: 2\n", nil},
		{"title: Tt\n", nil},
		{"title: Ttt\nweight: x\nmeta:\n  a: 1\n", nil},
		{"title: Ttt\nx_flag: 1\n", nil},
		{"title: Ttt\nother: [1]\n", nil},
		{"redirect_to: /x/\n", nil},
		{"tags:\n  - A\ntitle: Ttt\norder: 1\n", nil},
		{"title: Ttt\n", map[string]any{"order": 1, "tags": []any{"a"}}},
		{"title: Ttt\n", map[string]any{"order": 1}},
		{"", nil},
	} {
		checkNodeReader(t, sets, tc.yml, tc.extra)
	}
}

// FuzzValidFrontMatter checks the node reader against the quick check and
// the general validator on any front matter, with or without a default.
func FuzzValidFrontMatter(f *testing.F) {
	f.Add("title: Sign in\ncategory: create-account\npermalink: /help/create-account/sign-in/\norder: 3\nredirect_from:\n  - /old/\n", byte(0))
	f.Add("layout: landing\ntitle: T\npermalink: /t/\nsteps:\n  a: b\n", byte(1))
	f.Add("title: T\nlang: en\ndate: 2025-06-05T16:35:00.000Z\npreview: x\ntags: [a, b]\n", byte(2))
	f.Add("a: &x {b: 1}\nc: *x\n<<: {d: 2}\ntitle: t\ntitle: u\n", byte(3))
	f.Add("title: Tt\norder: 2\ntags: [a, b]\nnote: ~\nweight: 3\nmeta:\n  a: b\nx_flag: true\nother: 5\n", byte(0))
	f.Add("redirect_to: /x/\ntitle: T\n", byte(2))
	sets := nodeReaderSets(f)
	defaults := []map[string]any{nil, {"layout": "help"}, {"order": 1}, {"title": ""}, {"lang": "en", "sitemap": false}, {"redirect_from": []any{"/a/", 2}}}
	f.Fuzz(func(t *testing.T, yml string, d byte) {
		checkNodeReader(t, sets, yml, defaults[int(d)%len(defaults)])
	})
}
