package cli

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestCacheDir(t *testing.T) {
	userDir := func() (string, error) { return "/home/u/.cache", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	for _, c := range []struct {
		name    string
		env     string
		noCache bool
		user    func() (string, error)
		want    string
	}{
		{"default", "", false, userDir, filepath.Join("/home/u/.cache", "helplint")},
		{"HELPLINT_CACHE", "/tmp/hc", false, userDir, "/tmp/hc"},
		{"off", "off", false, userDir, ""},
		{"--no-cache", "/tmp/hc", true, userDir, ""},
		{"no home", "", false, noHome, ""},
		{"tests", "", false, nil, ""},
	} {
		env := IO{UserCacheDir: c.user, Getenv: func(k string) string {
			if k == "HELPLINT_CACHE" {
				return c.env
			}
			return ""
		}}
		if got := cacheDir(&options{noCache: c.noCache}, env); got != c.want {
			t.Errorf("%s: cacheDir = %q, want %q", c.name, got, c.want)
		}
	}
}
