package lsp_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeLua returns the Lua block of the README that follows the line
// starting with heading.
func readmeLua(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(heading) + ".*\n\n```lua\n((?s:.*?))```\n").FindSubmatch(b)
	if m == nil {
		t.Fatalf("README.md has no Lua block after %q", heading)
	}
	return string(m[1])
}

// TestReadmeNeovimSnippet runs the README's settings for Neovim before 0.11
// in a real Neovim, headless, on a page with a defect, and requires the
// diagnostic helplint lsp sends. Debian's Neovim is 0.7, the oldest the
// README names; .ci/run installs it.
func TestReadmeNeovimSnippet(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim not found; .ci/run installs it")
		}
		t.Skip("nvim not found (apt-get install neovim)")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "helplint"), "../../cmd/helplint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(tmp, "site")
	files := map[string]string{
		"init.lua":          readmeLua(t, "Neovim 0.7 to 0.10"),
		"check.lua":         checkLua,
		"site/_config.yml":  "title: Help\n",
		"site/help/page.md": "---\ntitle: A page\n---\n\nIt\u00e2\u20ac\u2122s broken.\n",
	}
	for name, body := range files {
		p := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out := filepath.Join(tmp, "diagnostics.txt")
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", filepath.Join(tmp, "init.lua"),
		"-c", "luafile "+filepath.Join(tmp, "check.lua"), filepath.Join("help", "page.md"))
	cmd.Dir = site
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "OUT="+out,
		"HELPLINT_CACHE=off", "XDG_CONFIG_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_STATE_HOME="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := "5:3 mojibake text damaged by an encoding mix-up"
	if !strings.HasPrefix(string(got), want) {
		t.Errorf("Neovim shows %q, want a line starting %q", got, want)
	}
}

// checkLua waits for the page's diagnostics and writes them to $OUT.
const checkLua = `
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, d.code or '', d.message))
end
vim.fn.writefile(out, vim.env.OUT)
vim.cmd('qa!')
`
