package engine

import (
	"sync/atomic"
	"unsafe"
)

// Each worker delivers the part of a spike's row that falls in its own
// cells, which a binary search in the sorted row finds. For long rows the
// searches cost more than the delivery they delimit (a cache miss at each
// probe), so each place in a long row where one worker's cells end and the
// next one's begin is found once, by the first worker that delivers the
// row, and kept until the workers' blocks change. Found as the row's
// spike is delivered, the search reads the lines that the delivery reads
// next; found for every row before the run, it cost tian2020's run on two
// workers 1.5–1.7 ms of setup, a DRAM miss per row, rows that never spike
// included.

// minSplitRow is the average row length from which a projection's rows'
// bounds are kept: workers−1 int32 per row against two searches per spike
// and worker.
const minSplitRow = 256

// newSplits returns, for every projection with long rows and more than one
// worker, room for the bounds of each row between the workers' parts:
// splits[p][row·(workers−1) + k−1] holds 1 + the index in the row of its
// first column at or after worker k's first cell (k = 1 … workers−1), or 0
// while no worker has needed it; nil where the rows are searched at each
// spike.
func (r *runner) newSplits() [][]atomic.Int32 {
	splits := make([][]atomic.Int32, len(r.plan.Projections))
	if r.workers == 1 {
		return splits
	}
	for p, pr := range r.plan.Projections {
		c := pr.Conn
		if c == nil || c.NPre == 0 || len(c.Col) < minSplitRow*c.NPre {
			continue
		}
		splits[p] = make([]atomic.Int32, c.NPre*(r.workers-1))
	}
	return splits
}

// forgetSplits empties the kept bounds, after the workers' blocks changed.
// The workers wait at a barrier meanwhile.
func (r *runner) forgetSplits() {
	for _, sp := range r.splits {
		clear(sp)
	}
}

// columnSpan returns the indices [i, j) of row's columns cols that lie in
// [clo, chi), worker w's cells, for projection p; n is the view's size.
// Columns lie in [0, n), so the first worker's part starts at 0 and the
// last one's ends at the row's end without a search.
func (r *runner) columnSpan(p, row int, cols []int32, w int, clo, chi, n int32) (int, int) {
	i, j := 0, len(cols)
	if sp := r.splits[p]; sp != nil {
		if w > 0 {
			i = splitAt(&sp[row*(r.workers-1)+w-1], cols, clo, n)
		}
		if w < r.workers-1 {
			j = splitAt(&sp[row*(r.workers-1)+w], cols, chi, n)
		}
		return i, j
	}
	if clo > 0 {
		i = lowerBound(cols, clo)
	}
	if chi < n {
		j = i + lowerBound(cols[i:], chi)
	}
	return i, j
}

// prefetchSpan asks for the lines of row's columns cols that columnSpan
// reads to find worker w's part: around the guess of each bound that is not
// kept yet, or the whole of a row whose bounds are not kept (up to
// prefetchSynapses columns, the lines its halvings read first).
func (r *runner) prefetchSpan(p, row int, cols []int32, w int, clo, chi, n int32) {
	if len(cols) == 0 {
		return
	}
	sp := r.splits[p]
	if sp == nil {
		m := min(len(cols), prefetchSynapses)
		prefetch(unsafe.Pointer(&cols[len(cols)/2-m/2]), lines(int64(m)*4))
		return
	}
	for k, x := range [2]int32{clo, chi} {
		b := w - 1 + k // bound b lies between workers b and b+1
		if b < 0 || b >= r.workers-1 || sp[row*(r.workers-1)+b].Load() != 0 {
			continue
		}
		// the line of the guess and the one before it (a line holds
		// cacheLine/4 columns)
		g := min(max(int(int64(len(cols))*int64(x)/int64(max(1, n)))-cacheLine/4, 0), len(cols)-1)
		prefetch(unsafe.Pointer(&cols[g]), 2)
	}
}

// splitAt returns lowerBound(cols, x) for a bound between two workers'
// parts of a row of a view of n cells, kept in e once found. The two
// workers on either side may find it at once; both store the same value.
// The search starts where x would lie in a row spread evenly over the view.
func splitAt(e *atomic.Int32, cols []int32, x, n int32) int {
	if v := e.Load(); v != 0 {
		return int(v - 1)
	}
	i := lowerBoundNear(cols, x, int(int64(len(cols))*int64(x)/int64(max(1, n))))
	e.Store(int32(i + 1))
	return i
}

// lowerBoundNear returns lowerBound(cols, x), searching outwards from guess
// in steps that double, then by halves between the last two probes. In a
// row whose columns spread evenly over the view a guess from x's place in
// the view lands a few columns from the answer, and the search reads the
// one or two cache lines around it instead of the dozen scattered ones of a
// binary search through thousands of columns (tian2020's rows' parts for
// two workers: 4.5 ms before the run).
func lowerBoundNear(cols []int32, x int32, guess int) int {
	n := len(cols)
	guess = min(max(guess, 0), n)
	if guess < n && cols[guess] < x {
		// the answer lies after guess
		lo, step := guess+1, 1
		p := guess + step
		for p < n && cols[p] < x {
			lo = p + 1
			step *= 2
			p = guess + step
		}
		hi := min(p, n)
		return lo + lowerBound(cols[lo:hi], x)
	}
	// the answer lies at or before guess
	hi, step := guess, 1
	p := guess - step
	for p >= 0 && cols[p] >= x {
		hi = p
		step *= 2
		p = guess - step
	}
	lo := max(p+1, 0)
	return lo + lowerBound(cols[lo:hi], x)
}
