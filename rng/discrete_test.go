package rng

import (
	"math"
	"strconv"
	"testing"
)

func TestPoisson(t *testing.T) {
	t.Parallel()
	for _, lambda := range []float64{0.01, 0.5, 3, 9.99, 10, 25, 300, 1e4} {
		s := New(24, Poisson, 0, uint64(lambda*100), 0)
		pmf := func(k int) float64 {
			lg, _ := math.Lgamma(float64(k) + 1)
			return math.Exp(float64(k)*math.Log(lambda) - lambda - lg)
		}
		kmax := int(lambda + 12*math.Sqrt(lambda) + 30)
		checkDiscrete(t, "Poisson", 200_000, func() int { return s.Poisson(lambda) }, pmf, kmax)
	}
	s := New(0, Poisson, 0, 0, 0)
	if k := s.Poisson(0); k != 0 {
		t.Errorf("Poisson(0) = %d, want 0", k)
	}
}

func TestBinomial(t *testing.T) {
	t.Parallel()
	cases := []struct {
		n int
		p float64
	}{
		{1, 0.5}, {10, 0.3}, {100, 0.001}, {19, 0.5}, {40, 0.25}, {1000, 0.3}, {1000, 0.9}, {100000, 0.02}, {5000, 0.5},
	}
	for _, c := range cases {
		s := New(25, User, uint32(c.n), uint64(c.p*1000), 0)
		pmf := func(k int) float64 {
			a, _ := math.Lgamma(float64(c.n) + 1)
			b, _ := math.Lgamma(float64(k) + 1)
			d, _ := math.Lgamma(float64(c.n-k) + 1)
			return math.Exp(a - b - d + float64(k)*math.Log(c.p) + float64(c.n-k)*math.Log1p(-c.p))
		}
		checkDiscrete(t, "Binomial", 200_000, func() int {
			k := s.Binomial(c.n, c.p)
			if k > c.n {
				t.Fatalf("Binomial(%d, %v) = %d > n", c.n, c.p, k)
			}
			return k
		}, pmf, c.n)
	}
	s := New(0, User, 0, 0, 0)
	for _, c := range []struct {
		n    int
		p    float64
		want int
	}{{0, 0.5, 0}, {10, 0, 0}, {10, 1, 10}} {
		if k := s.Binomial(c.n, c.p); k != c.want {
			t.Errorf("Binomial(%d, %v) = %d, want %d", c.n, c.p, k, c.want)
		}
	}
}

func TestDistributionPanics(t *testing.T) {
	t.Parallel()
	s := New(0, User, 0, 0, 0)
	cases := map[string]func(){
		"Intn(0)":           func() { s.Intn(0) },
		"Geometric(0.1)":    func() { s.Geometric(0.1) },
		"Geometric(NaN)":    func() { s.Geometric(math.NaN()) },
		"Poisson(-1)":       func() { s.Poisson(-1) },
		"Poisson(NaN)":      func() { s.Poisson(math.NaN()) },
		"Poisson(Inf)":      func() { s.Poisson(math.Inf(1)) },
		"Binomial(-1, 0.5)": func() { s.Binomial(-1, 0.5) },
		"Binomial(10, 1.5)": func() { s.Binomial(10, 1.5) },
		"Binomial(10, NaN)": func() { s.Binomial(10, math.NaN()) },
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

func BenchmarkPoisson(b *testing.B) {
	for _, lambda := range []float64{2, 100} {
		b.Run("lambda="+ftoa(lambda), func(b *testing.B) {
			s := New(1, Poisson, 2, 3, 4)
			acc := 0
			for b.Loop() {
				acc += s.Poisson(lambda)
			}
			sinkI = acc
		})
	}
}

func BenchmarkBinomial(b *testing.B) {
	for _, n := range []int{20, 10000} {
		b.Run("n="+ftoa(float64(n)), func(b *testing.B) {
			s := New(1, User, 2, 3, 4)
			acc := 0
			for b.Loop() {
				acc += s.Binomial(n, 0.3)
			}
			sinkI = acc
		})
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
