package kernel

import (
	"math"
	"testing"

	"github.com/volleysim/volley/rng"
)

// A connection condition over a post index j and a per-row scalar i, the
// AdEx seed's "(i+Ne+1) != j", evaluated on contiguous and gathered cells.
func TestCellExprCondition(t *testing.T) {
	t.Parallel()
	x, err := NewCellExpr(CellExprSpec{Expr: mustExpr(t, "(i+Ne+1) != j"), Src: "(i+Ne+1) != j", N: 100, DT: 1e-4,
		Consts: map[string]float64{"Ne": 80}, Index: "j", Scalars: []string{"i"}})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 100)
	x.EvalRange(0, 100, []float64{3}, out)
	for j, v := range out {
		if want := b2f(3+81 != j); v != want {
			t.Fatalf("j=%d: %g, want %g", j, v, want)
		}
	}
	cells := []int32{5, 84, 99}
	x.EvalCells(cells, []float64{3}, out)
	if out[0] != 1 || out[1] != 0 || out[2] != 1 {
		t.Errorf("gathered: %v, want [1 0 1]", out[:3])
	}
}

// Random initial values come from one stream per cell: the same values for
// any split into ranges, with the moments of the distribution.
func TestCellExprRandomInit(t *testing.T) {
	t.Parallel()
	const n = 5000
	mk := func() *CellExpr {
		x, err := NewCellExpr(CellExprSpec{Expr: mustExpr(t, "El + (randn()*5 - 5)*mV"), N: n, DT: 1e-4,
			Consts: map[string]float64{"El": -0.06}, Seed: 12345, Purpose: rng.Init, ID: 4})
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	a, b := make([]float64, n), make([]float64, n)
	mk().EvalRange(0, n, nil, a)
	x := mk()
	x.EvalRange(0, 1234, nil, b[:1234])
	x.EvalRange(1234, n, nil, b[1234:])
	var m, v float64
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("cell %d: %g in one range, %g in two", i, a[i], b[i])
		}
		m += a[i] / n
	}
	for i := range a {
		v += (a[i] - m) * (a[i] - m) / (n - 1)
	}
	// mean −65 mV, sd 5 mV: 4-sigma bounds on mean and variance
	if math.Abs(m+0.065) > 4*0.005/math.Sqrt(n) || math.Abs(v-25e-6) > 4*25e-6*math.Sqrt(2.0/n) {
		t.Errorf("mean %g V, variance %g V², want −0.065 and 2.5e-5", m, v)
	}
}
