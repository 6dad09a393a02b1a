package integrate

import (
	"math"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
)

// The program of "exact" reads the reserved propagator names, leaving out the
// entries that are zero whatever the coefficients: here P[ge][v], P[gi][v],
// P[ge][gi], P[gi][ge] and q[ge], q[gi].
func TestExactLinearProgram(t *testing.T) {
	t.Parallel()
	s := parseSystem(t, "dv/dt = (El - v + ge*(Ee - v) + gi)/tau : 1\ndge/dt = -ge/taue : 1\ndgi/dt = -gi/taui : 1")
	_, _, err := ExactLinearProgram(s)
	if err == nil || !strings.Contains(err.Error(), "dv/dt depends on v and ge through ge*(Ee - v) (not linear)") {
		t.Fatalf("conductance-based input accepted: %v", err)
	}
	s = parseSystem(t, "dv/dt = (El - v + R*(ge + gi))/tau : 1\ndge/dt = -ge/taue : 1\ndgi/dt = -gi/taui : 1")
	p, c, err := ExactLinearProgram(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `
_v = _P_0_0*v + _P_0_1*ge + _P_0_2*gi + _q_0
_ge = _P_1_1*ge
_gi = _P_2_2*gi
v = _v
ge = _ge
gi = _gi`
	if got := strings.TrimSpace(listing(p)); got != strings.TrimSpace(want) {
		t.Errorf("program:\n%s\nwant:\n%s", got, strings.TrimSpace(want))
	}
	var a []string
	for _, e := range c.A {
		a = append(a, eqn.String(e))
	}
	if got := strings.Join(a, "; "); got != "-1/tau; R/tau; R/tau; 0; -1/taue; 0; 0; 0; -1/taui" {
		t.Errorf("A = %s", got)
	}
	if got := eqn.String(c.B[0]); got != "El/tau" {
		t.Errorf("B[0] = %s", got)
	}
}

// Exact integration reproduces closed forms to 1e-12 over 1000 steps: a
// membrane driven by an exponentially decaying current (two time constants)
// and an undamped oscillator (complex eigenvalues, which Brian2's sympy
// path refuses).
func TestExactClosedForm(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	const tau, taus, R, El = 0.02, 0.005, 2.0, -0.07
	w := 2 * math.Pi * 10
	cases := []struct {
		name, eqs string
		values    map[string]float64
		want      func(T float64) map[string]float64
	}{
		{"membrane and current", "dv/dt = (El - v + R*I)/tau : 1\ndI/dt = -I/taus : 1",
			map[string]float64{"El": El, "R": R, "tau": tau, "taus": taus, "v": El, "I": 1},
			func(T float64) map[string]float64 {
				// v − El = R·I0·taus/(taus − tau)·(e^{−T/taus} − e^{−T/tau})
				return map[string]float64{"I": math.Exp(-T / taus),
					"v": El + R*taus/(taus-tau)*(math.Exp(-T/taus)-math.Exp(-T/tau))}
			}},
		{"oscillator", "dx/dt = y : 1\ndy/dt = -w**2*x : 1", map[string]float64{"w": w, "x": 1, "y": 0},
			func(T float64) map[string]float64 {
				return map[string]float64{"x": math.Cos(w * T), "y": -w * math.Sin(w*T)}
			}},
	}
	for _, tc := range cases {
		p, vals := program(t, parseSystem(t, tc.eqs), "exact", dt, tc.values)
		m := newMachine(t, p, dt, vals)
		m.run(1000, nil)
		for v, want := range tc.want(1000 * dt) {
			if got := m.get(v); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%s: %s = %.17g, closed form %.17g", tc.name, v, got, want)
			}
		}
	}
}

// Integrate and ExactLinearProgram give the same program for "exact".
func TestExactIntegrate(t *testing.T) {
	t.Parallel()
	s := parseSystem(t, "dv/dt = (El - v)/tau : 1")
	p1, err := Integrate(s, "linear")
	if err != nil {
		t.Fatal(err)
	}
	p2, _, _ := ExactLinearProgram(s)
	if listing(p1) != listing(p2) || p1.Method != "exact" {
		t.Errorf("Integrate:\n%sExactLinearProgram:\n%s", listing(p1), listing(p2))
	}
	if got := listing(p1); got != "_v = _P_0_0*v + _q_0\nv = _v\n" {
		t.Errorf("program %q", got)
	}
}

// ExactProgram with known numbers leaves out zeros; with per-cell arrays it
// reads their names.
func TestExactProgram(t *testing.T) {
	t.Parallel()
	vars := []string{"v", "I"}
	p := ExactProgram(vars, []float64{0.9, 0.1, 0, 0.8}, []float64{0.5, 0}, make([]string, 4), make([]string, 2))
	if got := listing(p); got != "_v = 0.9*v + 0.1*I + 0.5\n_I = 0.8*I\nv = _v\nI = _I\n" {
		t.Errorf("numbers:\n%s", got)
	}
	names := []string{PropagatorName(0, 0), PropagatorName(0, 1), PropagatorName(1, 0), PropagatorName(1, 1)}
	p = ExactProgram(vars, nil, nil, names, []string{InputName(0), InputName(1)})
	if got := listing(p); got != "_v = _P_0_0*v + _P_0_1*I + _q_0\n_I = _P_1_0*v + _P_1_1*I + _q_1\nv = _v\nI = _I\n" {
		t.Errorf("names:\n%s", got)
	}
}
