package rng_test

import (
	"fmt"

	"github.com/volleysim/volley/rng"
)

func ExampleNew() {
	// The stream of neuron 3 of group "exc" at step 100, for noise.
	s := rng.New(42, rng.Noise, rng.Hash("exc"), 3, 100)
	a := s.Float64()
	// The same key always gives the same numbers.
	t := rng.New(42, rng.Noise, rng.Hash("exc"), 3, 100)
	fmt.Println(a == t.Float64())
	// Uniform01 is the first Float64 of the stream, without a Stream value.
	fmt.Println(a == rng.Uniform01(42, rng.Noise, rng.Hash("exc"), 3, 100))
	// Output:
	// true
	// true
}

func ExamplePhilox4x32() {
	out := rng.Philox4x32([4]uint32{}, [2]uint32{})
	fmt.Printf("%08x\n", out)
	// Output: [6627e8d5 e169c58d bc57ac4c 9b00dbd8]
}
