package npy

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic creates or replaces the file at path with what write
// writes. The bytes go through a buffer to a temporary file in the same
// directory, which is synced, given mode 0644 and renamed to path, so path
// never holds a partial file. On any error, or if write panics, the
// temporary file is removed and path is left as it was. An error returned
// by write is returned prefixed with path.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("npy: writing %s: %w", path, err)
	}
	renamed = true
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable where the file system supports it;
// failures are ignored because the file itself is already complete.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// WriteNPYFile writes a to an .npy file at path, atomically.
func WriteNPYFile(path string, a Array) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return Write(w, a) })
}

// WriteNPZFile writes arrays to an uncompressed .npz file at path,
// atomically.
func WriteNPZFile(path string, arrays []Array) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return WriteNPZ(w, arrays) })
}

// ReadNPYFile reads the .npy file at path. The file size bounds what the
// header may claim.
func ReadNPYFile(path string) (Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return Array{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Array{}, err
	}
	size := st.Size()
	if !st.Mode().IsRegular() {
		size = -1
	}
	a, err := readArray(bufio.NewReaderSize(f, 1<<16), size)
	if err != nil {
		return Array{}, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// ReadNPZFile reads all arrays of the .npz file at path, as [ReadNPZ] does.
func ReadNPZFile(path string) ([]Array, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	arrays, err := ReadNPZ(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return arrays, nil
}
