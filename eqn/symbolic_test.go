package eqn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/volleysim/volley/units"
)

func mustParse(t *testing.T, s string) Expr {
	t.Helper()
	e, err := ParseExpr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// genSmooth builds a random tree of smooth operations over x, y, z.
func genSmooth(rng *rand.Rand, depth int) Expr {
	if depth == 0 || rng.IntN(4) == 0 {
		if rng.IntN(2) == 0 {
			return &Ident{Name: []string{"x", "y", "z"}[rng.IntN(3)]}
		}
		return &Num{Value: 0.25 + float64(rng.IntN(12))/4}
	}
	switch k := rng.IntN(10); {
	case k < 6:
		op := []string{"+", "-", "*", "/"}[rng.IntN(4)]
		return &Binary{Op: op, X: genSmooth(rng, depth-1), Y: genSmooth(rng, depth-1)}
	case k < 7:
		return &Binary{Op: "**", X: genSmooth(rng, depth-1), Y: &Num{Value: float64(1 + rng.IntN(3))}}
	case k < 8:
		return &Unary{Op: "-", X: genSmooth(rng, depth-1)}
	default:
		fs := []string{"exp", "sin", "cos", "tanh", "exprel", "arctan", "sinh"}
		return &Call{Fun: fs[rng.IntN(len(fs))], Args: []Expr{genSmooth(rng, depth-1)}}
	}
}

// Simplify keeps the value of random trees (a fixed-seed property test against
// the reference evaluator of eval_test.go).
func TestSimplifyKeepsValue(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for n := 0; n < 3000; n++ {
		e := genExpr(rng, 4, false)
		s := Simplify(e)
		env := map[string]float64{"x": rng.Float64()*4 - 2, "y": rng.Float64()*4 - 2, "z": rng.Float64()*4 - 2}
		a, b := refEval(e, env), refEval(s, env)
		if math.IsNaN(a) || math.IsInf(a, 0) || math.IsNaN(b) {
			continue
		}
		if d := math.Abs(a - b); d > 1e-9*math.Max(1, math.Abs(a)) {
			t.Fatalf("%s = %g, simplified %s = %g", String(e), a, String(s), b)
		}
	}
}

func TestSimplifyTable(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"x + 0": "x", "0 + x": "x", "x*1": "x", "1*x": "x", "x*0": "0", "x - 0": "x",
		"0 - x": "-x", "--x": "x", "x**1": "x", "x**0": "1", "2*3 + x": "6 + x", "x/1": "x", "-1*x": "-x",
		"exp(0)": "1",
	}
	for in, want := range cases {
		if got := String(Simplify(mustParse(t, in))); got != want {
			t.Errorf("Simplify(%s) = %s, want %s", in, got, want)
		}
	}
}

// Diff against central finite differences on random smooth trees.
func TestDiffFiniteDifferences(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	checked := 0
	for n := 0; n < 3000 && checked < 1500; n++ {
		e := genSmooth(rng, 4)
		d := Diff(e, "x")
		env := map[string]float64{"x": rng.Float64()*2 - 1, "y": rng.Float64()*2 - 1, "z": rng.Float64()*2 - 1}
		const h = 1e-6
		at := func(x float64) float64 {
			return refEval(e, map[string]float64{"x": x, "y": env["y"], "z": env["z"]})
		}
		fd := (at(env["x"]+h) - at(env["x"]-h)) / (2 * h)
		sym := refEval(d, env)
		if math.IsNaN(fd) || math.IsInf(fd, 0) || math.IsNaN(sym) || math.IsInf(sym, 0) || math.Abs(fd) > 1e6 {
			continue
		}
		// skip points near singularities: the second difference must be small
		if c := (at(env["x"]+h) - 2*at(env["x"]) + at(env["x"]-h)) / (h * h); math.Abs(c) > 1e4 {
			continue
		}
		checked++
		if diff := math.Abs(fd - sym); diff > 1e-4*math.Max(1, math.Abs(fd)) {
			t.Fatalf("d/dx %s = %s: %g, finite difference %g at %v", String(e), String(d), sym, fd, env)
		}
	}
	if checked < 500 {
		t.Fatalf("only %d points checked", checked)
	}
}

func TestDiffTable(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"x**3": "3 * x**2", "y*x": "y", "exp(x)": "exp(x)", "x + y": "1", "y": "0", "floor(x)": "0",
	}
	for in, want := range cases {
		if got := String(Diff(mustParse(t, in), "x")); got != String(mustParse(t, want)) {
			t.Errorf("d/dx %s = %s, want %s", in, got, want)
		}
	}
}

// Linear splits Brian2 right-hand sides a*x + b; the coefficients are checked
// numerically at a point.
func TestLinear(t *testing.T) {
	t.Parallel()
	env := map[string]float64{"El": -0.06, "tau": 0.02, "ge": 3e-9, "gi": 5e-9, "Ee": 0, "Ei": -0.08, "C": 2e-10,
		"v": -0.055, "gNa": 2e-5, "m": 0.1, "h": 0.6, "ENa": 0.05, "gK": 6e-6, "n": 0.3, "EK": -0.09, "gL": 1e-8, "I": 1e-10,
		"alpha": 300, "beta": 50, "V": -0.055}
	cases := []struct {
		src, x string
		ok     bool
	}{
		{"(El - v)/tau + (ge*(Ee - v) + gi*(Ei - v))/C", "v", true},
		{"-(gNa*m**3*h*(V-ENa) + gK*n**4*(V-EK) + gL*(V-El) - I)/C", "V", true},
		{"alpha*(1-m) - beta*m", "m", true},
		{"exp((v-El)/tau)", "v", false},
		{"v**2", "v", false},
		{"1/v", "v", false},
		{"floor(v)", "v", false},
		{"(v > El)*v", "v", false},
	}
	for _, tc := range cases {
		e := mustParse(t, tc.src)
		a, b, ok := Linear(e, tc.x)
		if ok != tc.ok {
			t.Errorf("Linear(%s, %s) ok = %v, want %v", tc.src, tc.x, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		want := refEval(e, env)
		got := refEval(a, env)*env[tc.x] + refEval(b, env)
		if math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%s: a*%s + b = %g, expression %g", tc.src, tc.x, got, want)
		}
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
	vars := []string{"v", "ie", "ii"}
	A, b, ok, reason := LinearSystem(rhs("(El - v)/tau + (ie + ii)/C", "-ie/te", "-ii/ti"), vars, []string{"t"})
	if !ok {
		t.Fatalf("LIF system refused: %s", reason)
	}
	env := map[string]float64{"El": -0.049, "tau": 0.02, "C": 2e-10, "te": 0.005, "ti": 0.01}
	wantA := []float64{-50, 5e9, 5e9, 0, -200, 0, 0, 0, -100}
	for k, w := range wantA {
		if got := refEval(A[k], env); math.Abs(got-w) > 1e-9*math.Abs(w) {
			t.Errorf("A[%d] = %g, want %g", k, got, w)
		}
	}
	if got := refEval(b[0], env); math.Abs(got+2.45) > 1e-12 {
		t.Errorf("b[0] = %g, want -2.45", got)
	}
	for _, r := range [][]Expr{
		rhs("-v/tau + t/tau", "-ie/te", "-ii/ti"),
		rhs("-v*ie/tau", "-ie/te", "-ii/ti"),
		rhs("-v/tau + xi/tau", "-ie/te", "-ii/ti"),
		rhs("-v/tau + rand()/tau", "-ie/te", "-ii/ti"),
	} {
		if _, _, ok, reason := LinearSystem(r, vars, []string{"t", "xi"}); ok || reason == "" {
			t.Errorf("%s accepted as linear with constant coefficients", String(r[0]))
		}
	}
}

func TestInline(t *testing.T) {
	t.Parallel()
	q, err := ParseEquations("dv/dt = (I - v)/tau : volt\nI = J*2 : volt\nJ = u + 1*volt : volt\nu : volt")
	if err != nil {
		t.Fatal(err)
	}
	in, err := q.Inline()
	if err != nil {
		t.Fatal(err)
	}
	dv, _ := in.Lookup("v")
	if names := strings.Join(Names(dv.Expr), ","); names != "tau,u,v,volt" {
		t.Errorf("inlined dv/dt uses %s", names)
	}
	q, _ = ParseEquations("dv/dt = -a/tau : 1\na = b : 1\nb = a : 1")
	if _, err := q.Inline(); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
}

// The AdEx seed's equations (adex-coba-net-brian2, verbatim) pass the
// dimension check; a wrong term is reported with a caret.
func TestCheck(t *testing.T) {
	t.Parallel()
	si := func(s string) units.Dim { return units.MustParse(s).Dim }
	consts := map[string]units.Dim{
		"gL": si("1 nS"), "EL": si("1 mV"), "DT": si("1 mV"), "VT": si("1 mV"), "C": si("1 pF"), "Iext": si("1 pA*sqrt(second)"),
		"a": si("1 nS"), "tau_w": si("1 ms"), "Ee": si("1 mV"), "Ei": si("1 mV"), "tau_g": si("1 ms"),
	}
	dimOf := func(n string) (units.Dim, bool) {
		if n == "t" || n == "dt" {
			return units.Second, true
		}
		d, ok := consts[n]
		return d, ok
	}
	adex := `dV/dt = ( -gL*(V - EL) + gL * DT * exp((V-VT)/DT) -I -w -(Iext * xi)) / C : volt
dw/dt = (a*(V - EL) - w) / tau_w : amp
I = ge * (V - Ee) + gi * (V - Ei) : amp
dge/dt = -ge / tau_g : siemens
dgi/dt = -gi / tau_g : siemens`
	q, err := ParseEquations(adex)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Check(dimOf); err != nil {
		t.Errorf("AdEx seed equations: %v", err)
	}
	if nz := q.Noise(); len(nz) != 1 || nz[0] != "xi" {
		t.Errorf("noise %v, want [xi]", nz)
	}
	bad, _ := ParseEquations("dw/dt = (a*(V - EL) - w) : amp\nV : volt")
	err = bad.Check(dimOf)
	if err == nil || !strings.Contains(err.Error(), "dw/dt") || !strings.Contains(err.Error(), "^") {
		t.Errorf("missing /tau: %v", err)
	}
}
