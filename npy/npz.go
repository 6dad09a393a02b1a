package npy

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteNPZ writes arrays to w as an uncompressed .npz archive, as
// numpy.savez does, with one entry "<Name>.npy" per array in the given
// order. Names must be non-empty and distinct.
func WriteNPZ(w io.Writer, arrays []Array) error {
	seen := make(map[string]bool, len(arrays))
	for _, a := range arrays {
		if a.Name == "" {
			return errors.New("npy: npz: array has an empty name")
		}
		if seen[a.Name] {
			return fmt.Errorf("npy: npz: duplicate array name %q", a.Name)
		}
		seen[a.Name] = true
		if _, err := a.validate(); err != nil {
			return err
		}
	}
	// A fixed modification time makes equal arrays give identical files.
	modified := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(w)
	for _, a := range arrays {
		ew, err := zw.CreateHeader(&zip.FileHeader{
			Name:     a.Name + ".npy",
			Method:   zip.Store,
			Modified: modified,
		})
		if err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", a.Name, err)
		}
		if err := Write(ew, a); err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", a.Name, err)
		}
	}
	return zw.Close()
}

// ReadNPZ reads all arrays of the .npz archive held in the size bytes of r,
// in archive order, each named after its entry without the ".npy" suffix.
// Stored and deflate-compressed entries are accepted; an entry whose name
// does not end in ".npy" is an error.
func ReadNPZ(r io.ReaderAt, size int64) ([]Array, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("npy: npz: %w", err)
	}
	arrays := make([]Array, 0, len(zr.File))
	for _, f := range zr.File {
		a, err := readEntry(f)
		if err != nil {
			return nil, err
		}
		arrays = append(arrays, a)
	}
	return arrays, nil
}

func readEntry(f *zip.File) (Array, error) {
	name, ok := strings.CutSuffix(f.Name, ".npy")
	if !ok {
		return Array{}, fmt.Errorf("npy: npz entry %q is not an .npy file", f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return Array{}, &entryError{f.Name, err}
	}
	defer rc.Close()
	size := int64(f.UncompressedSize64)
	if f.UncompressedSize64 > 1<<62 {
		size = -1
	}
	a, err := readArray(rc, size)
	if err != nil {
		return Array{}, &entryError{f.Name, err}
	}
	a.Name = name
	return a, nil
}

// entryError is an error reading one entry of an .npz archive.
type entryError struct {
	entry string
	err   error
}

func (e *entryError) Error() string {
	return fmt.Sprintf("npy: npz entry %q: %s", e.entry, strings.TrimPrefix(e.err.Error(), "npy: "))
}

func (e *entryError) Unwrap() error { return e.err }

// Stream is an npz entry of 8-byte values, little-endian in C order, whose
// data Write produces: exactly the product of Shape values, so that an array
// larger than memory can be written piece by piece.
type Stream struct {
	Name  string
	Descr string // "<f8" (the default) or "<i8"
	Shape []int
	Write func(w io.Writer) error
}

// WriteNPZStreams writes an uncompressed .npz archive of arrays followed by
// streamed float64 entries, as WriteNPZ does.
func WriteNPZStreams(w io.Writer, arrays []Array, streams []Stream) error {
	modified := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(w)
	for _, a := range arrays {
		if _, err := a.validate(); err != nil {
			return err
		}
		ew, err := zw.CreateHeader(&zip.FileHeader{Name: a.Name + ".npy", Method: zip.Store, Modified: modified})
		if err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", a.Name, err)
		}
		if err := Write(ew, a); err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", a.Name, err)
		}
	}
	for _, s := range streams {
		ew, err := zw.CreateHeader(&zip.FileHeader{Name: s.Name + ".npy", Method: zip.Store, Modified: modified})
		if err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", s.Name, err)
		}
		cw := &countingWriter{w: ew}
		descr := s.Descr
		if descr == "" {
			descr = "<f8"
		}
		if descr != "<f8" && descr != "<i8" {
			return fmt.Errorf("npy: npz: array %q: unsupported stream dtype %q", s.Name, descr)
		}
		if _, err := cw.Write(encodeHeader(descr, s.Shape)); err != nil {
			return err
		}
		start := cw.n
		if err := s.Write(cw); err != nil {
			return fmt.Errorf("npy: npz: array %q: %w", s.Name, err)
		}
		want := int64(8)
		for _, d := range s.Shape {
			want *= int64(d)
		}
		if got := cw.n - start; got != want {
			return fmt.Errorf("npy: npz: array %q: %d bytes of data for shape %v, want %d", s.Name, got, s.Shape, want)
		}
	}
	return zw.Close()
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
