package initcfg_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/helplint/helplint/internal/cli"
	"github.com/helplint/helplint/internal/initcfg"
)

// cookbook is a small site that marks its external links with ext-link
// (4 of 5), declares two languages and lists retired URLs.
func cookbook(extra map[string]string) map[string]string {
	files := map[string]string{
		"_config.yml":  "url: https://cook.example.org\nlanguages: [en, fr]\n",
		"OLD_URLS.yml": "- /old-soups/\n- /old-bread/\n",
		"index.md": "---\ntitle: Cookbook\n---\n[Flour](https://flour-mill.org/){:.ext-link} [Salt](https://sea-salt.org/){:.ext-link}\n\n" +
			"[Oil](https://olive-press.org/){:.ext-link} [Eggs](https://egg-farm.org/)\n",
		"fr/index.md": "---\ntitle: Livre de cuisine\nlang: fr\n---\n[Farine](https://flour-mill.org/fr/){:.ext-link}\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	return files
}

// TestPrintConfigSources: --print-config says where each value comes
// from (default, file, flag, detected and from what), fills in what is
// left to detection, and prints a configuration that validates and loads.
func TestPrintConfigSources(t *testing.T) {
	fileCfg := "internal_hosts: [api.cook.org]\nrules:\n  link-text: warning\noverrides:\n  - files: [\"drafts/**\"]\n    rules:\n      image-alt: \"off\"\n"
	tests := []struct {
		name      string
		files     map[string]string
		flags     []string
		want, not []string
	}{
		{"no configuration", cookbook(nil), nil, []string{
			`(?m)^external_marker: ext-link # detected: 4 of the site's 5 external links carry it$`,
			`(?m)^  - cook\.example\.org # detected: url in _config\.yml$`,
			`(?m)^languages: \[en, fr\] # detected: languages in _config\.yml$`,
			`(?m)^default_locale: en # detected: the first of languages in _config\.yml$`,
			`(?m)^old_urls: OLD_URLS\.yml # default \(read: 2 retired URLs\)$`,
			`(?m)^gitignore: true # default$`,
			`(?m)^  bom: # flag: --rule bom=off$`,
			`(?m)^  link-text: # default$`,
			`(?m)^      trailing_slash: auto # detected: 2 of the 2 URLs of the site's pages end with /: a permalink without it is reported$`,
			`(?m)^# file \(none is read\)`,
			`(?m)^# - locale prefix /fr/: the site serves its fr pages under /fr/ \(1 of 1\)$`,
		}, nil},
		{"a configuration file", cookbook(map[string]string{".helplint.yaml": fileCfg + "external_marker: ext-link\n"}), nil, []string{
			`(?m)^external_marker: ext-link # file; the pages show it: 4 of the site's 5 external links carry it$`,
			`(?m)^  - api\.cook\.org # file$`,
			`(?m)^  - cook\.example\.org # detected: url in _config\.yml$`,
			`(?m)^  link-text: # file$`,
			`(?m)^  image-alt: # default; file: overrides for drafts/\*\*$`,
			`(?m)^  bom: # flag: --rule bom=off$`,
			`(?m)^overrides: # file$`,
		}, nil},
		{"the marker's rule off: nothing detected, nothing set", cookbook(nil), []string{"--rule", "external-link-marked=off"},
			[]string{`(?m)^  external-link-marked: # flag: --rule external-link-marked=off$`}, []string{`(?m)^external_marker:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := initcfg.WriteSite(t, tt.files)
			var out, errs bytes.Buffer
			args := append([]string{"--print-config", "--rule", "bom=off", dir}, tt.flags...)
			if code := cli.Main(args, cli.IO{Stdout: &out, Stderr: &errs}); code != cli.ExitClean {
				t.Fatalf("exit %d: %s", code, errs.String())
			}
			for _, w := range tt.want {
				if !regexp.MustCompile(w).Match(out.Bytes()) {
					t.Errorf("the output lacks %s:\n%s", w, out.String())
				}
			}
			for _, w := range tt.not {
				if regexp.MustCompile(w).Match(out.Bytes()) {
					t.Errorf("the output has %s", w)
				}
			}
			if regexp.MustCompile(`(?m)^config:`).Match(out.Bytes()) {
				t.Errorf("the output has a config: key, which no configuration has")
			}
			printed := filepath.Join(dir, "printed.yaml")
			if err := os.WriteFile(printed, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			initcfg.ValidConfigForTest(t, printed, out.Bytes())
			if t.Failed() {
				t.Log(out.String())
			}
		})
	}
}
