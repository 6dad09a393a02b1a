package build_test

import (
	"math"
	"testing"

	"github.com/volleysim/volley/build"
)

// TestSTPBrian2 compares a depressing synapse with Brian2's clock-driven
// Tsodyks–Markram synapse (testdata/tm_depressing_20Hz_dt0.1.csv): x and y
// just after each of the 20 spikes. Brian2's row of step n is the state at
// its start, so the state after a spike in step n is the row of step n+1.
func TestSTPBrian2(t *testing.T) {
	t.Parallel()
	ref := readCSV(t, "testdata/tm_depressing_20Hz_dt0.1.csv")
	s := &build.STP{U: 0.5, TauRec: 0.8, TauSyn: 0.003, DT: 1e-4,
		Y: make([]float64, 1), Z: make([]float64, 1), UT: make([]float64, 1), Last: make([]int64, 1)}
	for k := range 20 {
		n := int64(100 + 500*k)
		s.Release(0, n)
		row := ref[n+1]
		x, y := 1-s.Y[0]-s.Z[0], s.Y[0]
		if math.Abs(x-row[1]) > 1e-12 || math.Abs(y-row[2]) > 1e-12 {
			t.Errorf("spike %d at %g ms: x, y = %.15g, %.15g; Brian2 %.15g, %.15g", k, row[0]-0.1, x, y, row[1], row[2])
		}
	}
}
