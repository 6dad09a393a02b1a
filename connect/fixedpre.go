package connect

// fixedNumberPre gives each post neuron j exactly spec.N pre neurons, drawn
// from the stream of index j, and returns them transposed to rows by pre.
//
// Two passes over the columns keep the peak memory at the table plus one
// count per pre neuron and thread: the first pass counts the synapses of
// every pre neuron per thread, the second draws the same columns again and
// writes them in place. Thread t owns the contiguous columns
// [t·nPost/T, (t+1)·nPost/T) and writes each row's entries after those of
// threads t' < t, so rows come out ascending whatever T is.
func fixedNumberPre(sp *Spec, nPre, nPost int, seed uint64, id uint32, threads int) *CSR {
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
	counts := make([][]int64, workers) // [thread][pre]: count, then write cursor
	parallel(workers, func(t int) {
		counts[t] = make([]int64, nPre)
		g.columns(t, workers, func(j int32, pre []int32) {
			for _, i := range pre {
				counts[t][i]++
			}
		})
	})
	var pos int64
	for i := 0; i < nPre; i++ {
		for t := range counts {
			n := counts[t][i]
			counts[t][i] = pos
			pos += n
		}
		c.RowPtr[i+1] = pos
	}
	parallel(workers, func(t int) {
		cur := counts[t]
		g.columns(t, workers, func(j int32, pre []int32) {
			for _, i := range pre {
				c.Col[cur[i]] = j
				cur[i]++
			}
		})
	})
	return c
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
