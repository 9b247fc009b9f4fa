package page

import (
	"strings"
	"testing"
)

// TestSuppressionInsert: the comment the language server's quick fix
// inserts, where, and that the page model reads it back as a directive that
// covers the finding's line.
func TestSuppressionInsert(t *testing.T) {
	const fm = "---\ntitle: x\n  keywords: \"\"\n---\n\n  - A line doesnâ€™t read.\n"
	for _, tt := range []struct {
		name, text, at string // at: the text the finding starts at
		wantAt         int    // -1: the end of the text
		want           string
		kind           DirectiveKind
	}{
		{"body", fm, "doesn", strings.Index(fm, "  - A"), "  {% comment %}helplint-disable-next-line mojibake{% endcomment %}\n", NextLine},
		{"front matter", fm, "keywords", strings.Index(fm, "  keywords"), "  # helplint-disable-next-line mojibake\n", NextLine},
		{"opening fence", fm, "---", -1, "{% comment %}helplint-disable-file mojibake{% endcomment %}\n", DisableFile},
		{"crlf, no final break", "---\r\ntitle: x\r\n---\r\nbad", "---", -1, "\r\n{% comment %}helplint-disable-file mojibake{% endcomment %}\r\n", DisableFile},
		{"bom", "\ufeff---\ntitle: x\n---\nbad\n", "title", strings.Index("\ufeff---\ntitle: x\n---\nbad\n", "title"), "# helplint-disable-next-line mojibake\n", NextLine},
		{"no front matter", "---x\ntitle: x\n---\nbad\n", "title", 5, "{% comment %}helplint-disable-next-line mojibake{% endcomment %}\n", NextLine},
		{"first line of a body", "bad\n", "bad", 0, "{% comment %}helplint-disable-next-line mojibake{% endcomment %}\n", NextLine},
	} {
		off := strings.Index(tt.text, tt.at)
		at, got := SuppressionInsert([]byte(tt.text), off, "mojibake")
		if tt.wantAt < 0 {
			tt.wantAt = len(tt.text)
		}
		if at != tt.wantAt || got != tt.want {
			t.Errorf("%s: %d %q, want %d %q", tt.name, at, got, tt.wantAt, tt.want)
			continue
		}
		edited := tt.text[:at] + got + tt.text[at:]
		pg := NewParser().Parse("a._en.md", []byte(edited))
		line := pg.File.Line(off)
		if at <= off {
			line = pg.File.Line(off + len(got))
		}
		if len(pg.Directives) != 1 {
			t.Errorf("%s: %d directives read back from %q", tt.name, len(pg.Directives), edited)
			continue
		}
		d := pg.Directives[0]
		if d.Kind != tt.kind || len(d.Rules) != 1 || d.Rules[0] != "mojibake" || (d.Kind == NextLine && d.Line+1 != line) {
			t.Errorf("%s: read back %+v, for a finding on line %d", tt.name, d, line)
		}
	}
}

func TestDirectiveComment(t *testing.T) {
	for _, tt := range []struct {
		kind DirectiveKind
		rule string
		fm   bool
		want string
	}{
		{NextLine, "r", true, "# helplint-disable-next-line r"},
		{Disable, "", false, "{% comment %}helplint-disable{% endcomment %}"},
		{Enable, "r", false, "{% comment %}helplint-enable r{% endcomment %}"},
		{DisableFile, "r", false, "{% comment %}helplint-disable-file r{% endcomment %}"},
	} {
		if got := DirectiveComment(tt.kind, tt.rule, tt.fm); got != tt.want {
			t.Errorf("DirectiveComment(%v, %q, %v) = %q, want %q", tt.kind, tt.rule, tt.fm, got, tt.want)
		}
		text := strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(tt.want, "{% comment %}"), "{% endcomment %}"), "# ")
		if d, ok := parseDirective(text); !ok || d.Kind != tt.kind {
			t.Errorf("%q reads back as %+v, %v", text, d, ok)
		}
	}
}
