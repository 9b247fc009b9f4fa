package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/helplint/helplint/internal/site"
)

// TestIndexByURL checks that the scan of the first calls and the map of
// the later ones give the same pages, in index order.
func TestIndexByURL(t *testing.T) {
	var pages []*Facts
	for i, u := range []string{"/a/", "/b/", "/a/", "/c/", "/a/", "/b/"} {
		pages = append(pages, &Facts{URL: u, Info: site.Info{Rel: fmt.Sprintf("p%d.md", 5-i)}})
	}
	ix := NewIndex(slices.Clone(pages))
	for i := range 3 * scanCalls {
		for _, u := range []string{"/a/", "/b/", "/c/", "/none/"} {
			var want []*Facts
			for _, p := range ix.Pages {
				if p.URL == u {
					want = append(want, p)
				}
			}
			if got := ix.ByURL(u); !slices.Equal(got, want) {
				t.Fatalf("call %d: ByURL(%s) = %v, want %v", i, u, got, want)
			}
		}
	}
	if !slices.IsSortedFunc(ix.Pages, func(a, b *Facts) int { return strings.Compare(a.Info.Rel, b.Info.Rel) }) {
		t.Error("pages not sorted")
	}
}
