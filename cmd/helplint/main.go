// Command helplint lints Jekyll help-centre pages: front matter, tables,
// encoding and links. See README.md.
package main

import (
	"os"

	"github.com/helplint/helplint/internal/cli"
	"github.com/helplint/helplint/internal/lint"
)

func main() {
	restore := lint.TuneGC()
	code := cli.Main(os.Args[1:], cli.Std())
	restore()
	os.Exit(code)
}
