//go:build !unix

package benchsite

func flush() {}
