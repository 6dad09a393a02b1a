package build

import (
	"math"
	"testing"

	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/rng"
)

// TestTriangularMatchesMatrixExponential compares the eigen solution of
// Tsodyks–Markram systems (x' = (1 - x - y)/tau_rec, y' = -y/tau_I,
// u' = -u/tau_facil) with the matrix exponential over intervals of 1 to
// 5000 steps, for random time constants.
func TestTriangularMatchesMatrixExponential(t *testing.T) {
	// variables x, y, u; A row-major, b
	zero := []bool{false, false, true, true, false, true, true, true, false}
	tri, ok := triangularOrder(3, zero)
	if !ok {
		t.Fatal("no triangular order for the Tsodyks–Markram system")
	}
	if tri.perm[0] != 0 { // x reads y: it must come before y
		t.Fatalf("order %v: x must come first", tri.perm)
	}
	s := rng.New(1, rng.User, 0, 0, 0)
	lam, v, vinv, z := make([]float64, 4), make([]float64, 16), make([]float64, 16), make([]float64, 4)
	var worst float64
	for trial := range 200 {
		tauRec, tauI, tauF := 0.005+2*s.Float64(), 0.001+0.01*s.Float64(), 0.005+3*s.Float64()
		a := []float64{-1 / tauRec, -1 / tauRec, 0, 0, -1 / tauI, 0, 0, 0, -1 / tauF}
		b := []float64{1 / tauRec, 0, 0}
		if !tri.decompose(a, b, lam, v, vinv) {
			t.Fatalf("trial %d: rates %g, %g, %g not decomposed", trial, tauRec, tauI, tauF)
		}
		for _, d := range []int{1, 7, 300, 5000} {
			h := float64(d) * 1e-4
			x := []float64{s.Float64(), s.Float64(), s.Float64()}
			want := append([]float64(nil), x...)
			l, err := integrate.ExactLinear(a, b, h)
			if err != nil {
				t.Fatal(err)
			}
			l.Step(want, make([]float64, 3))
			tri.advance(x, int64(d), 1e-4, lam, v, vinv, nil, z)
			for i := range x {
				worst = max(worst, math.Abs(x[i]-want[i]))
				if math.Abs(x[i]-want[i]) > 1e-12 {
					t.Fatalf("trial %d, %d steps, var %d: %.15g, matrix exponential %.15g", trial, d, i, x[i], want[i])
				}
			}
		}
	}
	t.Logf("largest difference: %.3g", worst)
}

// TestTriangularRefusesConfluentRates checks that coupled variables with the
// same rate (a Jordan block: y' = -y/tau, x' = (y - x)/tau) are left to the
// matrix exponential, and that uncoupled ones with equal rates are not.
func TestTriangularRefusesConfluentRates(t *testing.T) {
	tri, _ := triangularOrder(2, []bool{false, false, true, false})
	lam, v, vinv := make([]float64, 3), make([]float64, 9), make([]float64, 9)
	if tri.decompose([]float64{-100, 100, 0, -100}, []float64{0, 0}, lam, v, vinv) {
		t.Error("a Jordan block was decomposed")
	}
	diag, _ := triangularOrder(2, []bool{false, true, true, false})
	if !diag.decompose([]float64{-50, 0, 0, -50}, []float64{1, 2}, lam, v, vinv) {
		t.Error("two uncoupled variables with equal rates were refused")
	}
	x, z := []float64{0.5, 0.25}, make([]float64, 3)
	diag.advance(x, 100, 1e-4, lam, v, vinv, nil, z)
	e := math.Exp(-0.5)
	want := []float64{1.0/50 + (0.5-1.0/50)*e, 2.0/50 + (0.25-2.0/50)*e}
	for i := range x {
		if math.Abs(x[i]-want[i]) > 1e-14 {
			t.Errorf("var %d: %.15g, closed form %.15g", i, x[i], want[i])
		}
	}
}
