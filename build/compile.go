package build

import (
	"fmt"
	"math"
	"slices"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/hugepage"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/rng"
)

// Compile draws connectivity and initial values, allocates state and makes
// the kernels. threads only splits the work; the Plan is the same for any
// value.
func (n *Network) Compile(threads int) (*Plan, error) {
	threads = max(1, threads)
	plan := &Plan{Name: n.Model.Name, DT: n.DT, Steps: n.Steps, RecordFrom: n.RecordFrom, Seed: n.Seed, Views: n.Views,
		Spikes: n.Spikes, Rates: n.Rates,
		SynapseMonitors: n.SynapseMonitors}
	for _, g := range n.Groups {
		grp, err := n.compileGroup(g)
		if err != nil {
			return nil, err
		}
		plan.Groups = append(plan.Groups, grp)
	}
	for _, in := range n.Inputs {
		v, ok := plan.Groups[in.Group].Var(in.Name)
		if !ok {
			return nil, fmt.Errorf("build: input variable %q missing from group %q", in.Name, plan.Groups[in.Group].Name)
		}
		plan.Inputs = append(plan.Inputs, &Input{Group: in.Group, Name: in.Name, Var: v})
	}
	for _, p := range n.Projections {
		pr, err := n.compileProjection(p, threads)
		if err != nil {
			return nil, err
		}
		if p.syn != nil {
			monitored := map[string]bool{}
			for _, m := range n.SynapseMonitors {
				if n.Projections[m.Projection] == p {
					monitored[m.Var] = true
				}
			}
			if pr.Syn, err = n.newSynapses(p, pr, plan.Groups, monitored); err != nil {
				return nil, err
			}
		} else {
			// delivered by the engine's loops over the columns, which read
			// half the memory in 16 bits (equation-defined synapses keep
			// theirs in 32)
			pr.Conn.Narrow()
		}
		plan.Projections = append(plan.Projections, pr)
	}
	for _, m := range n.SynapseMonitors {
		if m.Var == "x" && m.Every == 1 && plan.Projections[m.Projection].STP != nil {
			plan.Projections[m.Projection].STP.CacheRecovery()
		}
	}
	for _, m := range n.Monitors {
		g := plan.Groups[n.Views[m.View].Group]
		mon := StateMonitor{Name: m.Name, View: m.View, Indices: m.Indices, Every: m.Every}
		for _, name := range m.Vars {
			v, _ := g.Var(name)
			mon.Vars = append(mon.Vars, v)
		}
		plan.Monitors = append(plan.Monitors, mon)
	}
	return plan, nil
}

func (n *Network) compileGroup(g *GroupSpec) (*Group, error) {
	grp := &Group{Name: g.Name, Model: g.Kind, N: g.N}
	state := map[string][]float64{}
	for _, sv := range g.Vars {
		data := hugepage.Make[float64](g.N)
		for i := range data {
			data[i] = sv.Init
		}
		state[sv.Name] = data
		grp.Vars = append(grp.Vars, &Var{Name: sv.Name, Dim: sv.Dim, Data: data})
	}
	for _, in := range g.Inits {
		data := state[in.Var]
		id := rng.Hash(g.Name + "." + in.Var)
		if in.Value.kind == "expr" {
			if err := n.initExpr(g, in, state, id); err != nil {
				return nil, err
			}
			continue
		}
		if in.Value.kind == "array" {
			copy(data[in.Start:in.Start+in.Count], in.Value.vals)
			continue
		}
		for i := in.Start; i < in.Start+in.Count; i++ {
			if in.Value.constant() {
				data[i] = in.Value.c
				continue
			}
			s := rng.New(n.Seed, rng.Init, id, uint64(i), 0)
			data[i] = in.Value.draw(&s)
		}
	}
	k, err := g.newKernel(state)
	if err != nil {
		return nil, errorAt(g.Pos, "group %q: %v", g.Name, err)
	}
	grp.Kernel = k
	return grp, nil
}

func (n *Network) compileProjection(p *ProjectionSpec, threads int) (*Projection, error) {
	pre, post := n.Views[p.Pre], n.Views[p.Post]
	var csr *connect.CSR
	var err error
	if p.pExpr.kind == "expr" {
		csr, err = n.probabilityRows(p, pre, post)
	} else {
		csr, err = connect.Generate(p.Conn, pre.N, post.N, n.Seed, p.ID, threads)
	}
	if err != nil {
		return nil, errorAt(p.Pos, "projection %q: %v", p.Name, err)
	}
	if p.condition != nil {
		if err := n.filterCondition(p, csr); err != nil {
			return nil, err
		}
	}
	pr := &Projection{Name: p.Name, Pre: p.Pre, Post: p.Post, Conn: csr, Input: p.Input}
	nsyn := csr.Len()
	if p.stp != nil {
		if pr.STP, err = n.newSTP(p, csr); err != nil {
			return nil, err
		}
	}
	var perm []int64
	if p.Conn.Rule == connect.FromList && (p.ListWeights != nil || p.ListDelays != nil || slices.Contains(n.Outputs.Synapses, n.projectionIndex(p))) {
		perm = csr.Perm()
		if slices.Contains(n.Outputs.Synapses, n.projectionIndex(p)) {
			pr.ListOrder = perm
		}
	}
	switch {
	case p.ListWeights != nil:
		pr.Weights = hugepage.Make[float64](nsyn)
		for k, src := range perm {
			pr.Weights[k] = p.ListWeights[src]
		}
	case p.Weight.constant():
		pr.Weight = p.Weight.c
	case p.Weight.kind == "expr":
		if pr.Weights, err = n.synapseExpr(p, csr, p.Weight, rng.Weight); err != nil {
			return nil, err
		}
	default:
		pr.Weights = drawPerSynapse(csr, p.Weight, n.Seed, rng.Weight, p.ID)
	}
	if pr.Weights != nil && p.sign != 0 {
		for k, w := range pr.Weights {
			if (p.sign > 0 && w < 0) || (p.sign < 0 && w > 0) || math.IsNaN(w) {
				return nil, errorAt(p.Pos, "projection %q: synapse %d has weight %g, against PyNN's sign rule for %s",
					p.Name, k, w, p.target)
			}
		}
	}
	var delays []float64
	switch {
	case p.ListDelays != nil:
		delays = hugepage.Make[float64](nsyn)
		for k, src := range perm {
			delays[k] = p.ListDelays[src]
		}
	case p.Delay.constant():
		d, _, err := delaySteps(p.Delay.c, n.DT)
		if err != nil {
			return nil, errorAt(p.Pos, "projection %q: %v", p.Name, err)
		}
		pr.Delay = d
	case p.Delay.kind == "expr":
		if delays, err = n.synapseExpr(p, csr, p.Delay, rng.Delay); err != nil {
			return nil, err
		}
	default:
		delays = drawPerSynapse(csr, p.Delay, n.Seed, rng.Delay, p.ID)
	}
	if delays != nil {
		pr.Delays = hugepage.Make[int32](nsyn)
		rounded := 0
		for k, d := range delays {
			s, warn, err := delaySteps(d, n.DT)
			if err != nil {
				return nil, errorAt(p.Pos, "projection %q: synapse %d: %v", p.Name, k, err)
			}
			if warn != "" {
				rounded++
			}
			pr.Delays[k] = s
		}
		if rounded > 0 {
			n.Warnings = append(n.Warnings, fmt.Sprintf("%s: projection %q: %d of %d delays were rounded to the dt grid by more than 1%%",
				posString(p.Pos), p.Name, rounded, nsyn))
		}
	}
	return pr, nil
}

// projectionIndex returns the index of p in n.Projections.
func (n *Network) projectionIndex(p *ProjectionSpec) int {
	return slices.Index(n.Projections, p)
}

// drawPerSynapse draws one value per synapse; the values of presynaptic cell
// i come from its own stream, in CSR order.
func drawPerSynapse(csr *connect.CSR, d dist, seed uint64, purpose rng.Purpose, id uint32) []float64 {
	out := make([]float64, csr.Len())
	for i := 0; i < csr.NPre; i++ {
		s := rng.New(seed, purpose, id, uint64(i), 0)
		for k := csr.RowPtr[i]; k < csr.RowPtr[i+1]; k++ {
			out[k] = d.draw(&s)
		}
	}
	return out
}

// initExpr evaluates a per-cell initial value. As in Brian2, i is the index
// within the (sub-)group the value is set on and N its size; the other state
// variables of the group may be used with the values they have so far.
func (n *Network) initExpr(g *GroupSpec, in initSpec, state map[string][]float64, id uint32) error {
	x, err := kernel.NewCellExpr(kernel.CellExprSpec{Expr: in.Value.expr, Src: in.Value.text, N: g.N, DT: n.DT,
		Arrays: state, Consts: n.consts, Offset: in.Start, Size: in.Count, Seed: n.Seed, Purpose: rng.Init, ID: id})
	if err != nil {
		return errorAt(g.Pos, "group %q: initial value of %s: %v", g.Name, in.Var, err)
	}
	out := make([]float64, in.Count)
	x.EvalRange(in.Start, in.Start+in.Count, nil, out)
	copy(state[in.Var][in.Start:], out)
	return nil
}

// synapseExpr evaluates a per-synapse expression for every synapse, row by
// row: i is the presynaptic cell, j the postsynaptic one (within their
// groups); rand() and randn() draw from the streams of the presynaptic
// cell, by postsynaptic cell.
func (n *Network) synapseExpr(p *ProjectionSpec, csr *connect.CSR, d dist, purpose rng.Purpose) ([]float64, error) {
	consts := map[string]float64{}
	for k, v := range n.consts {
		consts[k] = v
	}
	consts["N_pre"], consts["N_post"] = float64(csr.NPre), float64(csr.NPost)
	x, err := kernel.NewCellExpr(kernel.CellExprSpec{Expr: d.expr, Src: d.text, N: csr.NPost, DT: n.DT,
		Consts: consts, Index: "j", Scalars: []string{"i"}, Seed: n.Seed, Purpose: purpose, ID: p.ID})
	if err != nil {
		return nil, errorAt(p.Pos, "projection %q: %v", p.Name, err)
	}
	out := make([]float64, csr.Len())
	scal := []float64{0}
	for i := 0; i < csr.NPre; i++ {
		a, b := csr.RowPtr[i], csr.RowPtr[i+1]
		if a == b {
			continue
		}
		scal[0] = float64(i)
		x.EvalCellsAt(uint64(i), csr.Col[a:b], scal, out[a:b])
	}
	return out, nil
}
