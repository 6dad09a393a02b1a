package integrate

import (
	"math"
	"testing"
)

// Exponential Euler is exact for linear equations whose A and B do not change
// during the step: decay to a constant, and a gating variable with constant
// rates. Closed forms to 1e-12 relative after 500 steps.
func TestExponentialEulerExact(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	cases := []struct {
		name, eqs string
		values    map[string]float64
		v         string
		want      func(T float64) float64
	}{
		{"decay to El", "dv/dt = (El - v)/tau : 1", map[string]float64{"El": -0.07, "tau": 0.02, "v": 0.01}, "v",
			func(T float64) float64 { return -0.07 + (0.01+0.07)*math.Exp(-T/0.02) }},
		{"gate", "dm/dt = alpha*(1 - m) - beta*m : 1", map[string]float64{"alpha": 350, "beta": 120, "m": 0}, "m",
			func(T float64) float64 { inf := 350.0 / 470; return inf * (1 - math.Exp(-470*T)) }},
		{"pure decay (B = 0)", "dv/dt = -v/tau : 1", map[string]float64{"tau": 0.02, "v": 1}, "v",
			func(T float64) float64 { return math.Exp(-T / 0.02) }},
		{"no decay (A = 0)", "dv/dt = I/C : 1", map[string]float64{"I": 1e-10, "C": 2e-10, "v": 0}, "v",
			func(T float64) float64 { return 0.5 * T }},
	}
	for _, tc := range cases {
		p, vals := program(t, parseSystem(t, tc.eqs), "exponential_euler", dt, tc.values)
		m := newMachine(t, p, dt, vals)
		m.run(500, nil)
		got, want := m.get(tc.v), tc.want(500*dt)
		if math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%s: %s = %.17g, closed form %.17g", tc.name, tc.v, got, want)
		}
	}
}

// Brian2 tests A for zero symbolically only: a coefficient that is zero at
// run time divides by zero, and the engine reports the NaN.
func TestExponentialEulerZeroAtRunTime(t *testing.T) {
	t.Parallel()
	p, vals := program(t, parseSystem(t, "dv/dt = g*(E - v) : 1"), "exponential_euler", 1e-4, map[string]float64{"g": 0, "E": 1, "v": 0})
	m := newMachine(t, p, 1e-4, vals)
	m.run(1, nil)
	if v := m.get("v"); !math.IsNaN(v) {
		t.Errorf("v = %g, want NaN (0/0) as in Brian2", v)
	}
}
