package connect

import (
	"slices"
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
		"both columns": func(c *CSR) { c.Col16 = []uint16{0, 2, 1} },
		"16-bit out of range": func(c *CSR) {
			c.Narrow()
			c.Col16[2] = 3
		},
		"16-bit unsorted": func(c *CSR) {
			c.Narrow()
			c.Col16[0], c.Col16[1] = 2, 0
		},
		"16 bits too narrow": func(c *CSR) {
			c.Narrow()
			c.NPost = NarrowMax + 1
		},
	}
	for name, breakIt := range cases {
		c := good()
		breakIt(c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %v %v %v", name, c.RowPtr, c.Col, c.Col16)
		}
	}
}

// Narrowing keeps every post index, up to the largest a 16-bit table holds
// (NarrowMax−1), and the transposed table; a table with more post neurons
// keeps its 32 bits.
func TestNarrow(t *testing.T) {
	t.Parallel()
	for _, nPost := range []int{7, 5000, NarrowMax} {
		c := gen(t, Spec{Rule: FixedNumberPost, N: 40, WithReplacement: true}, 30, nPost, 9, 2)
		if nPost == NarrowMax {
			c.Col[c.RowPtr[1]-1] = NarrowMax - 1 // the last column of the first row
		}
		want := slices.Clone(c.Col)
		ptr, col, perm := c.Transpose()
		if !c.Narrow() || !c.Narrowed() || c.Col != nil || len(c.Col16) != len(want) {
			t.Fatalf("%d post: narrowed %v, Col %d entries, Col16 %d, want %d in Col16", nPost, c.Narrowed(), len(c.Col), len(c.Col16), len(want))
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%d post: %v", nPost, err)
		}
		if c.Len() != len(want) {
			t.Errorf("%d post: Len %d, want %d", nPost, c.Len(), len(want))
		}
		for k, j := range want {
			if got := c.Post(int64(k)); got != j {
				t.Fatalf("%d post: synapse %d goes to %d, want %d", nPost, k, got, j)
			}
		}
		ptr16, col16, perm16 := c.Transpose()
		if !slices.Equal(ptr, ptr16) || !slices.Equal(col, col16) || !slices.Equal(perm, perm16) {
			t.Errorf("%d post: transposed table differs once narrowed", nPost)
		}
		if !c.Narrow() {
			t.Errorf("%d post: narrowing twice failed", nPost)
		}
	}
	c := gen(t, Spec{Rule: FixedNumberPost, N: 3}, 5, NarrowMax+1, 9, 1)
	if c.Narrow() || c.Col16 != nil || c.Col == nil {
		t.Errorf("%d post neurons narrowed", NarrowMax+1)
	}
	empty := &CSR{NPre: 2, NPost: 3, RowPtr: []int64{0, 0, 0}}
	if !empty.Narrow() || !empty.Narrowed() || empty.Len() != 0 || empty.Validate() != nil {
		t.Errorf("empty table: narrowed %v, %d synapses, %v", empty.Narrowed(), empty.Len(), empty.Validate())
	}
}
