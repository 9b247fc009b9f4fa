package initcfg

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/workspace"
	"github.com/helplint/helplint/rules"
	"go.yaml.in/yaml/v3"
)

// Sources writes printed, the effective configuration as --print-config
// prints it (YAML), to w with a comment on each value saying where it
// comes from: the defaults, the configuration file, a flag, or what the
// site shows (detected, and from what). A value the configuration leaves
// to detection is written as detected: the output, read back as
// .helplint.yaml, holds the site to the same conventions. It runs the
// workspace once, for the index detection reads.
func Sources(w io.Writer, printed []byte, ws *workspace.Workspace, flags map[string]string) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(printed, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fmt.Errorf("--print-config: the configuration printed is no YAML mapping: %v", err)
	}
	set, err := fileKeys(ws.Config.Path)
	if err != nil {
		return err
	}
	f := facts{env: ws.Runner.Env, site: ws.Site}
	if res := ws.Run(); res.Index != nil {
		f.det = rules.Detect(res.Index, f.env, ws.Site)
	}
	src := sourceOf{set: set, file: filepath.Base(ws.Config.Path), flags: flags, cfgRules: ruleSources(ws), fileHosts: ws.Config.InternalHosts,
		markerOn: slices.ContainsFunc(ws.Settings, func(st lint.Settings) bool { return st.Rule.Name == "external-link-marked" })}
	m := doc.Content[0]
	src.annotate(m, f)
	if notes := notes(f); len(notes) > 0 {
		m.FootComment = strings.Join(notes, "\n")
	}
	doc.HeadComment = "# The effective configuration. Each value says where it comes from: default (helplint's),\n" +
		"# file (" + orNone(ws.Config.Path) + "), flag, or detected (what the site shows, on every run)."
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("--print-config: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

func orNone(path string) string {
	if path == "" {
		return "none is read"
	}
	return path
}

// fileKeys are the top-level keys the configuration file sets.
func fileKeys(path string) (map[string]bool, error) {
	out := map[string]bool{}
	if path == "" {
		return out, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err) // it loaded: cannot happen
	}
	if len(doc.Content) > 0 && doc.Content[0].Kind == yaml.MappingNode {
		for i := 0; i < len(doc.Content[0].Content); i += 2 {
			out[doc.Content[0].Content[i].Value] = true
		}
	}
	return out, nil
}

// ruleSources says, of each rule the configuration file names, how.
func ruleSources(ws *workspace.Workspace) map[string]string {
	out := map[string]string{}
	for name := range ws.Config.Rules {
		out[name] = "file"
	}
	for _, o := range ws.Config.Overrides {
		for name := range o.Rules {
			if out[name] == "" {
				out[name] = "default; file: overrides for " + strings.Join(o.Files, ", ")
			}
		}
	}
	return out
}

// sourceOf knows where the values come from.
type sourceOf struct {
	set      map[string]bool   // top-level keys the file sets
	file     string            // the file's name
	flags    map[string]string // --rule NAME=SEVERITY
	cfgRules map[string]string // rules the file names, and how
	// fileHosts are the file's internal_hosts.
	fileHosts []string
	// markerOn is true when external-link-marked runs: it contributes
	// the evidence of the marker.
	markerOn bool
}

func (s sourceOf) plain(key string) string {
	if s.set[key] {
		return "file"
	}
	return "default"
}

// annotate comments each top-level value of m, and sets those left to
// detection to what was detected.
func (s sourceOf) annotate(m *yaml.Node, f facts) {
	have := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		have[k.Value] = true
		switch k.Value {
		case "config":
			// the file read is no key of a configuration: the header names it
			m.Content = slices.Delete(m.Content, i, i+2)
			i -= 2
		case "internal_hosts":
			m.Content[i+1] = s.hosts(f.env, s.fileHosts)
		case "external_marker":
			if !s.set[k.Value] && !s.markerOn {
				// nothing detected it: left out, it is detected when the rule is on
				m.Content = slices.Delete(m.Content, i, i+2)
				i -= 2
				continue
			}
			s.marker(v, f.det.Marker)
		case "old_urls":
			v.LineComment = comment(s.plain(k.Value) + oldURLsRead(f.env))
		case "rules":
			s.rules(v)
			slashMode(v, f.det.URLSlash)
		default:
			setLineComment(k, v, s.plain(k.Value))
		}
	}
	s.languages(m, f, have)
}

// setLineComment puts c after a scalar or flow value, else after its key.
func setLineComment(k, v *yaml.Node, c string) {
	if v.Kind == yaml.ScalarNode || v.Style == yaml.FlowStyle || len(v.Content) == 0 {
		v.LineComment = comment(c)
		return
	}
	k.LineComment = comment(c)
}

// hosts lists the site's own hosts, each with where it was found: the
// file's internal_hosts first, then those detected.
func (s sourceOf) hosts(env *lint.Env, file []string) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, h := range file {
		c := "file"
		for _, d := range env.HostSources {
			if d.Host == h && !strings.HasPrefix(d.From, "internal_hosts in ") {
				c += "; detected too: " + d.From
			}
		}
		seq.Content = append(seq.Content, withComment(str(h), c))
	}
	for _, h := range env.HostSources {
		if !strings.HasPrefix(h.From, "internal_hosts in ") && !slices.Contains(file, h.Host) {
			seq.Content = append(seq.Content, withComment(str(h.Host), "detected: "+h.From))
		}
	}
	if len(seq.Content) == 0 {
		seq.Style = yaml.FlowStyle
		seq.LineComment = "# default: none (detected: no url in _config.yml, no CNAME)"
	}
	return seq
}

// marker sets external_marker to the class detected when the file names
// none, and says what shows it.
func (s sourceOf) marker(v *yaml.Node, mk rules.MarkerEvidence) {
	if s.set["external_marker"] {
		c := "file"
		if mk.Shown {
			c += "; the pages show it: " + mk.Why()
		}
		v.LineComment = comment(c)
		return
	}
	v.Value, v.Tag, v.Style = mk.Class, "!!str", 0
	if v.Value == "" {
		v.Value = "none"
	}
	v.LineComment = comment("detected: " + mk.Why())
}

func oldURLsRead(env *lint.Env) string {
	if env.OldURLsFile == "" {
		return " (no such file in the site: no URL is retired)"
	}
	return fmt.Sprintf(" (read: %d retired URLs)", len(env.OldURLs))
}

// rules says, of each rule, where its severity and options come from.
func (s sourceOf) rules(v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		c := "default"
		if from := s.cfgRules[k.Value]; from != "" {
			c = from
		}
		if sev, ok := s.flags[k.Value]; ok {
			c = "flag: --rule " + k.Value + "=" + sev
		}
		setLineComment(k, v.Content[i+1], c)
	}
}

// languages adds languages and default_locale when the printed
// configuration lacks them: the file's, or the languages _config.yml
// declares (others are found on every run, and notes lists them).
func (s sourceOf) languages(m *yaml.Node, f facts, have map[string]bool) {
	if have["languages"] || have["default_locale"] {
		return
	}
	site := f.site
	from := ""
	switch {
	case s.set["languages"]:
		from = "file"
	case slices.Equal(site.LanguagesFrom, []string{"languages in _config.yml"}):
		from = "detected: languages in _config.yml"
	case s.set["default_locale"]:
		m.Content = append(m.Content, str("default_locale"), withComment(str(site.Config.DefaultLocale), "file"))
		return
	default:
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, l := range site.Config.Languages {
		seq.Content = append(seq.Content, str(l))
	}
	seq.LineComment = comment(from)
	def := str(site.Config.DefaultLocale)
	switch {
	case s.set["default_locale"]:
		def.LineComment = "# file"
	case from == "file":
		def.LineComment = "# the first of languages in " + s.file
	default:
		def.LineComment = comment("detected: " + defaultLocaleSource(site.Root))
	}
	m.Content = append(m.Content, str("languages"), seq, str("default_locale"), def)
}

func withComment(n *yaml.Node, c string) *yaml.Node {
	n.LineComment = comment(c)
	return n
}

// slashMode says what permalink-slash's auto setting sees of the site's
// URLs, when it is auto.
func slashMode(rs *yaml.Node, u rules.SlashEvidence) {
	mode := find(find(find(rs, "permalink-slash"), "options"), "trailing_slash")
	if mode == nil || mode.Value != "auto" || u.All == 0 {
		return
	}
	why := fmt.Sprintf("detected: %d of the %d URLs of the site's pages end with /", u.Slash, u.All)
	if u.Kept {
		why += ": a permalink without it is reported"
	} else {
		why += ": no habit"
	}
	mode.LineComment = comment(why)
}

// find is the value of key in the mapping m, or nil.
func find(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
