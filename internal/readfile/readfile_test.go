package readfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, st, err := Read(p, 100)
	if err != nil || string(data) != "hello" {
		t.Fatalf("Read = %q, %v", data, err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size != 5 || st.ModTime != fi.ModTime().UnixNano() {
		t.Errorf("stamp %+v, file info size %d mtime %d", st, fi.Size(), fi.ModTime().UnixNano())
	}
	if l, err := Lstat(p); err != nil || l != st {
		t.Errorf("Lstat = %+v, %v; Read's stamp %+v", l, err, st)
	}
	if err := os.Chtimes(p, time.Now(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if l, _ := Lstat(p); l == st {
		t.Error("the stamp did not change with the modification time")
	}

	var tooLarge *TooLargeError
	if _, _, err := Read(p, 4); !errors.As(err, &tooLarge) || tooLarge.Size != 5 {
		t.Errorf("Read over the limit: %v", err)
	}
	if _, _, err := Read(dir, 100); err == nil {
		t.Error("Read of a folder succeeded")
	}
	if _, _, err := Read(filepath.Join(dir, "none"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read of a missing file: %v", err)
	}
	if _, err := Lstat(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Lstat of a missing file: %v", err)
	}
}

func TestStater(t *testing.T) {
	dir := t.TempDir()
	s := NewStater()
	for _, name := range []string{"a.md", "b.md"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Lstat(p); err != nil || got != want {
			t.Errorf("%s: Stater.Lstat = %+v, %v; Lstat = %+v", name, got, err, want)
		}
	}
	// a link is the link's stamp, not its target's
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("a.md", link); err != nil {
		t.Fatal(err)
	}
	want, err := Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Lstat(link); err != nil || got != want {
		t.Errorf("link: Stater.Lstat = %+v, %v; Lstat = %+v", got, err, want)
	}
	if _, err := s.Lstat(filepath.Join(dir, "none.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := s.Lstat(filepath.Join(dir, "nodir", "x.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file in a missing folder: %v", err)
	}
	s.Close()
	if _, err := s.Lstat(filepath.Join(dir, "a.md")); err != nil {
		t.Errorf("after Close: %v", err)
	}
}
