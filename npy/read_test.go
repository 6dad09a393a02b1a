package npy

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// refShape is the shape of every ref_*.npy array but the special ones (see
// testdata/README.md).
var refShape = []int{2, 3, 4}

// refData returns the data of testdata/ref_<dtype>*.npy: arange(24) mapped
// as testdata/make_reference.py maps it.
func refData(dtype string) any {
	switch dtype {
	case "f8":
		return refSeq(func(x int) float64 { return float64(x)*0.25 - 1.5 })
	case "f4":
		return refSeq(func(x int) float32 { return float32(x)*0.25 - 1.5 })
	case "i8":
		return refSeq(func(x int) int64 { return int64(x - 12) })
	case "i4":
		return refSeq(func(x int) int32 { return int32(x - 12) })
	case "i2":
		return refSeq(func(x int) int16 { return int16(x - 12) })
	case "i1":
		return refSeq(func(x int) int8 { return int8(x - 12) })
	case "u1":
		return refSeq(func(x int) uint8 { return uint8(x) })
	case "b1":
		return refSeq(func(x int) bool { return x%3 == 0 })
	}
	panic("unknown dtype " + dtype)
}

func refSeq[T any](f func(int) T) []T {
	out := make([]T, 24)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func TestReadNumPyReference(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file  string
		dtype string
	}{
		{"ref_f8.npy", "f8"},
		{"ref_f4.npy", "f4"},
		{"ref_i8.npy", "i8"},
		{"ref_i4.npy", "i4"},
		{"ref_i2.npy", "i2"},
		{"ref_i1.npy", "i1"},
		{"ref_u1.npy", "u1"},
		{"ref_b1.npy", "b1"},
		{"ref_f8_big_endian.npy", "f8"},
		{"ref_i4_big_endian.npy", "i4"},
		{"ref_f8_fortran.npy", "f8"},
		{"ref_i2_fortran_big_endian.npy", "i2"},
		{"ref_f8_v2.npy", "f8"},
		{"ref_f8_v3.npy", "f8"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", tc.file)
			a, err := ReadNPYFile(path)
			if err != nil {
				t.Fatalf("ReadNPYFile: %v", err)
			}
			checkArray(t, a, refShape, refData(tc.dtype))

			// Read from a plain stream of unknown size gives the same array.
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Read(struct{ io.Reader }{bytes.NewReader(b)})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkArray(t, s, refShape, refData(tc.dtype))
		})
	}
}

func checkArray(t *testing.T, a Array, shape []int, data any) {
	t.Helper()
	if !reflect.DeepEqual(a.Shape, shape) {
		t.Errorf("shape: got %v, want %v", a.Shape, shape)
	}
	if !reflect.DeepEqual(a.Data, data) {
		t.Errorf("data:\ngot  %#v\nwant %#v", a.Data, data)
	}
}

func TestReadSpecialShapes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file  string
		shape []int
		data  any
	}{
		{"ref_scalar.npy", []int{}, []float64{3.25}},
		{"ref_empty.npy", []int{0, 3}, []float64{}},
	} {
		a, err := ReadNPYFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		checkArray(t, a, tc.shape, tc.data)
	}
}

func TestReadUnsupportedDtype(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file string
		want string
	}{
		{"ref_c16.npy", `npy: unsupported dtype "<c16"`},
		{"ref_structured.npy", `npy: unsupported dtype [('a', '<f8'), ('b', '<i4')] (structured arrays are not supported)`},
	} {
		_, err := ReadNPYFile(filepath.Join("testdata", tc.file))
		if err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want one ending in %q", tc.file, err, tc.want)
		}
	}
}

// TestReadConnectivity reads the Brian2 reference connectivity of seed
// adex-coba-net-brian2. Expected values from shared/refs/README.md (density
// 0.0488, values 1 and -4) and from numpy: 396 ones, 92 entries -4, row 0
// nonzero at columns 17, 42, 46, 53 and 78.
func TestReadConnectivity(t *testing.T) {
	t.Parallel()
	a, err := ReadNPYFile(filepath.Join("testdata", "adex_net_seed_connectivity.npy"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Shape, []int{100, 100}) {
		t.Fatalf("shape: got %v, want [100 100]", a.Shape)
	}
	w, err := a.Float64s()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[float64]int{}
	for _, v := range w {
		counts[v]++
	}
	want := map[float64]int{0: 10000 - 488, 1: 396, -4: 92}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("value counts: got %v, want %v", counts, want)
	}
	if got := float64(488) / 10000; got != 0.0488 {
		t.Errorf("density: got %v, want 0.0488", got)
	}
	var row0 []int
	for j, v := range w[:100] {
		if v != 0 {
			row0 = append(row0, j)
		}
	}
	if want := []int{17, 42, 46, 53, 78}; !reflect.DeepEqual(row0, want) {
		t.Errorf("row 0 targets: got %v, want %v", row0, want)
	}
}

// npyBytes builds an .npy file from a version, a header dictionary and data.
func npyBytes(major byte, dict string, data []byte) []byte {
	b := []byte(magic)
	b = append(b, major, 0)
	if major == 1 {
		b = append(b, byte(len(dict)), byte(len(dict)>>8))
	} else {
		b = append(b, byte(len(dict)), byte(len(dict)>>8), byte(len(dict)>>16), byte(len(dict)>>24))
	}
	b = append(b, dict...)
	return append(b, data...)
}

func TestReadMalformed(t *testing.T) {
	t.Parallel()
	f8 := func(shape string) string {
		return "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }\n"
	}
	for _, tc := range []struct {
		name  string
		input []byte
		want  string
	}{
		{"empty", nil, "npy: reading magic string: unexpected EOF"},
		{"bad magic", []byte("\x93NUMPZ\x01\x00"), "npy: not an .npy file: bad magic string"},
		{"version 4", npyBytes(4, f8("(1,)"), make([]byte, 8)), "npy: unsupported format version 4.0"},
		{"version 1.1", append([]byte(magic), 1, 1, 0, 0), "npy: unsupported format version 1.1"},
		{"short length", append([]byte(magic), 1, 0, 5), "npy: reading header length: unexpected EOF"},
		{"short header", append([]byte(magic), 1, 0, 50, 0, '{'), "npy: reading header: unexpected EOF"},
		{"huge header", append([]byte(magic), 2, 0, 0xff, 0xff, 0xff, 0x7f), "npy: header length 2147483647 exceeds the limit of 65536 bytes"},
		{"unknown dtype", npyBytes(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", nil), `npy: unsupported dtype "<c16"`},
		{"pipe on f8", npyBytes(1, "{'descr': '|f8', 'fortran_order': False, 'shape': (1,), }", nil), `npy: unsupported dtype "|f8"`},
		{"missing key", npyBytes(1, "{'descr': '<f8', 'shape': (1,), }", nil), `npy: header: missing key "fortran_order"`},
		{"extra key", npyBytes(1, "{'descr': '<f8', 'x': 1}", nil), `npy: header: unexpected key "x" at byte 22`},
		{"duplicate key", npyBytes(1, "{'shape': (), 'shape': ()}", nil), `npy: header: duplicate key "shape" at byte 23`},
		{"not a dict", npyBytes(1, "[]", nil), "npy: header: want '{' at byte 0"},
		{"bad bool", npyBytes(1, "{'fortran_order': false}", nil), "npy: header: want True or False at byte 18"},
		{"negative dim", npyBytes(1, f8("(-1,)"), nil), "npy: header: want a non-negative integer in the shape at byte 51"},
		{"dim overflows int", npyBytes(1, f8("(99999999999999999999,)"), nil), "npy: header: shape dimension 99999999999999999999 is too large at byte 71"},
		{"product overflows", npyBytes(1, f8("(4294967296, 4294967296)"), nil), intBits("npy: header: shape dimension 4294967296 is too large at byte 61",
			"npy: shape (4294967296, 4294967296) is too large")},
		{"unterminated", npyBytes(1, "{'descr': '<f8", nil), "npy: header: unterminated string at byte 10"},
		{"trailing text", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': ()} x", nil), "npy: header: unexpected text after '}' at byte 54"},
		{"truncated data", npyBytes(1, f8("(3,)"), make([]byte, 16)), "npy: reading data of shape (3,) and dtype <f8: data truncated: want 24 bytes, got 16"},
		{"huge claim", npyBytes(1, f8("(1000000000000,)"), make([]byte, 16)), intBits("npy: header: shape dimension 1000000000000 is too large at byte 64",
			"npy: reading data of shape (1000000000000,) and dtype <f8: data truncated: want 8000000000000 bytes, got 16")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(bytes.NewReader(tc.input))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got error %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestReadSizeKnownRejectsHugeClaim(t *testing.T) {
	t.Parallel()
	b := npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", make([]byte, 16))
	_, err := readArray(bytes.NewReader(b), int64(len(b)))
	want := intBits("npy: header: shape dimension 1000000000000 is too large at byte 64",
		"npy: shape (1000000000000,) of <f8 needs 8000000000000 bytes of data, only 16 remain")
	if err == nil || err.Error() != want {
		t.Errorf("got error %v\nwant %s", err, want)
	}
	if !errors.Is(eofIsUnexpected(io.EOF), io.ErrUnexpectedEOF) {
		t.Error("eofIsUnexpected(io.EOF) is not io.ErrUnexpectedEOF")
	}
}

func TestTranspose(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		shape []int
		src   []int // Fortran order
		want  []int // C order
	}{
		{[]int{}, []int{7}, []int{7}},
		{[]int{3}, []int{1, 2, 3}, []int{1, 2, 3}},
		{[]int{2, 3}, []int{0, 3, 1, 4, 2, 5}, []int{0, 1, 2, 3, 4, 5}},
		{[]int{3, 1}, []int{1, 2, 3}, []int{1, 2, 3}},
		{[]int{2, 0}, []int{}, []int{}},
		// a[i,j,k] = 100i + 10j + k, shape (2, 2, 3).
		{[]int{2, 2, 3},
			[]int{0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112},
			[]int{0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112}},
	} {
		if got := transpose(tc.src, tc.shape); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("shape %v: got %v, want %v", tc.shape, got, tc.want)
		}
	}
}

// intBits returns the error a dimension past 2^31 − 1 gives where int has 32
// bits (the header's parser refuses it), or the one it gives with 64-bit
// ints.
func intBits(with32, with64 string) string {
	if math.MaxInt == math.MaxInt32 {
		return with32
	}
	return with64
}
