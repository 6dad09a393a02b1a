package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestExpm1Accuracy checks Expm1 within two ulp and Exprel within three ulp
// of 240-bit references (bigExp(x) − 1, divided by x) for random arguments
// near 0, over the range of rate functions and over the whole range, and
// their special values.
func TestExpm1Accuracy(t *testing.T) {
	t.Parallel()
	s := rand.New(rand.NewPCG(2, 0)) // not rng, which imports xmath
	var worst, worstX, worstRel, worstRelX float64
	one := new(big.Float).SetPrec(240).SetInt64(1)
	for i := range 20000 {
		var x float64
		switch i % 5 {
		case 0:
			x = -40 + 749*s.Float64()
		case 1:
			x = -1 + 2*s.Float64()
		case 2:
			x = -0.02 + 0.04*s.Float64() // near the table's j = 0
		case 3:
			x = -20 + 40*s.Float64()
		default:
			x = -1e-9 + 2e-9*s.Float64()
		}
		want := new(big.Float).SetPrec(240).Sub(bigExp(x), one)
		if u := ulps(Expm1(x), want); u > worst {
			worst, worstX = u, x
		}
		rel := new(big.Float).SetPrec(240).Quo(want, new(big.Float).SetPrec(240).SetFloat64(x))
		if u := ulps(Exprel(x), rel); u > worstRel {
			worstRel, worstRelX = u, x
		}
	}
	if worst > 2 {
		t.Errorf("Expm1: largest error %.3g ulp at x = %v", worst, worstX)
	}
	if worstRel > 3 {
		t.Errorf("Exprel: largest error %.3g ulp at x = %v", worstRel, worstRelX)
	}
	t.Logf("largest errors: Expm1 %.3g ulp at %v, Exprel %.3g ulp at %v", worst, worstX, worstRel, worstRelX)
	for _, c := range []struct{ x, want float64 }{
		{0, 0}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), -1}, {710, math.Inf(1)}, {-50, -1}, {1e-300, 1e-300},
	} {
		if got := Expm1(c.x); got != c.want {
			t.Errorf("Expm1(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{0, 1}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0}, {1e-300, 1},
	} {
		if got := Exprel(c.x); got != c.want {
			t.Errorf("Exprel(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(Expm1(math.NaN())) || !math.IsNaN(Exprel(math.NaN())) {
		t.Error("Expm1 or Exprel of NaN is not NaN")
	}
}

func BenchmarkExprel(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -10 + 0.02*float64(i)
	}
	b.Run("xmath", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += Exprel(x)
			}
		}
		_ = sum
	})
	b.Run("math", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += math.Expm1(x) / x
			}
		}
		_ = sum
	})
}
