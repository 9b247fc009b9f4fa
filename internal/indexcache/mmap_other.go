//go:build !unix

package indexcache

import "os"

// readShared reads the cache file.
func readShared(path string) ([]byte, error) { return os.ReadFile(path) }
