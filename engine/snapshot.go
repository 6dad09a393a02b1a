package engine

import (
	"fmt"

	"github.com/volleysim/volley/build"
)

// Snapshot is the complete state of a run between two steps: with the plan
// it was taken from (compiled again from the same model and seed), a run
// continued from it gives bit for bit what the uninterrupted run gives, for
// any number of threads. Random numbers need no saving: they are functions of
// (seed, purpose, cell, step).
type Snapshot struct {
	Step     int64              // steps completed
	Vars     [][][]float64      // [groups][vars][cells] state variables
	Internal [][]build.Internal // [groups] kernels' own state
	Rings    [][][]float64      // [inputs][slots][cells] synaptic input in flight
	Counts   [][]int64          // [groups][cells] spikes so far
	Spikes   []Spikes           // [groups] recorded spikes so far
	Traces   []Trace            // [monitors] samples so far
	Rates    [][]int64          // [rate monitors][bins] spikes so far
	STP      []STPState         // [projections] short-term plasticity; empty for static synapses
	Synapses []SynapseState     // [projections] equation-defined synapses; empty for the others
	// [synapse monitors][samples] fixed-point sums so far
	SynapseSums [][]int64
}

// STPState is the per-synapse state of a projection with short-term
// plasticity (see build.STP).
type STPState struct {
	Y, Z, U []float64
	Last    []int64

	ErCache []float64 // the recovery cache of a monitor of x, if any
	ErStep  []int64
}

// snapshot copies the runner's state at the end of its run.
func (r *runner) snapshot() *Snapshot {
	s := &Snapshot{Step: r.completed, Counts: r.counts, Spikes: r.out, Rates: r.rates}
	for _, g := range r.plan.Groups {
		vars := make([][]float64, len(g.Vars))
		for i, v := range g.Vars {
			vars[i] = append([]float64(nil), v.Data...)
		}
		s.Vars = append(s.Vars, vars)
		var in []build.Internal
		for _, a := range build.InternalOf(g.Kernel) {
			c := build.Internal{Name: a.Name}
			if a.Int64 != nil {
				c.Int64 = append([]int64(nil), a.Int64...)
			}
			if a.Float != nil {
				c.Float = append([]float64(nil), a.Float...)
			}
			in = append(in, c)
		}
		s.Internal = append(s.Internal, in)
	}
	for m := range r.synSums {
		s.SynapseSums = append(s.SynapseSums, r.synapseTotals(m))
	}
	for _, pr := range r.plan.Projections {
		var st STPState
		if p := pr.STP; p != nil {
			st = STPState{Y: append([]float64(nil), p.Y...), Z: append([]float64(nil), p.Z...),
				U: append([]float64(nil), p.UT...), Last: append([]int64(nil), p.Last...),
				ErCache: append([]float64(nil), p.ErCache...), ErStep: append([]int64(nil), p.ErStep...)}
		}
		s.STP = append(s.STP, st)
	}
	for p := range r.plan.Projections {
		s.Synapses = append(s.Synapses, r.synapseState(p))
	}
	for _, rg := range r.rings {
		slots := make([][]float64, len(rg.slots))
		for i, sl := range rg.slots {
			slots[i] = append([]float64(nil), sl...)
		}
		s.Rings = append(s.Rings, slots)
	}
	for _, tr := range r.traces {
		keep := 0
		for keep < len(tr.Steps) && tr.Steps[keep] < r.completed {
			keep++
		}
		t := Trace{Steps: tr.Steps[:keep]}
		for _, vars := range tr.Data {
			cells := make([][]float64, len(vars))
			for k := range vars {
				cells[k] = vars[k][:keep]
			}
			t.Data = append(t.Data, cells)
		}
		s.Traces = append(s.Traces, t)
	}
	return s
}

// restore sets the runner's state from a snapshot of the same plan.
func (r *runner) restore(s *Snapshot) error {
	plan := r.plan
	mismatch := func(what string) error {
		return fmt.Errorf("engine: the snapshot does not fit the model: %s differ", what)
	}
	if s.Step < 0 || s.Step > plan.Steps {
		return fmt.Errorf("engine: snapshot at step %d of a run of %d steps", s.Step, plan.Steps)
	}
	if len(s.Vars) != len(plan.Groups) || len(s.Internal) != len(plan.Groups) || len(s.Counts) != len(plan.Groups) ||
		len(s.Spikes) != len(plan.Groups) {
		return mismatch("the groups")
	}
	for g, grp := range plan.Groups {
		if len(s.Vars[g]) != len(grp.Vars) || len(s.Counts[g]) != grp.N {
			return mismatch("the variables of group " + grp.Name)
		}
		for i, v := range grp.Vars {
			if len(s.Vars[g][i]) != len(v.Data) {
				return mismatch("the sizes of group " + grp.Name)
			}
			copy(v.Data, s.Vars[g][i])
		}
		live := build.InternalOf(grp.Kernel)
		if len(live) != len(s.Internal[g]) {
			return mismatch("the kernel state of group " + grp.Name)
		}
		for i, a := range live {
			b := s.Internal[g][i]
			if a.Name != b.Name || len(a.Int64) != len(b.Int64) || len(a.Float) != len(b.Float) {
				return mismatch("the kernel state of group " + grp.Name)
			}
			copy(a.Int64, b.Int64)
			copy(a.Float, b.Float)
		}
		copy(r.counts[g], s.Counts[g])
		r.out[g].Step = append([]int64(nil), s.Spikes[g].Step...)
		r.out[g].Cell = append([]int32(nil), s.Spikes[g].Cell...)
	}
	if len(s.SynapseSums) != len(r.synSums) {
		return mismatch("the synapse monitors")
	}
	// a snapshot of a shorter run (extended with a longer duration) holds
	// fewer samples and bins than the arrays of this run
	for m, per := range r.synSums {
		if len(s.SynapseSums[m]) > len(per[0]) {
			return mismatch("the synapse monitors")
		}
		for w := range per {
			clear(per[w])
		}
		copy(per[0], s.SynapseSums[m])
	}
	if len(s.STP) != len(plan.Projections) {
		return mismatch("the projections")
	}
	for i, pr := range plan.Projections {
		st, p := s.STP[i], pr.STP
		if p == nil {
			if st.Y != nil {
				return mismatch("the synapse types of projection " + pr.Name)
			}
			continue
		}
		if len(st.Y) != len(p.Y) || len(st.Z) != len(p.Z) || len(st.U) != len(p.UT) || len(st.Last) != len(p.Last) ||
			len(st.ErCache) != len(p.ErCache) || len(st.ErStep) != len(p.ErStep) {
			return mismatch("the plastic synapses of projection " + pr.Name)
		}
		copy(p.Y, st.Y)
		copy(p.Z, st.Z)
		copy(p.UT, st.U)
		copy(p.Last, st.Last)
		copy(p.ErCache, st.ErCache)
		copy(p.ErStep, st.ErStep)
	}
	if len(s.Synapses) != len(plan.Projections) {
		return mismatch("the projections")
	}
	for p, pr := range plan.Projections {
		if !r.restoreSynapses(p, s.Synapses[p]) {
			return mismatch("the equation-defined synapses of projection " + pr.Name)
		}
	}
	if len(s.Rings) != len(r.rings) {
		return mismatch("the synaptic inputs")
	}
	for i := range r.rings {
		rg := &r.rings[i]
		if len(s.Rings[i]) != len(rg.slots) {
			return mismatch("the delays")
		}
		for k, sl := range rg.slots {
			if len(s.Rings[i][k]) != len(sl) {
				return mismatch("the synaptic inputs")
			}
			copy(sl, s.Rings[i][k])
			for w := range rg.touched[k] {
				rg.touched[k][w].dense = true // where the input lies is not saved
			}
		}
	}
	if len(s.Traces) != len(r.traces) {
		return mismatch("the state monitors")
	}
	for m, tr := range r.traces {
		st := s.Traces[m]
		if len(st.Data) == 0 && len(st.Steps) == 0 {
			continue // streamed: the samples so far are with the sink
		}
		if len(st.Data) != len(tr.Data) || len(st.Steps) > len(tr.Steps) {
			return mismatch("the state monitors")
		}
		for v := range tr.Data {
			if len(st.Data[v]) != len(tr.Data[v]) {
				return mismatch("the state monitors")
			}
			for k := range tr.Data[v] {
				copy(tr.Data[v][k], st.Data[v][k])
			}
		}
	}
	if len(s.Rates) != len(r.rates) {
		return mismatch("the rate monitors")
	}
	for m := range r.rates {
		if len(s.Rates[m]) > len(r.rates[m]) {
			return mismatch("the rate monitors")
		}
		copy(r.rates[m], s.Rates[m])
	}
	r.start = s.Step
	r.completed = s.Step
	return nil
}
