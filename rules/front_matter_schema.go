package rules

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
)

// frontMatterSchema validates front matter against the JSON Schema the
// configuration assigns to the page's path, after applying the site's
// `defaults` as Jekyll would.
func frontMatterSchema() *lint.Rule {
	return &lint.Rule{
		Name:     "front-matter-schema",
		Doc:      doc("front-matter-schema"),
		Severity: lint.Error,
		Run: func(p *lint.Pass) {
			sch := p.Config.Schemas.For(p.Info.Rel)
			if sch == nil {
				return
			}
			inst, fromDefaults, ok := schemaInstance(p)
			if !ok {
				return
			}
			fm := p.Page.FrontMatter
			for _, pr := range p.Config.Schemas.Validate(sch, inst) {
				span := fm.Open
				msg := pr.Message
				if !pr.Missing && len(pr.Location) > 0 && fm.Root != nil {
					key, val := frontmatter.Find(fm.Root, pr.Location)
					switch {
					case pr.AtKey && key != nil:
						span = fm.ValueSpan(key)
					case val != nil:
						span = fm.ValueSpan(val)
					case fromDefaults[pr.Location[0]]:
						msg += " (the value comes from the defaults in _config.yml)"
					}
				}
				p.Reportf(span, "%s", msg)
			}
		},
	}
}

// schemaInstance is the front matter a schema validates of the page: its
// values, with the site's defaults for the keys it leaves out (as Jekyll
// applies them), and which keys come from the defaults. ok is false when
// there is none to validate.
func schemaInstance(p *lint.Pass) (inst map[string]any, fromDefaults map[string]bool, ok bool) {
	fm := p.Page.FrontMatter
	if fm.Err != nil || p.RedirectStub {
		return nil, nil, false // a redirect stub is no content page: the collection's keys are not its own
	}
	if !fm.Present {
		return nil, nil, false // front-matter-syntax reports front matter that lost its opening fence
	}
	inst = map[string]any{}
	if fm.Root != nil {
		if m, isMap := frontmatter.Value(fm.Root).(map[string]any); isMap {
			inst = m
		}
	}
	fromDefaults = map[string]bool{}
	for k, v := range p.Defaults {
		if _, set := inst[k]; !set {
			inst[k] = jsonValue(v)
			fromDefaults[k] = true
		}
	}
	return inst, fromDefaults, true
}

// jsonValue converts a value decoded from _config.yml into the types the
// validator expects (numbers as json.Number).
func jsonValue(v any) any {
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
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	case nil, bool, string:
		return x
	}
	return fmt.Sprint(v)
}
