package rng

import (
	"math"
	"testing"
)

// TestZigguratCloses checks the layer recursion: with Marsaglia and Tsang's
// zigR and zigV the top layer [0, x255] × [f(x255), 1] has area zigV too.
func TestZigguratCloses(t *testing.T) {
	t.Parallel()
	x255 := zig.w[zigN-1] * zigM
	if top := x255 * (1 - math.Exp(-x255)); math.Abs(top-zigV) > 1e-9 {
		t.Errorf("top layer area = %.12g, want %.12g", top, zigV)
	}
	if zig.k[zigN-1] != 0 {
		t.Errorf("top layer fast-accept bound = %d, want 0", zig.k[zigN-1])
	}
}

// TestExpDistribution checks 1 - e^-X for uniformity (chi-square on 1000
// bins) and the tail mass beyond zigR and beyond 12, where the ziggurat's
// tail branch takes over.
func TestExpDistribution(t *testing.T) {
	t.Parallel()
	const n, bins = 2_000_000, 1000
	s := New(31, Noise, 9, 0, 0)
	counts := make([]int, bins)
	beyondR, beyond12 := 0, 0
	for i := 0; i < n; i++ {
		x := s.Exp()
		if x < 0 {
			t.Fatalf("Exp = %v < 0", x)
		}
		counts[min(int(-math.Expm1(-x)*bins), bins-1)]++
		if x > zigR {
			beyondR++
		}
		if x > 12 {
			beyond12++
		}
	}
	chi2, e := 0.0, float64(n)/bins
	for _, c := range counts {
		chi2 += (float64(c) - e) * (float64(c) - e) / e
	}
	if b := chiSquareBound(bins - 1); chi2 > b {
		t.Errorf("chi-square = %.1f exceeds %.1f", chi2, b)
	}
	for _, c := range []struct {
		name  string
		at    float64
		count int
	}{{"zigR", zigR, beyondR}, {"12", 12, beyond12}} {
		p := math.Exp(-c.at)
		mean, sd := n*p, math.Sqrt(n*p*(1-p))
		if math.Abs(float64(c.count)-mean) > nSigma*sd+1 {
			t.Errorf("P(X > %s): %d of %d, want %.1f ± %.1f", c.name, c.count, n, mean, nSigma*sd)
		}
	}
}
