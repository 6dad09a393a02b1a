package engine

import "sync"

// Each worker delivers the part of a spike's row that falls in its own
// cells, which a binary search in the sorted row finds. For long rows the
// searches cost more than the delivery they delimit (a cache miss at each
// probe), so the runner finds every row's parts once, before the run.

// minSplitRow is the average row length from which a projection's parts
// are found before the run: 2·(workers) int32 per row against two
// searches per spike and worker.
const minSplitRow = 256

// newSplits returns, for every projection with long rows and more than one
// worker, the parts of each row: splits[p][2·(row·workers+w)] and the next
// entry are the first and end column indices of worker w's cells; nil where
// the rows are searched at each spike.
func (r *runner) newSplits() [][]int32 {
	splits := make([][]int32, len(r.plan.Projections))
	if r.workers == 1 {
		return splits
	}
	for p, pr := range r.plan.Projections {
		c := pr.Conn
		if c == nil || c.NPre == 0 || len(c.Col) < minSplitRow*c.NPre {
			continue
		}
		// the parts are contiguous: worker w's ends where w+1's begins, at
		// the first column at or after its first cell (column values below
		// 0 or past the view give 0 or the row's end, as clamping would)
		post := r.plan.Views[pr.Post]
		bounds := make([]int32, r.workers+1)
		for w := range bounds {
			bounds[w] = int32(r.part[post.Group][w] - post.Start)
		}
		sp := make([]int32, 2*c.NPre*r.workers)
		// guess is where column value b would lie in a row of n columns
		// spread evenly over the view
		guess := func(n int64, b int32) int64 { return n * int64(b) / int64(max(1, post.N)) }
		var wg sync.WaitGroup
		for t := range r.workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for row := c.NPre * t / r.workers; row < c.NPre*(t+1)/r.workers; row++ {
					cols := c.Col[c.RowPtr[row]:c.RowPtr[row+1]]
					k := 2 * row * r.workers
					for w := range r.workers {
						if w > 0 {
							sp[k+2*w] = sp[k+2*w-1]
						}
						end := int32(len(cols))
						if b := bounds[w+1]; w < r.workers-1 {
							end = int32(lowerBoundNear(cols, b, int(guess(int64(len(cols)), b))))
						}
						sp[k+2*w+1] = end
					}
				}
			}()
		}
		wg.Wait()
		splits[p] = sp
	}
	return splits
}

// columnSpan returns the indices [i, j) of row's columns cols that lie in
// [clo, chi), worker w's cells, for projection p; n is the view's size.
// Columns lie in [0, n), so the first worker's part starts at 0 and the
// last one's ends at the row's end without a search.
func (r *runner) columnSpan(p, row int, cols []int32, w int, clo, chi, n int32) (int, int) {
	if sp := r.splits[p]; sp != nil {
		k := 2 * (row*r.workers + w)
		return int(sp[k]), int(sp[k+1])
	}
	i, j := 0, len(cols)
	if clo > 0 {
		i = lowerBound(cols, clo)
	}
	if chi < n {
		j = i + lowerBound(cols[i:], chi)
	}
	return i, j
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
