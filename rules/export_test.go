package rules

import "fmt"

// SplitURLForTest exposes splitURL to the external test package.
func SplitURLForTest(d string) (string, bool) {
	u, ok := splitURL(d)
	return fmt.Sprintf("%s|%s|%s|%s", u.scheme, u.host, u.path, u.fragment), ok
}
