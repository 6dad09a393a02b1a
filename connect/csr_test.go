package connect

import (
	"testing"
)

func TestTranspose(t *testing.T) {
	t.Parallel()
	c := gen(t, Spec{Rule: FixedNumberPost, N: 3, WithReplacement: true}, 40, 7, 5, 2)
	ptr, col, perm := c.Transpose()
	tc := &CSR{NPre: c.NPost, NPost: c.NPre, RowPtr: ptr, Col: col}
	if err := tc.Validate(); err != nil {
		t.Fatal(err)
	}
	// Brute force: by-post rows list (pre, by-pre index) in ascending pre.
	m := 0
	for j := int32(0); j < int32(c.NPost); j++ {
		if ptr[j] != int64(m) {
			t.Fatalf("rowPtr[%d] = %d, want %d", j, ptr[j], m)
		}
		for i := 0; i < c.NPre; i++ {
			for k := c.RowPtr[i]; k < c.RowPtr[i+1]; k++ {
				if c.Col[k] != j {
					continue
				}
				if col[m] != int32(i) || perm[m] != k {
					t.Fatalf("entry %d = (pre %d, syn %d), want (%d, %d)", m, col[m], perm[m], i, k)
				}
				m++
			}
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	good := func() *CSR { return &CSR{NPre: 2, NPost: 3, RowPtr: []int64{0, 2, 3}, Col: []int32{0, 2, 1}} }
	if err := good().Validate(); err != nil {
		t.Fatalf("valid table: %v", err)
	}
	cases := map[string]func(c *CSR){
		"short RowPtr": func(c *CSR) { c.RowPtr = c.RowPtr[:2] },
		"bad end":      func(c *CSR) { c.RowPtr[2] = 2 },
		"decreasing":   func(c *CSR) { c.NPre, c.RowPtr, c.Col = 3, []int64{0, 3, 1, 3}, []int32{0, 1, 2} },
		"out of range": func(c *CSR) { c.Col[1] = 3 },
		"unsorted":     func(c *CSR) { c.Col[0], c.Col[1] = 2, 0 },
	}
	for name, breakIt := range cases {
		c := good()
		breakIt(c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %v %v", name, c.RowPtr, c.Col)
		}
	}
}
