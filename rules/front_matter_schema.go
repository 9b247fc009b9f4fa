package rules

import (
	"github.com/helplint/helplint/internal/binenc"
	"github.com/helplint/helplint/internal/frontmatter"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"github.com/helplint/helplint/internal/source"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// frontMatterSchema validates front matter against the JSON Schema the
// configuration assigns to the page's path, after applying the site's
// `defaults` as Jekyll would. The built-in schemas (Login.gov's help
// centre's collections), which no configuration chose, hold a collection to
// their shape only where its pages show it: nine in ten of them validate.
func frontMatterSchema() *lint.Rule {
	return &lint.Rule{
		Name:          "front-matter-schema",
		Doc:           doc("front-matter-schema"),
		Severity:      lint.Error,
		Contribute:    contributeValid,
		ContributesTo: func(info site.Info, _ *site.Site) bool { return info.Collection != "" },
		RunSite: func(p *lint.SitePass) {
			shown := builtinShown(p)
			for _, f := range p.Index.Targets {
				sch := p.Config.Schemas.For(f.Info.Rel)
				if sch == nil || p.Config.SchemasBuiltin && !shown[f.Info.Collection] {
					continue
				}
				// contributeValid validated the page against the same schema,
				// with the same defaults, while its front matter tree was there
				for _, d := range decodeProblems(f.Data("front-matter-schema")) {
					p.Report(f, d)
				}
			}
		},
	}
}

// minValid is the share of a collection's pages that must validate against
// a built-in schema for the schema to be the collection's.
const minValid = 0.9

// contributeValid records whether a page that a schema describes
// validates against it ("1") or not ("0"), and on a page to lint the
// problems after the "0" (see encodeProblems): the site pass reports them,
// once it knows whether the schema applies, from these bytes instead of
// the page's front matter tree, which the index does not keep.
func contributeValid(p *lint.Pass) []byte {
	if p.RedirectStub {
		return nil
	}
	sch := p.Config.Schemas.For(p.Info.Rel)
	if sch == nil || !p.Config.SchemasBuiltin && !p.Target {
		// only the built-in schemas need every page's verdict (builtinShown)
		return nil
	}
	probs := schemaProblems(p.Config, sch, p.Page.FrontMatter, p.Defaults, false)
	if len(probs) == 0 {
		return []byte{'1'}
	}
	if !p.Target {
		return []byte{'0'}
	}
	return encodeProblems(probs)
}

// encodeProblems is "0" and then, for each problem, its span and message.
func encodeProblems(probs []lint.Diagnostic) []byte {
	b := []byte{'0'}
	b = binenc.AppendInt(b, len(probs))
	for _, d := range probs {
		b = binenc.AppendInt(b, d.Span.Start)
		b = binenc.AppendInt(b, d.Span.End)
		b = binenc.AppendString(b, d.Message)
	}
	return b
}

// decodeProblems reads what encodeProblems wrote: none for "1", for a
// page that is not linted, or for bytes that do not decode.
func decodeProblems(data []byte) []lint.Diagnostic {
	if len(data) < 2 || data[0] != '0' {
		return nil
	}
	r := binenc.NewReader(data[1:])
	n := r.Count(3)
	out := make([]lint.Diagnostic, 0, n)
	for range n {
		start, end := r.Int(), r.Int()
		out = append(out, lint.Diagnostic{Span: source.Span{Start: start, End: end}, Message: r.String()})
	}
	if r.Err() != nil {
		return nil
	}
	return out
}

// builtinShown reports the collections whose pages show their built-in
// schema's shape: at least minValid of them validate.
func builtinShown(p *lint.SitePass) map[string]bool {
	// three rules ask
	return p.Index.Memo("builtinShown", func() any { return findBuiltinShown(p) }).(map[string]bool)
}

// findBuiltinShown is builtinShown, computed.
func findBuiltinShown(p *lint.SitePass) map[string]bool {
	valid, all := map[string]int{}, map[string]int{}
	for _, f := range p.Index.Pages {
		switch d := f.Data("front-matter-schema"); {
		case len(d) == 0:
		case d[0] == '1':
			valid[f.Info.Collection]++
			all[f.Info.Collection]++
		case d[0] == '0':
			all[f.Info.Collection]++
		}
	}
	out := map[string]bool{}
	for c, n := range all {
		out[c] = float64(valid[c]) >= minValid*float64(n)
	}
	return out
}

// schemaInstance is the front matter a schema validates of the page in p
// (see instanceOf).
func schemaInstance(p *lint.Pass) (inst map[string]any, fromDefaults map[string]bool, ok bool) {
	return instanceOf(p.Page.FrontMatter, p.Defaults, p.RedirectStub)
}

// instanceOf is the front matter a schema validates of a page: its
// values, with the site's defaults for the keys it leaves out (as Jekyll
// applies them), and which keys come from the defaults. ok is false when
// there is none to validate.
func instanceOf(fm *frontmatter.FrontMatter, defaults map[string]any, stub bool) (inst map[string]any, fromDefaults map[string]bool, ok bool) {
	if fm == nil || fm.Err != nil || stub || !fm.Present {
		// a redirect stub is no content page: the collection's keys are not
		// its own; front-matter-syntax reports front matter that lost its
		// opening fence
		return nil, nil, false
	}
	inst = map[string]any{}
	if fm.Root != nil {
		if m, isMap := frontmatter.Value(fm.Root).(map[string]any); isMap {
			inst = m
		}
	}
	fromDefaults = map[string]bool{}
	for k, v := range defaults {
		if _, set := inst[k]; !set {
			inst[k] = schema.JSONValue(v)
			fromDefaults[k] = true
		}
	}
	return inst, fromDefaults, true
}

// schemaProblems validates a page's front matter, with its defaults, against sch.
func schemaProblems(env *lint.Env, sch *jsonschema.Schema, fm *frontmatter.FrontMatter, defaults map[string]any, stub bool) []lint.Diagnostic {
	if fm != nil && fm.Err == nil && !stub && fm.Present && env.Schemas.ValidFrontMatter(sch, fm, defaults) {
		return nil // valid, read off the nodes: no instance to build
	}
	inst, fromDefaults, ok := instanceOf(fm, defaults, stub)
	if !ok {
		return nil
	}
	var out []lint.Diagnostic
	for _, pr := range env.Schemas.Validate(sch, inst) {
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
		out = append(out, lint.Diagnostic{Span: span, Message: msg})
	}
	return out
}
