//go:build amd64 && !goexperiment.simd && !purego

package kernel

// The threshold scan and the constant and conditional refractory tests of
// contiguous blocks four cells at a time with AVX2 (eight with AVX-512),
// in Go assembly (threshold_amd64.s): each lane makes the scalar loop's
// operations, so the cells found and the values written are those of the
// scalar loops. The assembly runs over the whole fours; the last len%4
// cells, and every cell without AVX2, go through the scalar loop.

func scanStrict(hits []int32, x []float64, lo int, notref []float64, sign, bound float64) int {
	n := whole4(len(x))
	if n == 0 {
		return scanStrictScalar(hits, x, lo, notref, sign, bound)
	}
	hits = hits[:len(x)]
	var m int
	if notref == nil {
		m = scanStrictAVX2(&hits[0], &x[0], nil, n, lo, sign, bound)
	} else {
		notref = notref[:len(x)]
		m = scanStrictAVX2(&hits[0], &x[0], &notref[0], n, lo, sign, bound)
		notref = notref[n:]
	}
	return m + scanStrictScalar(hits[m:], x[n:], lo+n, notref, sign, bound)
}

func notrefConst(nr []float64, last []int64, step, refSteps int64) {
	last = last[:len(nr)]
	if n := whole4(len(nr)); n > 0 {
		notrefConstAVX2(&nr[0], &last[0], n, step, refSteps)
		nr, last = nr[n:], last[n:]
	}
	notrefConstScalar(nr, last, step, refSteps)
}

func notrefCond(nr, cond, state []float64) {
	cond, state = cond[:len(nr)], state[:len(nr)]
	if n := whole4(len(nr)); n > 0 {
		notrefCondAVX2(&nr[0], &cond[0], &state[0], n)
		nr, cond, state = nr[n:], cond[n:], state[n:]
	}
	notrefCondScalar(nr, cond, state)
}

// scanStrictAVX2 is scanStrictScalar's loop over the first n cells of x, n
// a positive multiple of four: it writes lo+i to hits, in order, for each
// i with sign·x[i] > bound and notref[i] ≠ 0 (a nil notref: every i), and
// returns how many it wrote. hits, x and notref hold at least n values.
//
//go:noescape
func scanStrictAVX2(hits *int32, x, notref *float64, n, lo int, sign, bound float64) int

// notrefConstAVX2 is notrefConstScalar's loop over the first n cells, n a
// positive multiple of four: nr[i] = 1 where step − last[i] ≥ refSteps, 0
// elsewhere.
//
//go:noescape
func notrefConstAVX2(nr *float64, last *int64, n int, step, refSteps int64)

// notrefCondAVX2 is notrefCondScalar's loop over the first n cells, n a
// positive multiple of four: state[i] = 1 where cond[i] == 0, then
// nr[i] = state[i].
//
//go:noescape
func notrefCondAVX2(nr, cond, state *float64, n int)
