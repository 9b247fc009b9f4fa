package fix

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// tempRE matches the temporary files Writer makes: .<page>.helplint-<pid>-<n>,
// and .<page>.helplint-<pid>-<n>.orig for a backup. oldTempRE matches those
// of earlier versions, made by os.CreateTemp: .<page>.helplint-<n>.
var (
	tempRE    = regexp.MustCompile(`^\.(.+)\.helplint-([0-9]+)-[0-9]+(\.orig)?$`)
	oldTempRE = regexp.MustCompile(`^\.(.+)\.helplint-[0-9]+$`)
)

// settle is how old a temporary file must be before a later run may take it
// for a leftover without its lock: a live run holds it for milliseconds.
const settle = time.Minute

// Leftovers is what Clean found in a folder.
type Leftovers struct {
	// Removed are the temporary files removed.
	Removed []string
	// Backups are the backups of in-place writes that did not finish: the
	// old text of a page that may be half written. They are kept for the
	// user to look at.
	Backups []string
}

// Clean removes from dir the temporary files that earlier runs of helplint
// left (killed, or stopped by a power cut), matched by their exact name
// pattern and only when no live process holds them: each is locked while
// its run lives, and the lock goes with the process.
func Clean(dir string) (Leftovers, error) {
	var out Leftovers
	ents, err := os.ReadDir(dir)
	if err != nil {
		return out, err
	}
	now := time.Now()
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		p := filepath.Join(dir, name)
		if m := tempRE.FindStringSubmatch(name); m != nil {
			if !unlocked(p) {
				continue
			}
			if pid, err := strconv.Atoi(m[2]); err == nil && alive(pid) && !older(e, now) {
				continue // just made by a live run, not yet locked
			}
			if m[3] != "" {
				out.Backups = append(out.Backups, p)
				continue
			}
			if os.Remove(p) == nil {
				out.Removed = append(out.Removed, p)
			}
			continue
		}
		if oldTempRE.MatchString(name) && older(e, now) && unlocked(p) {
			if os.Remove(p) == nil {
				out.Removed = append(out.Removed, p)
			}
		}
	}
	return out, nil
}

func older(e os.DirEntry, now time.Time) bool {
	fi, err := e.Info()
	return err == nil && now.Sub(fi.ModTime()) > settle
}
