package rules

import (
	"fmt"

	"github.com/helplint/helplint/internal/lint"
)

// SplitURLForTest exposes splitURL to the external test package.
func SplitURLForTest(d string) (string, bool) {
	u, ok := splitURL(d)
	return fmt.Sprintf("%s|%s|%s|%s", u.scheme, u.host, u.path, u.fragment), ok
}

// ProblemsRoundTripForTest encodes the problems as contributeValid does and
// decodes them as the site pass does, from data cut to cut bytes (-1: whole).
func ProblemsRoundTripForTest(probs []lint.Diagnostic, cut int) []lint.Diagnostic {
	data := encodeProblems(probs)
	if cut >= 0 {
		data = data[:cut]
	}
	return decodeProblems(data)
}

// ProblemsRoundTripForTestBytes is what contributeValid keeps of probs.
func ProblemsRoundTripForTestBytes(probs []lint.Diagnostic) []byte { return encodeProblems(probs) }
