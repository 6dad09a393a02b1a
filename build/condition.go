package build

import (
	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/model"
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
