// Command helplint lints Jekyll help-centre pages: front matter, tables,
// encoding and links. See README.md.
package main

import (
	"os"

	"github.com/helplint/helplint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Std()))
}
