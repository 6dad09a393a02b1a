package integrate

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/units"
)

func parse(t *testing.T, s string) eqn.Expr {
	t.Helper()
	e, err := eqn.ParseExpr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func system(t *testing.T, noise []string, vars []string, rhs ...string) System {
	t.Helper()
	s := System{Vars: vars, Noise: noise}
	for _, r := range rhs {
		s.RHS = append(s.RHS, parse(t, r))
	}
	return s
}

// run executes a program on scalar state for steps steps, with constants and
// standard normal draws from draw.
func run(t *testing.T, p *Program, state map[string]float64, consts map[string]float64, dt float64, steps int, draw func() float64) {
	t.Helper()
	env := map[string]float64{}
	lookup := func(name string) (units.Quantity, bool) {
		if v, ok := env[name]; ok {
			return units.Quantity{Value: v}, true
		}
		return units.Quantity{}, false
	}
	for n := 0; n < steps; n++ {
		clear(env)
		for k, v := range consts {
			env[k] = v
		}
		for k, v := range state {
			env[k] = v
		}
		env["dt"], env["t"] = dt, float64(n)*dt
		for _, name := range p.Noise {
			env[name] = draw()
		}
		for _, st := range p.Stmts {
			q, err := eqn.EvalQuantity(st.Expr, eqn.String(st.Expr), lookup)
			if err != nil {
				t.Fatalf("%s = %s: %v", st.Name, eqn.String(st.Expr), err)
			}
			env[st.Name] = q.Value
		}
		for _, u := range p.Updates {
			state[u.Name] = env[u.Expr.(*eqn.Ident).Name]
		}
	}
}

// Observed convergence orders on problems with closed forms: the error at
// T = 1 for dt, dt/2 and dt/4 shrinks by 2^order.
func TestConvergenceOrder(t *testing.T) {
	t.Parallel()
	decay := system(t, nil, []string{"x"}, "-x + sin(t)")
	// x' = -x + sin t, x(0) = 1: x(t) = 1.5 e^-t + (sin t - cos t)/2
	decayExact := func(tt float64) float64 { return 1.5*math.Exp(-tt) + (math.Sin(tt)-math.Cos(tt))/2 }
	osc := system(t, nil, []string{"x", "y"}, "y", "-x")
	cases := []struct {
		method string
		order  float64
	}{{"euler", 1}, {"rk2", 2}, {"heun", 2}, {"rk4", 4}}
	for _, tc := range cases {
		var errs []float64
		for _, steps := range []int{20, 40, 80} {
			dt := 1.0 / float64(steps)
			p, err := Integrate(decay, tc.method)
			if err != nil {
				t.Fatal(err)
			}
			st := map[string]float64{"x": 1}
			run(t, p, st, nil, dt, steps, nil)
			e1 := math.Abs(st["x"] - decayExact(1))
			p, _ = Integrate(osc, tc.method)
			st = map[string]float64{"x": 1, "y": 0}
			run(t, p, st, nil, dt, steps, nil)
			e2 := math.Hypot(st["x"]-math.Cos(1), st["y"]+math.Sin(1))
			errs = append(errs, e1+e2)
		}
		for i := 1; i < len(errs); i++ {
			if got := math.Log2(errs[i-1] / errs[i]); math.Abs(got-tc.order) > 0.25 {
				t.Errorf("%s: observed order %.2f, want %g (errors %v)", tc.method, got, tc.order, errs)
			}
		}
	}
}

// Exponential Euler is exact for linear decay to a constant, and exact
// integration gives the closed form of a driven two-variable system.
func TestExactMethods(t *testing.T) {
	t.Parallel()
	s := system(t, nil, []string{"v"}, "(El - v)/tau")
	p, err := Integrate(s, "exponential_euler")
	if err != nil {
		t.Fatal(err)
	}
	st := map[string]float64{"v": 0}
	run(t, p, st, map[string]float64{"El": -0.07, "tau": 0.02}, 1e-3, 50, nil)
	if want := -0.07 * (1 - math.Exp(-50e-3/0.02)); math.Abs(st["v"]-want) > 1e-12 {
		t.Errorf("exponential Euler: v = %.15g, closed form %.15g", st["v"], want)
	}
	c, err := ExactLinearCoefficients(system(t, nil, []string{"v", "I"}, "-v/tau + I/C", "-I/ts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.A) != 4 || eqn.String(c.A[2]) != "0" {
		t.Errorf("coefficients %v", c.A)
	}
}

// Euler–Maruyama on an Ornstein–Uhlenbeck process reaches its stationary mean
// 0 and variance sigma², within 4-sigma bounds over 2000 paths (fixed seed).
func TestOrnsteinUhlenbeck(t *testing.T) {
	t.Parallel()
	s := system(t, []string{"xi"}, []string{"x"}, "-x/tau + sigma*sqrt(2/tau)*xi")
	if m, err := Choose(s, ""); err != nil || m != "euler" {
		t.Fatalf("Choose = %q, %v; want euler (additive noise)", m, err)
	}
	p, err := Integrate(s, "euler")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const paths, sigma = 2000, 0.5
	var m1, m2 float64
	for k := 0; k < paths; k++ {
		st := map[string]float64{"x": 0}
		run(t, p, st, map[string]float64{"tau": 0.01, "sigma": sigma}, 1e-4, 1000, rng.NormFloat64)
		m1 += st["x"] / paths
		m2 += st["x"] * st["x"] / paths
	}
	v := m2 - m1*m1
	want := sigma * sigma * (1 - math.Exp(-2*0.1/0.01)) * (1 - 1e-4/0.01/2) // the discrete stationary variance, to first order
	if math.Abs(m1) > 4*sigma/math.Sqrt(paths) || math.Abs(v-want) > 4*want*math.Sqrt(2.0/paths) {
		t.Errorf("mean %g, variance %g; want 0 and %g", m1, v, want)
	}
}

// Brian2's rules for the default method and its refusals.
func TestChoose(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		s      System
		method string
		want   string
		errHas string
	}{
		{"LIF", system(t, nil, []string{"v", "ge"}, "(El - v + ge*R)/tau", "-ge/te"), "", "exact", ""},
		{"AdEx", system(t, nil, []string{"V", "w"}, "(-gL*(V - EL) + gL*DT*exp((V - VT)/DT) - w)/C", "(a*(V - EL) - w)/tw"), "", "euler", ""},
		{"HH default", system(t, nil, []string{"V", "m"}, "-g*m**3*(V - E)/C", "alpha*(1 - m) - beta*m"), "", "euler", ""},
		{"multiplicative noise", system(t, []string{"xi"}, []string{"x"}, "-x/tau + x*xi/sqrt(tau)"), "", "heun", ""},
		{"exact refused", system(t, nil, []string{"V"}, "exp(V)/tau"), "exact", "", "methods that apply: euler, rk2, rk4, heun"},
		{"HH: exponential Euler applies", system(t, nil, []string{"V", "m"}, "-g*m**3*(V - E)/C", "alpha*(1 - m) - beta*m"), "exponential_euler", "exponential_euler", ""},
		{"exponential Euler with noise", system(t, []string{"xi"}, []string{"x"}, "-x/tau + xi/sqrt(tau)"), "exponential_euler", "", "stochastic"},
		{"unknown", system(t, nil, []string{"x"}, "-x"), "rk45", "", "valid: exact"},
	}
	for _, tc := range cases {
		got, err := Choose(tc.s, tc.method)
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("%s: error %v, want one mentioning %q", tc.name, err, tc.errHas)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: Choose = %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// The programs read as Brian2's generated abstract code does.
func TestProgramText(t *testing.T) {
	t.Parallel()
	s := system(t, nil, []string{"v"}, "(El - v)/tau")
	p, _ := Integrate(s, "euler")
	if got := p.Stmts[0].Name + " = " + eqn.String(p.Stmts[0].Expr); got != "_v = v + dt*((El - v)/tau)" {
		t.Errorf("euler: %s", got)
	}
	p, _ = Integrate(s, "exponential_euler")
	var lines []string
	for _, st := range p.Stmts {
		lines = append(lines, st.Name+" = "+eqn.String(st.Expr))
	}
	want := "_A_v = -1/tau\n_BA_v = El/tau/_A_v\n_v = -_BA_v + (_BA_v + v)*exp(_A_v*dt)"
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("exponential Euler:\n%s\nwant\n%s", got, want)
	}
}
