package engine

import (
	"fmt"
	"math"

	"github.com/volleysim/volley/build"
)

// synFixed is the fixed-point scale of synapse monitor sums: integer sums
// are the same in any order, so the means do not depend on how the synapses
// are split between workers.
const synFixed = 1 << 40

// synapseSamplers returns the function that reads each synapse monitor's
// variable.
func synapseSamplers(plan *build.Plan) ([]func(int, int64) float64, error) {
	var out []func(int, int64) float64
	for _, sm := range plan.SynapseMonitors {
		pr := plan.Projections[sm.Projection]
		var at func(int, int64) float64
		switch {
		case pr.STP != nil:
			at = pr.STP.Sampler(sm.Var)
		case pr.Syn != nil:
			if d, of := pr.Syn.Var(sm.Var), pr.Syn.OfCSR; d != nil {
				at = func(k int, _ int64) float64 { return d[of[k]] }
			}
		}
		if at == nil {
			return nil, fmt.Errorf("engine: synapse monitor %q: projection has no plastic variable %q", sm.Name, sm.Var)
		}
		out = append(out, at)
	}
	return out, nil
}

// newSynapseSums allocates [monitors][workers][samples] sums.
func newSynapseSums(plan *build.Plan, workers int) [][][]int64 {
	var out [][][]int64
	for _, sm := range plan.SynapseMonitors {
		every := max(1, sm.Every)
		n := (plan.Steps - plan.RecordFrom + every - 1) / every
		per := make([][]int64, workers)
		for w := range per {
			per[w] = make([]int64, max(0, n))
		}
		out = append(out, per)
	}
	return out
}

// sampleSynapses adds, for every synapse monitor due at step n, the values
// of the synapses onto worker w's cells at the start of step n.
func (r *runner) sampleSynapses(w int, n int64) {
	plan := r.plan
	if n < plan.RecordFrom {
		return
	}
	for m, sm := range plan.SynapseMonitors {
		every := max(1, sm.Every)
		if (n-plan.RecordFrom)%every != 0 {
			continue
		}
		pr, at := plan.Projections[sm.Projection], r.samplers[m]
		post := plan.Views[pr.Post]
		lo, hi := r.part[post.Group][w], r.part[post.Group][w+1]
		clo, chi := int32(max(0, lo-post.Start)), int32(min(post.N, hi-post.Start))
		var sum int64
		if s := pr.Syn; s != nil && clo < chi {
			// stored by post cell: each cell's synapses are summed in
			// their fixed order (see cellSum), then the cells' sums in
			// fixed point
			d, ptr := s.Var(sm.Var), s.PostPtr
			for c := clo; c < chi; c++ {
				sum += int64(math.Round(cellSum(d[ptr[c]:ptr[c+1]]) * synFixed))
			}
			r.synSums[m][w][(n-plan.RecordFrom)/every] += sum
			continue
		}
		for row := 0; row < pr.Conn.NPre && clo < chi; row++ {
			a, b := rowSpan(pr.Conn, pr.Conn.RowPtr[row], pr.Conn.RowPtr[row+1], clo, chi, int32(post.N))
			for k := a; k < b; k++ {
				sum += int64(math.Round(at(int(k), n) * synFixed))
			}
		}
		r.synSums[m][w][(n-plan.RecordFrom)/every] += sum
	}
}

// synapseMeans returns the monitors' means over the samples taken so far.
func (r *runner) synapseMeans() [][]float64 {
	var out [][]float64
	for m, sm := range r.plan.SynapseMonitors {
		nsyn := float64(r.plan.Projections[sm.Projection].Conn.Len())
		sums := r.synapseTotals(m)
		means := make([]float64, r.samplesBefore(max(1, sm.Every), r.completed))
		for k := range means {
			means[k] = float64(sums[k]) / synFixed / nsyn
		}
		out = append(out, means)
	}
	return out
}

// synapseTotals adds up the workers' sums of monitor m.
func (r *runner) synapseTotals(m int) []int64 {
	per := r.synSums[m]
	total := make([]int64, len(per[0]))
	for _, s := range per {
		for k, v := range s {
			total[k] += v
		}
	}
	return total
}

// cellSum returns the sum of xs in four interleaved partial sums, combined
// as (s0 + s1) + (s2 + s3): a fixed order, so the same bits for any number
// of threads, and four additions in flight instead of one chain.
func cellSum(xs []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		x := xs[i : i+4 : i+4]
		s0 += x[0]
		s1 += x[1]
		s2 += x[2]
		s3 += x[3]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i]
	}
	return (s0 + s1) + (s2 + s3)
}
