package npy

import (
	"math"
	"reflect"
	"testing"
)

func TestFloat64s(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		data any
		want []float64
	}{
		{[]float64{1.5, -4}, []float64{1.5, -4}},
		{[]float32{0.25, -1}, []float64{0.25, -1}},
		{[]int64{-4, 1 << 53}, []float64{-4, 1 << 53}},
		{[]int32{math.MinInt32, 7}, []float64{math.MinInt32, 7}},
		{[]int16{-3}, []float64{-3}},
		{[]int8{-128}, []float64{-128}},
		{[]uint8{255}, []float64{255}},
		{[]bool{true, false}, []float64{1, 0}},
		{[]float64{}, []float64{}},
	} {
		got, err := Array{Data: tc.data}.Float64s()
		if err != nil {
			t.Errorf("%T: %v", tc.data, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%T: got %v, want %v", tc.data, got, tc.want)
		}
	}

	src := []float64{1, 2}
	got, _ := Array{Data: src}.Float64s()
	got[0] = 9
	if src[0] != 1 {
		t.Error("Float64s of []float64 shares storage with Data")
	}

	_, err := Array{Name: "x", Data: []string{"a"}}.Float64s()
	if want := `npy: array "x": cannot convert data of type []string to float64`; err == nil || err.Error() != want {
		t.Errorf("got error %v, want %s", err, want)
	}
}

// Shapes of 2^31 × 2^31 items fit an int of 64 bits with 1-byte items
// and not with 8-byte ones.
func TestShapeSizeHuge(t *testing.T) {
	t.Parallel()
	if math.MaxInt == math.MaxInt32 {
		t.Skip("int holds no dimension of 2^31 here")
	}
	shift := 31 // a variable: 1 << 31 is no int constant on 32-bit targets
	d := 1 << shift
	if got, err := shapeSize([]int{d, d}, 1); err != nil || got != d*d {
		t.Errorf("(2^31, 2^31) of 1 byte: got %d, %v; want %d", got, err, d*d)
	}
	want := "shape (2147483648, 2147483648) is too large"
	if _, err := shapeSize([]int{d, d}, 8); err == nil || err.Error() != want {
		t.Errorf("(2^31, 2^31) of 8 bytes: got error %v, want %s", err, want)
	}
}

func TestShapeSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		shape    []int
		itemSize int
		want     int
		wantErr  string
	}{
		{nil, 8, 1, ""},
		{[]int{3, 4}, 8, 12, ""},
		{[]int{math.MaxInt, 0}, 8, 0, ""},
		{[]int{2, -1}, 8, 0, "shape (2, -1) has a negative dimension"},
		{make([]int, MaxDims+1), 8, 0, "shape has 65 dimensions, at most 64 are supported"},
	} {
		got, err := shapeSize(tc.shape, tc.itemSize)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%v: got error %v, want %s", tc.shape, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%v: got %d, %v; want %d", tc.shape, got, err, tc.want)
		}
	}
}
