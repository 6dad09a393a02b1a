package record

import (
	"github.com/volleysim/volley/build"
)

// SynapseTable is every synapse of a projection at the end of a run: its
// pre- and postsynaptic cells (within their groups), its delay and its
// values (the weight of static and short-term plastic synapses, every
// variable of equation-defined ones), in the order of the connection list
// for projections given by one, by presynaptic cell otherwise.
type SynapseTable struct {
	Projection string
	I, J       []int64
	Delay      []float64   // s
	Names      []string    // of the value columns
	Values     [][]float64 // SI
}

// Synapses returns the table of projection p of plan.
func Synapses(plan *build.Plan, p int) SynapseTable {
	pr := plan.Projections[p]
	csr := pr.Conn
	n := int(csr.Len())
	t := SynapseTable{Projection: pr.Name, I: make([]int64, n), J: make([]int64, n), Delay: make([]float64, n)}
	// row of the output of CSR position k
	row := func(k int) int {
		if pr.ListOrder != nil {
			return int(pr.ListOrder[k])
		}
		return k
	}
	for i := range csr.NPre {
		for k := csr.RowPtr[i]; k < csr.RowPtr[i+1]; k++ {
			r := row(int(k))
			t.I[r], t.J[r] = int64(i), int64(csr.Post(k))
			d := pr.Delay
			if pr.Delays != nil {
				d = pr.Delays[k]
			}
			t.Delay[r] = float64(d) * plan.DT
		}
	}
	if s := pr.Syn; s != nil {
		for _, v := range s.Vars {
			col := make([]float64, n)
			for k := range n {
				col[row(k)] = v.Data[s.OfCSR[k]]
			}
			t.Names, t.Values = append(t.Names, v.Name), append(t.Values, col)
		}
		return t
	}
	w := make([]float64, n)
	for k := range n {
		if pr.Weights != nil {
			w[row(k)] = pr.Weights[k]
		} else {
			w[row(k)] = pr.Weight
		}
	}
	t.Names, t.Values = []string{"weight"}, [][]float64{w}
	return t
}
