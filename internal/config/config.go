// Package config reads .helplint.yaml strictly, merges it with the
// embedded defaults, and resolves each rule's severity and options once.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"go.yaml.in/yaml/v3"
)

// FileName is the config file helplint looks for.
const FileName = ".helplint.yaml"

// File is the configuration as written.
type File struct {
	Site            string             `yaml:"site,omitempty"`
	Markdown        string             `yaml:"markdown,omitempty"`
	Include         []string           `yaml:"include,omitempty"`
	Exclude         []string           `yaml:"exclude,omitempty"`
	Gitignore       *bool              `yaml:"gitignore,omitempty"`
	Schemas         yaml.Node          `yaml:"schemas,omitempty"`
	InternalHosts   []string           `yaml:"internal_hosts,omitempty"`
	ExternalMarker  string             `yaml:"external_marker,omitempty"`
	OldURLs         string             `yaml:"old_urls,omitempty"`
	RedirectLayouts []string           `yaml:"redirect_layouts,omitempty"`
	Languages       []string           `yaml:"languages,omitempty"`
	DefaultLocale   string             `yaml:"default_locale,omitempty"`
	Rules           map[string]RuleCfg `yaml:"rules,omitempty"`
	Overrides       []Override         `yaml:"overrides,omitempty"`
}

// RuleCfg is `name: severity` or `name: {severity: …, options: {…}}`.
type RuleCfg struct {
	Severity string    `yaml:"severity,omitempty"`
	Options  yaml.Node `yaml:"options,omitempty"`
	// line and col locate the rule's setting in the file, for messages.
	line, col int
}

// UnmarshalYAML accepts both the short and the long form, strictly.
func (r *RuleCfg) UnmarshalYAML(n *yaml.Node) error {
	*r = RuleCfg{line: n.Line, col: n.Column}
	switch n.Kind {
	case yaml.ScalarNode:
		r.Severity = n.Value
		return nil
	case yaml.MappingNode:
	default:
		return posErr(n, "a rule's setting must be off, warning, error, or {severity, options}; got %s", describeNode(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value == "severity" && v.Kind == yaml.ScalarNode:
			r.Severity = v.Value
		case k.Value == "severity":
			return posErr(v, "severity must be off, warning or error; got %s", describeNode(v))
		case k.Value == "options":
			r.Options = *v
		default:
			return posErr(k, "unknown key %q in a rule's setting (a rule takes severity and options)", k.Value)
		}
	}
	return nil
}

// Override changes rules for the files matching its globs.
type Override struct {
	Files []string           `yaml:"files"`
	Rules map[string]RuleCfg `yaml:"rules"`
}

// SchemaMap is one `glob: schema` entry, in file order.
type SchemaMap struct {
	Glob   string
	Schema string // a path relative to the config file, or "builtin:NAME"
}

// Config is the effective configuration.
type Config struct {
	// Path is the config file read, or "" for the defaults alone.
	Path string
	// Dir is the folder paths in the config are relative to.
	Dir      string
	SiteRoot string
	// Markdown is the dialect whose tables count: kramdown (Jekyll's default) or gfm.
	Markdown  string
	Include   []string
	Exclude   []string
	Gitignore bool
	Schemas   []SchemaMap
	// SchemasSet is true when the config file sets `schemas` (the defaults are not checked for use).
	SchemasSet     bool
	InternalHosts  []string
	ExternalMarker string
	OldURLs        string
	// RedirectLayouts are layouts whose pages only redirect, besides `redirect`.
	RedirectLayouts []string
	// Languages and DefaultLocale, when set, replace what the site declares
	// and shows.
	Languages     []string
	DefaultLocale string
	Rules         map[string]RuleCfg
	Overrides     []Override
}

// Find returns the nearest .helplint.yaml at or above start, or "".
func Find(start string) string {
	dir, name := site.FindUp(start, FileName)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, name)
}

// Defaults assume nothing of a site's conventions: the site's hosts come
// from its _config.yml and CNAME, the external-link marker is detected
// from its pages (ExternalMarker ""), and old URLs are read from
// OLD_URLS.yml when the site has that file.
func Defaults() *Config {
	return &Config{
		Gitignore: true,
		Markdown:  "kramdown",
		OldURLs:   DefaultOldURLs,
		Schemas:   DefaultSchemas(),
		Rules:     map[string]RuleCfg{},
	}
}

// DefaultOldURLs is the file of retired URLs read when the site has it
// and the configuration names none.
const DefaultOldURLs = "OLD_URLS.yml"

// NoMarker is the external_marker value that switches the external-link
// convention off, detected or not.
const NoMarker = "none"

// DefaultSchemas maps the collections of a site like the real one to the embedded schemas.
func DefaultSchemas() []SchemaMap {
	return []SchemaMap{
		{Glob: "**/_help/**/*", Schema: "builtin:help"},
		{Glob: "**/_policy/**/*", Schema: "builtin:policy"},
		{Glob: "**/_landing/**/*", Schema: "builtin:landing"},
		{Glob: "**/_partners/**/*", Schema: "builtin:partners"},
		{Glob: "**/_program_updates/**/*", Schema: "builtin:program-updates"},
		{Glob: "**/_developers/**/*", Schema: "builtin:developers"},
		{Glob: "**/_partners_impact_stories/**/*", Schema: "builtin:impact-stories"},
	}
}

// Load reads the config file at path (or the defaults when path is "") and
// merges it over the defaults. Errors name the file, line and key.
func Load(path string) (*Config, error) {
	c := Defaults()
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c.Path = path
	c.Dir = filepath.Dir(path)
	if err := validate(path, data); err != nil {
		return nil, err
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) { // io.EOF: an empty file
		return nil, configError(path, err)
	}
	if f.Site != "" {
		c.SiteRoot = filepath.Join(c.Dir, f.Site)
	}
	c.Include, c.Exclude = f.Include, f.Exclude
	switch f.Markdown {
	case "":
	case "kramdown", "gfm":
		c.Markdown = f.Markdown
	default:
		return nil, fmt.Errorf("%s: markdown must be kramdown or gfm, not %q", path, f.Markdown)
	}
	if f.Gitignore != nil {
		c.Gitignore = *f.Gitignore
	}
	if f.Schemas.Kind != 0 {
		if f.Schemas.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: schemas must map globs to schema files", path, f.Schemas.Line)
		}
		c.Schemas, c.SchemasSet = nil, true
		for i := 0; i+1 < len(f.Schemas.Content); i += 2 {
			k, v := f.Schemas.Content[i], f.Schemas.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d: schemas: %q must name a schema file", path, v.Line, k.Value)
			}
			c.Schemas = append(c.Schemas, SchemaMap{Glob: k.Value, Schema: v.Value})
		}
	}
	if len(f.InternalHosts) > 0 {
		c.InternalHosts = f.InternalHosts
	}
	if f.ExternalMarker != "" {
		c.ExternalMarker = f.ExternalMarker
	}
	if f.OldURLs != "" {
		c.OldURLs = f.OldURLs
	}
	c.RedirectLayouts = f.RedirectLayouts
	c.Languages, c.DefaultLocale = f.Languages, f.DefaultLocale
	for k, v := range f.Rules {
		c.Rules[k] = v
	}
	c.Overrides = f.Overrides
	return c, nil
}

var (
	unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)
	wrongType    = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+) (.*) into \S+$`)
	atLine       = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// configError rewrites yaml.v3's decoding errors as "file:line: what",
// without Go's type names. (The schema has caught what it can before.)
func configError(path string, err error) error {
	var pe *posError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%v", path, pe)
	}
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var msgs []string
	for _, e := range te.Errors {
		if m := unknownField.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%s: unknown key %q", path, m[1], m[2]))
		} else if m := wrongType.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%s: %s does not fit here (a value of another type is wanted)", path, m[1], strings.Trim(m[3], "`")))
		} else if m := atLine.FindStringSubmatch(e); m != nil {
			msgs = append(msgs, fmt.Sprintf("%s:%s: %s", path, m[1], strings.ReplaceAll(m[2], "!!", "")))
		} else {
			msgs = append(msgs, path+": "+e)
		}
	}
	return errors.New(strings.Join(msgs, "\n"))
}

// suggestRule is the "did you mean" of an unknown rule name.
func suggestRule(name string, all []*lint.Rule) string {
	names := make([]string, len(all))
	for i, r := range all {
		names[i] = r.Name
	}
	if best := schema.Closest(name, names); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (helplint rules lists them)"
}

// Resolve turns the configuration into the settings of each enabled rule.
// Unknown rule names, unknown severities and options that do not decode are
// errors. Rules that are off everywhere are left out.
func (c *Config) Resolve(all []*lint.Rule, cli map[string]string) ([]lint.Settings, error) {
	byName := map[string]*lint.Rule{}
	for _, r := range all {
		byName[r.Name] = r
	}
	if err := c.checkNames(byName, all, cli); err != nil {
		return nil, err
	}
	var out []lint.Settings
	for _, r := range all {
		s, on, err := c.settingsOf(r, cli)
		if err != nil {
			return nil, err
		}
		if on {
			out = append(out, s)
		}
	}
	return out, nil
}

// where names the configuration in errors.
func (c *Config) where() string {
	if c.Path == "" {
		return "configuration"
	}
	return c.Path
}

// checkNames checks that every rule the configuration, its overrides and
// --rule name exists, with a severity helplint knows.
func (c *Config) checkNames(byName map[string]*lint.Rule, all []*lint.Rule, cli map[string]string) error {
	check := func(rules map[string]RuleCfg, ctx string) error {
		names := make([]string, 0, len(rules))
		for n := range rules {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			rc := rules[n]
			if byName[n] == nil {
				return fmt.Errorf("%s:%d:%d: %sunknown rule %q%s", c.where(), rc.line, rc.col, ctx, n, suggestRule(n, all))
			}
			if rc.Severity != "" {
				if _, err := lint.ParseSeverity(rc.Severity); err != nil {
					return fmt.Errorf("%s:%d:%d: %srule %s: %v", c.where(), rc.line, rc.col, ctx, n, err)
				}
			}
		}
		return nil
	}
	if err := check(c.Rules, ""); err != nil {
		return err
	}
	for i, o := range c.Overrides {
		if err := check(o.Rules, fmt.Sprintf("overrides[%d]: ", i)); err != nil {
			return err
		}
	}
	for n, sev := range cli {
		if byName[n] == nil {
			return fmt.Errorf("--rule: unknown rule %q%s", n, suggestRule(n, all))
		}
		if _, err := lint.ParseSeverity(sev); err != nil {
			return fmt.Errorf("--rule %s: %v", n, err)
		}
	}
	return nil
}

// override is one override's severity of a rule, for the paths its globs match.
type override struct {
	globs []string
	sev   lint.Severity
}

// settingsOf resolves one rule: its options, decoded once, and its
// severity by path (--rule, else the last override that matches, else the
// rules section, else the default); on is false for a rule off everywhere.
func (c *Config) settingsOf(r *lint.Rule, cli map[string]string) (s lint.Settings, on bool, err error) {
	base := r.Severity
	if rc, ok := c.Rules[r.Name]; ok && rc.Severity != "" {
		base, _ = lint.ParseSeverity(rc.Severity)
	}
	var opts any
	if r.Options != nil {
		opts = r.Options()
		if rc, ok := c.Rules[r.Name]; ok && rc.Options.Kind != 0 {
			if err := decodeOptions(&rc.Options, opts, "rules."+r.Name+".options"); err != nil {
				return s, false, fmt.Errorf("%s:%v", c.where(), err)
			}
		}
	}
	var ovs []override
	for _, o := range c.Overrides {
		if rc, ok := o.Rules[r.Name]; ok && rc.Severity != "" {
			sev, _ := lint.ParseSeverity(rc.Severity)
			ovs = append(ovs, override{o.Files, sev})
		}
	}
	if v, ok := cli[r.Name]; ok {
		sev, _ := lint.ParseSeverity(v)
		return lint.Settings{Rule: r, Options: opts, Severity: func(string) lint.Severity { return sev }}, sev != lint.Off, nil
	}
	on = base != lint.Off
	for _, o := range ovs {
		on = on || o.sev != lint.Off
	}
	return lint.Settings{Rule: r, Options: opts, Severity: func(rel string) lint.Severity {
		sev := base
		for _, o := range ovs {
			for _, g := range o.globs {
				if site.GlobMatch(strings.TrimPrefix(g, "./"), rel) {
					sev = o.sev
				}
			}
		}
		return sev
	}}, on, nil
}
