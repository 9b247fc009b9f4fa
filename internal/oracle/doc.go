// Package oracle holds the differential tests that check helplint's page
// model against kramdown, the renderer Jekyll uses (see kramdown_test.go).
package oracle
