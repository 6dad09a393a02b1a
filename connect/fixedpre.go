package connect

import (
	"math/bits"

	"github.com/volleysim/volley/hugepage"
)

// bucketEntries is about the number of table entries (256 KiB of int32) in
// one bucket of rows of fixedNumberPre: few enough that its second-level
// scatter stays in a core's L2 cache.
const bucketEntries = 1 << 16

// fixedNumberPre gives each post neuron j exactly spec.N pre neurons, drawn
// from the stream of index j, and returns them transposed to rows by pre.
//
// Writing each synapse straight into its row would miss the cache at almost
// every write once the table outgrows it (a scattered write per synapse), so
// the synapses are placed in two levels, as by a radix sort: rows are grouped
// into buckets of 2^b consecutive rows, whose entries are contiguous in the
// table. A first pass over the columns counts the synapses of each bucket
// per thread; a second draws the same columns again and appends each synapse
// to its bucket's region (one write stream per bucket), packed as
// (row − first row of the bucket, post) in one int32; then each bucket, a
// region that fits in the cache, is counted by row and unpacked into its
// rows in the order of the second pass. Drawing twice keeps the peak memory
// at the table plus a few numbers per bucket and thread.
//
// Thread t owns the contiguous columns [t·nPost/T, (t+1)·nPost/T) and writes
// its entries of each bucket after those of threads t' < t, so rows come out
// ascending whatever T is.
func fixedNumberPre(sp *Spec, nPre, nPost int, seed uint64, id uint32, threads int) *CSR {
	b := bucketBits(int64(nPost)*int64(sp.N), nPre, nPost)
	return fixedNumberPreBuckets(sp, nPre, nPost, seed, id, threads, b)
}

// bucketBits returns log2 of the rows per bucket: about bucketEntries
// entries per bucket, as long as the packed entries fit in 31 bits.
func bucketBits(total int64, nPre, nPost int) uint {
	avg := max(1, total/int64(max(1, nPre)))
	b := uint(0)
	for avg<<(b+1) <= bucketEntries && 1<<(b+1) <= nPre {
		b++
	}
	postBits := uint(bits.Len64(uint64(max(0, nPost-1))))
	return min(b, 31-postBits)
}

// fixedNumberPreBuckets is fixedNumberPre with buckets of 2^b rows; with
// b = 0 the second pass writes each synapse straight into its row.
func fixedNumberPreBuckets(sp *Spec, nPre, nPost int, seed uint64, id uint32, threads int, b uint) *CSR {
	c := &CSR{NPre: nPre, NPost: nPost, RowPtr: hugepage.Make[int64](nPre + 1)}
	total := int64(nPost) * int64(sp.N)
	c.Col = hugepage.Make[int32](int(total))
	if total == 0 {
		return c
	}
	// Columns are rows of the transposed rule: own = post, other = pre.
	g := &rowGen{rule: FixedNumberPre, n: sp.N, replace: sp.WithReplacement, exclude: sp.excludeSelf(),
		nOwn: nPost, nOther: nPre, ownOff: sp.PostOffset, otherOff: sp.PreOffset, seed: seed, id: id,
		anyOrder: true}
	workers := min(threads, nPost)
	nb := (nPre + 1<<b - 1) >> b
	cursor := make([][]int64, workers) // [thread][bucket]: count, then next entry to write
	parallel(workers, func(t int) {
		count := make([]int64, nb)
		g.columns(t, workers, func(j int32, pre []int32) {
			for _, i := range pre {
				count[i>>b]++
			}
		})
		cursor[t] = count
	})
	start := make([]int64, nb+1) // [bucket]: first entry of its region
	var pos int64
	for k := range nb {
		start[k] = pos
		for t := range workers {
			n := cursor[t][k]
			cursor[t][k] = pos
			pos += n
		}
	}
	start[nb] = pos
	postBits := uint(bits.Len64(uint64(nPost - 1)))
	mask := int32(1)<<b - 1
	parallel(workers, func(t int) {
		cur := cursor[t]
		g.columns(t, workers, func(j int32, pre []int32) {
			for _, i := range pre {
				k := i >> b
				c.Col[cur[k]] = (i&mask)<<postBits | j
				cur[k]++
			}
		})
	})
	if b == 0 {
		copy(c.RowPtr, start)
		return c
	}
	parallel(workers, func(t int) {
		c.unpackBuckets(start, t*nb/workers, (t+1)*nb/workers, b, postBits)
	})
	c.RowPtr[nPre] = total
	return c
}

// unpackBuckets moves the packed entries of buckets [lo, hi) of 2^b rows,
// whose regions begin at start[k], into their rows, keeping their order
// within each row, and sets the RowPtr of the buckets' rows.
func (c *CSR) unpackBuckets(start []int64, lo, hi int, b, postBits uint) {
	var packed []int32
	cur := make([]int64, 1<<b)
	postMask := int32(1)<<postBits - 1
	for k := lo; k < hi; k++ {
		first, end := k<<b, min(c.NPre, (k+1)<<b)
		packed = append(packed[:0], c.Col[start[k]:start[k+1]]...)
		rows := cur[:end-first]
		clear(rows)
		for _, e := range packed {
			rows[e>>postBits]++
		}
		pos := start[k]
		for r, n := range rows {
			c.RowPtr[first+r] = pos
			rows[r] = pos
			pos += n
		}
		for _, e := range packed {
			r := e >> postBits
			c.Col[rows[r]] = e & postMask
			rows[r]++
		}
	}
}

// columns draws the columns owned by thread t of T and passes each, with
// its post index, to emit.
func (g *rowGen) columns(t, T int, emit func(j int32, pre []int32)) {
	lo, hi := t*g.nOwn/T, (t+1)*g.nOwn/T
	w := &worker{}
	for j := lo; j < hi; j++ {
		w.buf = w.buf[:0]
		g.row(w, j)
		emit(int32(j), w.buf)
	}
}

// parallel runs f(0) … f(n-1) on n goroutines and waits for them.
func parallel(n int, f func(t int)) {
	done := make(chan struct{}, n)
	for t := 0; t < n; t++ {
		go func() {
			f(t)
			done <- struct{}{}
		}()
	}
	for t := 0; t < n; t++ {
		<-done
	}
}
