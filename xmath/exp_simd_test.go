//go:build goexperiment.simd && amd64

package xmath

import (
	"math"
	"simd/archsimd"
	"testing"

	"github.com/volleysim/volley/rng"
)

// Exp4 gives Exp's bits for every lane within [−700, 700] and declines
// outside it (large values, NaN).
func TestExp4(t *testing.T) {
	t.Parallel()
	if !archsimd.X86.AVX2() {
		t.Skip("no AVX2")
	}
	s := rng.New(3, rng.User, 0, 0, 0)
	for i := range 100000 {
		var x [4]float64
		for l := range x {
			switch i % 3 {
			case 0:
				x[l] = -700 + 1400*s.Float64()
			case 1:
				x[l] = -1 + 2*s.Float64()
			default:
				x[l] = -1e-3 + 2e-3*s.Float64()
			}
		}
		y, ok := Exp4(archsimd.LoadFloat64x4(&x))
		if !ok {
			t.Fatalf("%v: declined", x)
		}
		var got [4]float64
		y.Store(&got)
		for l := range x {
			if want := Exp(x[l]); got[l] != want {
				t.Fatalf("Exp4 lane %d of %v: %.17g, Exp %.17g", l, x, got[l], want)
			}
		}
	}
	for _, bad := range []float64{701, -701, math.NaN(), math.Inf(1)} {
		if _, ok := Exp4(archsimd.LoadFloat64x4(&[4]float64{0, bad, 1, 2})); ok {
			t.Errorf("Exp4 accepted %v", bad)
		}
	}
}

func BenchmarkExp4(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -10 + 0.02*float64(i)
	}
	var sum archsimd.Float64x4
	for b.Loop() {
		for i := 0; i < len(xs); i += 4 {
			y, _ := Exp4(archsimd.LoadFloat64x4((*[4]float64)(xs[i : i+4])))
			sum = sum.Add(y)
		}
	}
	var out [4]float64
	sum.Store(&out)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
}

// Exprel4 gives Exprel's bits for every lane within [−40, 700], on both
// sides of −1.38 where Expm1 changes method, and declines zero, values
// below −40 or above 700, NaN and infinities.
func TestExprel4(t *testing.T) {
	t.Parallel()
	if !archsimd.X86.AVX2() {
		t.Skip("no AVX2")
	}
	s := rng.New(4, rng.User, 0, 0, 0)
	for i := range 100000 {
		var x [4]float64
		for l := range x {
			switch i % 3 {
			case 0:
				x[l] = -40 + 740*s.Float64()
			case 1:
				x[l] = -3 + 4*s.Float64()
			default:
				x[l] = -1e-6 + 2e-6*s.Float64()
			}
		}
		y, ok := Exprel4(archsimd.LoadFloat64x4(&x))
		if !ok {
			t.Fatalf("%v: declined", x)
		}
		var got [4]float64
		y.Store(&got)
		for l := range x {
			if want := Exprel(x[l]); got[l] != want {
				t.Fatalf("Exprel4 lane %d of %v: %.17g, Exprel %.17g", l, x, got[l], want)
			}
		}
	}
	for _, bad := range []float64{0, -40.01, 701, math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := Exprel4(archsimd.LoadFloat64x4(&[4]float64{0.5, bad, 1, 2})); ok {
			t.Errorf("Exprel4 accepted %v", bad)
		}
	}
}

func BenchmarkExprel4(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -1 + 0.005*float64(i) + 1e-9
	}
	var sum archsimd.Float64x4
	for b.Loop() {
		for i := 0; i < len(xs); i += 4 {
			y, _ := Exprel4(archsimd.LoadFloat64x4((*[4]float64)(xs[i : i+4])))
			sum = sum.Add(y)
		}
	}
	var out [4]float64
	sum.Store(&out)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
}
