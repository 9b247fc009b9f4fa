// Package action holds the tests of helplint's GitHub Action and release:
// action.yml, its install script (.github/action/install.sh), the
// workflows, and .goreleaser.yaml, whose archive names the script
// downloads. It has no code of its own.
package action
