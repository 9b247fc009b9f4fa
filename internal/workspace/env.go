package workspace

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/publicsuffix"
)

// NewEnv builds the run-wide settings rules read: hosts, marker, compiled
// schemas, the site's files and includes, and its retired URLs.
func NewEnv(cfg *config.Config, st *site.Site, files []discover.File) (*lint.Env, error) {
	schemas, err := loadSchemas(cfg, st)
	if err != nil {
		return nil, err
	}
	env := newEnv(cfg, st, files)
	env.Schemas, env.SchemasBuiltin = schemas, !cfg.SchemasSet
	return env, nil
}

// loadSchemas compiles the front matter schemas the configuration maps.
func loadSchemas(cfg *config.Config, st *site.Site) (*schema.Set, error) {
	var maps []schema.Mapping
	for _, m := range cfg.Schemas {
		maps = append(maps, schema.Mapping{Glob: m.Glob, Schema: m.Schema})
	}
	dir := cfg.Dir
	if dir == "" {
		dir = st.Root
	}
	return schema.Load(maps, dir)
}

// newEnv builds the settings but the schemas, which compile meanwhile.
func newEnv(cfg *config.Config, st *site.Site, files []discover.File) *lint.Env {
	env := &lint.Env{ExternalMarker: cfg.ExternalMarker,
		Files: map[string]bool{}, Dirs: map[string]bool{}, Includes: map[string]bool{}, OldURLs: map[string]bool{}}
	env.SiteHosts, env.InternalHosts, env.HostSources = siteHosts(cfg, st)
	env.TitleLayouts = st.TitleLayouts()
	env.Files = make(map[string]bool, len(files))
	for _, f := range files {
		if rel := st.Rel(f.Abs); rel != "" {
			env.Files[rel] = true
			// the folders above, up to one already known
			for d := rel; ; {
				i := strings.LastIndexByte(d, '/')
				if i <= 0 || env.Dirs[d[:i]] {
					break
				}
				d = d[:i]
				env.Dirs[d] = true
			}
			if inc, ok := strings.CutPrefix(rel, "_includes/"); ok {
				env.Includes[inc] = true
			}
		}
	}
	// files _config.yml's include list names exist in the site's repository
	// even when this copy lacks them (Jekyll would fail the build otherwise)
	for _, inc := range st.Config.Include {
		if inc = strings.Trim(inc, "/"); inc != "" && !strings.HasPrefix(inc, ".") {
			env.Files[inc] = true
		}
	}
	if cfg.OldURLs != "" {
		p := cfg.OldURLs
		if !filepath.IsAbs(p) {
			p = filepath.Join(st.Root, p)
		}
		if data, err := os.ReadFile(p); err == nil {
			env.OldURLsFile = p
			var list []string
			if err := yaml.Unmarshal(data, &list); err == nil {
				for _, u := range list {
					if pu, err := url.Parse(strings.TrimSpace(u)); err == nil && pu.Path != "" {
						env.OldURLs[pu.Path] = true
					}
				}
			}
		}
	}
	return env
}

// siteHosts finds the hosts the site is served from: the host of url in
// _config.yml, the one in CNAME (GitHub Pages' custom domain) and
// internal_hosts, each with its www. twin. Its organisation's hosts are
// those and every subdomain of their registrable domain (login.gov for
// www.login.gov, so secure.login.gov too; a github.io site keeps its own).
func siteHosts(cfg *config.Config, st *site.Site) (own map[string]bool, internal []string, from []lint.HostSource) {
	own = map[string]bool{}
	add := func(h, src string) {
		h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
		if h == "" || own[h] {
			return
		}
		from = append(from, lint.HostSource{Host: h, From: src})
		for _, x := range []string{h, strings.TrimPrefix(h, "www."), "www." + strings.TrimPrefix(h, "www.")} {
			own[x] = true
		}
		if d, err := publicsuffix.EffectiveTLDPlusOne(strings.TrimPrefix(h, "www.")); err == nil && !slices.Contains(internal, d) {
			internal = append(internal, d)
		}
	}
	if u, err := url.Parse(st.Config.URL); err == nil && u.Hostname() != "" {
		add(u.Hostname(), "url in _config.yml")
	}
	if data, err := os.ReadFile(filepath.Join(st.Root, "CNAME")); err == nil {
		line, _, _ := strings.Cut(string(data), "\n")
		add(line, "CNAME")
	}
	for _, h := range cfg.InternalHosts {
		add(h, "internal_hosts in "+filepath.Base(cfg.Path))
	}
	return own, internal, from
}
