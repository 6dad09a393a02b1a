package rng

import (
	"math"
	"testing"
)

// normalOf is Normals' value of one cell written out from its definition:
// the pair's block 0, the cell's half, and the cell's stream from block 1.
func normalOf(seed uint64, p Purpose, id uint32, cell, step uint64) float64 {
	s := New(seed, p, id, cell&^1, step)
	u0, u1 := s.Uint64(), s.Uint64()
	u := u0
	if cell&1 == 1 {
		u = u1
	}
	r := New(seed, p, id, cell, step)
	r.ctr[0] = 1
	return r.normalAfter(u)
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
	for _, first := range []int{1<<32 - 8, 1<<32 - 7} {
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
