package site

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestYAMLValues(t *testing.T) {
	cases := []struct {
		name, src string
		want      map[string]any
		dups      []Duplicate
		err       string
	}{
		{"plain", "a: 1\nb: [x, true]\nc: {d: ~}\n", map[string]any{"a": 1, "b": []any{"x", true}, "c": map[string]any{"d": nil}}, nil, ""},
		{"a duplicate keeps the last value", "title: A\nx: 1\ntitle: B\n", map[string]any{"title": "B", "x": 1},
			[]Duplicate{{Key: "title", Line: 3, Column: 1, First: 1}}, ""},
		{"a nested duplicate", "c:\n  h:\n    output: true\n    output: false\n", map[string]any{"c": map[string]any{"h": map[string]any{"output": false}}},
			[]Duplicate{{Key: "output", Line: 4, Column: 5, First: 3}}, ""},
		{"merge, then override", "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", map[string]any{"base": map[string]any{"x": 1, "y": 2}, "m": map[string]any{"x": 1, "y": 3}}, nil, ""},
		{"an alias", "a: &v [1]\nb: *v\n", map[string]any{"a": []any{1}, "b": []any{1}}, nil, ""},
		{"empty", "# nothing\n", nil, nil, ""},
		{"not a mapping", "- a\n", nil, nil, "must be a mapping"},
		{"a syntax error at its line", "a: 1\nb: 2\nc: [\n", nil, nil, "line 3"},
		{"merges past the budget", manyMerges(), nil, nil, "aliases expand the document too far"},
	}
	for _, c := range cases {
		got, dups, err := yamlValues([]byte(c.src))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) || !reflect.DeepEqual(dups, c.dups) {
			t.Errorf("%s: %v %+v %v, want %v %+v", c.name, got, dups, err, c.want, c.dups)
		}
	}
}

// TestYAMLAliasesShared: aliases share their anchor's value, so a
// document whose aliases would expand to 10^9 values reads at once.
func TestYAMLAliasesShared(t *testing.T) {
	start := time.Now()
	got, _, err := yamlValues([]byte(laughs()))
	if err != nil {
		t.Fatal(err)
	}
	v := any(got)
	for i := 8; i > 0; i-- {
		v = v.(map[string]any)[fmt.Sprintf("a%d", i)].(map[string]any)["k3"]
		if i > 1 {
			v = map[string]any{fmt.Sprintf("a%d", i-1): v}
		}
	}
	if v.(map[string]any)["x5"] != "x" || time.Since(start) > 5*time.Second {
		t.Errorf("deepest value %v after %v", v, time.Since(start))
	}
}

// laughs is a document whose aliases expand to 10^9 values.
func laughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 {x0: x, x1: x, x2: x, x3: x, x4: x, x5: x, x6: x, x7: x, x8: x, x9: x}\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {", i, i)
		for j := 0; j < 10; j++ {
			fmt.Fprintf(&b, "k%d: {<<: *a%d}, ", j, i-1)
		}
		b.WriteString("z: 1}\n")
	}
	return b.String()
}

// TestConfigManyKeys: a _config.yml with 40,000 keys reads in time linear
// in its size (yaml.v3's own decoding compared every key with every other:
// 7 s), with its duplicate found.
func TestConfigManyKeys(t *testing.T) {
	var b strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&b, "key%d: value\n", i)
	}
	b.WriteString("key7: again\n")
	start := time.Now()
	c, err := parseConfig([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("40,000 keys took %v", d)
	}
	if len(c.Duplicates) != 1 || c.Duplicates[0].Key != "key7" || c.Duplicates[0].Line != 40001 {
		t.Errorf("duplicates %+v", c.Duplicates)
	}
}

// manyMerges merges a mapping of 20,000 keys 1,000 times: 20 million
// copies from a document of 250 KB.
func manyMerges() string {
	var b strings.Builder
	b.WriteString("a: &a {")
	for i := range 20000 {
		fmt.Fprintf(&b, "k%d: 1, ", i)
	}
	b.WriteString("}\nb:\n")
	for range 1000 {
		b.WriteString("  - {<<: *a}\n")
	}
	return b.String()
}

// TestLoadErrorLine: a _config.yml that is not YAML is an error at the
// line of the problem.
func TestLoadErrorLine(t *testing.T) {
	dir := t.TempDir()
	data := strings.Repeat("k: v\n", 211) + "t: a\x01b\n"
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "_config.yml:212: not valid YAML: control characters are not allowed") {
		t.Errorf("error %v", err)
	}
}
