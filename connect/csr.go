package connect

import (
	"fmt"
	"unsafe"

	"github.com/volleysim/volley/hugepage"
)

// CSR is a connectivity table in compressed sparse rows by presynaptic
// neuron: the synapses of pre neuron i are k = RowPtr[i] … RowPtr[i+1]-1,
// with post neuron Col[k]. Within a row, Col is ascending; equal entries
// (multapses) are adjacent. Per-synapse values (weights, delays) are kept by
// their users in slices indexed by k.
//
// A table narrowed by Narrow holds its post indices in Col16 instead, 16
// bits each, and Col is nil; Post and Len read either form.
type CSR struct {
	NPre, NPost int
	RowPtr      []int64  // [NPre+1], RowPtr[0] = 0, non-decreasing, RowPtr[NPre] = Len()
	Col         []int32  // [synapses], post indices in [0, NPost); nil once narrowed
	Col16       []uint16 // [synapses] the same once narrowed; nil before

	// perm is set for FromList: perm[k] is the index in Spec.Pairs of the
	// pair stored as synapse k.
	perm []int64
}

// Len returns the number of synapses.
func (c *CSR) Len() int { return len(c.Col) + len(c.Col16) }

// Post returns the post index of synapse k.
func (c *CSR) Post(k int64) int32 {
	if c.Col16 != nil {
		return int32(c.Col16[k])
	}
	return c.Col[k]
}

// Narrowed reports whether the post indices are held in Col16.
func (c *CSR) Narrowed() bool { return c.Col16 != nil }

// NarrowMax is the largest post population whose indices Narrow stores in
// 16 bits.
const NarrowMax = 1 << 16

// Narrow stores the post indices in 16 bits, in Col16, when there are at
// most NarrowMax post neurons, and reports whether they are. Delivering a
// spike reads its row's indices, the bulk of the memory a step reads in a
// large network (tian2020: 25 M synapses, 100 MB of int32): in 16 bits
// they take half the memory traffic and half the cache. Col16 is written
// over the first half of Col's array, which stays allocated (a new array
// would raise the peak of memory by half the table's size during the
// change), and Col becomes nil.
func (c *CSR) Narrow() bool {
	if c.Col16 != nil {
		return true
	}
	if c.NPost > NarrowMax {
		return false
	}
	n := len(c.Col)
	col16 := make([]uint16, 0)
	if n > 0 {
		// element k's 2 bytes lie before Col[k]'s 4 (from k = 1) and
		// within them (k = 0): each is read before it is written over
		col16 = unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(c.Col))), 2*n)[:n:n]
		for k, j := range c.Col {
			col16[k] = uint16(j)
		}
	}
	c.Col16, c.Col = col16, nil
	return true
}

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
	if c.Col != nil && c.Col16 != nil {
		return fmt.Errorf("connect: csr: both Col and Col16 are set")
	}
	if c.Col16 != nil && c.NPost > NarrowMax {
		return fmt.Errorf("connect: csr: 16-bit post indices for %d post neurons, more than %d", c.NPost, NarrowMax)
	}
	if c.RowPtr[0] != 0 || c.RowPtr[c.NPre] != int64(c.Len()) {
		return fmt.Errorf("connect: csr: RowPtr runs from %d to %d, want 0 to the number of synapses, %d", c.RowPtr[0], c.RowPtr[c.NPre], c.Len())
	}
	for i := 0; i < c.NPre; i++ {
		lo, hi := c.RowPtr[i], c.RowPtr[i+1]
		if hi < lo {
			return fmt.Errorf("connect: csr: RowPtr decreases at row %d (%d > %d)", i, lo, hi)
		}
		for k := lo; k < hi; k++ {
			if j := c.Post(k); j < 0 || int(j) >= c.NPost {
				return fmt.Errorf("connect: csr: row %d: post index %d is outside [0, %d)", i, j, c.NPost)
			}
			if k > lo && c.Post(k) < c.Post(k-1) {
				return fmt.Errorf("connect: csr: row %d: post indices %d, %d are not ascending", i, c.Post(k-1), c.Post(k))
			}
		}
	}
	if c.perm != nil && len(c.perm) != c.Len() {
		return fmt.Errorf("connect: csr: len(perm) = %d, want %d", len(c.perm), c.Len())
	}
	return nil
}

// Transpose returns the same synapses in compressed rows by postsynaptic
// neuron: the synapses onto post j are m = rowPtr[j] … rowPtr[j+1]-1, from
// pre neuron col[m] (ascending within a row), and perm[m] is the index k of
// that synapse in c (so by-post values are byPost[m] = byPre[perm[m]]).
func (c *CSR) Transpose() (rowPtr []int64, col []int32, perm []int64) {
	rowPtr = hugepage.Make[int64](c.NPost + 1)
	for k := range int64(c.Len()) {
		rowPtr[c.Post(k)+1]++
	}
	for j := 0; j < c.NPost; j++ {
		rowPtr[j+1] += rowPtr[j]
	}
	next := make([]int64, c.NPost)
	copy(next, rowPtr[:c.NPost])
	col = hugepage.Make[int32](c.Len())
	perm = hugepage.Make[int64](c.Len())
	for i := 0; i < c.NPre; i++ {
		for k := c.RowPtr[i]; k < c.RowPtr[i+1]; k++ {
			j := c.Post(k)
			m := next[j]
			next[j]++
			col[m] = int32(i)
			perm[m] = k
		}
	}
	return rowPtr, col, perm
}
