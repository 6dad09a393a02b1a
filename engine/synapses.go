package engine

import "github.com/volleysim/volley/build"

// synQueue holds, for one projection of equation-defined synapses and one
// worker, the synapses whose presynaptic spike arrives at each coming step:
// slot (n mod len) lists them in the order their spikes were emitted.
type synQueue struct {
	slots [][]int32
}

// newSynQueues makes the queues of every projection with on_pre statements.
func newSynQueues(plan *build.Plan, workers int) [][]synQueue {
	qs := make([][]synQueue, len(plan.Projections))
	for p, pr := range plan.Projections {
		if pr.Syn == nil || !pr.Syn.HasOnPre() {
			continue
		}
		qs[p] = make([]synQueue, workers)
		for w := range qs[p] {
			qs[p][w].slots = make([][]int32, pr.MaxDelay()+1)
		}
	}
	return qs
}

// postColumns returns the columns [clo, chi) of projection pr's post view
// whose cells worker w owns.
func (r *runner) postColumns(pr *build.Projection, w int) (int32, int32) {
	post := r.plan.Views[pr.Post]
	lo, hi := r.part[post.Group][w], r.part[post.Group][w+1]
	return int32(max(0, lo-post.Start)), int32(min(post.N, hi-post.Start))
}

// synapseUpdate is the groups-slot work of equation-defined synapses for
// worker w at step n, before the cells' update: the summed variables, then
// one step of the clock-driven variables.
func (r *runner) synapseUpdate(w int, n int64) {
	for _, pr := range r.plan.Projections {
		s := pr.Syn
		if s == nil {
			continue
		}
		clo, chi := r.postColumns(pr, w)
		if clo >= chi {
			continue
		}
		s.Sum(int(clo), int(chi), n)
		s.ClockStep(int(s.PostPtr[clo]), int(s.PostPtr[chi]), n)
	}
}

// synapseEvents runs, for worker w at step n, on_pre of the synapses whose
// presynaptic spike arrives (spikes of this step are queued first, so a
// delay of 0 runs at once), then on_post of the synapses of the cells that
// fired: Brian2 runs every pre pathway before every post pathway. spikes
// ([groups][workers]) holds the cells that spiked at n.
func (r *runner) synapseEvents(w int, n int64, spikes [][]*spikeList) {
	plan := r.plan
	for p, pr := range plan.Projections {
		q := r.synq[p]
		if q == nil {
			continue
		}
		s := pr.Syn
		clo, chi := r.postColumns(pr, w)
		slots := q[w].slots
		nslots := int64(len(slots))
		if clo < chi {
			pre, post := plan.Views[pr.Pre], plan.Views[pr.Post]
			whole := clo == 0 && chi == int32(post.N)
			first, end := int32(pre.Start), int32(pre.Start+pre.N)
			for v := range spikes[pre.Group] {
				list := spikes[pre.Group][v]
				for _, c := range list.cells {
					if c < first || c >= end {
						continue
					}
					row := int(c - first)
					a, b := pr.Conn.RowPtr[row], pr.Conn.RowPtr[row+1]
					if !whole {
						a, b = rowSpan(pr.Conn, a, b, clo, chi, int32(post.N))
					}
					for k := a; k < b; k++ {
						d := pr.Delay
						if pr.Delays != nil {
							d = pr.Delays[k]
						}
						slot := (n + int64(d)) % nslots
						slots[slot] = append(slots[slot], s.OfCSR[k])
					}
				}
			}
		}
		now := n % nslots
		for _, k := range slots[now] {
			s.OnPre(int(k), n)
		}
		slots[now] = slots[now][:0]
	}
	for _, pr := range plan.Projections {
		s := pr.Syn
		if s == nil || !s.HasOnPost() {
			continue
		}
		post := plan.Views[pr.Post]
		first, end := int32(post.Start), int32(post.Start+post.N)
		for _, c := range spikes[post.Group][w].cells {
			if c < first || c >= end {
				continue
			}
			col := c - first
			for k := s.PostPtr[col]; k < s.PostPtr[col+1]; k++ {
				s.OnPost(int(k), n)
			}
		}
	}
}

// SynapseState is the state of a projection of equation-defined synapses.
type SynapseState struct {
	Vars       [][]float64 // in the order of build.Synapses.Vars
	LastUpdate []int64
	ClockLast  []int64 // lazy clock-driven synapses: the step each was advanced through
	// Queue lists, for each coming step (slot n mod len), the synapses whose
	// spike arrives then, in the order they were queued.
	Queue [][]int32
	// Sums are the summed variables kept as accumulators, per post cell.
	Sums [][]float64
}

// synapseState copies the state of projection p.
func (r *runner) synapseState(p int) SynapseState {
	s := r.plan.Projections[p].Syn
	if s == nil {
		return SynapseState{}
	}
	st := SynapseState{LastUpdate: append([]int64(nil), s.LastUpdate...), ClockLast: append([]int64(nil), s.ClockLast...)}
	for _, v := range s.Vars {
		st.Vars = append(st.Vars, append([]float64(nil), v.Data...))
	}
	for _, a := range s.Accumulators() {
		st.Sums = append(st.Sums, append([]float64(nil), a...))
	}
	if q := r.synq[p]; q != nil {
		st.Queue = make([][]int32, len(q[0].slots))
		for slot := range st.Queue {
			st.Queue[slot] = []int32{}
			for w := range q {
				st.Queue[slot] = append(st.Queue[slot], q[w].slots[slot]...)
			}
		}
	}
	return st
}

// restoreSynapses sets the state of projection p; queued synapses go to the
// worker that owns their post cell, in their saved order.
func (r *runner) restoreSynapses(p int, st SynapseState) bool {
	pr := r.plan.Projections[p]
	s := pr.Syn
	if s == nil {
		return st.Vars == nil && st.LastUpdate == nil
	}
	if len(st.Vars) != len(s.Vars) || len(st.LastUpdate) != s.N {
		return false
	}
	for i, v := range s.Vars {
		if len(st.Vars[i]) != s.N {
			return false
		}
		copy(v.Data, st.Vars[i])
	}
	copy(s.LastUpdate, st.LastUpdate)
	if len(st.ClockLast) != len(s.ClockLast) {
		return false
	}
	copy(s.ClockLast, st.ClockLast)
	acc := s.Accumulators()
	if len(acc) != len(st.Sums) {
		return false
	}
	for i, a := range acc {
		if len(a) != len(st.Sums[i]) {
			return false
		}
		copy(a, st.Sums[i])
	}
	q := r.synq[p]
	if q == nil {
		return st.Queue == nil
	}
	if len(st.Queue) != len(q[0].slots) {
		return false
	}
	post := r.plan.Views[pr.Post]
	for slot, list := range st.Queue {
		for w := range q {
			q[w].slots[slot] = q[w].slots[slot][:0]
		}
		for _, k := range list {
			if k < 0 || int(k) >= s.N {
				return false
			}
			w := r.owner(post.Group, post.Start+int(s.Post[k]))
			q[w].slots[slot] = append(q[w].slots[slot], k)
		}
	}
	return true
}
