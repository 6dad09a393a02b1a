package engine

import "github.com/volleysim/volley/hugepage"

// record appends the spikes of step n, spikes ([groups][workers]), to the
// spike monitors.
func (r *runner) record(n int64, spikes [][]*spikeList) {
	if n < r.plan.RecordFrom {
		return // burn-in
	}
	for m, rm := range r.plan.Rates {
		view := r.plan.Views[rm.View]
		lo, hi := int32(view.Start), int32(view.Start+view.N)
		var c int64
		for v := range spikes[view.Group] {
			list := spikes[view.Group][v]
			for _, s := range list.cells {
				if s >= lo && s < hi {
					c++
				}
			}
		}
		r.rates[m][(n-r.plan.RecordFrom)/max(1, rm.Bin)] += c
	}
	for g := range r.plan.Groups {
		if !r.rec[g] {
			continue
		}
		o := &r.out[g]
		k := 0
		for v := range spikes[g] {
			list := spikes[g][v]
			k += len(list.cells)
		}
		if len(o.Step)+k > cap(o.Step) {
			o.Step, o.Cell = growSpikes(o.Step, o.Cell, k)
		}
		for v := range spikes[g] {
			list := spikes[g][v]
			for _, s := range list.cells {
				o.Step = append(o.Step, n)
				o.Cell = append(o.Cell, s)
			}
		}
		if r.spikeSink != nil && len(o.Step) >= r.spikeChunk {
			r.flushSpikes(g)
		}
	}
}

// growSpikes returns the spike record step, cell with room for k more
// spikes: first firstSpikeRoom, then twice the room it had and at least
// hugeSpikeRoom, in arrays that the kernel is advised to back with huge
// pages. Appending to fresh memory costs a page fault per 4 KiB page (about
// 10 µs each in the development VM), and append's own growth copies into
// fresh memory at every doubling; worker 0 records while the other workers
// wait for the next step, so on coba at two workers this was 5–7 ms of every
// simulated second. A huge page costs more to map than a few small ones: with
// a first room of a million spikes tian2020 (8 thousand spikes in 100 ms)
// ran in 0.031 s against 0.027 s with this one (medians of 7 alternating
// runs, 1 thread), so a record starts small.
func growSpikes(step []int64, cell []int32, k int) ([]int64, []int32) {
	c := max(len(step)+k, firstSpikeRoom)
	if cap(step) > 0 {
		c = max(c, 2*cap(step), hugeSpikeRoom)
	}
	s2 := hugepage.MakeCap[int64](len(step), c)
	c2 := hugepage.MakeCap[int32](len(cell), c)
	copy(s2, step)
	copy(c2, cell)
	return s2, c2
}

const (
	// firstSpikeRoom is the room of a spike record's first arrays.
	firstSpikeRoom = 1 << 16
	// hugeSpikeRoom is the smallest room of a record's later arrays:
	// enough spikes that both arrays reach hugepage.MinBytes.
	hugeSpikeRoom = hugepage.MinBytes / 4
)

// flushSpikes hands group g's recorded spikes to the spike sink.
func (r *runner) flushSpikes(g int) {
	o := &r.out[g]
	if r.sinkErr == nil && len(o.Step) > 0 {
		if err := r.spikeSink(g, o.Step, o.Cell); err != nil {
			r.sinkErr = err
		}
	}
	o.Step, o.Cell = o.Step[:0], o.Cell[:0]
}
