package engine

import (
	"math"
	"unsafe"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
)

// emptySlot is the value of a ring entry that holds no input: −0, which
// added to any x gives x (+0 would turn a −0 into +0). A slot can therefore
// be applied whole, where no list says which entries hold input, with the
// same result as entry by entry (see touchList).
func emptySlot() float64 { return math.Copysign(0, -1) }

// fill sets every element of xs to v.
func fill(xs []float64, v float64) {
	for i := range xs {
		xs[i] = v
	}
}

// ring is the delay buffer of one input: slots[(n+d) % len(slots)] collects
// what arrives d steps after step n.
type ring struct {
	target  []float64
	group   int
	slots   [][]float64    // [maxDelay+1][cells of the group]
	touched [][]*touchList // [maxDelay+1][workers] where each worker wrote into each slot
}

// touchList records which cells of a worker's block a slot holds input for, as
// rows of the connectivity table, so that applying the slot costs in proportion
// to the synaptic events rather than to the cells. Once the rows hold more
// entries than the block has cells, or a write is not recorded as a row, the
// list is marked dense and the whole block is applied. A cell listed twice is
// harmless: its slot value is added once and then empty.
type touchList struct {
	rows  []touchedRow
	n     int // entries in rows
	dense bool
	_     [pairBytes - sliceBytes - intBytes - 1]byte
}

// touchedRows is the room a touch list's rows start with: those that fill
// a pair of cache lines, so that the array, which its worker writes, lies
// on a pair of its own (see perWorker) and grows into larger ones; grown
// by append from nothing, its first arrays of 32 and 64 bytes could share
// a pair with another worker's.
const touchedRows = int(pairBytes / unsafe.Sizeof(touchedRow{}))

// touchedRow is a row part [a, b) of a connectivity table whose columns,
// offset by off, are cells of the ring's group.
type touchedRow struct {
	off  int
	a, b int64
	conn *connect.CSR
}

// deliver adds the weights of the spikes of step n, spikes ([groups]
// [workers]), those of which, into the rings of worker w's cells. A plastic synapse scales
// its weight by what it releases; its state belongs to the worker of its
// post cell, so no two workers touch it.
func (r *runner) deliver(w int, n int64, spikes [][]*spikeList, which spikeSet) {
	r.claimTargets(w)
	for i := range r.routes[w] {
		rt := &r.routes[w][i]
		if rt.clo >= rt.chi {
			continue // the worker owns no cell of the post view
		}
		from, to := 0, r.workers // the workers whose spikes
		switch {
		case which == ownSpikes && !rt.own:
			continue
		case which == ownSpikes:
			to = 1
		case which == otherSpikes && rt.own:
			from = 1
		}
		lists := spikes[rt.pre][from:to]
		if silent(lists) {
			continue
		}
		pr := rt.pr
		if col16 := pr.Conn.Col16; col16 != nil {
			parts := spikingParts(r, w, rt, lists, col16)
			deliverParts(rt.rg, w, n, pr, rt.start, rt.cells, parts, col16)
		} else {
			parts := spikingParts(r, w, rt, lists, pr.Conn.Col)
			deliverParts(rt.rg, w, n, pr, rt.start, rt.cells, parts, pr.Conn.Col)
		}
	}
}

// deliverParts adds the weights of projection pr's row parts, whose columns
// col are cells start+c of the ring rg's group, into rg for worker w at
// step n; the worker's block has so many cells.
func deliverParts[C column](rg *ring, w int, n int64, pr *build.Projection, start, cells int, parts []rowPart, col []C) {
	nslots := int64(len(rg.slots))
	if pr.Delays == nil && pr.STP == nil {
		// One delay for every synapse: the slot, its touch list and the
		// buffer are the same for all parts, found once (coba on two
		// threads took 0.974 times as long as with them found at every
		// part, and 0.988 with the order of the runs reversed; 15
		// alternating pairs each). A zero delay acts this step: straight
		// into the target, which only this worker writes, as Brian2's
		// on_pre does.
		slot := (n + int64(pr.Delay)) % nslots
		buf := rg.slots[slot][start:]
		var touched *touchList
		if pr.Delay == 0 {
			buf = rg.target[start:]
		} else {
			touched = rg.touched[slot][w]
		}
		for _, pt := range parts {
			cols := col[pt.a:pt.b]
			if pr.Weights == nil {
				addShared(buf, cols, pr.Weight)
			} else {
				ws := pr.Weights[pt.a : pt.a+int64(len(cols))]
				for k, c := range cols {
					buf[c] += ws[k]
				}
			}
			if touched != nil {
				touched.add(start, pt, pr.Conn, cells)
			}
		}
		return
	}
	for _, pt := range parts {
		a := pt.a
		cols := col[pt.a:pt.b]
		for k, c := range cols {
			wt, d := pr.Weight, pr.Delay
			if pr.Weights != nil {
				wt = pr.Weights[a+int64(k)]
			}
			if pr.Delays != nil {
				d = pr.Delays[a+int64(k)]
			}
			if pr.STP != nil {
				wt *= pr.STP.Release(int(a)+k, n)
			}
			if d == 0 {
				rg.target[start+int(c)] += wt
				continue
			}
			slot := (n + int64(d)) % nslots
			rg.slots[slot][start+int(c)] += wt
			rg.touched[slot][w].dense = true
		}
	}
}

// spikeSet is which spikes a delivery of worker 0 takes: all, or its own
// through the projections of ownFirst before the barrier opens and the
// rest after.
type spikeSet int

const (
	allSpikes spikeSet = iota
	ownSpikes
	otherSpikes
)

// ownFirst returns, per projection of plan, whether worker 0 may deliver
// its own spikes through it before it has the other workers' (between
// announcing itself at the barrier and waiting there), with an epoch of
// so many steps. Into a cell, input is summed by step, then projection,
// then worker; worker 0's spikes through a projection come right after
// those of the step's earlier projections into the same variable. So a
// projection qualifies when it is the first into its variable and every
// ring slot receives from one step of an epoch only: epochs of one step,
// or projections into the variable all with one delay for every synapse.
func ownFirst(plan *build.Plan, epoch int64) []bool {
	first := make([]bool, len(plan.Projections))
	seen := make(map[int]bool)
	any := false
	for p, pr := range plan.Projections {
		if pr.Input < 0 || seen[pr.Input] {
			continue
		}
		seen[pr.Input] = true
		first[p] = true
		if epoch == 1 {
			any = true
			continue
		}
		for _, q := range plan.Projections {
			if q.Input == pr.Input && (q.Delays != nil || q.Delay != pr.Delay) {
				first[p] = false
			}
		}
		any = any || first[p]
	}
	if !any {
		return nil
	}
	return first
}

// rowPart is a worker's part of a row of a connectivity table: its synapses
// [a, b).
type rowPart struct{ a, b int64 }

// rowParts is the list of a projection's row parts that a worker delivers
// in a step, padded to a pair of cache lines: each worker writes its own
// list's header at every projection and step, and in an unpadded array of
// headers the two workers' writes took the line from each other (in coba, a
// quarter of spikingParts' time went to loading the header, the line's other
// objects' loads stalled too).
type rowParts struct {
	list []rowPart
	_    [pairBytes - sliceBytes]byte
}

// A worker asks for the lines of its parts of the rows that spiked (their
// columns, and their weights and delays where they have their own) before it
// delivers any: a part read from memory then arrives with many others'
// lines in flight, rather than one part after another, each waiting for its
// first line and for the processor's prefetcher to find its stream. Each
// part's first prefetchSynapses synapses are asked for, and whole parts of
// up to prefetchPart synapses while what a projection's step asks for stays
// within prefetchBudget bytes, about a first-level cache, so that the lines
// are not evicted before they are read. tian2020 (parts of 1250 columns on
// two workers, 2500 on one) ran as fast with 4 first lines as with 32, and
// whole parts within the budget took 2% (one worker) and 4% (two) less than
// first lines only; in BenchmarkDelivery's ten rows of 4000 synapses with
// weights, 480 KB a step, whole parts without a budget took 30% longer.
const (
	prefetchSynapses = 256
	prefetchPart     = 4096
	prefetchBudget   = 48 << 10
)

// spikingParts returns worker w's parts of the rows of route rt's
// projection of the cells that spiked, lists (the spikes of the pre view's
// group by some of the workers), in the order of the lists, and asks for
// their lines (see prefetchSynapses). Empty parts are left out. Each row's
// bounds are read once: a first pass lists the whole rows and asks for the
// columns their parts' searches read, a second trims them to the worker's
// parts in place; where the parts of short rows are kept in a table
// (rowSpans), the first pass lists them.
func spikingParts[C column](r *runner, w int, rt *route, lists []*spikeList, col []C) []rowPart {
	pr := rt.pr
	// columns c of the CSR address cell post.Start+c; worker w owns [clo, chi)
	clo, chi := rt.clo, rt.chi
	parts := r.parts[w].list[:0]
	whole := rt.whole()
	first, end := rt.first, rt.end
	rowPtr := pr.Conn.RowPtr
	spans := rt.spans // the parts found once for the worker's block, if kept
	for _, l := range lists {
		for _, s := range l.cells {
			if s < first || s >= end {
				continue
			}
			row := int(s - first)
			a, b := rowPtr[row], rowPtr[row+1]
			if a == b {
				continue
			}
			if spans != nil {
				if i, j := spans.part(a, row); i < j {
					parts = append(parts, rowPart{i, j})
				}
				continue
			}
			if !whole {
				// the searches for the part's bounds, each a chain of
				// loads, read the lines asked for here
				prefetchSpan(col[a:b], clo, chi, rt.n)
			}
			parts = append(parts, rowPart{a, b})
		}
	}
	colBytes := int64(unsafe.Sizeof(col[0]))
	perSynapse := colBytes // bytes of a synapse's column, weight and delay
	if pr.Weights != nil {
		perSynapse += 8
	}
	if pr.Delays != nil {
		perSynapse += 4
	}
	var asked int64 // bytes asked for
	kept := 0
	for _, pt := range parts {
		a, b := pt.a, pt.b
		// a short row's columns were asked for whole by prefetchSpan
		askCols := whole || spans != nil || b-a >= nearRow
		if !whole && spans == nil {
			i, j := columnSpan(col[a:b], clo, chi, rt.n)
			a, b = a+int64(i), a+int64(j)
		}
		if a == b {
			continue
		}
		k := min(b-a, prefetchPart)
		if asked+k*perSynapse > prefetchBudget {
			k = min(b-a, prefetchSynapses)
		}
		asked += k * perSynapse
		if askCols {
			prefetch(unsafe.Pointer(&col[a]), lines(k*colBytes))
		}
		if pr.Weights != nil {
			prefetch(unsafe.Pointer(&pr.Weights[a]), lines(k*8))
		}
		if pr.Delays != nil {
			prefetch(unsafe.Pointer(&pr.Delays[a]), lines(k*4))
		}
		parts[kept] = rowPart{a, b}
		kept++
	}
	parts = parts[:kept]
	r.parts[w].list = parts
	return parts
}

// lines returns how many cache lines n bytes fill.
func lines(n int64) int { return int((n + cacheLine - 1) / cacheLine) }

// addShared adds wt to buf[c] for each column c, four at a time: the
// processor overlaps the four read-modify-writes (a multapse, two equal
// columns in a row, forwards its first store to the second load) and pays
// the loop's own cost a quarter as often.
func addShared[C column](buf []float64, cols []C, wt float64) {
	for ; len(cols) >= 4; cols = cols[4:] {
		c0, c1, c2, c3 := cols[0], cols[1], cols[2], cols[3]
		buf[c0] += wt
		buf[c1] += wt
		buf[c2] += wt
		buf[c3] += wt
	}
	for _, c := range cols {
		buf[c] += wt
	}
}

// lowerBound returns the first index of sorted cols whose value is ≥ x.
// The search halves the range by arithmetic rather than a branch, which
// mispredicts on every other probe of random rows: the sign of an int64
// difference of two int32, which cannot overflow, masks the step.
func lowerBound[C column](cols []C, x int32) int {
	if len(cols) == 0 {
		return 0
	}
	base := 0
	for n := len(cols); n > 1; {
		half := n >> 1
		base += half & int((int64(cols[base+half])-int64(x))>>63)
		n -= half
	}
	return base + int(uint64(int64(cols[base])-int64(x))>>63)
}

// add records that the columns of part pt of conn, offset by off, received
// input; limit is the block size.
func (t *touchList) add(off int, pt rowPart, conn *connect.CSR, limit int) {
	if t.dense {
		return
	}
	t.n += int(pt.b - pt.a)
	if t.n > limit {
		t.dense = true
		return
	}
	t.rows = append(t.rows, touchedRow{off: off, a: pt.a, b: pt.b, conn: conn})
}

// apply adds the ring slot of step n into the target variables of worker w's
// cells and empties it.
func (r *runner) apply(w int, n int64) {
	empty := emptySlot()
	for i := range r.rings {
		rg := &r.rings[i]
		k := n % int64(len(rg.slots))
		slot, x := rg.slots[k], rg.target
		t := rg.touched[k][w]
		if t.dense {
			lo, hi := r.part[rg.group][w], r.part[rg.group][w+1]
			s := slot[lo:hi]
			xs := x[lo:hi]
			xs = xs[:len(s)]
			for j, v := range s { // adding an empty entry leaves x unchanged
				xs[j] += v
				s[j] = empty
			}
		} else {
			for _, row := range t.rows {
				s, xs := slot[row.off:], x[row.off:]
				if col16 := row.conn.Col16; col16 != nil {
					applyRow(xs, s, col16[row.a:row.b], empty)
				} else {
					applyRow(xs, s, row.conn.Col[row.a:row.b], empty)
				}
			}
		}
		t.rows, t.n, t.dense = t.rows[:0], 0, false
	}
}

// applyRow adds the ring slot's entries s[c] of columns cols into xs[c]
// and empties them.
func applyRow[C column](xs, s []float64, cols []C, empty float64) {
	for _, c := range cols {
		xs[c] += s[c]
		s[c] = empty
	}
}
