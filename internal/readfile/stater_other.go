//go:build !linux

package readfile

// Stater stats many files; elsewhere than Linux it stats each by its path.
type Stater struct{}

// NewStater returns a Stater.
func NewStater() *Stater { return &Stater{} }

// Lstat returns the stamp of path itself (a link is not followed).
func (s *Stater) Lstat(path string) (Stamp, error) { return Lstat(path) }

// Close releases nothing.
func (s *Stater) Close() {}
