package connect

import (
	"slices"
	"testing"
)

func TestFromList(t *testing.T) {
	t.Parallel()
	pairs := [][2]int32{{2, 1}, {0, 3}, {2, 0}, {0, 3}, {1, 2}, {2, 1}, {0, 0}}
	c, err := Generate(Spec{Rule: FromList, Pairs: pairs, SameRoot: true}, 3, 4, 0, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	wantPtr := []int64{0, 3, 4, 7}
	wantCol := []int32{0, 3, 3, 2, 0, 1, 1}
	// Equal pairs keep their list order: (0,3) at 1 then 3, (2,1) at 0 then 5.
	wantPerm := []int64{6, 1, 3, 4, 2, 0, 5}
	if !slices.Equal(c.RowPtr, wantPtr) || !slices.Equal(c.Col, wantCol) || !slices.Equal(c.Perm(), wantPerm) {
		t.Fatalf("got RowPtr %v Col %v Perm %v, want %v %v %v", c.RowPtr, c.Col, c.Perm(), wantPtr, wantCol, wantPerm)
	}
	// Self pairs are kept (AllowSelf does not apply to lists), and Perm
	// reorders per-pair values.
	weights := []float64{10, 11, 12, 13, 14, 15, 16}
	for k := range c.Col {
		src := c.Perm()[k]
		if pairs[src][1] != c.Col[k] || weights[src] != 10+float64(src) {
			t.Errorf("synapse %d: perm %d points at pair %v", k, src, pairs[src])
		}
	}
	empty, err := Generate(Spec{Rule: FromList}, 3, 4, 0, 0, 1)
	if err != nil || empty.Len() != 0 || len(empty.RowPtr) != 4 {
		t.Errorf("empty list: %v, %v", empty, err)
	}
}

func TestPermNilForRandomRules(t *testing.T) {
	t.Parallel()
	c := gen(t, Spec{Rule: FixedProbability, P: 0.5}, 10, 10, 1, 1)
	if c.Perm() != nil {
		t.Error("Perm() of fixed_probability is not nil")
	}
}
