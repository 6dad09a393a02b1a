package xmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// bigExp returns e**x to about 150 bits: e^x = (e^(x/2^s))^(2^s), the
// inner value by its Taylor series.
func bigExp(x float64) *big.Float {
	const prec = 240
	s := 12
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -s)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := 1; n < 60; n++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(n)))
		sum.Add(sum, term)
	}
	for range s {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulps returns |got - want| in units of the last place of want.
func ulps(got float64, want *big.Float) float64 {
	w, _ := want.Float64()
	if w == 0 || math.IsInf(w, 0) {
		if got == w {
			return 0
		}
		return math.Inf(1)
	}
	_, e := math.Frexp(w)
	ulp := math.Ldexp(1, max(e-53, -1074))
	d := new(big.Float).SetPrec(240).SetFloat64(got)
	d.Sub(d, want)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

// TestExpAccuracy checks Exp within one ulp of a 240-bit reference for
// random arguments over the whole range and near the ranges neuron models
// use, and its special values.
func TestExpAccuracy(t *testing.T) {
	t.Parallel()
	s := rand.New(rand.NewPCG(1, 0)) // not rng, which imports xmath
	var worst, worstX float64
	for i := range 20000 {
		var x float64
		switch i % 4 {
		case 0:
			x = -745 + 1454*s.Float64() // the whole range
		case 1:
			x = -1 + 2*s.Float64() // decay factors, rates
		case 2:
			x = -20 + 40*s.Float64()
		default:
			x = -1e-6 + 2e-6*s.Float64() // near 0
		}
		if u := ulps(Exp(x), bigExp(x)); u > worst {
			worst, worstX = u, x
		}
	}
	if worst > 1 {
		t.Errorf("largest error %.3g ulp at x = %v", worst, worstX)
	}
	t.Logf("largest error %.3g ulp at x = %v", worst, worstX)
	for _, c := range []struct{ x, want float64 }{
		{0, 1}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0}, {710, math.Inf(1)}, {-746, 0},
		{1, math.E}, {-1e-320, 1},
	} {
		if got := Exp(c.x); got != c.want {
			t.Errorf("Exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(Exp(math.NaN())) {
		t.Error("Exp(NaN) is not NaN")
	}
	// subnormal results and the largest finite ones
	for _, x := range []float64{-708.5, -720, -740, -745, 709, 709.78} {
		if u := ulps(Exp(x), bigExp(x)); u > 1 {
			t.Errorf("Exp(%v): %.3g ulp", x, u)
		}
	}
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = -10 + 0.02*float64(i)
	}
	b.Run("xmath", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += Exp(x)
			}
		}
		_ = sum
	})
	b.Run("math", func(b *testing.B) {
		var sum float64
		for b.Loop() {
			for _, x := range xs {
				sum += math.Exp(x)
			}
		}
		_ = sum
	})
}
