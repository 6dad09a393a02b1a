package xmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ExpTo gives Exp's bits: at random values over the whole range, at the
// edges of its own fast path and of Exp's, and at the special values.
func TestExpTo(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 700, -700, math.Nextafter(700, 800), math.Nextafter(-700, -800),
		709.78, 710, -708.4, -745, -746, math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e-300}
	for range 200000 {
		xs = append(xs, (r.Float64()-0.5)*1500, (r.Float64()-0.5)*20, (r.Float64()-0.5)*1e-3)
	}
	got := make([]float64, len(xs))
	ExpTo(got, xs)
	for i, x := range xs {
		if want := Exp(x); math.Float64bits(got[i]) != math.Float64bits(want) {
			t.Fatalf("ExpTo at %v = %v (%#x), Exp %v (%#x)", x, got[i], math.Float64bits(got[i]), want, math.Float64bits(want))
		}
	}
}

// ExprelTo gives Exprel's bits, on the same values and around −40, the
// edge of Expm1's table (about −1.4) and 0.
func TestExprelTo(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 700, -40, math.Nextafter(-40, -50), -1.38, -1.39, -1.4, -1.45,
		1e-300, -1e-300, 5e-324, 710, math.Inf(1), math.Inf(-1), math.NaN()}
	for range 200000 {
		xs = append(xs, (r.Float64()-0.5)*1500, (r.Float64()-0.5)*100, (r.Float64()-0.5)*4, (r.Float64()-0.5)*1e-6)
	}
	got := make([]float64, len(xs))
	ExprelTo(got, xs)
	for i, x := range xs {
		want := Exprel(x)
		if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
			t.Fatalf("ExprelTo at %v = %v (%#x), Exprel %v (%#x)", x, got[i], math.Float64bits(got[i]), want, math.Float64bits(want))
		}
	}
}

// ExpTo and ExprelTo give the bits of Exp and Exprel on every length up to
// 22 (groups of eight, of four and the tail), with one value out of the fast range of
// the four-value loop at each position in turn among values within it, and
// with dst = src.
func TestSliceGroups(t *testing.T) {
	t.Parallel()
	inRange := []float64{-30, -1.39, -1.38, 0.5, 300, -700, 700, 1e-300, -5, 2, 699.5, -40, -0.01,
		-20, 1.5, -0.7, 45, -3.3, 0.002, 650, -39.9, 7}
	// NaNs with payloads other than math.NaN's, which a wrong range check
	// would let through to the arithmetic and change
	odd := []float64{math.NaN(), math.Float64frombits(0x7ff8_0000_dead_beef), math.Float64frombits(0xfff0_0000_0000_0001),
		math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 700.5, -700.5, -40.5, 710, -750}
	for _, c := range []struct {
		name string
		to   func(dst, src []float64)
		f    func(float64) float64
	}{{"ExpTo", ExpTo, Exp}, {"ExprelTo", ExprelTo, Exprel}} {
		for n := range len(inRange) + 1 {
			for p := -1; p < n; p++ {
				for _, v := range odd {
					xs := append([]float64(nil), inRange[:n]...)
					if p >= 0 {
						xs[p] = v
					}
					got := make([]float64, n)
					c.to(got, xs)
					in := append([]float64(nil), xs...)
					c.to(in, in)
					for i, x := range xs {
						want := math.Float64bits(c.f(x))
						if math.Float64bits(got[i]) != want || math.Float64bits(in[i]) != want {
							t.Fatalf("%s at %v (index %d of %d) = %v, in place %v, want %v", c.name, x, i, n, got[i], in[i], c.f(x))
						}
					}
				}
			}
		}
	}
}

func BenchmarkExpTo(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -10 + 0.02*float64(i)
	}
	out := make([]float64, len(xs))
	b.Run("loop", func(b *testing.B) {
		for b.Loop() {
			for i, x := range xs {
				out[i] = Exp(x)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
	})
	b.Run("ExpTo", func(b *testing.B) {
		for b.Loop() {
			ExpTo(out, xs)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
	})
}

func BenchmarkExprelTo(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -10 + 0.02*float64(i) + 1e-3
	}
	out := make([]float64, len(xs))
	b.Run("loop", func(b *testing.B) {
		for b.Loop() {
			for i, x := range xs {
				out[i] = Exprel(x)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
	})
	b.Run("ExprelTo", func(b *testing.B) {
		for b.Loop() {
			ExprelTo(out, xs)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/value")
	})
}
