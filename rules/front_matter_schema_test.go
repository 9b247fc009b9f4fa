package rules_test

import (
	"reflect"
	"testing"

	"github.com/helplint/helplint/internal/lint"
	"github.com/helplint/helplint/internal/source"
	"github.com/helplint/helplint/rules"
)

// The site pass reports a page's schema problems from the bytes its
// contribution kept: they must come back as they went in, and damaged
// bytes must give none rather than garbage.
func TestSchemaProblemsRoundTrip(t *testing.T) {
	probs := []lint.Diagnostic{
		{Span: source.Span{Start: 0, End: 3}, Message: `missing required key "order"`},
		{Span: source.Span{Start: 17, End: 24}, Message: "order must be a whole number; got \"three\" — ünïcode"},
	}
	if got := rules.ProblemsRoundTripForTest(probs, -1); !reflect.DeepEqual(got, probs) {
		t.Errorf("round trip: got %+v, want %+v", got, probs)
	}
	if got := rules.ProblemsRoundTripForTest(nil, -1); len(got) != 0 {
		t.Errorf("no problems: got %+v", got)
	}
	whole := len(rules.ProblemsRoundTripForTestBytes(probs))
	for cut := 0; cut < whole; cut++ {
		if got := rules.ProblemsRoundTripForTest(probs, cut); len(got) != 0 {
			t.Errorf("cut to %d of %d bytes: got %+v, want none", cut, whole, got)
		}
	}
}
