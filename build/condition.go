package build

import (
	"fmt"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/hugepage"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
)

// connectCondition checks a connection condition such as "i != j" or
// "(i+Ne+1) != j" (Brian2's Synapses.connect(condition=...)): an expression
// of the presynaptic index i and the postsynaptic index j (within the pre and
// post groups), N_pre, N_post and the model's constants.
func (ns *namespace) connectCondition(c *model.Connector) (eqn.Expr, error) {
	pos := model.Pos{File: c.Pos.File, Line: c.Pos.Line, Key: c.Pos.Key + ".condition"}
	e, err := eqn.ParseExpr(c.Condition)
	if err != nil {
		return nil, wrapAt(pos, err)
	}
	d, err := eqn.Dims(e, func(name string) (units.Dim, bool) {
		switch name {
		case "i", "j", "N_pre", "N_post":
			return units.Dimensionless, true
		}
		q, ok := ns.values[name]
		return q.Dim, ok
	})
	if err != nil {
		return nil, wrapAt(pos, withSource(err, c.Condition))
	}
	if !d.IsDimensionless() {
		return nil, errorAt(pos, "condition %q has dimension %s; it must be a comparison such as \"i != j\"", c.Condition, d)
	}
	return e, nil
}

// filterCondition removes the synapses of csr whose (i, j) fail the
// projection's condition. Rows are drawn first and filtered after, which
// gives every pair that satisfies the condition the connector's probability,
// as Brian2 does, while the condition is evaluated only on drawn pairs.
func (n *Network) filterCondition(p *ProjectionSpec, csr *connect.CSR) error {
	consts := map[string]float64{}
	for k, v := range n.consts {
		consts[k] = v
	}
	// the group sizes come before constants of the same name, as in Brian2
	consts["N_pre"], consts["N_post"] = float64(csr.NPre), float64(csr.NPost)
	x, err := kernel.NewCellExpr(kernel.CellExprSpec{Expr: p.condition, Src: p.conditionSrc, N: csr.NPost,
		DT: n.DT, Consts: consts, Index: "j", Scalars: []string{"i"}})
	if err != nil {
		return errorAt(p.Pos, "projection %q: condition: %v", p.Name, err)
	}
	var keep []float64
	w := int64(0)
	scal := []float64{0}
	for i := 0; i < csr.NPre; i++ {
		row := csr.Col[csr.RowPtr[i]:csr.RowPtr[i+1]]
		csr.RowPtr[i] = w
		if len(row) == 0 {
			continue
		}
		if cap(keep) < len(row) {
			keep = make([]float64, len(row))
		}
		keep = keep[:len(row)]
		scal[0] = float64(i)
		x.EvalCells(row, scal, keep)
		for k, j := range row {
			if keep[k] != 0 {
				csr.Col[w] = j
				w++
			}
		}
	}
	csr.RowPtr[csr.NPre] = w
	csr.Col = csr.Col[:w:w]
	return nil
}

// probabilityExpr compiles a connection probability that depends on the
// presynaptic index i and the postsynaptic index j.
func (n *Network) probabilityExpr(p *ProjectionSpec, d dist, npre, npost int) (*kernel.CellExpr, error) {
	consts := map[string]float64{}
	for k, v := range n.consts {
		consts[k] = v
	}
	consts["N_pre"], consts["N_post"] = float64(npre), float64(npost)
	return kernel.NewCellExpr(kernel.CellExprSpec{Expr: d.expr, Src: d.text, N: npost, DT: n.DT,
		Consts: consts, Index: "j", Scalars: []string{"i"}, Seed: n.Seed, Purpose: rng.Connect, ID: p.ID})
}

// probabilityRows draws a fixed_probability connector whose p depends on i
// and j (Brian2's connect(p='exp(-abs(i - j)/10)')): for each presynaptic
// cell i, p(i, j) is evaluated for every j and each pair is kept when a
// uniform draw from the row's stream (in order of j) is below it; a p
// outside [0, 1] is an error naming the pair.
func (n *Network) probabilityRows(p *ProjectionSpec, pre, post View) (*connect.CSR, error) {
	x, err := n.probabilityExpr(p, p.pExpr, pre.N, post.N)
	if err != nil {
		return nil, err
	}
	csr := &connect.CSR{NPre: pre.N, NPost: post.N, RowPtr: hugepage.Make[int64](pre.N + 1)}
	prob := make([]float64, post.N)
	scal := []float64{0}
	for i := 0; i < pre.N; i++ {
		scal[0] = float64(i)
		x.EvalRange(0, post.N, scal, prob)
		s := rng.New(n.Seed, rng.Connect, p.ID, uint64(i), 0)
		for j, pij := range prob {
			if !(pij >= 0 && pij <= 1) {
				return nil, fmt.Errorf("connection probability %q is %g for i = %d, j = %d, outside [0, 1]", p.pExpr.text, pij, i, j)
			}
			self := p.Conn.SameRoot && !p.Conn.AllowSelf && pre.Start+i == post.Start+j
			if s.Float64() < pij && !self {
				csr.Col = append(csr.Col, int32(j))
			}
		}
		csr.RowPtr[i+1] = int64(len(csr.Col))
	}
	return csr, nil
}

// expectedPairs estimates the synapse count of a probability that depends on
// i and j from up to 64 evenly spaced rows.
func (n *Network) expectedPairs(p *ProjectionSpec, d dist, pre, post View) float64 {
	if pre.N == 0 || post.N == 0 {
		return 0
	}
	x, err := n.probabilityExpr(p, d, pre.N, post.N)
	if err != nil {
		return 0 // reported when the network is compiled
	}
	rows := min(pre.N, 64)
	prob := make([]float64, post.N)
	var sum float64
	for r := 0; r < rows; r++ {
		x.EvalRange(0, post.N, []float64{float64(r * pre.N / rows)}, prob)
		for _, v := range prob {
			sum += v
		}
	}
	return sum / float64(rows) * float64(pre.N)
}
