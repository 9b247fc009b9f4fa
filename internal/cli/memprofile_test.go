package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestMemProfile: --memprofile writes a heap profile (gzipped protobuf)
// of the run, and an unwritable path is an error, not a lost run.
func TestMemProfile(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "heap.out")
	var out, errb bytes.Buffer
	if code := Main([]string{"--no-cache", "--memprofile", prof, "../../testdata/site"}, IO{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}); code == ExitTrouble {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Fatalf("heap profile is not gzip: % x", data[:min(len(data), 8)])
	}
	errb.Reset()
	if code := Main([]string{"--no-cache", "--memprofile", filepath.Join(prof, "nope", "heap.out"), "../../testdata/site"}, IO{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}); code != ExitTrouble || !bytes.Contains(errb.Bytes(), []byte("heap.out")) {
		t.Errorf("unwritable profile: exit %d, %q", code, errb.String())
	}
}
