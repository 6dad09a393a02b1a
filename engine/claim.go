package engine

// A worker streams through its block of each state array in ascending
// order, and the processor's prefetcher runs on past the block's end into
// the first lines of the next worker's block, taking copies of lines that
// worker writes every step; its next write to each of them then waits for
// the copy to be invalidated on the other core, one line after another
// behind the writes before it. On the development VM (AMD EPYC) the first
// 512 cells of coba's second worker took twice as long as any other 512,
// whatever the order the worker took its cells in, and a throwaway program
// of two pinned threads streaming over adjacent halves of three arrays
// showed the same (the upper half's first 512 cells 32–36 against 18 ms
// over 20 000 sweeps) until 64 cells (8 lines) lay between the halves;
// bounds on pages or a descending last block did not help. A gap would
// change where every cell is stored; instead each worker but the first asks
// for its first claimLines lines of every array it writes, all at once,
// with a prefetch for writing before it writes them (the program: the
// upper thread's sweep 89–90 → 78–79 ms), so that the invalidations
// overlap instead of stalling one by one.

// claimLines is how many lines at the start of its blocks a worker
// claims: past it, the measured effect was gone.
const claimLines = 8

// claimSpan returns how many lines from cell lo a claim of worker block
// [lo, hi) of a float64 array reads: claimLines, or fewer for a short
// block (none for an empty one).
func claimSpan(lo, hi int) int {
	return min(claimLines, (hi-lo+cellsPerLine-1)/cellsPerLine)
}

// claim prefetches for writing the first lines of worker w's block of
// root group g in xs; worker 0's block follows no other worker's.
func (r *runner) claim(w, g int, xs []float64) {
	if w == 0 {
		return
	}
	lo, hi := r.part[g][w], r.part[g][w+1]
	if n := claimSpan(lo, hi); n > 0 {
		prefetchw(&xs[lo], n)
	}
}

// claimVars claims the first lines of worker w's block of every state
// variable of group g, before the update writes them.
func (r *runner) claimVars(w, g int) {
	for _, v := range r.plan.Groups[g].Vars {
		r.claim(w, g, v.Data)
	}
}

// claimTargets claims the first lines of worker w's block of every
// variable that synaptic input is added to, before the delivery or the
// rings' application writes them.
func (r *runner) claimTargets(w int) {
	for i := range r.rings {
		r.claim(w, r.rings[i].group, r.rings[i].target)
	}
}
