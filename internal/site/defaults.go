package site

import "strings"

// Defaults returns the `defaults` values that apply to the page at info,
// merged as Jekyll's FrontmatterDefaults#all merges them: a set whose scope
// path is longer (or as long and with a type) takes precedence.
func (s *Site) Defaults(info Info) map[string]any {
	out := map[string]any{}
	var old *Default
	for i := range s.Config.Defaults {
		d := &s.Config.Defaults[i]
		if !s.defaultApplies(d, info) {
			continue
		}
		if hasPrecedence(old, d) {
			for k, v := range d.Values {
				out[k] = v
			}
			old = d
		} else {
			for k, v := range d.Values {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return out
}

func (s *Site) defaultType(info Info) string {
	if info.Kind == KindPage {
		return "pages"
	}
	return info.Collection
}

func (s *Site) defaultApplies(d *Default, info Info) bool {
	if d.Scope.HasType && d.Scope.Type != s.defaultType(info) {
		return false
	}
	scope := d.Scope.Path
	if scope == "" {
		return true
	}
	docPath := info.DocPath
	if !strings.Contains(scope, "*") {
		return strings.HasPrefix(docPath, s.stripCollectionsDir(sanitizeScope(scope)))
	}
	// Jekyll globs the scope in the source folder and tests whether the
	// page's path starts with one of the matches (collections_dir
	// removed): here, the page's path or a folder above it must match
	glob := strings.TrimPrefix(scope, "/")
	for p := info.Rel; ; {
		if GlobMatch(glob, p) {
			if strings.HasPrefix(docPath, s.stripCollectionsDir(p)) {
				return true
			}
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// sanitizeScope is FrontmatterDefaults#sanitize_path.
func sanitizeScope(p string) string {
	if strings.HasPrefix(p, "/") {
		return strings.TrimPrefix(p, "/")
	}
	return p
}

func (s *Site) stripCollectionsDir(p string) string {
	cd := s.Config.CollectionsDir
	if cd == "" {
		return p
	}
	if rest, ok := strings.CutPrefix(p, cd+"/"); ok {
		return rest
	}
	return p
}

func hasPrecedence(old, d *Default) bool {
	if old == nil {
		return true
	}
	np, op := sanitizeScope(d.Scope.Path), sanitizeScope(old.Scope.Path)
	if len(np) != len(op) {
		return len(np) >= len(op)
	}
	if d.Scope.HasType {
		return true
	}
	return !old.Scope.HasType
}
