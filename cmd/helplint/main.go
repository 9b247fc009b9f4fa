// Command helplint lints Jekyll help-centre pages: front matter, tables,
// encoding and links. See README.md.
package main

import (
	"io"
	"os"

	"github.com/helplint/helplint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.IO{
		Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		IsTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok {
				return false
			}
			fi, err := f.Stat()
			return err == nil && fi.Mode()&os.ModeCharDevice != 0
		},
	}))
}
