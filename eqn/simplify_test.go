package eqn

import (
	"math"
	"math/rand/v2"
	"testing"
)

func mustParse(t *testing.T, s string) Expr {
	t.Helper()
	e, err := ParseExpr(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestSimplifyTable(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		// neutral and absorbing elements
		{"x + 0", "x"}, {"0 + x", "x"}, {"x - 0", "x"}, {"0 - x", "-x"},
		{"x*1", "x"}, {"1*x", "x"}, {"x*0", "0"}, {"0*x", "0"}, {"0/x", "0"}, {"x/1", "x"},
		{"x**1", "x"}, {"x**0", "1"}, {"1**x", "1"}, {"0**0", "1"},
		// signs
		{"--x", "x"}, {"-(-x)", "x"}, {"+x", "x"}, {"-1*x", "-x"}, {"(-1)*x", "-x"}, {"x*(-1)", "-x"},
		{"-x*-y", "x*y"}, {"-(x/tau)", "-x/tau"}, {"-(-x)/(-y)", "-x/y"}, {"-(a + b)", "-(a + b)"},
		{"-2*-3", "6"}, {"-(0)", "0"}, {"0*-1", "0"},
		// folding numbers, not unit names or constants
		{"2*3 + x", "6 + x"}, {"1 + 2 + x", "3 + x"}, {"x + 1 + 2", "x + 3"}, {"2**10", "1024"},
		{"7 % 3", "1"}, {"-7 % 3", "2"}, {"7 // 2", "3"}, {"exp(0)", "1"}, {"sqrt(4)", "2"},
		{"clip(5, 0, 1)", "1"}, {"1 < 2", "1"}, {"1 > 2 or 0", "0"}, {"not 0", "1"},
		{"2*mV*3", "6*mV"}, {"2*pi", "2*pi"}, {"-inf", "-inf"},
		{"1/0", "1/0"}, {"0/0", "0/0"}, {"log(-1)", "log(-1)"}, {"x/0", "x/0"}, {"rand()*1", "rand()"},
		{"exp(1 - 1)*x", "x"}, {"0.1 + 0.2", "0.30000000000000004"},
		// products: one number in front, factors in order, divisors together
		{"2*(3*x)", "6*x"}, {"x*2", "2*x"}, {"2*x*3*y", "6*x*y"}, {"x/2", "0.5*x"}, {"x*y/2", "0.5*x*y"},
		{"x/tau/C", "x/(tau*C)"}, {"a/(b/c)", "a*c/b"}, {"2/(4*x)", "0.5/x"}, {"(El - v)/tau", "(El - v)/tau"},
		{"-1/tau", "-1/tau"}, {"(0 - 1)/tau", "-1/tau"}, {"x*(y*z)", "x*y*z"}, {"x/x", "1"}, {"x*y/x", "y"}, {"(a + b)*c/(b + a)", "(a + b)*c/(b + a)"}, {"2*x/(4*x*y)", "0.5/y"}, {"x*x/x", "x"},
		{"2*(a + b)", "2*(a + b)"}, {"(a + b)*(c + d)", "(a + b)*(c + d)"},
		// sums: flattened, like terms combined, numbers together
		{"x - x", "0"}, {"2*x + 3*x", "5*x"}, {"x + x", "2*x"}, {"x/tau - x/tau", "0"},
		{"a + (b - a)", "b"}, {"a - (b - c)", "a - b + c"}, {"x*y + 2*y*x", "3*x*y"},
		{"x/tau + y + 2*x/tau", "3*x/tau + y"}, {"-x + y", "-x + y"}, {"1 - x + 2", "3 - x"},
		{"x - 2*x", "-x"}, {"x - 3*x", "-2*x"}, {"a - -b", "a + b"}, {"a + (-1)*(b - c)", "a - b + c"},
		{"-(a - b) + a", "b"}, {"exp(x) - exp(x)", "0"}, {"exp(x) - exp(y)", "exp(x) - exp(y)"},
		{"x**2 + 2*x**2", "3*x**2"}, {"(x + 1)*2 - 2*(x + 1)", "0"},
		// inside other nodes
		{"exp(x*1 + 0)", "exp(x)"}, {"(x + 0)**(2*1)", "x**2"}, {"x*1 > 0*y", "x > 0"},
		{"not (x - x)", "1"}, {"not x*1", "not x"}, {"clip(x*1, 0 + 0, 1)", "clip(x, 0, 1)"},
	}
	for _, tc := range cases {
		got := String(Simplify(mustParse(t, tc.in)))
		if got != tc.want {
			t.Errorf("Simplify(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// evalScale returns the largest magnitude of any subexpression of e at env:
// the scale against which rounding in a reassociated sum is measured.
func evalScale(e Expr, env map[string]float64) float64 {
	m := 0.0
	walk(e, func(x Expr) {
		if v := math.Abs(refEval(x, env)); v > m && !math.IsInf(v, 0) {
			m = v
		}
	})
	return m
}

// Simplify keeps the value of 3000 random trees (the generator and the
// independent evaluator of parser_test.go and eval_test.go, with logic and
// piecewise functions): where e is a finite number, the simplified tree
// gives the same number to 1e-12 relative to the largest intermediate value
// (reassociating a sum may cancel differently). NaN and infinities are
// allowed to become numbers (x*0 → 0, as in sympy), never the other way.
// Points within 1e-9 of a jump of a piecewise function are skipped: there
// the last bit may flip a comparison.
func TestSimplifyKeepsValue(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	checked := 0
	for n := 0; n < 3000; n++ {
		e := genExpr(rng, 1+n%5, n%2 == 0)
		s := Simplify(e)
		env := map[string]float64{"x": rng.Float64()*4 - 2, "y": rng.Float64()*4 - 2, "z": rng.Float64()*4 - 2}
		a, b := refEval(e, env), refEval(s, env)
		if !finite(a) {
			continue
		}
		if !finite(b) || math.Abs(a-b) > 1e-12*math.Max(evalScale(e, env), math.Abs(a)) {
			if nearJump(e, env) {
				continue
			}
			t.Fatalf("%s = %.17g, simplified %s = %.17g at %v", String(e), a, String(s), b, env)
		}
		checked++
	}
	if checked < 1500 {
		t.Fatalf("only %d of 3000 trees had a finite value", checked)
	}
}

// nearJump reports whether e changes by more than 1e-6 when its variables
// move by 1e-9 relative: the point is at a discontinuity.
func nearJump(e Expr, env map[string]float64) bool {
	a := refEval(e, env)
	for _, f := range []float64{1 - 1e-9, 1 + 1e-9} {
		moved := map[string]float64{}
		for k, v := range env {
			moved[k] = v * f
		}
		if b := refEval(e, moved); !(math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(a))) {
			return true
		}
	}
	return false
}

// Simplify is idempotent on random trees: its output is a fixed point.
func TestSimplifyIdempotent(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	for n := 0; n < 3000; n++ {
		s := Simplify(genExpr(rng, 1+n%5, n%2 == 0))
		if again := Simplify(s); String(again) != String(s) {
			t.Fatalf("Simplify(%s) = %s", String(s), String(again))
		}
	}
}

// Simplify keeps the source spelling of numbers it leaves alone and never
// modifies its input.
func TestSimplifyPure(t *testing.T) {
	t.Parallel()
	src := "1e-3*x + 2*(3*y) - -z"
	e := mustParse(t, src)
	before := String(e)
	if got := String(Simplify(e)); got != "1e-3*x + 6*y + z" {
		t.Errorf("Simplify(%s) = %s", src, got)
	}
	if String(e) != before {
		t.Errorf("input changed to %s", String(e))
	}
}

func TestSimplifyKeepsLiterals(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"1e-3*x - 2.50*y": "1e-3*x - 2.50*y", "x*1e-3": "1e-3*x", "-(1e-3*x)": "-0.001*x", "-x*1e-3*(-1)": "0.001*x", "-x*1e-3": "-0.001*x",
		"1e-3*x + 1e-3*x": "0.002*x", "a - 1e-3*x": "a - 1e-3*x", "x/1e3": "0.001*x",
	} {
		if got := String(Simplify(mustParse(t, in))); got != want {
			t.Errorf("Simplify(%s) = %s, want %s", in, got, want)
		}
	}
}

// FuzzSimplifyDiff checks that Simplify and Diff never panic on parsed
// input, that their results print to text that parses back to the same
// text (a negative number made by code reparses as a negation), and that
// Simplify is idempotent.
func FuzzSimplifyDiff(f *testing.F) {
	for _, s := range []string{"(El - v)/tau", "2*(3*x) - x*6", "exprel(x)**y", "clip(x, 0, 1) % 2", "not x*0 > 1/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpr(s)
		if err != nil {
			return
		}
		for _, r := range []Expr{Simplify(e), Diff(e, "x")} {
			p, err := ParseExpr(String(r))
			if err != nil || String(p) != String(r) {
				t.Fatalf("%q: result %s does not reparse: %v", s, String(r), err)
			}
		}
		if a, b := String(Simplify(e)), String(Simplify(Simplify(e))); a != b {
			t.Fatalf("%q: Simplify not idempotent: %s, then %s", s, a, b)
		}
	})
}
