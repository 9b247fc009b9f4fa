//go:build !unix

package benchsite

import "os"

func flush() {}

func peakRSS(*os.ProcessState) int64 { return 0 }
