package engine

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/hugepage"
)

// Options control a run.
type Options struct {
	// Threads is the number of workers (≥ 1). Small networks use fewer
	// workers than asked (see Workers); results do not depend on it.
	Threads int
	// Progress, if not nil, is called from one worker with the number of steps
	// done, about every 1% of the run and at the end.
	Progress func(done, total int64)
	// From, if not nil, continues a run from a snapshot of the same plan
	// instead of starting from the plan's initial state at step 0.
	From *Snapshot
	// Until, if positive, stops the run after this many steps in total
	// (counted from step 0); the plan's Steps otherwise.
	Until int64
	// Sink, if not nil, receives the samples of the state monitors in
	// chunks of ChunkSamples samples (4096 if 0) as the run goes, so that
	// recording needs memory for two chunks, not for the whole run; the
	// Result then holds no samples. first is the index of the chunk's first
	// sample (sample s is taken at step s·every); data is [vars][cells][n].
	// The call comes from one worker while the others go on; data is valid
	// only during the call.
	Sink         func(monitor int, first int64, data [][][]float64) error
	ChunkSamples int64
	// SpikeSink, if not nil, receives the recorded spikes of each root group
	// in time order, in chunks of about SpikeChunk spikes (65536 if 0); the
	// Result then holds none. The slices are valid only during the call.
	SpikeSink  func(group int, steps []int64, cells []int32) error
	SpikeChunk int
	// KeepState makes Result.State hold a copy of the state at the end of a
	// run that completed, to extend it later. A run that stops before the
	// plan's end (Until, cancelled, a numerical error) always has one;
	// otherwise none is made, which would copy every state variable and
	// pending input of the network.
	KeepState bool
}

// Workers returns the number of workers a run of plan with the given thread
// count uses: at most one per minWorkerNanos of estimated work per step, so
// that tiny or very cheap networks do not pay for synchronisation (about
// 0.4 µs per barrier on two cores, plus the spike lists every worker reads)
// that their work cannot repay. A group's work is its cells times its
// kernel's build.Coster estimate, defaultCellCost without one.
func Workers(plan *build.Plan, threads int) int {
	var work float64
	for _, g := range plan.Groups {
		work += float64(cellCost(g) * float64(g.N)) // float64: no fused multiply-add
	}
	return max(1, min(threads, int(work/minWorkerNanos)))
}

// cellCost returns the estimated nanoseconds of a cell-step of group g: its
// kernel's build.Coster estimate, defaultCellCost without one.
func cellCost(g *build.Group) float64 {
	if c, ok := g.Kernel.(build.Coster); ok {
		return c.CellCost()
	}
	return defaultCellCost
}

const (
	// minWorkerNanos is the least estimated work per step, in
	// nanoseconds, that a worker is given: cuba's LIF step, 3.6 µs with
	// AVX2, ran slower on two workers than on one (0.043–0.044 against
	// 0.035–0.038 s), and 6.8 µs without ran faster (0.062–0.069 against
	// 0.081–0.092 s; alternating runs, 2026-12-03).
	minWorkerNanos = 3000
	// defaultCellCost is the cost of a cell-step of a kernel that does
	// not estimate its own: one worker per 1024 cells.
	defaultCellCost = minWorkerNanos / 1024.0
)

// Run simulates plan for plan.Steps steps. It returns the recorded data even
// when the run stops early: on a NaN or Inf (a *NumericalError) or when ctx is
// cancelled (ctx.Err()); Result.Completed tells how far it got.
func Run(ctx context.Context, plan *build.Plan, opts Options) (*Result, error) {
	return run(ctx, plan, opts, nil)
}

// run is Run with the runner changed by adjust, if not nil, before it
// starts: for tests.
func run(ctx context.Context, plan *build.Plan, opts Options, adjust func(*runner)) (*Result, error) {
	r, err := newRunner(plan, Workers(plan, max(1, opts.Threads)), opts.Sink != nil)
	if err != nil {
		return nil, err
	}
	if adjust != nil {
		adjust(r)
	}
	r.ctx = ctx
	r.progress = opts.Progress
	if opts.Until > 0 {
		r.end = min(opts.Until, plan.Steps)
	}
	if opts.From != nil {
		if err := r.restore(opts.From); err != nil {
			return nil, err
		}
	}
	if opts.Sink != nil {
		r.chunked(opts.Sink, opts.ChunkSamples)
	}
	r.spikeSink, r.spikeChunk = opts.SpikeSink, opts.SpikeChunk
	if r.spikeChunk <= 0 {
		r.spikeChunk = 1 << 16
	}
	var wg sync.WaitGroup
	for w := 1; w < r.workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r.work(w)
		}(w)
	}
	r.work(0)
	wg.Wait()
	res := r.result()
	if opts.KeepState || r.completed < plan.Steps {
		res.State = r.snapshot()
	}
	if r.sinkErr != nil {
		return res, fmt.Errorf("engine: recording: %w", r.sinkErr)
	}
	if r.numErr != nil {
		return res, r.numErr
	}
	if r.cancelled {
		return res, ctx.Err()
	}
	return res, nil
}

// blockCells is the number of cells updated and thresholded together: a few
// state arrays of this many float64 fit in the first-level cache.
const blockCells = 512

// runner is the state of one run shared by its workers.
type runner struct {
	synq     [][]synQueue // [projection][worker] on_pre events of equation-defined synapses
	readsPre bool         // synaptic statements read presynaptic cells: barriers around them
	plan     *build.Plan
	workers  int
	ctx      context.Context
	progress func(done, total int64)
	bar      *barrier

	part  [][]int       // [groups][workers+1] block bounds of each root group
	parts []*rowParts   // [workers]
	spans [][]*rowSpans // [workers][projections] parts of short rows (newSpans)
	// [workers] what each worker needs to deliver each projection into its
	// cells (see route)
	routes [][]route
	// [projections] those through which worker 0 delivers its own spikes
	// before the others' (see ownFirst); nil where there are none, or one
	// worker
	ownFirst []bool
	epoch    int64 // steps between barriers (see epochSteps)
	// [epoch mod 3][step in epoch][groups][workers] the cells that spiked:
	// those of one epoch while the workers deliver them, those of the next
	// while the workers update their cells, and the first step of the one
	// after while a worker waits at the barrier (lookahead)
	spikes [3][][][]*spikeList
	rings  []ring    // [inputs]
	counts [][]int64 // [groups][cells]
	rec    []bool    // [groups] spikes recorded
	out    []Spikes  // [groups]
	rates  [][]int64 // [rate monitors][bins]
	// [synapse monitors][workers][samples] fixed-point sums
	synSums  [][][]int64
	samplers []func(k int, n int64) float64 // [synapse monitors]
	traces   []Trace                        // [monitors]
	probes   [][]probe                      // [workers] state samples each worker takes

	start      int64 // first step of this run (0, or a snapshot's step)
	end        int64 // steps to reach
	completed  int64
	chunks     *chunking // state monitors streamed to a sink; nil keeps all samples
	spikeSink  func(int, []int64, []int32) error
	spikeChunk int
	sinkErr    error
	flags      []*workerFlags // [workers]
	bal        balancer       // the workers' shares (see balancer)
	numErr     *NumericalError
	cancelled  bool
}

// spikeList holds the cells of a group that one worker found spiking in a
// step. When they are few they lie in the list's first pair of cache lines
// (see pairBytes) beside the slice that points to them, so that a worker
// reading another's list after the barrier fetches them from the other core
// at once, not the header and then the data. More cells stay in spare, the
// array the worker fills, in the list's second pair, which other workers
// never read.
type spikeList struct {
	cells  []int32
	inline [(pairBytes - sliceBytes) / 4]int32
	spare  []int32
	_      [pairBytes - sliceBytes]byte
}

// spareCells is the room a spike list's spare array starts with: a block's
// cells, so that a worker's first steps do not grow it.
const spareCells = blockCells

// newSpikeList returns an empty list with its spare array.
func newSpikeList() *spikeList {
	l := new(spikeList)
	l.spare = make([]int32, 0, spareCells)
	return l
}

// workerFlags is what a worker reports about its cells' numbers, padded to
// a pair of cache lines.
type workerFlags struct {
	busy    atomic.Int64    // nanoseconds computed in measured epochs (see balancer)
	numErr  *NumericalError // the first NaN or Inf found
	suspect bool            // an update reported a non-finite value this step
	_       [pairBytes - 8 - ptrBytes - 1]byte
}

// perWorker returns n structures of type T, each allocated on its own.
// Each T the workers write is padded to whole pairs of cache lines
// (pairBytes), and Go's allocator places an object of such a size on a
// multiple of pairBytes (its size class is the size itself, and its spans
// start on a page): no two workers' structures share a pair. In one array,
// the structures of two workers would share a pair whenever the array did
// not start on one.
func perWorker[T any](n int) []*T {
	xs := make([]*T, n)
	for i := range xs {
		xs[i] = new(T)
	}
	return xs
}

// padded returns make([]T, n) in an array of whole pairs of cache lines,
// which Go's allocator places on a pair of its own (see perWorker), so that
// no other object shares its lines. For the block bounds (runner.part),
// which every worker reads all through every step, and worker 0's spike
// records (runner.out), whose headers it writes at every step: in arrays
// of 24 and 96 bytes they can share lines with other small objects. With
// them padded, coba on two threads took 0.966, 0.986 and 1/1.008 as long,
// tian2020 0.971 (11–15 alternating pairs each), and in a profile of coba
// without synaptic input over 60 s the delivery took 0.21 instead of
// 0.29 s, its search for the spiking rows' parts 0.06 instead of 0.15 s.
func padded[T any](n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	step := pairBytes / gcd(size, pairBytes)
	return make([]T, (n+step-1)/step*step)[:n]
}

// gcd returns the greatest common divisor of a and b.
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// partition splits n cells among workers in contiguous blocks of nearly
// equal size whose inner bounds are placed by blockBound; the last block
// takes the rest.
func partition(n, workers int) []int {
	b := padded[int](workers + 1)
	for w := 1; w < workers; w++ {
		b[w] = min(max(blockBound(float64(n*w)/float64(workers), n, workers), b[w-1]), n)
	}
	b[workers] = n
	return b
}

// blockBound returns the bound between two workers' blocks of a group of n
// cells split among workers, near cell x: on a multiple of cellsPerPage when
// one lies within n/workers/32 cells of x, else on the nearest multiple of
// cellsPerPair. Two workers then never write one pair of cache lines of a
// state array that starts on a page (Go gives every array of 32 KiB or more
// pages of its own), and where a page bound is near, not one page: the
// processor's prefetchers follow a stream within a page only, and a page
// split between two workers is two short streams, each with the other
// worker's lines beside it. In coba on two workers (4000 cells), a bound at
// cell 2048 rather than 2000, 2032 or 2064 took the second worker's updates
// from 124–133 ms to 116–118 ms and its ring slot applications from 24–26
// ms to 20 ms (5 s runs).
func blockBound(x float64, n, workers int) int {
	page := int(x+cellsPerPage/2) / cellsPerPage * cellsPerPage
	if tol := float64(n) / float64(workers) / 32; math.Abs(float64(page)-x) <= tol {
		return page
	}
	return int(x+cellsPerPair/2) / cellsPerPair * cellsPerPair
}

// The sizes of a slice header, a pointer and an int, which the padded
// per-worker structures (spikeList, workerFlags, touchList) count in: on
// 32-bit targets a pointer and an int take 4 bytes, on 64-bit ones 8.
const (
	sliceBytes = unsafe.Sizeof([]int32(nil))
	ptrBytes   = unsafe.Sizeof(uintptr(0))
	intBytes   = unsafe.Sizeof(0)
)

// cellsPerLine, cellsPerPair and cellsPerPage are how many float64 or int64
// values fill a cache line, a pair of lines (pairBytes) and a page of
// memory of 4 KiB.
const (
	cellsPerLine = cacheLine / 8
	cellsPerPair = pairBytes / 8
	cellsPerPage = 4096 / 8
)

// cacheLine is the size of a processor cache line.
const cacheLine = 64

// pairBytes is the size of a pair of cache lines, the unit in which what one
// worker writes every step is padded and placed, so that two workers never
// write the same line (false sharing costs a transfer between cores at every
// write) nor lines of one pair: the second-level cache's adjacent-line
// prefetcher of Intel processors fetches a line's pair with it, which takes
// the other line from the core writing it. In coba on two workers, padding
// to a pair rather than a line took a tenth off the run (0.0637 s to 0.0576
// s, medians of 7 alternating runs).
const pairBytes = 2 * cacheLine

// probe is one sample a worker takes at every recorded step.
type probe struct {
	src     []float64 // state variable
	cell    int       // within the root group
	m, v, k int       // monitor, variable, recorded cell
	every   int64
}

// newRunner prepares a run; streamed monitors get no arrays for the whole
// run (see chunked).
func newRunner(plan *build.Plan, workers int, streamed bool) (*runner, error) {
	if plan.Steps < 0 || !(plan.DT > 0) {
		return nil, fmt.Errorf("engine: plan has %d steps of %g s", plan.Steps, plan.DT)
	}
	r := &runner{plan: plan, workers: workers, bar: newBarrier(workers), end: plan.Steps}
	ng := len(plan.Groups)
	r.part = make([][]int, ng)
	for g, grp := range plan.Groups {
		r.part[g] = partition(grp.N, workers)
	}
	r.epoch = epochSteps(plan)
	for p := range r.spikes {
		r.spikes[p] = make([][][]*spikeList, r.epoch)
		for k := range r.spikes[p] {
			r.spikes[p][k] = make([][]*spikeList, ng)
			for g := range plan.Groups {
				r.spikes[p][k][g] = make([]*spikeList, workers)
				for w := range workers {
					r.spikes[p][k][g][w] = newSpikeList()
				}
			}
		}
	}
	slots := make([]int32, len(plan.Inputs))
	for _, pr := range plan.Projections {
		if pr.Input >= 0 {
			slots[pr.Input] = max(slots[pr.Input], pr.MaxDelay()+1)
		}
	}
	r.synq = newSynQueues(plan, workers)
	if workers > 1 {
		r.ownFirst = ownFirst(plan, r.epoch)
	}
	r.parts = perWorker[rowParts](workers)
	r.spans = newSpans(plan, workers)
	for w := range r.parts {
		// 4 KiB each: arrays of this size start on a page of their own
		r.parts[w].list = make([]rowPart, 0, 256)
	}
	for _, pr := range plan.Projections {
		r.readsPre = r.readsPre || (pr.Syn != nil && pr.Syn.ReadsPre && workers > 1)
	}
	r.rings = make([]ring, len(plan.Inputs))
	for i, in := range plan.Inputs {
		n := plan.Groups[in.Group].N
		rg := ring{target: in.Var.Data, group: in.Group, slots: make([][]float64, max(1, slots[i]))}
		rg.touched = make([][]*touchList, len(rg.slots))
		for s := range rg.slots {
			rg.slots[s] = hugepage.Make[float64](n)
			fill(rg.slots[s], emptySlot())
			rg.touched[s] = perWorker[touchList](workers)
			for _, t := range rg.touched[s] {
				t.rows = make([]touchedRow, 0, touchedRows)
			}
		}
		r.rings[i] = rg
	}
	r.routes = newRoutes(r)
	r.counts = make([][]int64, ng)
	for g, grp := range plan.Groups {
		r.counts[g] = hugepage.Make[int64](grp.N)
	}
	r.rec = make([]bool, ng)
	r.out = padded[Spikes](ng)
	for _, v := range plan.Spikes {
		r.rec[plan.Views[v].Group] = true
	}
	r.traces = make([]Trace, len(plan.Monitors))
	for m, mon := range plan.Monitors {
		every := max(1, mon.Every)
		samples := r.samplesBefore(every, plan.Steps)
		if streamed {
			samples = 0
		}
		tr := Trace{Steps: make([]int64, samples), Data: make([][][]float64, len(mon.Vars))}
		for k := range tr.Steps {
			tr.Steps[k] = plan.RecordFrom + int64(k)*every
		}
		for v := range mon.Vars {
			tr.Data[v] = make([][]float64, len(mon.Indices))
			for k := range mon.Indices {
				tr.Data[v][k] = make([]float64, samples)
			}
		}
		r.traces[m] = tr
	}
	r.assignProbes()
	r.synSums = newSynapseSums(plan, workers)
	var err error
	if r.samplers, err = synapseSamplers(plan); err != nil {
		return nil, err
	}
	for _, rm := range plan.Rates {
		r.rates = append(r.rates, make([]int64, r.samplesBefore(max(1, rm.Bin), plan.Steps)))
	}
	r.flags = perWorker[workerFlags](workers)
	r.bal = newBalancer(plan, workers)
	return r, nil
}

// assignProbes gives every state monitor's sample of a cell to the worker
// that owns the cell, in the workers' lists of before when there are any:
// a change of the workers' blocks (rebalance) then allocates nothing.
func (r *runner) assignProbes() {
	if r.probes == nil {
		r.probes = make([][]probe, r.workers)
	}
	for w := range r.probes {
		r.probes[w] = r.probes[w][:0]
	}
	for m, mon := range r.plan.Monitors {
		every := max(1, mon.Every)
		view := r.plan.Views[mon.View]
		for v, sv := range mon.Vars {
			for k, idx := range mon.Indices {
				cell := view.Start + idx
				w := r.owner(view.Group, cell)
				r.probes[w] = append(r.probes[w], probe{src: sv.Data, cell: cell, m: m, v: v, k: k, every: every})
			}
		}
	}
}

// owner returns the worker that owns cell of root group g.
func (r *runner) owner(g, cell int) int {
	b := r.part[g]
	for w := 0; w < r.workers; w++ {
		if cell < b[w+1] {
			return w
		}
	}
	return r.workers - 1
}

// work is the time loop of worker w. The steps go in epochs of r.epoch
// steps (see epochSteps): the workers update their cells through an epoch,
// meet at a barrier, then each delivers the epoch's spikes into its own
// cells. With epochs of one step the delivery, the rings' application and
// the resets of a step follow its barrier; with longer ones no spike of an
// epoch reaches a cell within it, and each step is finished before the
// next, as NEST does over its min_delay.
//
// With epochs of several steps and several workers, a worker also updates
// the next epoch's first step between announcing itself at the barrier and
// waiting there (lookahead): that update needs no spike of the epoch, which
// act from the step's finish on, after the delivery. A worker that arrives
// first then works instead of waiting for the last (coba on two workers:
// 2–3% faster, alternating runs). The flags agreed at a barrier (stop, new
// shares) therefore act at the end of the next epoch, when no worker has
// updated a step ahead in its old block: a barrier with flags pending
// updates nothing ahead. One worker, which would gain nothing, updates
// nothing ahead, but its flags act an epoch later too, so that a run stops
// at the same step for any number of workers.
func (r *runner) work(w int) {
	plan := r.plan
	every := max(1, plan.Steps/100)
	start := time.Now()
	if w == 0 {
		r.bal.last = start
	}
	// worker 0 writes the balancer's other fields every few epochs; their
	// cache line is the flag's (r.bal.on)
	balance := r.bal.on
	var pending uint32 // flags of the last barrier, to act on after this epoch
	ahead := false     // this epoch's first step was updated at the last barrier
	r.refreshRoutes(w)
	for n0, e := r.start, 0; n0 < r.end; n0, e = n0+r.epoch, e+1 {
		n1 := min(n0+r.epoch, r.end)
		spikes := r.spikes[e%3]
		for n := n0; n < n1; n++ {
			if n > n0 || !ahead {
				r.update(w, n, spikes[n-n0])
			}
			if r.epoch > 1 && n < n1-1 {
				r.finish(w, n, spikes[n-n0])
			}
		}
		// With epochs of several steps the last step's finish waits until
		// the worker has announced itself at the barrier, which it then
		// does while the other workers' announcements come: it reads no
		// other worker's data and none reads what it writes before the
		// next epoch. Unless the update reported a non-finite value, the
		// finish cannot find a NaN (see check), so the flags are those it
		// would leave.
		early := r.epoch > 1 && !r.flags[w].suspect
		if r.epoch > 1 && !early {
			r.finish(w, n1-1, spikes[n1-1-n0])
		}
		var f uint32
		// the cancellation is polled at steps that are multiples of 64
		if w == 0 && (r.sinkErr != nil || ((n1-1)&^63 >= n0 && r.ctx.Err() != nil)) || r.flags[w].numErr != nil {
			f |= flagStop
		}
		if balance && e%balanceEvery == 0 {
			f |= r.measure(w, start, time.Now())
		}
		measureNext := balance && (e+1)%balanceEvery == 0
		// Worker 0's own spikes come first in every sum (see ownFirst)
		own := w == 0 && r.ownFirst != nil
		var next [][]*spikeList // the lists of the next epoch's first step, if updated ahead
		if r.workers > 1 && r.epoch > 1 && pending == 0 && n1 < r.end {
			next = r.spikes[(e+1)%3][0]
		}
		var hidden time.Duration
		f, hidden = r.meet(w, n0, n1, spikes, f, early, own, measureNext, next)
		if measureNext {
			// the next epoch's work starts with this one's delivery, and
			// with what was done while announced at the barrier
			start = time.Now().Add(-hidden)
		}
		r.askSpikes(w, spikes)
		part := allSpikes
		if own {
			part = otherSpikes
		}
		for n := n0; n < n1; n++ {
			r.deliver(w, n, spikes[n-n0], part)
		}
		if r.epoch == 1 {
			r.finish(w, n0, spikes[0])
		}
		if w == 0 {
			for n := n0; n < n1; n++ {
				r.record(n, spikes[n-n0])
				r.flushFull(n)
				if r.progress != nil && ((n+1)%every == 0 || n+1 == r.end) {
					r.progress(n+1, plan.Steps)
				}
			}
		}
		if r.epoch > 1 {
			f, pending = pending, f
		}
		ahead = next != nil
		if f&flagStop != 0 {
			if w == 0 {
				r.completed = n1
				r.cancelled = r.ctx.Err() != nil
			}
			r.bar.wait(0)
			if w == 0 {
				r.collectErrors()
				r.flushRest()
			}
			return
		}
		if f&flagRebalance != 0 {
			r.bar.wait(0) // every worker has delivered into its old block
			if w == 0 {
				r.rebalance()
			}
			r.bar.wait(0)
			r.refreshRoutes(w)
			if w == 0 {
				r.bal.spent += time.Since(r.bal.last) // the change includes the tables
			}
			if measureNext {
				start = time.Now()
			}
		}
	}
	r.bar.wait(0)
	if w == 0 {
		r.completed = max(r.end, r.start)
		r.collectErrors()
		r.flushRest()
	}
}

// askSpikes asks for the first lines of the other workers' spike lists of
// steps spikes ([steps][groups][workers]), all at once: each was written on
// another core, and read one after another as the delivery reaches them,
// each would cost a whole transfer between cores (BenchmarkConcurrentDelivery).
// A worker asks for those of an epoch's first step as soon as it has
// announced itself at the barrier, when the others have mostly written them
// (while waiting at the last barrier, see lookahead, or at their epoch's
// start), and all of them once the barrier opens: a first step's line
// asked for too early is fetched again then, and the first step's delivery
// finds its lists while the next step's arrive.
func (r *runner) askSpikes(w int, spikes [][][]*spikeList) {
	if r.workers == 1 {
		return
	}
	for _, step := range spikes {
		for _, lists := range step {
			for v, l := range lists {
				if v != w {
					prefetch(unsafe.Pointer(l), 1)
				}
			}
		}
	}
}

// meet is worker w's barrier after the update of steps [n0, n1), spikes
// ([steps][groups][workers]), with its flags f. Between announcing itself
// and waiting it finishes the last step if early, delivers its own spikes
// through the projections of r.ownFirst if own, and updates step n1 into
// next if not nil; it returns the round's flags and, if timed, the time
// that work took.
func (r *runner) meet(w int, n0, n1 int64, spikes [][][]*spikeList, f uint32, early, own, timed bool, next [][]*spikeList) (uint32, time.Duration) {
	if !early && !own && next == nil {
		return r.bar.wait(f), 0
	}
	round := r.bar.arrive(f)
	if n1-n0 > 1 {
		r.askSpikes(w, spikes[:1])
	}
	var t time.Time
	if timed {
		t = time.Now()
	}
	if early {
		r.finish(w, n1-1, spikes[n1-1-n0])
	}
	if own {
		for n := n0; n < n1; n++ {
			r.deliver(w, n, spikes[n-n0], ownSpikes)
		}
	}
	if next != nil {
		r.update(w, n1, next)
	}
	var hidden time.Duration
	if timed {
		hidden = time.Since(t)
	}
	return r.bar.await(round, f), hidden
}

// update samples worker w's probes at step n and advances its cells,
// listing those that spike in spikes ([groups][workers]).
func (r *runner) update(w int, n int64, spikes [][]*spikeList) {
	plan := r.plan
	for i := range r.probes[w] {
		if p := &r.probes[w][i]; n >= plan.RecordFrom && (n-plan.RecordFrom)%p.every == 0 {
			r.sample(p, (n-plan.RecordFrom)/p.every)
		}
	}
	r.sampleSynapses(w, n)
	r.synapseUpdate(w, n)
	for g, grp := range plan.Groups {
		r.claimVars(w, g)
		l := spikes[g][w]
		out := l.spare[:0]
		// Blocks keep the state a kernel works on in the first-level cache.
		for lo, end := r.part[g][w], r.part[g][w+1]; lo < end; lo += blockCells {
			hi := min(lo+blockCells, end)
			var finite bool
			if out, finite = grp.Kernel.Step(lo, hi, n, out); !finite {
				r.flags[w].suspect = true
			}
		}
		l.publish(out)
	}
}

// publish makes out, filled from l.spare, the cells of l: a copy in l's
// first line when they fit, out itself otherwise. Either line is written
// only if it changes, so that a list that stays empty costs the workers that
// read it no transfer between cores. Readers use the cells until l is
// filled again, three epochs later (see runner.spikes).
//
// The first line is read before it is written: the other workers hold
// copies of it, and a write must wait for them to be invalidated. A write
// waits in the store buffer while the core goes on, but a read of the line
// after it waited for the whole round trip between cores (in coba, 70% of
// update's own time, the kernels' aside).
func (l *spikeList) publish(out []int32) {
	if cap(out) != cap(l.spare) {
		l.spare = out[:0] // out grew past the spare array
	}
	if len(out) > len(l.inline) {
		l.cells = out
		return
	}
	old := l.cells
	copy(l.inline[:], out)
	if len(old) != len(out) || cap(old) == 0 || &old[:1][0] != &l.inline[0] {
		l.cells = l.inline[:len(out)]
	}
}

// finish ends step n for worker w's cells once the spikes that reach them at
// n are delivered: the ring slot of n is applied, the synaptic events of
// equation-defined synapses run (Brian2's synapses slot), then the cells
// that spiked are reset and counted (its resets slot), and a non-finite
// value the update reported is looked for. spikes holds those of step n.
func (r *runner) finish(w int, n int64, spikes [][]*spikeList) {
	plan := r.plan
	r.claimTargets(w)
	r.apply(w, n)
	if r.readsPre {
		r.bar.wait(0)
	}
	r.synapseEvents(w, n, spikes)
	if r.readsPre {
		r.bar.wait(0)
	}
	for g, grp := range plan.Groups {
		own := spikes[g][w].cells
		grp.Kernel.Reset(own, n)
		if n >= plan.RecordFrom {
			c := r.counts[g]
			for _, i := range own {
				c[i]++
			}
		}
	}
	if r.flags[w].suspect && r.flags[w].numErr == nil {
		r.check(w, n)
	}
	r.flags[w].suspect = false
}

// collectErrors keeps the numerical error of the lowest cell of the earliest
// step, the same for any number of workers.
func (r *runner) collectErrors() {
	for w := range r.flags {
		e := r.flags[w].numErr
		if e == nil {
			continue
		}
		if r.numErr == nil || e.Step < r.numErr.Step ||
			(e.Step == r.numErr.Step && (e.Group < r.numErr.Group || (e.Group == r.numErr.Group && e.Cell < r.numErr.Cell))) {
			r.numErr = e
		}
	}
}

// check looks for NaN and Inf in worker w's cells at the end of step n, after
// a kernel reported a non-finite value in its update. A value that the reset
// made finite again (an exponential term that overflowed in the step that
// crossed the threshold) is not an error, as in Brian2.
func (r *runner) check(w int, n int64) {
	for g, grp := range r.plan.Groups {
		lo, hi := r.part[g][w], r.part[g][w+1]
		for _, v := range grp.Vars {
			xs := v.Data[lo:hi]
			bad := false
			for _, x := range xs {
				bad = bad || x-x != 0
			}
			if !bad {
				continue
			}
			for i, x := range xs {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					r.flags[w].numErr = &NumericalError{Group: grp.Name, Var: v.Name, Cell: lo + i,
						Step: n, Time: float64(n) * r.plan.DT, Value: x}
					return
				}
			}
		}
	}
}

func (r *runner) result() *Result {
	res := &Result{Completed: r.completed, Counts: r.counts, Spikes: r.out, Traces: r.traces, Rates: r.rates,
		SynapseMeans: r.synapseMeans()}
	for m := range res.Traces {
		tr := &res.Traces[m]
		keep := 0
		for keep < len(tr.Steps) && tr.Steps[keep] < r.completed {
			keep++
		}
		tr.Steps = tr.Steps[:keep]
		for _, vars := range tr.Data {
			for k := range vars {
				vars[k] = vars[k][:keep]
			}
		}
	}
	return res
}

// samplesBefore returns how many samples a monitor sampling every so many
// steps from the plan's RecordFrom takes at the steps before n.
func (r *runner) samplesBefore(every, n int64) int64 {
	if d := n - r.plan.RecordFrom; d > 0 {
		return (d + every - 1) / every
	}
	return 0
}
