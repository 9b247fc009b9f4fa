package rules

import "github.com/helplint/helplint/internal/lint"

// unusedSuppression is reported by the engine for a suppression comment
// that suppresses nothing: the defect was fixed, or the comment is misplaced.
func unusedSuppression() *lint.Rule {
	return &lint.Rule{Name: lint.UnusedSuppression, Doc: doc(lint.UnusedSuppression), Severity: lint.Warning, Engine: true}
}

// invalidSuppression is reported by the engine for a suppression comment
// that names a rule helplint does not have.
func invalidSuppression() *lint.Rule {
	return &lint.Rule{Name: lint.InvalidSuppression, Doc: doc(lint.InvalidSuppression), Severity: lint.Error, Engine: true}
}
