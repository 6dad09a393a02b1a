package npy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteMatchesNumPy checks that Write produces byte for byte the files
// NumPy 1.24 writes for little-endian C-order arrays (format 1.0, header
// padded to 64 bytes).
func TestWriteMatchesNumPy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		a    Array
	}{
		{"ref_f8.npy", Array{Shape: refShape, Data: refData("f8")}},
		{"ref_f4.npy", Array{Shape: refShape, Data: refData("f4")}},
		{"ref_i8.npy", Array{Shape: refShape, Data: refData("i8")}},
		{"ref_i4.npy", Array{Shape: refShape, Data: refData("i4")}},
		{"ref_i2.npy", Array{Shape: refShape, Data: refData("i2")}},
		{"ref_i1.npy", Array{Shape: refShape, Data: refData("i1")}},
		{"ref_u1.npy", Array{Shape: refShape, Data: refData("u1")}},
		{"ref_b1.npy", Array{Shape: refShape, Data: refData("b1")}},
		{"ref_scalar.npy", Array{Shape: nil, Data: []float64{3.25}}},
		{"ref_empty.npy", Array{Shape: []int{0, 3}, Data: []float64{}}},
	} {
		want, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, tc.a); err != nil {
			t.Fatalf("%s: Write: %v", tc.file, err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s: Write output differs from NumPy's\ngot  %q\nwant %q", tc.file, buf.Bytes(), want)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	t.Parallel()
	big := make([]float64, 3*encodeChunk+5) // spans several write chunks
	for i := range big {
		big[i] = float64(i) * 1e-4
	}
	for _, a := range []Array{
		{Shape: []int{len(big)}, Data: big},
		{Shape: []int{2, 3}, Data: []float32{1, -2, 3.5, 0, 1e-30, 7}},
		{Shape: []int{3}, Data: []int64{-1 << 62, 0, 1<<63 - 1}},
		{Shape: []int{1, 1, 2}, Data: []int32{-7, 1 << 30}},
		{Shape: []int{2}, Data: []int16{-32768, 32767}},
		{Shape: []int{2}, Data: []int8{-128, 127}},
		{Shape: []int{3}, Data: []uint8{0, 128, 255}},
		{Shape: []int{2, 2}, Data: []bool{true, false, false, true}},
		{Shape: []int{0}, Data: []int64{}},
		{Shape: []int{}, Data: []int64{42}},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("%T: Write: %v", a.Data, err)
		}
		if buf.Len()%headerAlign != (a.Len()*mustDtype(a).size)%headerAlign {
			t.Errorf("%T: data does not start on a %d-byte boundary", a.Data, headerAlign)
		}
		got, err := Read(&buf)
		if err != nil {
			t.Fatalf("%T: Read: %v", a.Data, err)
		}
		checkArray(t, got, a.Shape, a.Data)
	}
}

func mustDtype(a Array) dtype {
	dt, ok := dtypeOf(a.Data)
	if !ok {
		panic("unsupported type")
	}
	return dt
}

func TestWriteInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a    Array
		want string
	}{
		{Array{Name: "x", Shape: []int{3}, Data: []float64{1, 2}}, `npy: array "x": shape (3,) holds 3 elements, data has 2`},
		{Array{Name: "x", Shape: nil, Data: []float64{1, 2}}, `npy: array "x": shape () holds 1 elements, data has 2`},
		{Array{Name: "x", Shape: []int{-1}, Data: []float64{}}, `npy: array "x": shape (-1,) has a negative dimension`},
		{Array{Name: "x", Shape: []int{2}, Data: []uint16{1, 2}}, `npy: array "x": unsupported data type []uint16`},
		{Array{Name: "x", Shape: []int{2}, Data: nil}, `npy: array "x": unsupported data type <nil>`},
	} {
		err := Write(&bytes.Buffer{}, tc.a)
		if err == nil || err.Error() != tc.want {
			t.Errorf("got error %v\nwant %s", err, tc.want)
		}
	}
}

func TestWriteError(t *testing.T) {
	t.Parallel()
	errDisk := errors.New("disk full")
	err := Write(failWriter{errDisk}, Array{Shape: []int{1}, Data: []float64{1}})
	if !errors.Is(err, errDisk) {
		t.Errorf("got error %v, want %v", err, errDisk)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

func TestEncodeHeader(t *testing.T) {
	t.Parallel()
	h := encodeHeader("<f8", []int{3, 4})
	want := "\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }" +
		strings.Repeat(" ", 58) + "\n"
	if string(h) != want {
		t.Errorf("got %q\nwant %q", h, want)
	}
	// A header longer than 65535 bytes needs format version 2.0.
	long := make([]int, 30000)
	h = encodeHeader("<f8", long)
	if h[6] != 2 || len(h)%headerAlign != 0 || h[len(h)-1] != '\n' {
		t.Errorf("long header: version %d, length %d, last byte %q", h[6], len(h), h[len(h)-1])
	}
	hlen := int(h[8]) | int(h[9])<<8 | int(h[10])<<16 | int(h[11])<<24
	if hlen != len(h)-12 {
		t.Errorf("long header: stored length %d, want %d", hlen, len(h)-12)
	}
	got, err := parseHeader(string(h[12:]))
	if err == nil {
		t.Errorf("long header parsed with %d dimensions, want an error past %d", len(got.shape), MaxDims)
	}
}
