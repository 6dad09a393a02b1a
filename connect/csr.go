package connect

import (
	"fmt"

	"github.com/volleysim/volley/hugepage"
)

// CSR is a connectivity table in compressed sparse rows by presynaptic
// neuron: the synapses of pre neuron i are k = RowPtr[i] … RowPtr[i+1]-1,
// with post neuron Col[k]. Within a row, Col is ascending; equal entries
// (multapses) are adjacent. Per-synapse values (weights, delays) are kept by
// their users in slices indexed by k.
type CSR struct {
	NPre, NPost int
	RowPtr      []int64 // [NPre+1], RowPtr[0] = 0, non-decreasing, RowPtr[NPre] = len(Col)
	Col         []int32 // [synapses], post indices in [0, NPost)

	// perm is set for FromList: perm[k] is the index in Spec.Pairs of the
	// pair stored as synapse k.
	perm []int64
}

// Len returns the number of synapses.
func (c *CSR) Len() int { return len(c.Col) }

// Perm returns, for a table built by the FromList rule, the source index of
// each synapse: Perm()[k] is the index in Spec.Pairs of the pair stored as
// synapse k, so per-synapse values given in list order are put in CSR order
// by csrW[k] = listW[Perm()[k]]. It returns nil for the other rules, whose
// synapses have no input order.
func (c *CSR) Perm() []int64 { return c.perm }

// Validate checks the invariants documented on CSR.
func (c *CSR) Validate() error {
	if c.NPre < 0 || c.NPost < 0 {
		return fmt.Errorf("connect: csr: sizes %d × %d are negative", c.NPre, c.NPost)
	}
	if len(c.RowPtr) != c.NPre+1 {
		return fmt.Errorf("connect: csr: len(RowPtr) = %d, want NPre+1 = %d", len(c.RowPtr), c.NPre+1)
	}
	if c.RowPtr[0] != 0 || c.RowPtr[c.NPre] != int64(len(c.Col)) {
		return fmt.Errorf("connect: csr: RowPtr runs from %d to %d, want 0 to len(Col) = %d", c.RowPtr[0], c.RowPtr[c.NPre], len(c.Col))
	}
	for i := 0; i < c.NPre; i++ {
		lo, hi := c.RowPtr[i], c.RowPtr[i+1]
		if hi < lo {
			return fmt.Errorf("connect: csr: RowPtr decreases at row %d (%d > %d)", i, lo, hi)
		}
		for k := lo; k < hi; k++ {
			if j := c.Col[k]; j < 0 || int(j) >= c.NPost {
				return fmt.Errorf("connect: csr: row %d: post index %d is outside [0, %d)", i, j, c.NPost)
			}
			if k > lo && c.Col[k] < c.Col[k-1] {
				return fmt.Errorf("connect: csr: row %d: post indices %d, %d are not ascending", i, c.Col[k-1], c.Col[k])
			}
		}
	}
	if c.perm != nil && len(c.perm) != len(c.Col) {
		return fmt.Errorf("connect: csr: len(perm) = %d, want %d", len(c.perm), len(c.Col))
	}
	return nil
}

// Transpose returns the same synapses in compressed rows by postsynaptic
// neuron: the synapses onto post j are m = rowPtr[j] … rowPtr[j+1]-1, from
// pre neuron col[m] (ascending within a row), and perm[m] is the index k of
// that synapse in c (so by-post values are byPost[m] = byPre[perm[m]]).
func (c *CSR) Transpose() (rowPtr []int64, col []int32, perm []int64) {
	rowPtr = hugepage.Make[int64](c.NPost + 1)
	for _, j := range c.Col {
		rowPtr[j+1]++
	}
	for j := 0; j < c.NPost; j++ {
		rowPtr[j+1] += rowPtr[j]
	}
	next := make([]int64, c.NPost)
	copy(next, rowPtr[:c.NPost])
	col = hugepage.Make[int32](len(c.Col))
	perm = hugepage.Make[int64](len(c.Col))
	for i := 0; i < c.NPre; i++ {
		for k := c.RowPtr[i]; k < c.RowPtr[i+1]; k++ {
			j := c.Col[k]
			m := next[j]
			next[j]++
			col[m] = int32(i)
			perm[m] = k
		}
	}
	return rowPtr, col, perm
}
