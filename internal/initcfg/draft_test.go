package initcfg

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// pages builds n contributions with key k of type typ, the values cycling
// through values (or none), and m more pages without k.
func pages(n int, typ string, values []string, m int) [][]keyShape {
	var out [][]keyShape
	for i := range n {
		ks := keyShape{Key: "k", Type: typ}
		if len(values) > 0 {
			ks.Value = values[i%len(values)]
		}
		out = append(out, []keyShape{ks})
	}
	for range m {
		out = append(out, []keyShape{})
	}
	return out
}

// TestDraftThresholds: a key is required on 95% of the pages, allows
// every type seen, and lists its values only where at most five cover 20
// pages or more.
func TestDraftThresholds(t *testing.T) {
	two := []string{"a", "b"}
	tests := []struct {
		name     string
		pages    [][]keyShape
		required bool
		typ      any
		enum     []string
	}{
		{"19 of 20 pages: required", pages(19, "string", nil, 1), true, "string", nil},
		{"18 of 20 pages: not required", pages(18, "string", nil, 2), false, "string", nil},
		{"2 of 3 pages: not required", pages(2, "integer", nil, 1), false, "integer", nil},
		{"two values over 20 pages: an enum", pages(20, "string", two, 0), true, "string", two},
		{"two values over 19 pages: too few pages", pages(19, "string", two, 0), true, "string", nil},
		{"six values: too many", pages(30, "string", []string{"a", "b", "c", "d", "e", "f"}, 0), true, "string", nil},
		{"one value on every page: no choice", pages(30, "string", []string{"a"}, 0), true, "string", nil},
		{"a long or empty value: no enum", pages(30, "string", []string{"a", ""}, 0), true, "string", nil},
		{"integers and numbers: number", append(pages(2, "integer", nil, 0), pages(1, "number", nil, 0)...), true, "number", nil},
		{"strings and nulls: both", append(pages(25, "string", two, 0), pages(1, "null", nil, 0)...), true, []string{"null", "string"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &collection{label: "c", keys: map[string]*keyStats{}}
			for _, p := range tt.pages {
				data, err := json.Marshal(p)
				if err != nil {
					t.Fatal(err)
				}
				c.add(data)
			}
			if got := slices.Contains(c.required(), "k"); got != tt.required {
				t.Errorf("required: %v, want %v", got, tt.required)
			}
			p := c.keys["k"].property(c.pages)
			if !reflect.DeepEqual(p.Type, tt.typ) || !slices.Equal(p.Enum, tt.enum) {
				t.Errorf("got type %v enum %v, want %v %v", p.Type, p.Enum, tt.typ, tt.enum)
			}
			if want := fmt.Sprintf("on %d of %d pages", c.keys["k"].pages, c.pages); p.Comment[:len(want)] != want {
				t.Errorf("comment %q, want it to start with %q", p.Comment, want)
			}
		})
	}
}
