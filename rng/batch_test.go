package rng

import (
	"math"
	"testing"

	"github.com/volleysim/volley/xmath"
)

// normalOf is Normals' value of one cell written out from its definition.
func normalOf(seed uint64, p Purpose, id uint32, cell, step uint64) float64 {
	u, r := cellDraw(seed, p, id, cell, step)
	return r.normalAfter(u)
}

// cellDraw returns, from the definition of a cell's normal value, its
// first word (its half of the pair's block 0) and the cell's own stream
// from block 1, which the rest of the draw reads.
func cellDraw(seed uint64, p Purpose, id uint32, cell, step uint64) (uint64, Stream) {
	s := New(seed, p, id, cell&^1, step)
	u0, u1 := s.Uint64(), s.Uint64()
	u := u0
	if cell&1 == 1 {
		u = u1
	}
	r := New(seed, p, id, cell, step)
	r.ctr[0] = 1
	return u, r
}

// Normals gives each cell the value of its definition, for contiguous
// blocks that start at even and odd cells, listed cells, and lengths that
// are not multiples of the eight cells computed at once.
func TestNormals(t *testing.T) {
	t.Parallel()
	for _, first := range []int{10, 11} {
		for _, n := range []int{0, 1, 3, 7, 8, 9, 17, 1000} {
			out := make([]float64, n)
			Normals(42, Noise, 7, 99, first, nil, out)
			cells := make([]int32, n)
			for k := range cells {
				cells[k] = int32(3*k + first)
			}
			out2 := make([]float64, n)
			Normals(42, Noise, 7, 99, 0, cells, out2)
			for k := 0; k < n; k++ {
				if want := normalOf(42, Noise, 7, uint64(first+k), 99); out[k] != want {
					t.Fatalf("first %d n=%d cell %d: %g, want %g", first, n, first+k, out[k], want)
				}
				if want := normalOf(42, Noise, 7, uint64(cells[k]), 99); out2[k] != want {
					t.Fatalf("n=%d listed cell %d: %g, want %g", n, cells[k], out2[k], want)
				}
			}
		}
	}
	// cells on both sides of index 2^32, where the pairs of one block of
	// sixteen cells do not share counter words 2–3
	for _, first := range wideInts(1<<32-8, 1<<32-7) {
		out := make([]float64, 40)
		Normals(42, Noise, 7, 99, first, nil, out)
		for k, x := range out {
			if want := normalOf(42, Noise, 7, uint64(first+k), 99); x != want {
				t.Fatalf("first %d cell %d: %g, want %g", first, first+k, x, want)
			}
		}
	}
}

// The two cells of a pair are independent standard normals: over 10^6 pairs
// (fixed seed) the mean and the correlation are within 5 standard errors
// (5/sqrt(n)) of 0 and the variance within 5·sqrt(2/n) of 1; the share of
// values beyond the ziggurat's base layer (|x| > 3.4426, where the tail
// path runs) is within 5 standard errors of 2·(1 − Φ(3.4426)) = 5.76e-4.
func TestNormalsPairsIndependent(t *testing.T) {
	t.Parallel()
	const cells, steps = 1000, 1000
	out := make([]float64, cells)
	var sum, sq, cross, tail float64
	for step := range steps {
		Normals(5, Noise, 3, uint64(step), 0, nil, out)
		for k := 0; k < cells; k += 2 {
			a, b := out[k], out[k+1]
			sum += a + b
			sq += a*a + b*b
			cross += a * b
			if math.Abs(a) > nzR {
				tail++
			}
			if math.Abs(b) > nzR {
				tail++
			}
		}
	}
	n := float64(cells * steps)
	mean, variance, corr := sum/n, sq/n-(sum/n)*(sum/n), cross/(n/2)
	if se := 5 / math.Sqrt(n); math.Abs(mean) > se {
		t.Errorf("mean %g, want |mean| < %g", mean, se)
	}
	if se := 5 * math.Sqrt(2/n); math.Abs(variance-1) > se {
		t.Errorf("variance %g, want 1 ± %g", variance, se)
	}
	if se := 5 / math.Sqrt(n/2); math.Abs(corr) > se {
		t.Errorf("pair correlation %g, want |r| < %g", corr, se)
	}
	p := math.Erfc(nzR / math.Sqrt2)
	if se := 5 * math.Sqrt(p*(1-p)/n); math.Abs(tail/n-p) > se {
		t.Errorf("share beyond %g: %g, want %g ± %g", nzR, tail/n, p, se)
	}
}

func BenchmarkNormals(b *testing.B) {
	out := make([]float64, 256)
	for i := 0; i < b.N; i++ {
		Normals(1, Noise, 2, uint64(i), 0, nil, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(out)), "ns/value")
}

func BenchmarkStreamNormal(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := New(1, Noise, 2, uint64(i%256), uint64(i))
		_ = s.Normal()
	}
}

// drawPath says how the ziggurat draw of a cell ends: 0 accepted by the
// first test, 1 by the wedge test, 2 by the first test of the next draw
// after a failed wedge test, 3 in the tail, 4 later.
func drawPath(seed uint64, p Purpose, id uint32, cell, step uint64) int {
	u, r := cellDraw(seed, p, id, cell, step)
	i := u & (nzN - 1)
	if u>>12 < nzig.k[i] {
		return 0
	}
	if i == 0 {
		return 3
	}
	x := float64(u>>12) * nzig.w[i]
	if nzig.f[i]+float64(r.Float64()*(nzig.f[i+1]-nzig.f[i])) < xmath.Exp(-0.5*x*x) {
		return 1
	}
	u = r.Uint64()
	if u>>12 < nzig.k[u&(nzN-1)] {
		return 2
	}
	return 4
}

// Normals agrees with the definition of each cell's value for many seeds,
// ids and steps (including the largest), blocks starting at even and odd
// cells, at 0 and next to index 2^32 and 2^44, of every length up to 40
// and some longer ones, with draws that end in each way (drawPath).
func TestNormalsMany(t *testing.T) {
	t.Parallel()
	firsts := append([]int{0, 1, 2, 3, 15, 16, 17, 1000, 1001},
		wideInts(1<<32-40, 1<<32-17, 1<<32-16, 1<<32-15, 1<<32-14, 1<<32-1, 1<<32, 1<<44-300, 1<<44-299)...)
	steps := []uint64{0, 1, 1 << 20, 1<<StepBits - 1}
	lengths := []int{33, 35, 47, 48, 49, 63, 64, 65, 100, 255, 256, 257, 1000}
	for n := range 32 {
		lengths = append(lengths, n)
	}
	out := make([]float64, 1000)
	var paths [5]int
	check := func(seed uint64, id uint32, step uint64, first, n int) {
		t.Helper()
		o := out[:n]
		for k := range o {
			o[k] = math.NaN()
		}
		Normals(seed, Noise, id, step, first, nil, o)
		for k, x := range o {
			if want := normalOf(seed, Noise, id, uint64(first+k), step); math.Float64bits(x) != math.Float64bits(want) {
				t.Fatalf("seed %d id %d step %d first %d n %d cell %d (path %d): %g, want %g", seed, id, step, first, n, first+k, drawPath(seed, Noise, id, uint64(first+k), step), x, want)
			}
			paths[drawPath(seed, Noise, id, uint64(first+k), step)]++
		}
	}
	for _, seed := range []uint64{0, 1, 42, math.MaxUint64} {
		for _, id := range []uint32{0, 7, math.MaxUint32} {
			for _, step := range steps {
				for _, first := range firsts {
					for _, n := range lengths {
						if uint64(first+n) > 1<<IndexBits {
							continue
						}
						check(seed, id, step, first, n)
					}
				}
			}
		}
	}
	// many steps of one block: about 2.8% of the draws are rejected at
	// first, some of them in the tail
	for step := range uint64(3000) {
		check(5, 3, step, 11, 100)
	}
	t.Logf("draws by path: %v", paths)
	for path, n := range paths {
		if n == 0 {
			t.Errorf("no draw ended in path %d", path)
		}
	}
}

// blocks1 gives philox's block 1 of any counters and keys, including
// all-zero and all-one words.
func TestBlocks1(t *testing.T) {
	t.Parallel()
	edges := edgeWords()
	s := New(9, User, 3, 0, 0)
	for n := range 20000 {
		var c1, c2 [8]uint32
		for b := range 8 {
			c1[b], c2[b] = uint32(s.Uint64()), uint32(s.Uint64())
		}
		c3 := uint32(s.Uint64())
		key := [2]uint32{uint32(s.Uint64()), uint32(s.Uint64())}
		if n < len(edges)*len(edges) {
			e, f := edges[n%len(edges)], edges[n/len(edges)]
			c1[n%8], c2[(n+3)%8], c3, key = e, f, e^f, [2]uint32{f, e}
		}
		var w01, w23 [8]uint64
		blocks1(&c1, &c2, c3, key, &w01, &w23)
		for b := range 8 {
			w0, w1, w2, w3 := philox(1, c1[b], c2[b], c3, key[0], key[1])
			if w01[b] != uint64(w0)<<32|uint64(w1) || w23[b] != uint64(w2)<<32|uint64(w3) {
				t.Fatalf("counters %#x %#x %#x key %#x: %#x %#x, want %#x %#x %#x %#x", c1[b], c2[b], c3, key, w01[b], w23[b], w0, w1, w2, w3)
			}
		}
	}
}

// pairNormals gives the words of pairWordsRef in cell order, marks the
// cells whose draw the ziggurat's first test rejects, and gives the others
// their value bit for bit, for any counters and keys, up to the largest
// first counter word that does not wrap, including all-zero and all-one
// words and keys.
func TestPairNormals(t *testing.T) {
	t.Parallel()
	rejections := 0
	counterCases(1, 50000, func(c1, c2, c3 uint32, key [2]uint32) {
		t.Helper()
		var even, odd [8]uint64
		pairWordsRef(c1, c2, c3, key, &even, &odd)
		var u [16]uint64
		var x [16]float64
		rejected := pairNormals(c1, c2, c3, key, &u, &x)
		if rejected>>16 != 0 {
			t.Fatalf("counters %#x %#x %#x key %#x: rejected %#x beyond 16 cells", c1, c2, c3, key, rejected)
		}
		for h := range 16 {
			want := even[h>>1]
			if h&1 == 1 {
				want = odd[h>>1]
			}
			if u[h] != want {
				t.Fatalf("counters %#x %#x %#x key %#x: u[%d] = %#x, want %#x", c1, c2, c3, key, h, u[h], want)
			}
			i, j := want&(nzN-1), want>>12
			if rej := rejected>>h&1 == 1; rej != (j >= nzig.k[i]) {
				t.Fatalf("counters %#x %#x %#x key %#x: cell %d (i %d, j %#x, k %#x) rejected %v", c1, c2, c3, key, h, i, j, nzig.k[i], rej)
			} else if rej {
				rejections++
				continue
			}
			v := float64(j) * nzig.w[i]
			if want&nzN != 0 {
				v = -v
			}
			if math.Float64bits(x[h]) != math.Float64bits(v) {
				t.Fatalf("counters %#x %#x %#x key %#x: x[%d] = %g (%#x), want %g (%#x)", c1, c2, c3, key, h, x[h], math.Float64bits(x[h]), v, math.Float64bits(v))
			}
		}
	})
	if rejections == 0 {
		t.Error("no draw rejected")
	}
}

// The bits of j < 2^52 under those of 2^52 make the double 2^52 + j, less
// 2^52 exactly float64(j) (pairNormalsAVX2's conversion): for every j below
// 2^22 and in the last 2^22 below 2^52, around every power of two, and
// for 10^6 others.
func TestFloat64OfWord(t *testing.T) {
	t.Parallel()
	check := func(j uint64) {
		if got := math.Float64frombits(j|0x4330000000000000) - 0x1p52; math.Float64bits(got) != math.Float64bits(float64(j)) {
			t.Fatalf("j %#x: %g, want %g", j, got, float64(j))
		}
	}
	for j := range uint64(1 << 22) {
		check(j)
		check(1<<52 - 1 - j)
	}
	for e := range 52 {
		for d := uint64(0); d < 4 && d <= 1<<e; d++ {
			check(1<<e + d)
			check(1<<e - d)
		}
	}
	s := New(9, User, 2, 0, 0)
	for range 1_000_000 {
		check(s.Uint64() >> 12)
	}
}

// wideInts returns the values of xs that an int holds: all of them with
// 64-bit ints, none past 2^31 − 1 on 32-bit targets (where no group has
// such cells, and no range such a size).
func wideInts(xs ...uint64) []int {
	var ints []int
	for _, x := range xs {
		if x <= math.MaxInt {
			ints = append(ints, int(x))
		}
	}
	return ints
}
