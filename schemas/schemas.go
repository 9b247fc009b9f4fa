// Package schemas embeds the JSON Schemas (draft 2020-12) helplint ships:
// one per collection of a help site laid out like Login.gov's, and the
// schema of .helplint.yaml itself.
//
// Besides standard keywords, a schema may give a property "x-hint": the
// plain words that complete "KEY must be …" in a finding.
package schemas

import "embed"

// FS holds the schema files, named NAME.json; "builtin:NAME" in a config refers to them.
//
//go:embed *.json
var FS embed.FS
