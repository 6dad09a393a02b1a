package npy

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	errWrite := errors.New("half way")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return errWrite
	})
	if !errors.Is(err, errWrite) {
		t.Errorf("failed write: got %v, want %v", err, errWrite)
	}
	checkDir(t, dir, path, "old")

	func() {
		defer func() { recover() }()
		WriteFileAtomic(path, func(w io.Writer) error { panic("boom") })
	}()
	checkDir(t, dir, path, "old")

	if err := WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write([]byte("new"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	checkDir(t, dir, path, "new")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm()&0o444 != 0o444 {
		t.Errorf("mode %v is not readable by all", st.Mode())
	}

	err = WriteFileAtomic(filepath.Join(dir, "missing", "x"), func(io.Writer) error { return nil })
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing directory: got %v, want os.ErrNotExist", err)
	}
}

// checkDir checks that dir holds only path, with the given content.
func checkDir(t *testing.T, dir, path, content string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only %s", names, filepath.Base(path))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != content {
		t.Errorf("content %q, want %q", b, content)
	}
}

func TestNPYFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "w.npy")
	a := Array{Shape: []int{2, 2}, Data: []float64{1, 0, -4, 0}}
	if err := WriteNPYFile(path, a); err != nil {
		t.Fatal(err)
	}
	got, err := ReadNPYFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkArray(t, got, a.Shape, a.Data)

	bad := Array{Name: "w", Shape: []int{3}, Data: []float64{1}}
	if err := WriteNPYFile(path, bad); err == nil {
		t.Error("invalid array: got no error")
	}
	if got, err := ReadNPYFile(path); err != nil || got.Len() != 4 {
		t.Errorf("file changed by a failed write: %v, %v", got, err)
	}
	if _, err := ReadNPYFile(filepath.Join(t.TempDir(), "missing.npy")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want os.ErrNotExist", err)
	}
}
