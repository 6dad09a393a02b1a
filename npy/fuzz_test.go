package npy

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzRead checks that Read never panics and that whatever it accepts is a
// consistent array that survives a Write/Read round trip. Seeds: the
// NumPy reference files and testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	refs, err := filepath.Glob(filepath.Join("testdata", "ref_*.npy"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range refs {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		n, err := shapeSize(a.Shape, 1)
		if err != nil || n != a.Len() {
			t.Fatalf("accepted shape %v with %d elements (%v)", a.Shape, a.Len(), err)
		}
		// The same bytes with a known size give the same array.
		k, err := readArray(bytes.NewReader(b), int64(len(b)))
		if err != nil || !equalBits(k, a) {
			t.Fatalf("known size: got %v, %v; want %v", k, err, a)
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("Write of a read array: %v", err)
		}
		back, err := Read(&buf)
		if err != nil {
			t.Fatalf("Read of a written array: %v", err)
		}
		if !equalBits(back, a) {
			t.Fatalf("round trip: got %v, want %v", back, a)
		}
	})
}

// equalBits reports whether two arrays have equal shapes and bit-identical
// data (NaN payloads included).
func equalBits(x, y Array) bool {
	if !reflect.DeepEqual(x.Shape, y.Shape) {
		return false
	}
	var bx, by bytes.Buffer
	return writeData(&bx, x.Data) == nil && writeData(&by, y.Data) == nil && bytes.Equal(bx.Bytes(), by.Bytes())
}
