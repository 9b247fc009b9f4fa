package action_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/cli"
	"go.yaml.in/yaml/v3"
)

const root = "../.."

// release writes a fake release of tag under dir: one archive with a
// helplint that prints its name, and checksums.txt (sum replaces the
// archive's real SHA-256 when not empty).
func release(t *testing.T, dir, tag, asset, sum string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	body := []byte("#!/bin/sh\necho fake helplint " + tag + "\n")
	if err := tw.WriteHeader(&tar.Header{Name: "helplint", Mode: 0o755, Size: int64(len(body))}); err != nil {
		t.Fatal(err)
	}
	tw.Write(body)
	tw.Close()
	gz.Close()
	if sum == "" {
		sum = fmt.Sprintf("%x", sha256.Sum256(buf.Bytes()))
	}
	d := filepath.Join(dir, tag)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, asset), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sums := fmt.Sprintf("%s  helplint_darwin_arm64.tar.gz\n%s  %s\n", strings.Repeat("0", 64), sum, asset)
	if err := os.WriteFile(filepath.Join(d, "checksums.txt"), []byte(sums), 0o644); err != nil {
		t.Fatal(err)
	}
}

// install runs the Action's install script as a runner would; it returns
// the script's output, what it wrote to GITHUB_OUTPUT, and the runner's
// temporary folder.
func install(t *testing.T, releases, ref, runnerOS, arch string) (string, string, string, error) {
	t.Helper()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "github-output")
	cmd := exec.Command("bash", filepath.Join(root, ".github/action/install.sh"))
	cmd.Env = append(os.Environ(), "REF="+ref, "REPO=helplint/helplint", "RUNNER_OS="+runnerOS, "RUNNER_ARCH="+arch,
		"RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+out, "HELPLINT_RELEASES=file://"+releases)
	log, err := cmd.CombinedOutput()
	gh, _ := os.ReadFile(out)
	return string(log), string(gh), tmp, err
}

func TestInstallScript(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	releases := t.TempDir()
	release(t, releases, "v1.2.3", "helplint_linux_amd64.tar.gz", "")
	release(t, releases, "v1.2.4", "helplint_linux_amd64.tar.gz", strings.Repeat("a", 64))

	// a release tag: its binary, checked
	log, gh, tmp, err := install(t, releases, "v1.2.3", "Linux", "X64")
	if err != nil || gh != "build=false\n" {
		t.Fatalf("v1.2.3: %v, output %q\n%s", err, gh, log)
	}
	if out, err := exec.Command(filepath.Join(tmp, "helplint")).Output(); err != nil || string(out) != "fake helplint v1.2.3\n" {
		t.Errorf("installed helplint: %v, %q", err, out)
	}
	// a checksum that does not match: no binary, and the step fails
	log, _, tmp, err = install(t, releases, "v1.2.4", "Linux", "X64")
	if err == nil || !strings.Contains(log, "but the release's checksums.txt says aaaa") {
		t.Errorf("a wrong checksum: %v\n%s", err, log)
	}
	if _, err := os.Stat(filepath.Join(tmp, "helplint")); err == nil {
		t.Error("a binary whose checksum does not match was installed")
	}
	// a runner whose archive the release does not have
	if log, _, _, err = install(t, releases, "v1.2.3", "Linux", "ARM64"); err == nil {
		t.Errorf("a missing archive: no error\n%s", log)
	}
	// any other ref: build from source, download nothing
	for _, ref := range []string{"main", "", "v1", "0123456789abcdef0123456789abcdef01234567", "v1.2.3-rc1"} {
		log, gh, _, err := install(t, releases, ref, "Linux", "X64")
		if err != nil || gh != "build=true\n" {
			t.Errorf("ref %q: %v, output %q\n%s", ref, err, gh, log)
		}
	}
}

// TestGoreleaserConfig checks that the release makes the archives the
// install script downloads, for every runner, with SHA-256 checksums, and
// stamps the version (cli.Version must stay a variable for -X).
func TestGoreleaserConfig(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProjectName string `yaml:"project_name"`
		Builds      []struct {
			Main    string   `yaml:"main"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
		Archives []struct {
			Formats        []string `yaml:"formats"`
			NameTemplate   string   `yaml:"name_template"`
			FormatOverride []struct {
				Goos    string   `yaml:"goos"`
				Formats []string `yaml:"formats"`
			} `yaml:"format_overrides"`
		} `yaml:"archives"`
		Checksum struct {
			Name      string `yaml:"name_template"`
			Algorithm string `yaml:"algorithm"`
		} `yaml:"checksum"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.ProjectName != "helplint" || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("unexpected layout: %+v", cfg)
	}
	bd, ar := cfg.Builds[0], cfg.Archives[0]
	if bd.Main != "./cmd/helplint" {
		t.Errorf("builds %s", bd.Main)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(bd.Goos, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(bd.Goarch, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	if ar.NameTemplate != "{{ .ProjectName }}_{{ .Os }}_{{ .Arch }}" || !slices.Equal(ar.Formats, []string{"tar.gz"}) ||
		len(ar.FormatOverride) != 1 || ar.FormatOverride[0].Goos != "windows" || !slices.Equal(ar.FormatOverride[0].Formats, []string{"zip"}) {
		t.Errorf("archives are not named as .github/action/install.sh downloads them: %+v", ar)
	}
	if cfg.Checksum.Name != "checksums.txt" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksums: %+v", cfg.Checksum)
	}
	if !slices.ContainsFunc(bd.Ldflags, func(f string) bool {
		return strings.Contains(f, "-X github.com/helplint/helplint/internal/cli.Version={{ .Version }}")
	}) {
		t.Errorf("the release does not stamp its version: %q", bd.Ldflags)
	}
	v := cli.Version
	cli.Version = "stamped" // compiles only while Version is a variable, as -X needs
	cli.Version = v
}

// TestActionlint runs actionlint on the workflows and on the Action's steps
// (actionlint reads workflows only, so the steps are wrapped in one, with
// the Action's inputs as a called workflow's). .ci/run installs actionlint
// and shellcheck, which actionlint runs on every script.
func TestActionlint(t *testing.T) {
	bin := os.Getenv("HELPLINT_ACTIONLINT")
	if bin == "" {
		bin, _ = exec.LookPath("actionlint")
	}
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("actionlint not found; .ci/run sets HELPLINT_ACTIONLINT")
		}
		t.Skip("actionlint not found (go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12)")
	}
	b, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
			Default     string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Using string `yaml:"using"`
			Steps []any  `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("action.yml is not a composite action with steps")
	}
	inputs := map[string]any{}
	for name, in := range action.Inputs {
		inputs[name] = map[string]any{"type": "string", "description": in.Description, "default": in.Default}
	}
	wf := map[string]any{
		"name": "action.yml",
		"on":   map[string]any{"workflow_call": map[string]any{"inputs": inputs}},
		"jobs": map[string]any{"action": map[string]any{"runs-on": "ubuntu-latest", "steps": action.Runs.Steps}},
	}
	wrapped, err := yaml.Marshal(wf)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".github/workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	actionWF := filepath.Join(dir, ".github/workflows/action-steps.yml")
	if err := os.WriteFile(actionWF, wrapped, 0o644); err != nil {
		t.Fatal(err)
	}
	top, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	workflows, _ := filepath.Glob(filepath.Join(top, ".github/workflows/*.yml"))
	if len(workflows) < 3 {
		t.Fatalf("workflows: %q", workflows)
	}
	for _, args := range [][]string{workflows, {actionWF}} {
		cmd := exec.Command(bin, append([]string{"-no-color"}, args...)...)
		cmd.Dir = top
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("actionlint %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestShellcheck checks the shell scripts the Action and CI run.
func TestShellcheck(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck not found; .ci/run installs it")
		}
		t.Skip("shellcheck not found (apt-get install shellcheck)")
	}
	cmd := exec.Command(bin, ".github/action/install.sh", ".ci/run")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck: %v\n%s", err, out)
	}
}

// TestReadmeRefsExist: the README pins pre-commit and the Action by a ref
// that exists: a full commit SHA, or a tag the repository has (a tag it
// lacks is what a new user's first pre-commit run fails on).
func TestReadmeRefsExist(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]bool{}
	if out, err := exec.Command("git", "-C", root, "tag").Output(); err == nil {
		for _, tag := range strings.Fields(string(out)) {
			tags[tag] = true
		}
	}
	refs := regexp.MustCompile(`(?m)(?:^\s*rev:\s*|uses: helplint/helplint@)(\S+)`).FindAllSubmatch(b, -1)
	if len(refs) < 3 {
		t.Fatalf("the README pins pre-commit and the Action %d times, want 3", len(refs))
	}
	sha := regexp.MustCompile(`^[0-9a-f]{40}$`)
	for _, m := range refs {
		if ref := string(m[1]); !sha.MatchString(ref) && !tags[ref] {
			t.Errorf("the README pins %q, which is neither a commit SHA nor a tag of the repository", ref)
		}
	}
}
