package connect

import (
	"math"
	"math/bits"
	"slices"

	"github.com/volleysim/volley/rng"
)

// rowGen draws the rows of the by-pre rules (FixedProbability, AllToAll,
// FixedNumberPost) and the columns of FixedNumberPre: for "own" neuron i
// (the row owner) it appends the chosen "other" neurons, ascending, to a
// worker's buffer.
type rowGen struct {
	rule              Rule
	n                 int     // fixed number
	p, logq           float64 // probability and log(1-p)
	replace           bool
	exclude           bool
	nOwn, nOther      int
	ownOff, otherOff  int
	seed              uint64
	id                uint32
	totalCand, excess int64 // candidate pairs, own neurons with a self among the others
	// anyOrder lets a fixed-number row come out in any order (the same for
	// the same row): the columns of fixed_number_pre, whose values are
	// scattered to rows by pre anyway, need no sort
	anyOrder bool
}

// newRowGen returns the generator of the rows of a by-pre rule.
func newRowGen(sp *Spec, nPre, nPost int, seed uint64, id uint32) *rowGen {
	g := &rowGen{rule: sp.Rule, n: sp.N, p: sp.P, logq: math.Log1p(-sp.P), replace: sp.WithReplacement,
		exclude: sp.excludeSelf(), nOwn: nPre, nOther: nPost, ownOff: sp.PreOffset, otherOff: sp.PostOffset,
		seed: seed, id: id}
	g.totalCand, g.excess = candidates(sp, nPre, nPost)
	return g
}

// capacity returns the size to reserve for the whole table.
func (g *rowGen) capacity() int64 {
	switch g.rule {
	case FixedProbability:
		return binomialCapacity(g.totalCand, g.p)
	case AllToAll:
		return g.totalCand
	}
	return int64(g.nOwn) * int64(g.n)
}

// meanRow returns the expected row length.
func (g *rowGen) meanRow() float64 {
	if g.nOwn == 0 {
		return 0
	}
	return float64(g.capacity()) / float64(g.nOwn)
}

// worker holds one goroutine's buffers.
type worker struct {
	buf  []int32  // rows of the current block
	bits []uint64 // membership bitset for dense sampling without replacement
	set  intSet   // membership set for sparse sampling without replacement
}

// row appends the row of own neuron i to w.buf.
func (g *rowGen) row(w *worker, i int) {
	self := selfIndex(g.exclude, g.ownOff, g.otherOff, i, g.nOther)
	nCand := g.nOther
	if self >= 0 {
		nCand--
	}
	start := len(w.buf)
	switch {
	case g.rule == AllToAll || (g.rule == FixedProbability && g.p == 1):
		for c := 0; c < nCand; c++ {
			w.buf = append(w.buf, int32(c))
		}
	case g.rule == FixedProbability:
		if g.p == 0 {
			return
		}
		s := rng.New(g.seed, rng.Connect, g.id, uint64(i), 0)
		w.buf = geometricRow(&s, g.logq, nCand, w.buf)
	case g.replace:
		s := rng.New(g.seed, rng.Connect, g.id, uint64(i), 0)
		for k := 0; k < g.n; k++ {
			w.buf = append(w.buf, int32(s.Intn(nCand)))
		}
		if !g.anyOrder {
			slices.Sort(w.buf[start:])
		}
	default:
		s := rng.New(g.seed, rng.Connect, g.id, uint64(i), 0)
		w.buf = w.sampleDistinct(&s, g.n, nCand, w.buf, !g.anyOrder)
	}
	if self >= 0 {
		// Candidates skip the self: candidate c >= self is neuron c+1.
		for k := start; k < len(w.buf); k++ {
			if int(w.buf[k]) >= self {
				w.buf[k]++
			}
		}
	}
}

// geometricRow appends the candidates in [0, nCand) that succeed in
// independent Bernoulli trials of probability 1-exp(logq), by geometric
// skipping: one draw per success plus one to end the row.
func geometricRow(s *rng.Stream, logq float64, nCand int, buf []int32) []int32 {
	j := -1
	for {
		k := s.Geometric(logq)
		if k >= nCand-1-j {
			return buf
		}
		j += 1 + k
		buf = append(buf, int32(j))
	}
}

// sampleDistinct appends n distinct values of [0, nCand), drawn by Floyd's
// algorithm (exactly n Intn draws; every n-subset equally likely), in
// ascending order if sorted (always when the bitset is used). Membership is
// a bitset when it is small compared with n, else a hash set, so the
// scratch space is O(n).
func (w *worker) sampleDistinct(s *rng.Stream, n, nCand int, buf []int32, sorted bool) []int32 {
	start := len(buf)
	words := (nCand + 63) / 64
	if words <= 4*n {
		if cap(w.bits) < words {
			w.bits = make([]uint64, words)
		}
		set := w.bits[:words]
		for j := nCand - n; j < nCand; j++ {
			t := s.Intn(j + 1)
			if set[t>>6]&(1<<(t&63)) != 0 {
				t = j
			}
			set[t>>6] |= 1 << (t & 63)
		}
		for wi, word := range set {
			for word != 0 {
				b := word & -word
				buf = append(buf, int32(wi<<6+bits.TrailingZeros64(b)))
				word ^= b
			}
			set[wi] = 0
		}
		return buf
	}
	w.set.reset(n)
	for j := nCand - n; j < nCand; j++ {
		t := int32(s.Intn(j + 1))
		if !w.set.add(t) {
			t = int32(j)
			w.set.add(t)
		}
		buf = append(buf, t)
	}
	if sorted {
		slices.Sort(buf[start:])
	}
	return buf
}
