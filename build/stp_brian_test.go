package build_test

import (
	"math"
	"testing"

	"github.com/volleysim/volley/build"
)

// TestSTPBrian2 compares a depressing synapse with Brian2's clock-driven
// Tsodyks–Markram synapse (testdata/tm_depressing_20Hz_dt0.1.csv) sample by
// sample: x, y and u at every step. Brian2's row m is the state at the start
// of step m, after step m-1's spikes: the exact solution at time (m-1)·dt
// with the spikes of that instant applied, which is what the catalog
// synapse holds at step m-1 after its release. u is PyNN's: 0 until the
// first spike, then U (Brian2's column holds U throughout).
func TestSTPBrian2(t *testing.T) {
	t.Parallel()
	ref := readCSV(t, "testdata/tm_depressing_20Hz_dt0.1.csv")
	s := &build.STP{U: 0.5, TauRec: 0.8, TauSyn: 0.003, DT: 1e-4,
		Y: make([]float64, 1), Z: make([]float64, 1), UT: make([]float64, 1), Last: make([]int64, 1)}
	x, y, u := s.Sampler("x"), s.Sampler("y"), s.Sampler("u")
	var worst float64
	for m := int64(0); m+1 < int64(len(ref)); m++ {
		if m >= 100 && m <= 100+500*19 && (m-100)%500 == 0 {
			s.Release(0, m)
		}
		row := ref[m+1]
		d := max(math.Abs(x(0, m)-row[1]), math.Abs(y(0, m)-row[2]))
		if m >= 100 {
			d = max(d, math.Abs(u(0, m)-row[3]))
		}
		worst = max(worst, d)
		if d > 1e-9 {
			t.Fatalf("step %d (%.1f ms): x, y, u = %.12g, %.12g, %.12g; Brian2 %.12g, %.12g, %.12g",
				m, row[0]-0.1, x(0, m), y(0, m), u(0, m), row[1], row[2], row[3])
		}
	}
	t.Logf("largest difference from Brian2 over %d steps: %.3g", len(ref)-1, worst)
}
