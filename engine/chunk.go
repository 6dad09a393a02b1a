package engine

// chunking streams the samples of the state monitors: two buffers of len
// samples per monitor, one filling while the other is handed to the sink.
type chunking struct {
	sink    func(monitor int, first int64, data [][][]float64) error
	len     int64
	bufs    [][2][][][]float64 // [monitors][2][vars][cells][len]
	first   []int64            // [monitors] index of the run's first sample
	flushed []int64            // [monitors] samples handed to the sink
}

// chunked switches the runner to streaming its state monitors.
func (r *runner) chunked(sink func(int, int64, [][][]float64) error, n int64) {
	if n <= 0 {
		n = 4096
	}
	c := &chunking{sink: sink, len: n}
	for m, tr := range r.traces {
		every := max(1, r.plan.Monitors[m].Every)
		var b [2][][][]float64
		for i := range b {
			b[i] = make([][][]float64, len(tr.Data))
			for v := range tr.Data {
				b[i][v] = make([][]float64, len(tr.Data[v]))
				for k := range tr.Data[v] {
					b[i][v][k] = make([]float64, n)
				}
			}
		}
		c.bufs = append(c.bufs, b)
		c.first = append(c.first, r.samplesBefore(every, r.start))
		c.flushed = append(c.flushed, 0)
		r.traces[m] = Trace{} // the samples go to the sink
	}
	r.chunks = c
	// The workers sample an epoch ahead of the worker that hands full
	// chunks to the sink: at most 2·epoch−1 samples past the chunk handed
	// over, which must not reach that chunk's buffer again.
	if len(r.traces) > 0 {
		r.epoch = min(r.epoch, max(1, n/2))
	}
}

// sample stores the value a probe reads for sample s.
func (r *runner) sample(p *probe, s int64) {
	x := p.src[p.cell]
	c := r.chunks
	if c == nil {
		r.traces[p.m].Data[p.v][p.k][s] = x
		return
	}
	i := s - c.first[p.m]
	c.bufs[p.m][(i/c.len)&1][p.v][p.k][i%c.len] = x
}

// flushFull hands a chunk to the sink when the samples of step n fill it.
func (r *runner) flushFull(n int64) {
	c := r.chunks
	if c == nil || r.sinkErr != nil {
		return
	}
	for m, mon := range r.plan.Monitors {
		every, from := max(1, mon.Every), r.plan.RecordFrom
		if n < from || (n-from)%every != 0 {
			continue
		}
		if i := (n-from)/every - c.first[m]; (i+1)%c.len == 0 {
			r.flush(m, (i/c.len)&1, c.len)
		}
	}
}

// flushRest hands the last, partial chunk of each monitor and the last
// spikes to the sinks.
func (r *runner) flushRest() {
	if r.spikeSink != nil {
		for g := range r.out {
			r.flushSpikes(g)
		}
	}
	c := r.chunks
	if c == nil || r.sinkErr != nil {
		return
	}
	for m, mon := range r.plan.Monitors {
		every := max(1, mon.Every)
		taken := r.samplesBefore(every, r.completed) - c.first[m] // samples of steps < completed
		if rest := taken - c.flushed[m]; rest > 0 {
			r.flush(m, (c.flushed[m]/c.len)&1, rest)
		}
	}
}

func (r *runner) flush(m int, buf int64, n int64) {
	c := r.chunks
	data := c.bufs[m][buf]
	view := make([][][]float64, len(data))
	for v := range data {
		view[v] = make([][]float64, len(data[v]))
		for k := range data[v] {
			view[v][k] = data[v][k][:n]
		}
	}
	if err := c.sink(m, c.first[m]+c.flushed[m], view); err != nil && r.sinkErr == nil {
		r.sinkErr = err
	}
	c.flushed[m] += n
}
