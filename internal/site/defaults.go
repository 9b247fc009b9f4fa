package site

import (
	"slices"
	"strings"
)

// Defaults returns the `defaults` values that apply to the page at info,
// merged as Jekyll's FrontmatterDefaults#all merges them: a set whose scope
// path is longer (or as long and with a type) takes precedence. The map is
// shared by the pages the same sets apply to: callers must not modify it.
func (s *Site) Defaults(info Info) map[string]any {
	var mask uint64
	var many []int // past 64 sets
	for i := range s.Config.Defaults {
		if s.defaultApplies(&s.Config.Defaults[i], info) {
			if i < 64 {
				mask |= 1 << i
			} else {
				many = append(many, i)
			}
		}
	}
	if mask == 0 && many == nil {
		return nil
	}
	if many == nil && s.merged != nil {
		if m, ok := s.merged.Load(mask); ok {
			return m.(map[string]any)
		}
	}
	var out map[string]any
	var old *Default
	for i := range s.Config.Defaults {
		if !(i < 64 && mask&(1<<i) != 0 || slices.Contains(many, i)) {
			continue
		}
		d := &s.Config.Defaults[i]
		if out == nil {
			out = make(map[string]any, len(d.Values))
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
	if many == nil && s.merged != nil {
		s.merged.Store(mask, out)
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
	// the literal text before the first wildcard and after the last one
	// rule most paths out before the glob is matched
	head := glob[:strings.IndexAny(glob, "*?[")]
	tail := glob[strings.LastIndexAny(glob, "*?]/")+1:]
	for p := info.Rel; ; {
		if !strings.HasPrefix(p, head) {
			return false // nor will a folder above it
		}
		if strings.HasSuffix(p, tail) && GlobMatch(glob, p) {
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
