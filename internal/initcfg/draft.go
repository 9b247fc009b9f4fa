package initcfg

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/rules"
)

// The evidence a drafted schema asks of a collection's pages. A schema
// that helplint then holds the site to must describe the site as it is:
// a key becomes required only where nearly every page has it, every type
// seen is allowed, and an enum lists a key's values only where few
// values cover many pages.
const (
	// minSchemaPages is how many pages a collection needs for a schema.
	minSchemaPages = 3
	// requiredShare of a collection's pages have a key it requires.
	requiredShare = 0.95
	// minEnumPages is how many pages must have a key for an enum of its
	// values, maxEnumValues how many values it may list (2 at least: one
	// value on every page is more likely a default than a choice).
	minEnumPages  = 20
	maxEnumValues = 5
	// maxEnumValue is the longest value an enum lists.
	maxEnumValue = 40
)

// shapeRuleName names the contribution init reads; it is no rule users see.
const shapeRuleName = "init-front-matter-shape"

// shapeRule contributes, of every page, the top-level keys of the front
// matter front-matter-schema would validate, with their JSON types and
// their short string values: what a schema is drafted from.
func shapeRule() *lint.Rule {
	return &lint.Rule{Name: shapeRuleName, Doc: "# front matter shapes for helplint init\n", Contribute: contributeShape}
}

// keyShape is one front matter key of one page.
type keyShape struct {
	Key   string `json:"k"`
	Type  string `json:"t"`
	Value string `json:"v,omitempty"`
}

func contributeShape(p *lint.Pass) []byte {
	inst, ok := rules.FrontMatterInstance(p)
	if !ok {
		return nil
	}
	shapes := make([]keyShape, 0, len(inst))
	for k, v := range inst {
		ks := keyShape{Key: k, Type: jsonType(v)}
		if s, isStr := v.(string); isStr && len(s) <= maxEnumValue {
			ks.Value = s
		}
		shapes = append(shapes, ks)
	}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Key < shapes[j].Key })
	data, err := json.Marshal(shapes) // "[]" for empty front matter: the page still counts
	if err != nil {
		return nil
	}
	return data
}

// jsonType is the JSON Schema type of a front matter value as the
// validator sees it (frontmatter.Value's numbers are json.Number).
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

// keyStats is what a collection's pages show of one key.
type keyStats struct {
	pages  int
	types  map[string]bool
	values map[string]int // string values, while they are few and short
	other  bool           // a value that is not a short string
}

// collection is a collection's pages, as the globs of the configuration
// will pick them.
type collection struct {
	label string
	globs []string
	pages int
	keys  map[string]*keyStats
}

// draft is what init found of the site's front matter.
type draft struct {
	// builtin are the default schema mappings that apply to pages of the
	// site: with no configuration they are checked, so they stay.
	builtin []builtinUse
	// collections have a schema drafted; small ones are skipped.
	collections []*collection
	small       []*collection
}

// builtinUse is a default schema mapping and how many pages it checks.
type builtinUse struct {
	config.SchemaMap
	pages int
}

// draftSchemas groups the site's pages by collection folder and reads the
// shape of their front matter.
func draftSchemas(ix *lint.Index) draft {
	defaults := config.DefaultSchemas()
	usedDefault := map[int]int{}
	byLabel := map[string]*collection{}
	var order []*collection
	globOf := map[string]*collection{}
	for _, f := range ix.Pages {
		if f.Info.Collection == "" || f.Info.InCollection == "" || !strings.HasSuffix(f.Info.Rel, f.Info.InCollection) {
			continue
		}
		glob := strings.TrimSuffix(f.Info.Rel, f.Info.InCollection) + "**/*"
		c := byLabel[f.Info.Collection]
		if c == nil {
			c = &collection{label: f.Info.Collection, keys: map[string]*keyStats{}}
			byLabel[f.Info.Collection] = c
			order = append(order, c)
		}
		if globOf[glob] == nil {
			globOf[glob] = c
			c.globs = append(c.globs, glob)
		}
	}
	for _, f := range ix.Pages {
		data := f.Data(shapeRuleName)
		if data == nil {
			continue
		}
		if i := firstMatch(defaults, f.Info.Rel); i >= 0 {
			usedDefault[i]++ // the built-in schema checks it, as with no configuration
			continue
		}
		if c := pick(order, f.Info.Rel); c != nil {
			c.add(data)
		}
	}
	var d draft
	for i, m := range defaults {
		if n := usedDefault[i]; n > 0 {
			d.builtin = append(d.builtin, builtinUse{m, n})
		}
	}
	for _, c := range order {
		switch {
		case c.pages >= minSchemaPages && len(c.keys) > 0:
			d.collections = append(d.collections, c)
		case c.pages > 0:
			d.small = append(d.small, c)
		}
	}
	return d
}

func firstMatch(maps []config.SchemaMap, rel string) int {
	for i, m := range maps {
		if site.GlobMatch(m.Glob, rel) {
			return i
		}
	}
	return -1
}

// pick is the collection whose glob matches rel first, in the order the
// configuration will list them (a schema applies by its first glob).
func pick(cs []*collection, rel string) *collection {
	for _, c := range cs {
		for _, g := range c.globs {
			if site.GlobMatch(g, rel) {
				return c
			}
		}
	}
	return nil
}

// add counts one page's contribution.
func (c *collection) add(data []byte) {
	var shapes []keyShape
	if json.Unmarshal(data, &shapes) != nil {
		return
	}
	c.pages++
	for _, s := range shapes {
		k := c.keys[s.Key]
		if k == nil {
			k = &keyStats{types: map[string]bool{}, values: map[string]int{}}
			c.keys[s.Key] = k
		}
		k.pages++
		k.types[s.Type] = true
		switch {
		case k.other:
		case s.Type != "string" || s.Value == "":
			k.other = true // not a string, or one too long (or empty) to list
		default:
			k.values[s.Value]++
			k.other = len(k.values) > maxEnumValues
		}
	}
}

// fileName is the schema file of a collection, relative to the config.
func (c *collection) fileName() string {
	return "schemas/" + unsafeName.ReplaceAllString(c.label, "-") + ".json"
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// required lists the keys nearly every page has.
func (c *collection) required() []string {
	var out []string
	for k, s := range c.keys {
		if float64(s.pages) >= requiredShare*float64(c.pages) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// schemaDoc is a drafted JSON Schema.
type schemaDoc struct {
	Schema      string                 `json:"$schema"`
	Title       string                 `json:"title"`
	Description string                 `json:"description"`
	Type        string                 `json:"type"`
	Required    []string               `json:"required,omitempty"`
	Properties  map[string]propertyDoc `json:"properties"`
}

type propertyDoc struct {
	Type    any      `json:"type"`
	Enum    []string `json:"enum,omitempty"`
	Comment string   `json:"$comment"`
}

// schema drafts the collection's JSON Schema, as indented JSON.
func (c *collection) schema() []byte {
	doc := schemaDoc{
		Schema: "https://json-schema.org/draft/2020-12/schema",
		Title:  fmt.Sprintf("Front matter of the %s collection", c.label),
		Description: fmt.Sprintf("Drafted by helplint init from the front matter of the collection's %d pages (with the defaults of _config.yml): "+
			"keys that %.0f%% of them have are required, each key allows the types seen, and an enum lists a key's values where at most %d values cover %d pages or more. Edit it to say what the pages must be.",
			c.pages, requiredShare*100, maxEnumValues, minEnumPages),
		Type:       "object",
		Required:   c.required(),
		Properties: map[string]propertyDoc{},
	}
	for k, s := range c.keys {
		doc.Properties[k] = s.property(c.pages)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // strings, slices and maps of them always encode
	}
	return append(data, '\n')
}

// property is the schema of one key: the types seen, and an enum where
// few values cover many pages.
func (s *keyStats) property(pages int) propertyDoc {
	var types []string
	for t := range s.types {
		if t == "integer" && s.types["number"] {
			continue // number allows integers
		}
		types = append(types, t)
	}
	slices.Sort(types)
	p := propertyDoc{Comment: fmt.Sprintf("on %d of %d pages", s.pages, pages)}
	if len(types) == 1 {
		p.Type = types[0]
	} else {
		p.Type = types
	}
	if !s.other && s.pages >= minEnumPages && len(s.values) >= 2 && len(s.values) <= maxEnumValues {
		for v := range s.values {
			p.Enum = append(p.Enum, v)
		}
		slices.Sort(p.Enum)
		p.Comment += fmt.Sprintf("; %d values", len(p.Enum))
	}
	return p
}
