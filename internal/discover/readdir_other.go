//go:build !linux

package discover

import "os"

// readDir lists a folder.
func readDir(dir string, _ *[]byte) ([]entry, error) {
	des, err := os.ReadDir(dir)
	out := make([]entry, 0, len(des))
	for _, d := range des {
		out = append(out, entry{name: d.Name(), mode: d.Type()})
	}
	return out, err
}
