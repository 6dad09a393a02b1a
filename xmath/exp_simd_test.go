//go:build goexperiment.simd && amd64

package xmath

import (
	"math"
	"math/rand/v2"
	"simd/archsimd"
	"testing"
)

// Exp4 gives Exp's bits for every lane within [−700, 700] and declines
// outside it (large values, NaN).
func TestExp4(t *testing.T) {
	t.Parallel()
	checkLanes(t, Exp4, Exp, 3, [3][2]float64{{-700, 700}, {-1, 1}, {-1e-3, 1e-3}},
		[]float64{701, -701, math.NaN(), math.Inf(1)})
}

// Exprel4 gives Exprel's bits for every lane within [−40, 700], on both
// sides of −1.38 where Expm1 changes method, and declines zero, values
// below −40 or above 700, NaN and infinities.
func TestExprel4(t *testing.T) {
	t.Parallel()
	checkLanes(t, Exprel4, Exprel, 4, [3][2]float64{{-40, 700}, {-3, 1}, {-1e-6, 1e-6}},
		[]float64{0, -40.01, 701, math.NaN(), math.Inf(1), math.Inf(-1)})
}

// checkLanes compares f4 with f on 100000 vectors whose lanes are drawn
// uniformly from the three ranges in turn (seeded by seed), and checks that
// f4 declines a vector holding any of bad.
func checkLanes(t *testing.T, f4 func(archsimd.Float64x4) (archsimd.Float64x4, bool), f func(float64) float64,
	seed uint64, ranges [3][2]float64, bad []float64) {
	t.Helper()
	if !archsimd.X86.AVX2() {
		t.Skip("no AVX2")
	}
	s := rand.New(rand.NewPCG(seed, 0)) // not rng, which imports xmath
	for i := range 100000 {
		lo, hi := ranges[i%3][0], ranges[i%3][1]
		var x [4]float64
		for l := range x {
			x[l] = lo + (hi-lo)*s.Float64()
		}
		y, ok := f4(archsimd.LoadFloat64x4(&x))
		if !ok {
			t.Fatalf("%v: declined", x)
		}
		var got [4]float64
		y.Store(&got)
		for l := range x {
			if want := f(x[l]); got[l] != want {
				t.Fatalf("lane %d of %v: %.17g, scalar %.17g", l, x, got[l], want)
			}
		}
	}
	for _, b := range bad {
		if _, ok := f4(archsimd.LoadFloat64x4(&[4]float64{0.5, b, 1, 2})); ok {
			t.Errorf("accepted %v", b)
		}
	}
}

func BenchmarkExp4(b *testing.B) {
	for _, c := range []struct {
		name string
		f4   func(archsimd.Float64x4) (archsimd.Float64x4, bool)
		x0   float64
	}{{"exp", Exp4, -10}, {"exprel", Exprel4, -10 + 1e-9}} {
		b.Run(c.name, func(b *testing.B) {
			xs := make([]float64, 1024)
			for i := range xs {
				xs[i] = c.x0 + 0.02*float64(i)
			}
			var sum archsimd.Float64x4
			for b.Loop() {
				for i := 0; i < len(xs); i += 4 {
					y, _ := c.f4(archsimd.LoadFloat64x4((*[4]float64)(xs[i : i+4])))
					sum = sum.Add(y)
				}
			}
			var out [4]float64
			sum.Store(&out)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
		})
	}
}
