package connect

import (
	"fmt"

	"github.com/volleysim/volley/hugepage"
)

// fromList builds the table of the given (pre, post) pairs, kept with
// multiplicity. Synapses are ordered by (pre, post) and, for equal pairs, by
// their position in the list; the table's Perm maps each synapse to that
// position. Two stable counting sorts (by post, then by pre) make it
// O(len(pairs) + nPre + nPost).
func fromList(pairs [][2]int32, nPre, nPost int) (*CSR, error) {
	for k, pr := range pairs {
		if pr[0] < 0 || int(pr[0]) >= nPre || pr[1] < 0 || int(pr[1]) >= nPost {
			return nil, fmt.Errorf("connect: from_list: pair %d (%d, %d) is outside the %d × %d (pre × post) range", k, pr[0], pr[1], nPre, nPost)
		}
	}
	m := len(pairs)
	// Stable sort of the list positions by post.
	byPost := make([]int64, m)
	start := make([]int64, nPost+1)
	for _, pr := range pairs {
		start[pr[1]+1]++
	}
	for j := 0; j < nPost; j++ {
		start[j+1] += start[j]
	}
	for k, pr := range pairs {
		byPost[start[pr[1]]] = int64(k)
		start[pr[1]]++
	}
	// Stable sort of those by pre gives (pre, post, position) order.
	c := &CSR{NPre: nPre, NPost: nPost, RowPtr: hugepage.Make[int64](nPre + 1), Col: hugepage.Make[int32](m),
		perm: hugepage.Make[int64](m)}
	for _, pr := range pairs {
		c.RowPtr[pr[0]+1]++
	}
	for i := 0; i < nPre; i++ {
		c.RowPtr[i+1] += c.RowPtr[i]
	}
	next := make([]int64, nPre)
	copy(next, c.RowPtr[:nPre])
	for _, k := range byPost {
		pr := pairs[k]
		s := next[pr[0]]
		next[pr[0]]++
		c.Col[s] = pr[1]
		c.perm[s] = k
	}
	return c, nil
}
