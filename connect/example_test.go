package connect_test

import (
	"fmt"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/rng"
)

func ExampleGenerate() {
	// A recurrent projection of a 4-neuron group onto itself, all to all
	// without self connections.
	spec := connect.Spec{Rule: connect.AllToAll, SameRoot: true}
	c, err := connect.Generate(spec, 4, 4, 1, rng.Hash("rec"), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 0; i < c.NPre; i++ {
		fmt.Println(i, "->", c.Col[c.RowPtr[i]:c.RowPtr[i+1]])
	}
	// Output:
	// 0 -> [1 2 3]
	// 1 -> [0 2 3]
	// 2 -> [0 1 3]
	// 3 -> [0 1 2]
}

func ExampleCSR_Perm() {
	pairs := [][2]int32{{1, 0}, {0, 2}, {0, 1}}
	weights := []float64{0.1, 0.2, 0.3} // one per pair, in list order
	c, _ := connect.Generate(connect.Spec{Rule: connect.FromList, Pairs: pairs}, 2, 3, 0, 0, 1)
	for k, src := range c.Perm() {
		fmt.Printf("synapse %d: %d -> %d, w = %.1f\n", k, pairs[src][0], c.Col[k], weights[src])
	}
	// Output:
	// synapse 0: 0 -> 1, w = 0.3
	// synapse 1: 0 -> 2, w = 0.2
	// synapse 2: 1 -> 0, w = 0.1
}

func ExampleGenerate_error() {
	_, err := connect.Generate(connect.Spec{Rule: connect.FixedProbability, P: 1.5}, 10, 10, 1, 1, 1)
	fmt.Println(err)
	// Output: connect: fixed_probability: p = 1.5 is outside [0, 1]
}
