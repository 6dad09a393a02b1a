package npy_test

import (
	"bytes"
	"fmt"

	"github.com/volleysim/volley/npy"
)

func Example() {
	spikes := []npy.Array{
		{Name: "E_t", Shape: []int{3}, Data: []float64{0.0012, 0.0031, 0.0102}},
		{Name: "E_i", Shape: []int{3}, Data: []int64{7, 2, 7}},
	}
	var buf bytes.Buffer
	if err := npy.WriteNPZ(&buf, spikes); err != nil {
		fmt.Println(err)
		return
	}
	arrays, err := npy.ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range arrays {
		fmt.Println(a.Name, a.Shape, a.Data)
	}
	// Output:
	// E_t [3] [0.0012 0.0031 0.0102]
	// E_i [3] [7 2 7]
}

func ExampleArray_Float64s() {
	w := npy.Array{Shape: []int{2, 2}, Data: []int64{0, 1, -4, 0}}
	f, err := w.Float64s()
	fmt.Println(f, err)
	// Output:
	// [0 1 -4 0] <nil>
}
