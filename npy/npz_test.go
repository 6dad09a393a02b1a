package npy

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestReadNPZNumPyReference(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"ref_savez.npz", "ref_savez_compressed.npz"} {
		arrays, err := ReadNPZFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		// numpy.savez stores keyword arguments in the order given.
		if len(arrays) != 2 || arrays[0].Name != "t" || arrays[1].Name != "i" {
			t.Fatalf("%s: got %d arrays %v, want t and i", file, len(arrays), arrays)
		}
		checkArray(t, arrays[0], []int{3}, []float64{0.001, 0.0025, 0.01})
		checkArray(t, arrays[1], []int{3}, []int64{3, 0, 7})
	}
}

func TestNPZRoundTrip(t *testing.T) {
	t.Parallel()
	in := []Array{
		{Name: "E_t", Shape: []int{3}, Data: []float64{0.001, 0.002, 0.0031}},
		{Name: "E_i", Shape: []int{3}, Data: []int64{5, 0, 5}},
		{Name: "I_t", Shape: []int{0}, Data: []float64{}},
		{Name: "v", Shape: []int{2, 2}, Data: []float64{-0.06, -0.059, -0.07, -0.069}},
	}
	var buf bytes.Buffer
	if err := WriteNPZ(&buf, in); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range zr.File {
		if f.Method != zip.Store || f.Name != in[i].Name+".npy" {
			t.Errorf("entry %d: name %q method %d, want %q stored", i, f.Name, f.Method, in[i].Name+".npy")
		}
	}
	out, err := ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) {
		t.Fatalf("got %d arrays, want %d", len(out), len(in))
	}
	for i := range in {
		if out[i].Name != in[i].Name {
			t.Errorf("array %d: name %q, want %q", i, out[i].Name, in[i].Name)
		}
		checkArray(t, out[i], in[i].Shape, in[i].Data)
	}

	// Equal arrays give identical bytes.
	var again bytes.Buffer
	if err := WriteNPZ(&again, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("writing the same arrays twice gave different bytes")
	}
}

func TestWriteNPZInvalid(t *testing.T) {
	t.Parallel()
	ok := Array{Name: "a", Shape: []int{1}, Data: []float64{1}}
	for _, tc := range []struct {
		arrays []Array
		want   string
	}{
		{[]Array{ok, {Shape: []int{1}, Data: []float64{1}}}, "npy: npz: array has an empty name"},
		{[]Array{ok, ok}, `npy: npz: duplicate array name "a"`},
		{[]Array{ok, {Name: "b", Shape: []int{2}, Data: []float64{1}}}, `npy: array "b": shape (2,) holds 2 elements, data has 1`},
	} {
		var buf bytes.Buffer
		err := WriteNPZ(&buf, tc.arrays)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got error %v\nwant %s", err, tc.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", tc.want, buf.Len())
		}
	}
}

func TestReadNPZMalformed(t *testing.T) {
	t.Parallel()
	zipOf := func(name string, content []byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(content)
		zw.Close()
		return buf.Bytes()
	}
	truncated := npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000,), }", make([]byte, 8))
	for _, tc := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"not a zip", []byte("hello"), "npy: npz: zip: not a valid zip file"},
		{"not npy entry", zipOf("x.txt", []byte("hi")), `npy: npz entry "x.txt" is not an .npy file`},
		{"bad npy", zipOf("x.npy", []byte("hi")), `npy: npz entry "x.npy": reading magic string: unexpected EOF`},
		{"huge claim", zipOf("x.npy", truncated), `npy: npz entry "x.npy": shape (1000000,) of <f8 needs 8000000 bytes of data, only 8 remain`},
	} {
		_, err := ReadNPZ(bytes.NewReader(tc.input), int64(len(tc.input)))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: got error %v\nwant %s", tc.name, err, tc.want)
		}
	}
	_, err := ReadNPZ(bytes.NewReader(zipOf("x.npy", []byte("hi"))), 1<<10+1)
	if err == nil {
		t.Error("wrong size: got no error")
	}
	_, err = ReadNPZ(bytes.NewReader(zipOf("x.npy", []byte("\x93NUM"))), int64(len(zipOf("x.npy", []byte("\x93NUM")))))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short entry: got %v, want io.ErrUnexpectedEOF in the chain", err)
	}
}

func TestNPZFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "spikes.npz")
	in := []Array{{Name: "E_t", Shape: []int{1}, Data: []float64{0.5}}}
	if err := WriteNPZFile(path, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadNPZFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Name != "E_t" {
		t.Fatalf("got %v", out)
	}
	checkArray(t, out[0], []int{1}, []float64{0.5})
	if _, err := ReadNPZFile(filepath.Join(t.TempDir(), "missing.npz")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want os.ErrNotExist", err)
	}
}
