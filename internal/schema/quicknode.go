package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// ValidFrontMatter reports whether a page's front matter certainly
// satisfies sch with defaults for the top-level keys it leaves out (as
// Jekyll applies them; JSONValue converts them), read off its YAML nodes.
// It answers what Validate would of the instance frontmatter.Value builds,
// without building it: on a large site nearly every page is valid, and the
// instances were a tenth of a run's allocations. false means "ask
// Validate"; fm.Plain must hold (the nodes are then what Value reads).
func (s *Set) ValidFrontMatter(sch *jsonschema.Schema, fm *frontmatter.FrontMatter, defaults map[string]any) bool {
	q := s.quickOf(sch)
	if q == nil || !fm.Plain() {
		return false
	}
	if fm.Root == nil { // an empty front matter: the defaults alone
		inst := make(map[string]any, len(defaults))
		for k, v := range defaults {
			inst[k] = JSONValue(v)
		}
		return q.valid(inst)
	}
	return q.validNode(fm.Root, defaults, 0)
}

// validNode is valid for the value frontmatter.Value reads of n, at depth
// (the root is 0); defaults are the values of the keys n's mapping leaves
// out (at the root only). It gives up (false) on merge keys, on nodes that are
// neither scalars nor collections and past the depth Value reads.
func (q *quick) validNode(n *yaml.Node, extra map[string]any, depth int) bool {
	if depth >= frontmatter.MaxValueDepth {
		return false
	}
	var kind string
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() != "!!str" {
			return q.valid(frontmatter.Value(n)) // a number, boolean, null or timestamp
		}
		return q.validStr(n.Value)
	case yaml.SequenceNode:
		kind = "array"
	case yaml.MappingNode:
		kind = "object"
	default:
		return false
	}
	if q.ref != nil && !q.ref.validNode(n, extra, depth) {
		return false
	}
	if len(q.types) > 0 && !slices.Contains(q.types, kind) {
		return false
	}
	if len(q.anyOf) > 0 && !slices.ContainsFunc(q.anyOf, func(a *quick) bool { return a.validNode(n, extra, depth) }) {
		return false
	}
	if q.hasIf {
		if b := q.branchNode(n, extra); b != nil && !b.validNode(n, extra, depth) {
			return false
		}
	}
	if n.Kind == yaml.SequenceNode {
		if q.items != nil {
			for _, c := range n.Content {
				if !q.items.validNode(c, nil, depth+1) {
					return false
				}
			}
		}
		return true
	}
	return q.validMapping(n, extra, depth)
}

// validStr is valid for a string.
func (q *quick) validStr(s string) bool {
	if q.ref != nil && !q.ref.validStr(s) {
		return false
	}
	if len(q.types) > 0 && !slices.Contains(q.types, "string") {
		return false
	}
	if len(q.anyOf) > 0 && !slices.ContainsFunc(q.anyOf, func(a *quick) bool { return a.validStr(s) }) {
		return false
	}
	if q.hasIf && q.then != nil && !q.then.validStr(s) {
		return false // a string is no object: the if's required holds
	}
	return q.validString(s)
}

// branchNode is branch for a node: then, unless n is a mapping that lacks
// one of the if's keys (in its entries and extra's).
func (q *quick) branchNode(n *yaml.Node, extra map[string]any) *quick {
	if n.Kind == yaml.MappingNode {
		for _, k := range q.ifRequired {
			if !hasKey(n, extra, k) {
				return q.els
			}
		}
	}
	return q.then
}

// hasKey reports whether the mapping n, or extra, has the key k.
func hasKey(n *yaml.Node, extra map[string]any, k string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return true
		}
	}
	_, ok := extra[k]
	return ok
}

// validMapping is validObject for a mapping node with the defaults (extra)
// for the keys it leaves out. A key set twice has each of its values
// checked (Value keeps the last): stricter, never wrong.
func (q *quick) validMapping(n *yaml.Node, extra map[string]any, depth int) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Tag == "!!merge" {
			return false
		}
	}
	for _, k := range q.required {
		if !hasKey(n, extra, k) {
			return false
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		if !q.validEntry(n.Content[i].Value, func(s *quick) bool { return s.validNode(v, nil, depth+1) }) {
			return false
		}
	}
	for k, v := range extra {
		if hasKey(n, nil, k) {
			continue // the page's own value
		}
		if !q.validEntry(k, func(s *quick) bool { return s.valid(JSONValue(v)) }) {
			return false
		}
	}
	return true
}

// JSONValue converts a value decoded from _config.yml (a default) into the
// types the validator expects (numbers as json.Number).
func JSONValue(v any) any {
	switch x := v.(type) {
	case int:
		return json.Number(strconv.Itoa(x))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = JSONValue(e)
		}
		return out
	case nil, bool, string:
		return x
	}
	return fmt.Sprint(v)
}
