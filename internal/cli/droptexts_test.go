package cli

import "testing"

// TestReadsTexts: only a run that fixes or fingerprints its findings keeps
// the pages' text past their page rules.
func TestReadsTexts(t *testing.T) {
	for _, tt := range []struct {
		name string
		o    options
		want bool
	}{
		{"text", options{format: "text"}, false},
		{"json", options{format: "json"}, false},
		{"github", options{format: "github"}, false},
		{"sarif", options{format: "sarif"}, true},
		{"fix", options{format: "text", fix: true}, true},
		{"diff", options{format: "text", diff: true}, true},
		{"baseline", options{format: "json", adopt: adoptOptions{baseline: "b.json"}}, true},
		{"write-baseline", options{format: "json", adopt: adoptOptions{writeBaseline: "b.json"}}, true},
		{"new-from-rev", options{format: "text", adopt: adoptOptions{newFromRev: "HEAD"}}, true},
	} {
		if got := tt.o.readsTexts(); got != tt.want {
			t.Errorf("%s: readsTexts = %v, want %v", tt.name, got, tt.want)
		}
	}
}
