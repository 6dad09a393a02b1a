package connect

import "math/bits"

// bucketEntries is about the number of table entries (256 KiB of int32) in
// one bucket of rows of fixedNumberPre: few enough that its second-level
// scatter stays in a core's L2 cache.
const bucketEntries = 1 << 16

// fixedNumberPre gives each post neuron j exactly spec.N pre neurons, drawn
// from the stream of index j, and returns them transposed to rows by pre.
//
// Two passes over the columns keep the peak memory at the table plus one
// count per pre neuron and thread: the first pass counts the synapses of
// every pre neuron per thread, the second draws the same columns again and
// writes them in place. Thread t owns the contiguous columns
// [t·nPost/T, (t+1)·nPost/T) and writes each row's entries after those of
// threads t' < t, so rows come out ascending whatever T is.
//
// Writing each synapse straight into its row would miss the cache at almost
// every write once the table outgrows it (a scattered write per synapse), so
// the second pass works in two levels, as the first pass of a radix sort:
// rows are grouped into buckets of 2^b consecutive rows, whose entries are
// contiguous in the table; each synapse is appended to its bucket's region
// (one write stream per bucket), packed as (row − first row of the bucket,
// post) in one int32; then each bucket is unpacked into its rows in the order
// of the first level, within a region that fits in the cache.
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

// fixedNumberPreBuckets is fixedNumberPre with buckets of 2^b rows; b = 0
// writes each synapse straight into its row.
func fixedNumberPreBuckets(sp *Spec, nPre, nPost int, seed uint64, id uint32, threads int, b uint) *CSR {
	c := &CSR{NPre: nPre, NPost: nPost, RowPtr: make([]int64, nPre+1)}
	total := int64(nPost) * int64(sp.N)
	c.Col = make([]int32, total)
	if total == 0 {
		return c
	}
	// Columns are rows of the transposed rule: own = post, other = pre.
	g := &rowGen{rule: FixedNumberPre, n: sp.N, replace: sp.WithReplacement, exclude: sp.excludeSelf(),
		nOwn: nPost, nOther: nPre, ownOff: sp.PostOffset, otherOff: sp.PreOffset, seed: seed, id: id,
		anyOrder: true}
	workers := min(threads, nPost)
	counts := make([][]int64, workers) // [thread][pre]
	parallel(workers, func(t int) {
		counts[t] = make([]int64, nPre)
		g.columns(t, workers, func(j int32, pre []int32) {
			for _, i := range pre {
				counts[t][i]++
			}
		})
	})
	nb := (nPre + 1<<b - 1) >> b
	cursor := make([][]int64, workers) // [thread][bucket]: next entry to write
	for t := range cursor {
		cursor[t] = make([]int64, nb)
	}
	var pos int64
	for k := range nb {
		for t := range workers {
			cursor[t][k] = pos
			for _, n := range counts[t][k<<b : min(nPre, (k+1)<<b)] {
				pos += n
			}
		}
	}
	for i := range nPre {
		n := c.RowPtr[i]
		for t := range counts {
			n += counts[t][i]
		}
		c.RowPtr[i+1] = n
	}
	counts = nil
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
	if b > 0 {
		parallel(workers, func(t int) {
			c.unpackBuckets(t*nb/workers, (t+1)*nb/workers, b, postBits)
		})
	}
	return c
}

// unpackBuckets moves the packed entries of buckets [lo, hi) of 2^b rows
// into their rows, keeping their order within each row.
func (c *CSR) unpackBuckets(lo, hi int, b, postBits uint) {
	var packed []int32
	cur := make([]int64, 1<<b)
	postMask := int32(1)<<postBits - 1
	for k := lo; k < hi; k++ {
		first, end := k<<b, min(c.NPre, (k+1)<<b)
		copy(cur, c.RowPtr[first:end])
		region := c.Col[c.RowPtr[first]:c.RowPtr[end]]
		packed = append(packed[:0], region...)
		for _, e := range packed {
			r := e >> postBits
			c.Col[cur[r]] = e & postMask
			cur[r]++
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
