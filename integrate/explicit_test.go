package integrate

import (
	"math"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
)

// problem is an initial value problem with a closed-form solution.
type problem struct {
	name   string
	eqs    string
	params map[string]float64
	init   map[string]float64
	T      float64
	dts    [3]float64 // dt, dt/2, dt/4
	exact  func(T float64) map[string]float64
}

func problems() []problem {
	w := 2 * math.Pi
	return []problem{
		{
			name: "decay", eqs: "dv/dt = -v/tau : 1",
			params: map[string]float64{"tau": 0.5}, init: map[string]float64{"v": 1}, T: 1,
			dts:   [3]float64{0.05, 0.025, 0.0125},
			exact: func(T float64) map[string]float64 { return map[string]float64{"v": math.Exp(-T / 0.5)} },
		},
		{
			// v(t) = e^{-t}/2 + (sin t − cos t)/2: t enters the stages.
			name: "forced", eqs: "dv/dt = -v + sin(t) : 1",
			init: map[string]float64{"v": 0}, T: 2,
			dts: [3]float64{0.05, 0.025, 0.0125},
			exact: func(T float64) map[string]float64 {
				return map[string]float64{"v": math.Exp(-T)/2 + (math.Sin(T)-math.Cos(T))/2}
			},
		},
		{
			name: "oscillator", eqs: "dx/dt = y : 1\ndy/dt = -w**2*x : 1",
			params: map[string]float64{"w": w}, init: map[string]float64{"x": 1, "y": 0}, T: 1.1,
			dts: [3]float64{0.01, 0.005, 0.0025},
			exact: func(T float64) map[string]float64 {
				return map[string]float64{"x": math.Cos(w * T), "y": -w * math.Sin(w*T)}
			},
		},
	}
}

// solve integrates a problem to T with one method and returns the error
// (Euclidean norm over the variables).
func solve(t *testing.T, pb problem, method string, dt float64) float64 {
	t.Helper()
	s := parseSystem(t, pb.eqs)
	p, vals := program(t, s, method, dt, pb.params)
	for k, v := range pb.init {
		vals[k] = v
	}
	m := newMachine(t, p, dt, vals)
	m.run(int(math.Round(pb.T/dt)), nil)
	var e float64
	for k, v := range pb.exact(pb.T) {
		e = math.Hypot(e, m.get(k)-v)
	}
	return e
}

// TestConvergenceOrder halves dt twice and checks the observed order
// log2(err(dt)/err(dt/2)) of each method: 1 for euler and for Brian2's heun
// and milstein without noise (their drift step is forward Euler), 2 for rk2,
// 4 for rk4, 1 for exponential_euler where it is not exact. exact and
// exponential_euler on linear decay are exact to rounding.
func TestConvergenceOrder(t *testing.T) {
	t.Parallel()
	type want struct {
		order float64 // 0: exact to tol
		tol   float64
	}
	cases := map[string]map[string]want{
		"decay": {"euler": {1, 0.1}, "rk2": {2, 0.15}, "rk4": {4, 0.15}, "heun": {1, 0.1}, "milstein": {1, 0.1},
			"exponential_euler": {0, 1e-14}, "exact": {0, 1e-14}},
		"forced": {"euler": {1, 0.1}, "rk2": {2, 0.15}, "rk4": {4, 0.15}, "heun": {1, 0.1}, "milstein": {1, 0.1},
			"exponential_euler": {1, 0.1}},
		"oscillator": {"euler": {1, 0.1}, "rk2": {2, 0.15}, "rk4": {4, 0.15}, "heun": {1, 0.1}, "milstein": {1, 0.1},
			"exponential_euler": {1, 0.1}, "exact": {0, 1e-11}},
	}
	for _, pb := range problems() {
		for method, w := range cases[pb.name] {
			t.Run(pb.name+"/"+method, func(t *testing.T) {
				t.Parallel()
				var errs [3]float64
				for i, dt := range pb.dts {
					errs[i] = solve(t, pb, method, dt)
				}
				if w.order == 0 {
					for i, e := range errs {
						if !(e <= w.tol) {
							t.Errorf("dt = %g: error %g, want ≤ %g", pb.dts[i], e, w.tol)
						}
					}
					return
				}
				for i := 0; i < 2; i++ {
					got := math.Log2(errs[i] / errs[i+1])
					if math.Abs(got-w.order) > w.tol {
						t.Errorf("dt %g → %g: observed order %.3f (errors %.3g, %.3g), want %g ± %g",
							pb.dts[i], pb.dts[i+1], got, errs[i], errs[i+1], w.order, w.tol)
					}
				}
			})
		}
	}
}

// TestTableaux checks the Butcher tableaux: each row of a sums to c (the
// stage time), the weights b sum to 1, and only the last stage is inlined.
func TestTableaux(t *testing.T) {
	t.Parallel()
	for _, tab := range tableaux() {
		if len(tab.b) != len(tab.stages) {
			t.Errorf("%s: %d weights for %d stages", tab.method, len(tab.b), len(tab.stages))
		}
		var sb float64
		for s, st := range tab.stages {
			var sa float64
			for _, a := range st.a {
				sa += float64(a.n) / float64(a.d)
			}
			if c := float64(st.c.n) / math.Max(1, float64(st.c.d)); math.Abs(sa-c) > 1e-15 {
				t.Errorf("%s stage %d: Σa = %g, c = %g", tab.method, s, sa, c)
			}
			if len(st.a) > s {
				t.Errorf("%s stage %d uses %d earlier stages", tab.method, s, len(st.a))
			}
			if st.name == "" && s != len(tab.stages)-1 {
				t.Errorf("%s stage %d is inlined but not last", tab.method, s)
			}
			sb += float64(tab.b[s].n) / float64(tab.b[s].d)
		}
		if math.Abs(sb-1) > 1e-15 {
			t.Errorf("%s: Σb = %g", tab.method, sb)
		}
	}
}

// brianCode are the abstract codes Brian2 generates for dv/dt = -v/tau
// (brian2/stateupdaters/explicit.py docstrings, "print(euler(eqs))",
// "print(rk4(eqs))", and the rk2 description) and for two exponential Euler
// cases: the output of brian2/stateupdaters/exponential_euler.py (commit
// aec54d2a) reproduced with sympy 1.14 (expand, collect, B/A, then
// (x + _BA_x)*exp(A*dt) - _BA_x).
func brianCodeCases() []struct{ method, eqs, brian string } {
	return []struct {
		method, eqs, brian string
	}{
		{"euler", "dv/dt = -v/tau : 1", `
_v = -dt*v/tau + v
v = _v`},
		{"rk2", "dv/dt = -v/tau : 1", `
__k_v = -dt*v/tau
_v = -dt*(__k_v/2 + v)/tau + v
v = _v`},
		{"rk4", "dv/dt = -v/tau : 1", `
__k_1_v = -dt*v/tau
__k_2_v = -dt*(__k_1_v/2 + v)/tau
__k_3_v = -dt*(__k_2_v/2 + v)/tau
__k_4_v = -dt*(__k_3_v + v)/tau
_v = __k_1_v/6 + __k_2_v/3 + __k_3_v/3 + __k_4_v/6 + v
v = _v`},
		{"exponential_euler", "dv/dt = (El - v)/tau : 1", `
_BA_v = -El
_v = -_BA_v + (_BA_v + v)*exp(-dt/tau)
v = _v`},
		{"exponential_euler", "dm/dt = alpha*(1 - m) - beta*m : 1", `
_BA_m = alpha/(-alpha - beta)
_m = -_BA_m + (_BA_m + m)*exp(dt*(-alpha - beta))
m = _m`},
		{"exponential_euler", "dv/dt = -v/tau : 1", `
_v = v*exp(-dt/tau)
v = _v`},
		{"exponential_euler", "dv/dt = I/C : 1", `
_v = v + I*dt/C
v = _v`},
	}
}

// TestBrian2Code compares the programs with the abstract code Brian2
// generates: the same statements in the same order (names equal), and
// right-hand sides equal as functions (sympy reorders terms, so the text
// differs), checked at random points to 1e-13 relative.
func TestBrian2Code(t *testing.T) {
	t.Parallel()
	for _, tc := range brianCodeCases() {
		t.Run(tc.method+"/"+tc.eqs, func(t *testing.T) {
			t.Parallel()
			p, err := Integrate(parseSystem(t, tc.eqs), tc.method)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSpace(listing(p)), "\n")
			want := strings.Split(strings.TrimSpace(tc.brian), "\n")
			if len(got) != len(want) {
				t.Fatalf("%d lines, Brian2 %d:\n%s\nBrian2:\n%s", len(got), len(want), listing(p), tc.brian)
			}
			point := map[string]float64{"v": 0.3, "m": 0.2, "El": -0.07, "tau": 0.02, "alpha": 350, "beta": 120,
				"I": 1e-10, "C": 2e-10, "dt": 1e-4}
			env := map[string]float64{}
			for k, v := range point {
				env[k] = v
			}
			for i := range got {
				gl, gr, _ := strings.Cut(got[i], " = ")
				wl, wr, _ := strings.Cut(want[i], " = ")
				if gl != wl {
					t.Fatalf("line %d assigns %s, Brian2 %s", i+1, gl, wl)
				}
				g, w := evalAt(t, gr, env), evalAt(t, wr, env)
				if math.Abs(g-w) > 1e-13*math.Abs(w) {
					t.Errorf("line %d: %s = %.17g, Brian2 %s = %.17g", i+1, got[i], g, want[i], w)
				}
				env[gl] = w
			}
		})
	}
}

// evalAt evaluates an expression where every name is in env.
func evalAt(t *testing.T, src string, env map[string]float64) float64 {
	t.Helper()
	e, err := eqn.ParseExpr(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	m := &machine{slot: map[string]int{}}
	f := m.compile(t, e)
	for name, i := range m.slot {
		v, ok := env[name]
		if !ok {
			t.Fatalf("%s: no value for %s", src, name)
		}
		m.vals[i] = v
	}
	return f(m.vals)
}

// TestProgramText pins the programs of the explicit methods as text, so a
// change of their arithmetic is a visible decision.
func TestProgramText(t *testing.T) {
	t.Parallel()
	cases := []struct{ method, eqs, want string }{
		{"euler", "dv/dt = (ge - v)/tau : 1\ndge/dt = -ge/taue : 1", `
_v = v + dt*((ge - v)/tau)
_ge = ge + dt*(-ge/taue)
v = _v
ge = _ge`},
		{"rk2", "dv/dt = (ge - v)/tau : 1\ndge/dt = -ge/taue : 1", `
__k_v = dt*((ge - v)/tau)
__k_ge = dt*(-ge/taue)
_v = v + dt*((ge + __k_ge/2 - (v + __k_v/2))/tau)
_ge = ge + dt*(-(ge + __k_ge/2)/taue)
v = _v
ge = _ge`},
		{"rk4", "dv/dt = cos(t)/tau : 1", `
__k_1_v = dt*(cos(t)/tau)
__k_2_v = dt*(cos(t + dt/2)/tau)
__k_3_v = dt*(cos(t + dt/2)/tau)
__k_4_v = dt*(cos(t + dt)/tau)
_v = v + __k_1_v/6 + __k_2_v/3 + __k_3_v/3 + __k_4_v/6
v = _v`},
	}
	for _, tc := range cases {
		p, err := Integrate(parseSystem(t, tc.eqs), tc.method)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(listing(p)); got != strings.TrimSpace(tc.want) {
			t.Errorf("%s on %q:\n%s\nwant:\n%s", tc.method, tc.eqs, got, strings.TrimSpace(tc.want))
		}
	}
}
