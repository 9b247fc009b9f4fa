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
		if s.defaultApplies(&s.Config.Defaults[i], &s.scopes[i], info) {
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

// scope is a defaults scope path, prepared once.
type scope struct {
	path       string // as written, less a leading slash
	glob       bool
	head, tail string // the literal text before the first wildcard and after the last
	// under is true for `folder/**/*`, every file and folder below head:
	// the most common scope, matched without the glob
	under bool
}

func (s *Site) compileScope(p string) scope {
	sc := scope{path: strings.TrimPrefix(p, "/")}
	if sc.glob = strings.Contains(p, "*"); sc.glob {
		sc.head = sc.path[:strings.IndexAny(sc.path, "*?[")]
		sc.tail = sc.path[strings.LastIndexAny(sc.path, "*?]/")+1:]
		sc.under = strings.HasSuffix(sc.path, "/**/*") && len(sc.head) == len(sc.path)-4
	} else {
		sc.path = s.stripCollectionsDir(sanitizeScope(p))
	}
	return sc
}

func (s *Site) defaultApplies(d *Default, sc *scope, info Info) bool {
	if d.Scope.HasType && d.Scope.Type != s.defaultType(info) {
		return false
	}
	if d.Scope.Path == "" {
		return true
	}
	docPath := info.DocPath
	if !sc.glob {
		return strings.HasPrefix(docPath, sc.path)
	}
	// Jekyll globs the scope in the source folder and tests whether the
	// page's path starts with one of the matches (collections_dir
	// removed): here, the page's path or a folder above it must match;
	// the literal head and tail rule most paths out before the glob runs
	for p := info.Rel; ; {
		if !strings.HasPrefix(p, sc.head) {
			return false // nor will a folder above it
		}
		if sc.under && len(p) > len(sc.head) && !strings.Contains(p[len(sc.head)-1:], "/.") ||
			!sc.under && strings.HasSuffix(p, sc.tail) && GlobMatch(sc.path, p) {
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
