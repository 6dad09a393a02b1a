package record

import (
	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
)

// Spikes is the spike train of one group: times in seconds and indices within
// the group, in time order (ascending index within a step).
type Spikes struct {
	Group string
	N     int       // cells in the group
	T     []float64 // [spikes] s
	I     []int64   // [spikes]
}

// SpikesOf returns the recorded spikes of view v. It returns nothing useful
// for a view whose root group had no spike monitor.
func SpikesOf(plan *build.Plan, res *engine.Result, v int) Spikes {
	view := plan.Views[v]
	src := res.Spikes[view.Group]
	out := Spikes{Group: view.Name, N: view.N}
	lo, hi := int32(view.Start), int32(view.Start+view.N)
	n := 0
	for _, c := range src.Cell {
		if c >= lo && c < hi {
			n++
		}
	}
	// sized once: a million-spike run would otherwise leave copies behind
	out.T, out.I = make([]float64, 0, n), make([]int64, 0, n)
	for k, c := range src.Cell {
		if c >= lo && c < hi {
			out.T = append(out.T, float64(src.Step[k])*plan.DT)
			out.I = append(out.I, int64(c-lo))
		}
	}
	return out
}

// Count returns the number of spikes of view v and its mean rate in Hz over
// the completed part of the run.
func Count(plan *build.Plan, res *engine.Result, v int) (spikes int64, rateHz float64) {
	view := plan.Views[v]
	for _, c := range res.Counts[view.Group][view.Start : view.Start+view.N] {
		spikes += c
	}
	t := float64(res.Completed-plan.RecordFrom) * plan.DT
	if t > 0 && view.N > 0 {
		rateHz = float64(spikes) / (float64(view.N) * t)
	}
	return spikes, rateHz
}

// Trace is a state monitor's samples with their times.
type Trace struct {
	Name  string
	Group string
	Index []int64       // recorded cells, within the group
	T     []float64     // [samples] s
	Vars  []string      // variable names
	Units []string      // SI unit of each variable
	Data  [][][]float64 // [vars][cells][samples]
}

// Traces returns the samples of every state monitor of the plan.
func Traces(plan *build.Plan, res *engine.Result) []Trace {
	var out []Trace
	for m, mon := range plan.Monitors {
		tr := res.Traces[m]
		t := Trace{Name: mon.Name, Group: plan.Views[mon.View].Name, Data: tr.Data}
		for _, i := range mon.Indices {
			t.Index = append(t.Index, int64(i))
		}
		t.T = make([]float64, len(tr.Steps))
		for k, s := range tr.Steps {
			t.T[k] = float64(s) * plan.DT
		}
		for _, v := range mon.Vars {
			t.Vars = append(t.Vars, v.Name)
			t.Units = append(t.Units, v.Dim.String())
		}
		out = append(out, t)
	}
	return out
}

// Connectivity returns the dense matrix of root group g's cells (rows:
// presynaptic, columns: postsynaptic) with the synapses of each projection in
// values set to its value; other entries are 0.
func Connectivity(plan *build.Plan, g int, values map[int]float64) (n int, m []float64) {
	n = plan.Groups[g].N
	m = make([]float64, n*n)
	for k, v := range values {
		p := plan.Projections[k]
		pre, post := plan.Views[p.Pre], plan.Views[p.Post]
		for i := 0; i < p.Conn.NPre; i++ {
			for k := p.Conn.RowPtr[i]; k < p.Conn.RowPtr[i+1]; k++ {
				m[(pre.Start+i)*n+post.Start+int(p.Conn.Post(k))] = v
			}
		}
	}
	return n, m
}

// Events returns the number of synaptic events the run delivered: for every
// spike of a presynaptic cell, one per synapse it has.
func Events(plan *build.Plan, res *engine.Result) int64 {
	var n int64
	for _, p := range plan.Projections {
		pre := plan.Views[p.Pre]
		counts := res.Counts[pre.Group][pre.Start : pre.Start+pre.N]
		for i, c := range counts {
			n += c * (p.Conn.RowPtr[i+1] - p.Conn.RowPtr[i])
		}
	}
	return n
}

// Rate is a population rate: spikes of a group counted in bins.
type Rate struct {
	Name   string
	Group  string
	T      []float64 // [bins] start of each bin, s
	Count  []int64   // [bins] spikes in the bin
	RateHz []float64 // [bins] spikes per cell per second
}

// Rates returns the population rate monitors' bins over the completed part
// of the run; a last, shorter bin is divided by its own length.
func Rates(plan *build.Plan, res *engine.Result) []Rate {
	var out []Rate
	for m, rm := range plan.Rates {
		view := plan.Views[rm.View]
		bin := max(1, rm.Bin)
		r := Rate{Name: rm.Name, Group: view.Name}
		from := plan.RecordFrom
		for b := int64(0); from+b*bin < res.Completed && b < int64(len(res.Rates[m])); b++ {
			steps := min(bin, res.Completed-from-b*bin)
			c := res.Rates[m][b]
			r.T = append(r.T, float64(from+b*bin)*plan.DT)
			r.Count = append(r.Count, c)
			r.RateHz = append(r.RateHz, float64(c)/(float64(view.N)*float64(steps)*plan.DT))
		}
		out = append(out, r)
	}
	return out
}

// SynapseMean is the mean of a variable over a projection's synapses.
type SynapseMean struct {
	Name       string
	Projection string
	Var        string
	T          []float64 // [samples] s
	Mean       []float64 // [samples]
}

// SynapseMeans returns the synapse monitors' samples over the completed part
// of the run.
func SynapseMeans(plan *build.Plan, res *engine.Result) []SynapseMean {
	var out []SynapseMean
	for m, sm := range plan.SynapseMonitors {
		s := SynapseMean{Name: sm.Name, Projection: plan.Projections[sm.Projection].Name, Var: sm.Var, Mean: res.SynapseMeans[m]}
		for k := range s.Mean {
			s.T = append(s.T, float64(plan.RecordFrom+int64(k)*max(1, sm.Every))*plan.DT)
		}
		out = append(out, s)
	}
	return out
}
