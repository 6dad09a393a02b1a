package connect

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/volleysim/volley/hugepage"
)

// Generate builds the CSR of spec between nPre pre and nPost post neurons.
// The row of pre neuron i is drawn from rng.New(seed, rng.Connect, id, i, 0)
// (for FixedNumberPre, the column of post neuron j from the stream of index
// j), so the result is identical for any threads >= 1, which only splits the
// work across goroutines. Invalid input gives an error, never a panic.
func Generate(spec Spec, nPre, nPost int, seed uint64, id uint32, threads int) (*CSR, error) {
	if err := spec.check(nPre, nPost, threads); err != nil {
		return nil, err
	}
	switch spec.Rule {
	case FromList:
		return fromList(spec.Pairs, nPre, nPost)
	case OneToOne:
		return oneToOne(&spec, nPre), nil
	case FixedNumberPre:
		return fixedNumberPre(&spec, nPre, nPost, seed, id, threads), nil
	}
	g := newRowGen(&spec, nPre, nPost, seed, id)
	return buildRows(nPre, nPost, g, threads), nil
}

// rowsTarget is the number of synapses a worker generates into its own
// buffer before appending them to the table (a block of rows holds at least
// one row, so buffers are O(max(rowsTarget, longest row))).
const rowsTarget = 1 << 15

// buildRows generates the rows of g in blocks of consecutive rows, one block
// at a time per worker, and appends the blocks to the table in row order.
// Peak memory is the table (pre-sized to g.capacity) plus one buffer per
// worker.
func buildRows(nPre, nPost int, g *rowGen, threads int) *CSR {
	c := &CSR{NPre: nPre, NPost: nPost, RowPtr: hugepage.Make[int64](nPre + 1)}
	c.Col = hugepage.MakeCap[int32](0, int(g.capacity()))
	if nPre == 0 {
		return c
	}
	touch(c.Col[:cap(c.Col)], threads)
	rows := rowsTarget / max(1, int(g.meanRow()))
	rows = max(1, min(rows, (nPre+4*threads-1)/(4*threads)))
	nBlocks := (nPre + rows - 1) / rows
	workers := min(threads, nBlocks)

	var (
		mu        sync.Mutex
		turn      = sync.NewCond(&mu)
		nextBlock atomic.Int64
		appended  int // blocks appended so far
		wg        sync.WaitGroup
	)
	work := func() {
		defer wg.Done()
		w := &worker{}
		ends := make([]int64, rows)
		for {
			b := int(nextBlock.Add(1) - 1)
			if b >= nBlocks {
				return
			}
			lo, hi := b*rows, min((b+1)*rows, nPre)
			w.buf = w.buf[:0]
			for i := lo; i < hi; i++ {
				g.row(w, i)
				ends[i-lo] = int64(len(w.buf))
			}
			mu.Lock()
			for appended != b {
				turn.Wait()
			}
			base := int64(len(c.Col))
			c.Col = append(c.Col, w.buf...)
			for i := lo; i < hi; i++ {
				c.RowPtr[i+1] = base + ends[i-lo]
			}
			appended++
			turn.Broadcast()
			mu.Unlock()
		}
	}
	wg.Add(workers)
	for t := 1; t < workers; t++ {
		go work()
	}
	work()
	wg.Wait()
	return c
}

// oneToOne connects pre i to post i, leaving out self connections when
// they are excluded.
func oneToOne(sp *Spec, n int) *CSR {
	c := &CSR{NPre: n, NPost: n, RowPtr: make([]int64, n+1), Col: make([]int32, 0, n)}
	for i := 0; i < n; i++ {
		if selfIndex(sp.excludeSelf(), sp.PreOffset, sp.PostOffset, i, n) != i {
			c.Col = append(c.Col, int32(i))
		}
		c.RowPtr[i+1] = int64(len(c.Col))
	}
	return c
}

// candidates returns the total number of candidate pairs of a by-pre rule
// and the number of rows that lose their self connection.
func candidates(sp *Spec, nPre, nPost int) (total, selfRows int64) {
	if sp.excludeSelf() {
		// Rows i whose self PreOffset+i-PostOffset lies in [0, nPost).
		lo := max(0, sp.PostOffset-sp.PreOffset)
		hi := min(nPre, nPost+sp.PostOffset-sp.PreOffset)
		selfRows = int64(max(0, hi-lo))
	}
	return int64(nPre)*int64(nPost) - selfRows, selfRows
}

// binomialCapacity is an upper bound, exceeded with negligible probability,
// for a sum of n Bernoulli(p) trials: the mean plus 8 standard deviations.
func binomialCapacity(n int64, p float64) int64 {
	// float64(x*y): no fused multiply-add (arm64, GOAMD64=v3)
	mean := float64(float64(n) * p)
	bound := mean + float64(8*math.Sqrt(mean*(1-p))) + 64
	return min(n, int64(bound))
}

// touch writes a zero into every page of the fresh, still unmapped table s,
// a part on each of threads goroutines: the operating system then maps its
// pages in parallel, instead of one at a time where the blocks of rows are
// appended in turn (mapping fresh memory cost 2.6 ms per MB on one thread
// of the development machine, a VM, with pages of 4 KiB; where the table
// gets huge pages, see package hugepage, it costs far less and the gain
// here is small). The values stay zero.
func touch(s []int32, threads int) {
	const page = 4096 / 4 // int32 per 4 KiB page
	if len(s) < 64*page || threads < 2 {
		return
	}
	parallel(threads, func(t int) {
		part := s[len(s)*t/threads : len(s)*(t+1)/threads]
		for i := 0; i < len(part); i += page {
			part[i] = 0
		}
	})
}
