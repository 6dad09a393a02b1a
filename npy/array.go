package npy

import (
	"fmt"
	"math"
)

// MaxDims is the largest number of dimensions a shape may have (NumPy 2's
// NPY_MAXDIMS).
const MaxDims = 64

// Array is an n-dimensional array in C order.
type Array struct {
	// Name is the key inside an .npz archive, without the ".npy" suffix. It
	// is ignored by [Write] and empty after [Read].
	Name string
	// Shape holds the length of each dimension; an empty Shape is a 0-d
	// array holding one element.
	Shape []int
	// Data is the flat data in C order: one of []float64, []float32,
	// []int64, []int32, []int16, []int8, []uint8 or []bool, with
	// length equal to the product of Shape.
	Data any
}

// Len returns the number of elements in a.Data, or -1 if a.Data is not one
// of the supported slice types.
func (a Array) Len() int {
	switch d := a.Data.(type) {
	case []float64:
		return len(d)
	case []float32:
		return len(d)
	case []int64:
		return len(d)
	case []int32:
		return len(d)
	case []int16:
		return len(d)
	case []int8:
		return len(d)
	case []uint8:
		return len(d)
	case []bool:
		return len(d)
	}
	return -1
}

// Float64s returns a new slice holding a.Data converted to float64. Booleans
// become 0 and 1; int64 values beyond ±2^53 are rounded to the nearest
// float64.
func (a Array) Float64s() ([]float64, error) {
	switch d := a.Data.(type) {
	case []float64:
		out := make([]float64, len(d))
		copy(out, d)
		return out, nil
	case []float32:
		return convert(d), nil
	case []int64:
		return convert(d), nil
	case []int32:
		return convert(d), nil
	case []int16:
		return convert(d), nil
	case []int8:
		return convert(d), nil
	case []uint8:
		return convert(d), nil
	case []bool:
		out := make([]float64, len(d))
		for i, v := range d {
			if v {
				out[i] = 1
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("npy: array %q: cannot convert data of type %T to float64", a.Name, a.Data)
}

type number interface {
	~float32 | ~int64 | ~int32 | ~int16 | ~int8 | ~uint8
}

func convert[T number](d []T) []float64 {
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = float64(v)
	}
	return out
}

// shapeSize returns the number of elements a shape holds, or an error
// (without package prefix) if a dimension is negative, there are too many
// dimensions, or the product of the shape times itemSize bytes overflows an
// int.
func shapeSize(shape []int, itemSize int) (int, error) {
	if len(shape) > MaxDims {
		return 0, fmt.Errorf("shape has %d dimensions, at most %d are supported", len(shape), MaxDims)
	}
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %s has a negative dimension", formatShape(shape))
		}
		if d == 0 {
			return 0, nil
		}
	}
	n := 1
	limit := math.MaxInt / itemSize
	for _, d := range shape {
		if n > limit/d {
			return 0, fmt.Errorf("shape %s is too large", formatShape(shape))
		}
		n *= d
	}
	return n, nil
}

// validate checks that a's data type is supported and its length matches
// its shape, and returns the dtype used to store it.
func (a Array) validate() (dtype, error) {
	dt, ok := dtypeOf(a.Data)
	if !ok {
		return dtype{}, fmt.Errorf("npy: array %q: unsupported data type %T", a.Name, a.Data)
	}
	n, err := shapeSize(a.Shape, dt.size)
	if err != nil {
		return dtype{}, fmt.Errorf("npy: array %q: %w", a.Name, err)
	}
	if got := a.Len(); got != n {
		return dtype{}, fmt.Errorf("npy: array %q: shape %s holds %d elements, data has %d",
			a.Name, formatShape(a.Shape), n, got)
	}
	return dt, nil
}
