package rng

import (
	"math"
	"testing"
)

func TestIntn(t *testing.T) {
	t.Parallel()
	for _, m := range append([]int{1, 2, 7, 1000}, wideInts(1<<31+5)...) {
		s := New(12, User, uint32(m), 0, 0)
		if m > 1000 {
			for i := 0; i < 10000; i++ {
				if k := s.Intn(m); k < 0 || k >= m {
					t.Fatalf("Intn(%d) = %d out of range", m, k)
				}
			}
			// Mean and variance of the discrete uniform on [0, m).
			mf := float64(m)
			v := (mf*mf - 1) / 12
			checkMoments(t, "Intn large", 200_000, func() float64 { return float64(s.Intn(m)) }, (mf-1)/2, v, (mf*mf-1)*(3*mf*mf-7)/240)
			continue
		}
		checkDiscrete(t, "Intn", 200_000, func() int { return s.Intn(m) },
			func(int) float64 { return 1 / float64(m) }, m-1)
	}
	s := New(13, User, 0, 0, 0)
	for _, big := range wideInts(3 << 40) { // takes the 64-bit path
		for i := 0; i < 1000; i++ {
			if k := s.Intn(big); k < 0 || k >= big {
				t.Fatalf("Intn(%d) = %d out of range", big, k)
			}
		}
	}
}

func TestNormalMoments(t *testing.T) {
	t.Parallel()
	s := New(21, Noise, 3, 0, 0)
	checkMoments(t, "Normal", 1_000_000, s.Normal, 0, 1, 3)
	// Third moment (skewness) and the fraction beyond 3 sigma (0.0026998).
	var skew float64
	beyond := 0
	const n = 1_000_000
	for i := 0; i < n; i++ {
		x := s.Normal()
		skew += x * x * x
		if math.Abs(x) > 3 {
			beyond++
		}
	}
	if se := math.Sqrt(15.0 / n); math.Abs(skew/n) > nSigma*se {
		t.Errorf("Normal: E[x^3] = %.4g, want 0 (se %.3g)", skew/n, se)
	}
	p := math.Erfc(3 / math.Sqrt2)
	if se := math.Sqrt(p * (1 - p) / n); math.Abs(float64(beyond)/n-p) > nSigma*se {
		t.Errorf("Normal: P(|x|>3) = %.5f, want %.5f", float64(beyond)/n, p)
	}
}

func TestExpMoments(t *testing.T) {
	t.Parallel()
	s := New(22, Noise, 3, 0, 0)
	// Exponential(1): mean 1, variance 1, fourth central moment 9.
	checkMoments(t, "Exp", 1_000_000, s.Exp, 1, 1, 9)
}

func TestGeometric(t *testing.T) {
	t.Parallel()
	for _, p := range []float64{0.9, 0.5, 0.25, 0.01} {
		s := New(23, Connect, 0, uint64(p*1000), 0)
		logq := math.Log1p(-p)
		pmf := func(k int) float64 { return p * math.Pow(1-p, float64(k)) }
		kmax := int(math.Ceil(40 / -math.Log10(1-p)))
		checkDiscrete(t, "Geometric", 200_000, func() int { return s.Geometric(logq) }, pmf, kmax)
	}
	s := New(0, Connect, 0, 0, 0)
	if k := s.Geometric(math.Inf(-1)); k != 0 {
		t.Errorf("Geometric(p=1) = %d, want 0", k)
	}
	if k := s.Geometric(0); k != math.MaxInt {
		t.Errorf("Geometric(p=0) = %d, want MaxInt", k)
	}
	if k := s.Geometric(-1e-300); k != math.MaxInt {
		t.Errorf("Geometric(p=1e-300) = %d, want MaxInt", k)
	}
}

func BenchmarkNormal(b *testing.B) {
	s := New(1, Noise, 2, 3, 4)
	var acc float64
	for b.Loop() {
		acc += s.Normal()
	}
	sinkF = acc
}

func BenchmarkExp(b *testing.B) {
	s := New(1, Noise, 2, 3, 4)
	var acc float64
	for b.Loop() {
		acc += s.Exp()
	}
	sinkF = acc
}

func BenchmarkGeometric(b *testing.B) {
	s := New(1, Connect, 2, 3, 0)
	logq := math.Log1p(-0.25)
	acc := 0
	for b.Loop() {
		acc += s.Geometric(logq)
	}
	sinkI = acc
}
