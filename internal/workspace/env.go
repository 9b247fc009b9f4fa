package workspace

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/helplint/helplint/internal/config"
	"github.com/helplint/helplint/internal/discover"
	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/schema"
	"github.com/helplint/helplint/internal/site"
	"go.yaml.in/yaml/v3"
)

// NewEnv builds the run-wide settings rules read: hosts, marker, compiled
// schemas, the site's files and includes, and its retired URLs.
func NewEnv(cfg *config.Config, st *site.Site, files []discover.File) (*lint.Env, error) {
	schemas, err := loadSchemas(cfg, st)
	if err != nil {
		return nil, err
	}
	env := newEnv(cfg, st, files)
	env.Schemas = schemas
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
	env := &lint.Env{InternalHosts: cfg.InternalHosts, ExternalMarker: cfg.ExternalMarker,
		Files: map[string]bool{}, Dirs: map[string]bool{}, Includes: map[string]bool{}, OldURLs: map[string]bool{}, SiteHosts: map[string]bool{}}
	for _, h := range cfg.InternalHosts {
		h = strings.ToLower(h)
		env.SiteHosts[h] = true
		env.SiteHosts["www."+h] = true
	}
	if u, err := url.Parse(st.Config.URL); err == nil && u.Host != "" {
		env.SiteHosts[strings.ToLower(u.Host)] = true
	}
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
