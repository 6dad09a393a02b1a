package eqn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// linEnv is a point with Brian2-scale values for the names of the linear
// tests (SI units).
var linEnv = map[string]float64{
	"El": -0.06, "tau": 0.02, "ge": 3e-9, "gi": 5e-9, "Ee": 0, "Ei": -0.08, "C": 2e-10, "v": -0.055,
	"gNa": 2e-5, "m": 0.1, "h": 0.6, "ENa": 0.05, "gK": 6e-6, "n": 0.3, "EK": -0.09, "gL": 1e-8, "I": 1e-10,
	"V": -0.055, "VT": -0.05, "DT": 0.002, "alpha": 300, "beta": 50, "w": 1e-11, "tau_w": 0.1, "a": 2e-9,
	"x": 0.7, "y": -1.3, "t": 0.25, "xi": 0.4, "R": 1e8,
}

func relClose(got, want, tol float64) bool {
	return got == want || math.Abs(got-want) <= tol*math.Abs(want)
}

// Linear splits Brian2 right-hand sides into a*x + b. Each case gives a
// reference for a, an expression written by hand; a and b are compared with
// it and with the expression itself at linEnv, to 1e-12.
func TestLinear(t *testing.T) {
	t.Parallel()
	// HH rates depend on V; in dm/dt they are coefficients, linear in m.
	alpha := "0.32*4/exprel((13*mV - V + VT)/(4*mV))/ms"
	beta := "0.28*5/exprel((V - VT - 40*mV)/(5*mV))/ms"
	cases := []struct {
		src, x, a string // a: reference for the coefficient; "" when not linear
	}{
		{"(El - v)/tau + (ge*(Ee - v) + gi*(Ei - v))/C", "v", "-1/tau - ge/C - gi/C"},
		{"-(gNa*m**3*h*(V-ENa) + gK*n**4*(V-EK) + gL*(V-El) - I)/C", "V", "-(gNa*m**3*h + gK*n**4 + gL)/C"},
		{"-(gNa*m**3*h*(V-ENa) + gK*n**4*(V-EK) + gL*(V-El) - I)/C", "m", ""},
		{"-(gNa*m**3*h*(V-ENa) + gK*n**4*(V-EK) + gL*(V-El) - I)/C", "h", "-gNa*m**3*(V - ENa)/C"},
		{"alpha*(1-m) - beta*m", "m", "-alpha - beta"},
		{alpha + "*(1-m) - " + beta + "*m", "m", "-(" + alpha + ") - (" + beta + ")"},
		{alpha + "*(1-m) - " + beta + "*m", "V", ""},
		{"(a*(V - El) - w)/tau_w", "w", "-1/tau_w"},
		{"(a*(V - El) - w)/tau_w", "V", "a/tau_w"},
		{"(-gL*(V - El) + gL*DT*exp((V - VT)/DT) - w)/C", "w", "-1/C"},
		{"-v/tau", "v", "-1/tau"},
		{"El/tau", "v", "0"},
		{"v", "v", "1"},
		{"v*x*y + 3*v - v/2", "v", "x*y + 2.5"},
		{"(v + x)**1", "v", "1"},
		{"exp(x)*v + sin(x)", "v", "exp(x)"},
		{"x**v", "x", ""}, // not linear in x
		{"x/v", "x", "1/v"},
		{"v*rand()", "v", "rand()"},
		{"v + xi*x", "v", "1"},
		// not linear
		{"exp((v-VT)/DT)", "v", ""},
		{"v**2", "v", ""},
		{"v*v", "v", ""},
		{"1/v", "v", ""},
		{"x/v", "v", ""},
		{"sqrt(v)", "v", ""},
		{"exprel(v)", "v", ""},
		{"x**v", "v", ""},
		{"floor(v)", "v", ""},
		{"sign(v)*x", "v", ""},
		{"abs(v)", "v", ""},
		{"clip(v, 0, 1)", "v", ""},
		{"v % 2", "v", ""},
		{"v // 2", "v", ""},
		{"(v > El)*v", "v", ""},
		{"(v > El) + v", "v", ""},
		{"v and x", "v", ""},
		{"not v", "v", ""},
		{"f(v)", "v", ""},
	}
	for _, tc := range cases {
		e := mustParse(t, tc.src)
		a, b, ok := Linear(e, tc.x)
		if ok != (tc.a != "") {
			t.Errorf("Linear(%s, %s): ok = %v, want %v (a = %s)", tc.src, tc.x, ok, !ok, String(a))
			continue
		}
		if !ok {
			if a != nil || b != nil {
				t.Errorf("Linear(%s, %s): not ok but a = %s, b = %s", tc.src, tc.x, String(a), String(b))
			}
			continue
		}
		if DependsOn(a, tc.x) || DependsOn(b, tc.x) {
			t.Errorf("Linear(%s, %s): a = %s, b = %s depend on %s", tc.src, tc.x, String(a), String(b), tc.x)
		}
		if strings.Contains(tc.a, "rand") {
			if String(a) != tc.a {
				t.Errorf("Linear(%s, %s): a = %s, want %s", tc.src, tc.x, String(a), tc.a)
			}
			continue
		}
		ev := func(e Expr) float64 { return refEval(withUnits(e), linEnv) }
		if got, want := ev(a), ev(mustParse(t, tc.a)); !relClose(got, want, 1e-12) {
			t.Errorf("Linear(%s, %s): a = %s = %g, want %s = %g", tc.src, tc.x, String(a), got, tc.a, want)
		}
		// a*x + b is e at the point and at another value of x.
		for _, x := range []float64{linEnv[tc.x], 0.37} {
			env := map[string]float64{}
			for k, v := range linEnv {
				env[k] = v
			}
			env[tc.x] = x
			ev := func(e Expr) float64 { return refEval(withUnits(e), env) }
			want := ev(e)
			if got := ev(a)*x + ev(b); !relClose(got, want, 1e-12) && math.Abs(got-want) > 1e-12*math.Abs(ev(a)*x) {
				t.Errorf("Linear(%s, %s): a*%s + b = %g, expression %g (b = %s)", tc.src, tc.x, tc.x, got, want, String(b))
			}
		}
	}
}

// withUnits replaces the unit names of the tests by their SI values.
func withUnits(e Expr) Expr {
	return Substitute(e, map[string]Expr{"mV": num(1e-3), "ms": num(1e-3)})
}

// Linear agrees with the definition on random trees: when it says yes, a and
// b are free of x and a*x + b equals e at two values of x; when it says no,
// the second difference in x or the tree's structure shows why (a product,
// quotient or function of x).
func TestLinearRandom(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(31, 32))
	yes := 0
	for n := 0; n < 3000; n++ {
		e := genSmooth(rng, 1+n%4)
		a, b, ok := Linear(e, "x")
		if !ok {
			continue
		}
		yes++
		if DependsOn(a, "x") || DependsOn(b, "x") {
			t.Fatalf("Linear(%s): a = %s, b = %s", String(e), String(a), String(b))
		}
		for _, x := range []float64{-0.8, 1.3} {
			env := map[string]float64{"x": x, "y": 0.6, "z": -1.1}
			want, got := refEval(e, env), refEval(a, env)*x+refEval(b, env)
			if !finite(want) {
				continue
			}
			if !relClose(got, want, 1e-9) && math.Abs(got-want) > 1e-9*evalScale(e, env) {
				t.Fatalf("Linear(%s): a = %s, b = %s: a*x + b = %g, e = %g at x = %g", String(e), String(a), String(b), got, want, x)
			}
		}
	}
	if yes < 300 {
		t.Fatalf("only %d linear trees", yes)
	}
}

func TestLinearSystem(t *testing.T) {
	t.Parallel()
	rhs := func(srcs ...string) []Expr {
		var out []Expr
		for _, s := range srcs {
			out = append(out, mustParse(t, s))
		}
		return out
	}
	// LIF with exponential currents: dv/dt = (El - v)/tau + (ie + ii)/C,
	// die/dt = -ie/te, dii/dt = -ii/ti.
	vars := []string{"v", "ie", "ii"}
	A, b, ok, reason := LinearSystem(rhs("(El - v)/tau + (ie + ii)/C", "-ie/te", "-ii/ti"), vars, []string{"t"})
	if !ok {
		t.Fatalf("LIF system refused: %s", reason)
	}
	env := map[string]float64{"El": -0.049, "tau": 0.02, "C": 2e-10, "te": 0.005, "ti": 0.01}
	wantA := []float64{-50, 5e9, 5e9, 0, -200, 0, 0, 0, -100} // -1/tau, 1/C, 1/C; -1/te; -1/ti
	for k, w := range wantA {
		if got := refEval(A[k], env); !relClose(got, w, 1e-12) {
			t.Errorf("A[%d] = %s = %g, want %g", k, String(A[k]), got, w)
		}
		if w == 0 && !isNum(A[k], 0) {
			t.Errorf("A[%d] = %s, want the literal 0", k, String(A[k]))
		}
	}
	wantB := []string{"El/tau", "0", "0"}
	for k, w := range wantB {
		if String(b[k]) != w {
			t.Errorf("b[%d] = %s, want %s", k, String(b[k]), w)
		}
	}
	// the exact-integration coefficients pinned by package integrate
	A, b, ok, _ = LinearSystem(rhs("(El - v + R*(ge + gi))/tau", "-ge/taue", "-gi/taui"), []string{"v", "ge", "gi"}, []string{"t"})
	var as []string
	for _, a := range A {
		as = append(as, String(a))
	}
	if got := strings.Join(as, "; "); !ok || got != "-1/tau; R/tau; R/tau; 0; -1/taue; 0; 0; 0; -1/taui" || String(b[0]) != "El/tau" {
		t.Errorf("A = %s, b = %s", got, String(b[0]))
	}
	refused := []struct {
		rhs     []Expr
		varying []string
		reason  string
	}{
		{rhs("-v/tau + t/tau", "-ie/te", "-ii/ti"), []string{"t"}, "dv/dt depends on t through t/tau"},
		{rhs("(El - v + t)/tau", "-ie/te", "-ii/ti"), []string{"t"}, "dv/dt depends on t through (El - v + t)/tau"},
		{rhs("-v/tau", "-ie/te", "-ii*t/ti"), []string{"t"}, "dii/dt depends on ii and t through -ii*t"},
		{rhs("-v/tau", "-ie/te + sin(t)", "-ii/ti"), []string{"t"}, "die/dt depends on t through sin(t)"},
		{rhs("-v*ie/tau", "-ie/te", "-ii/ti"), []string{"t"}, "dv/dt depends on v and ie through -v*ie"},
		{rhs("(El - v)/tau + exp(v)", "-ie/te", "-ii/ti"), nil, "dv/dt depends on v through exp(v)"},
		{rhs("-v**2/tau", "-ie/te", "-ii/ti"), nil, "dv/dt depends on v through v**2"},
		{rhs("-v/tau", "-ie/te", "-ii/(ti*ie)"), nil, "dii/dt depends on ii and ie through -ii/(ti*ie)"},
		{rhs("(v > El)*ie", "-ie/te", "-ii/ti"), nil, "dv/dt depends on v through v > El"},
		{rhs("-v/tau + xi/tau", "-ie/te", "-ii/ti"), nil, "dv/dt depends on xi through xi/tau"},
		{rhs("-v/tau + sigma*xi_v*v", "-ie/te", "-ii/ti"), []string{"t"}, "dv/dt depends on xi_v and v through sigma*xi_v*v"},
		{rhs("-v/tau + rand()/tau", "-ie/te", "-ii/ti"), nil, "dv/dt depends on rand() through rand()/tau"},
		{rhs("-v/tau", "-ie/te", "-ii/ti - I"), []string{"I"}, "dii/dt depends on I"},
	}
	for _, tc := range refused {
		_, _, ok, reason := LinearSystem(tc.rhs, vars, tc.varying)
		if ok || reason != tc.reason {
			t.Errorf("LinearSystem(%s, %s, %s): ok = %v, reason %q, want %q", String(tc.rhs[0]), String(tc.rhs[1]), String(tc.rhs[2]), ok, reason, tc.reason)
		}
	}
}

func TestLinearSystemPanicsOnMisuse(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "eqn: LinearSystem:") {
			t.Errorf("recovered %v", r)
		}
	}()
	LinearSystem([]Expr{num(1)}, []string{"a", "b"}, nil)
}
