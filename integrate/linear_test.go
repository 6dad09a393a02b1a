package integrate

import (
	"math"
	"testing"
)

// The reference solutions below are closed forms derived by hand for each system.
func TestExactLinear(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	tau, tauS, c := 20e-3, 5e-3, 0.2e-9
	cases := []struct {
		name string
		a, b []float64
		x0   []float64
		want func(t float64) []float64
	}{
		{
			name: "decay to a fixed point",
			a:    []float64{-1 / tau},
			b:    []float64{-0.049 / tau},
			x0:   []float64{-0.060},
			want: func(t float64) []float64 {
				return []float64{-0.049 + (-0.060+0.049)*math.Exp(-t/tau)}
			},
		},
		{
			name: "pure integrator (singular A)",
			a:    []float64{0},
			b:    []float64{3},
			x0:   []float64{1},
			want: func(t float64) []float64 { return []float64{1 + 3*t} },
		},
		{
			name: "membrane driven by a decaying current",
			// dv/dt = -v/tau + I/c, dI/dt = -I/tauS; v(0)=0, I(0)=I0:
			// v(t) = I0·tau·tauS/(c·(tau-tauS)) · (exp(-t/tau) - exp(-t/tauS)).
			a:  []float64{-1 / tau, 1 / c, 0, -1 / tauS},
			b:  []float64{0, 0},
			x0: []float64{0, 1e-10},
			want: func(t float64) []float64 {
				i0 := 1e-10
				v := i0 * tau * tauS / (c * (tau - tauS)) * (math.Exp(-t/tau) - math.Exp(-t/tauS))
				return []float64{v, i0 * math.Exp(-t/tauS)}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l, err := ExactLinear(tc.a, tc.b, dt)
			if err != nil {
				t.Fatal(err)
			}
			x := append([]float64(nil), tc.x0...)
			tmp := make([]float64, len(x))
			for k := 1; k <= 2000; k++ {
				l.Step(x, tmp)
				want := tc.want(float64(k) * dt)
				for i := range x {
					scale := math.Max(math.Abs(want[i]), 1e-300)
					if d := math.Abs(x[i]-want[i]) / scale; d > 1e-12 {
						t.Fatalf("step %d var %d: got %.17g want %.17g (rel %g)", k, i, x[i], want[i], d)
					}
				}
			}
		})
	}
}

func TestExactLinearErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		a, b []float64
		dt   float64
	}{
		{"empty", nil, nil, 1e-4},
		{"shape", []float64{1, 2}, []float64{1}, 1e-4},
		{"zero dt", []float64{-1}, []float64{0}, 0},
		{"nan coefficient", []float64{math.NaN()}, []float64{0}, 1e-4},
		{"inf input", []float64{-1}, []float64{math.Inf(1)}, 1e-4},
	}
	for _, tc := range cases {
		if _, err := ExactLinear(tc.a, tc.b, tc.dt); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
