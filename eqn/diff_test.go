package eqn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// genSmooth builds a random tree over x, y, z from the operations Diff
// knows, with arguments kept inside their domains (log of a positive number,
// arcsin of a number in (-1, 1), a power with a positive base) and a few
// functions with kinks (abs, clip) or jumps (floor, comparisons), whose
// neighbourhoods the finite-difference test skips.
func genSmooth(rng *rand.Rand, depth int) Expr {
	if depth == 0 || rng.IntN(4) == 0 {
		if rng.IntN(2) == 0 {
			return &Ident{Name: []string{"x", "y", "z"}[rng.IntN(3)]}
		}
		return &Num{Value: 0.25 + float64(rng.IntN(12))/4}
	}
	sub := func() Expr { return genSmooth(rng, depth-1) }
	positive := func() Expr { return add(pow(sub(), num(2)), num(0.5)) } // u**2 + 0.5
	inUnit := func() Expr { return mul(num(0.9), call("tanh", sub())) }  // 0.9*tanh(u)
	switch k := rng.IntN(20); {
	case k < 10:
		op := []string{"+", "-", "*", "/"}[rng.IntN(4)]
		return &Binary{Op: op, X: sub(), Y: sub()}
	case k < 11:
		return pow(sub(), num(float64(1+rng.IntN(4))))
	case k < 12:
		return pow(positive(), sub()) // general power u**v
	case k < 13:
		return neg(sub())
	case k < 14:
		return call([]string{"log", "log10", "sqrt"}[rng.IntN(3)], positive())
	case k < 15:
		return call([]string{"arcsin", "arccos"}[rng.IntN(2)], inUnit())
	case k < 16:
		return call("tan", mul(num(0.4), call("sin", sub()))) // |argument| < pi/2
	case k < 17:
		switch rng.IntN(4) {
		case 0:
			return call("abs", sub())
		case 1:
			return call("clip", sub(), sub(), sub())
		case 2:
			return mul(cmp([]string{"<", ">"}[rng.IntN(2)], sub(), sub()), sub())
		}
		return call([]string{"floor", "sign", "ceil"}[rng.IntN(3)], sub())
	case k < 18:
		// exprel near 0 too, where its derivative switches to a polynomial
		return call("exprel", mul(num([]float64{1, 1e-4, 3e-3}[rng.IntN(3)]), sub()))
	}
	fs := []string{"exp", "sin", "cos", "tanh", "arctan", "sinh", "cosh"}
	return call(fs[rng.IntN(len(fs))], sub())
}

// Diff agrees with Richardson-extrapolated central differences on random
// trees, at random points, to 1e-6 relative. Points where the function is
// not finite, or not smooth within the step (the two step sizes disagree),
// are skipped.
func TestDiffFiniteDifferences(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	checked := 0
	for n := 0; n < 6000; n++ {
		e := genSmooth(rng, 1+n%5)
		env := map[string]float64{"x": rng.Float64()*3 - 1.5, "y": rng.Float64()*3 - 1.5, "z": rng.Float64()*3 - 1.5}
		at := func(x float64) float64 {
			return refEval(e, map[string]float64{"x": x, "y": env["y"], "z": env["z"]})
		}
		x0 := env["x"]
		central := func(h float64) float64 { return (at(x0+h) - at(x0-h)) / (2 * h) }
		const h = 1e-3
		d1, d2 := central(h), central(h/2)
		fd := (4*d2 - d1) / 3
		f := at(x0)
		if !finite(f) || !finite(fd) || math.Abs(fd) > 1e8 || math.Abs(f) > 1e8 {
			continue
		}
		// Not smooth within h: the error estimate d2 - d1 (O(h²) when smooth) is large.
		if math.Abs(d2-d1) > 1e-4*math.Max(1, math.Abs(fd)) {
			continue
		}
		d := Diff(e, "x")
		sym := refEval(d, env)
		if !finite(sym) {
			continue
		}
		checked++
		scale := math.Max(1, math.Max(math.Abs(fd), math.Abs(f)))
		if diff := math.Abs(fd - sym); diff > 1e-6*scale {
			t.Fatalf("d/dx %s\n= %s\n= %.12g, finite differences %.12g at %v", String(e), String(d), sym, fd, env)
		}
	}
	if checked < 3000 {
		t.Fatalf("only %d points checked", checked)
	}
	t.Logf("%d of 6000 random trees checked", checked)
}

func TestDiffTable(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"x**3", "3*x**2"}, {"x**2", "2*x"}, {"x**1", "1"}, {"x**-1", "-x**-2"}, {"x**0.5", "0.5*x**-0.5"},
		{"x**n", "n*x**(n - 1)"}, {"2**x", "0.6931471805599453*2**x"}, {"x**x", "x**x*(log(x) + 1)"},
		{"y*x", "y"}, {"x*y*x", "2*y*x"}, {"x/tau", "1/tau"}, {"-x/tau", "-1/tau"}, {"(El - x)/tau", "-1/tau"},
		{"1/x", "-1/x**2"}, {"y/x**2", "-2*y*x/(x**2)**2"},
		{"x + y", "1"}, {"y", "0"}, {"3", "0"}, {"x", "1"}, {"-x", "-1"}, {"xx", "0"},
		{"exp(x)", "exp(x)"}, {"exp(2*x)", "2*exp(2*x)"}, {"exp(-x/tau)", "-exp(-x/tau)/tau"},
		{"log(x)", "1/x"}, {"log10(x)", "0.43429448190325176/x"}, {"sqrt(x)", "0.5/sqrt(x)"},
		{"sin(x)", "cos(x)"}, {"cos(x)", "-sin(x)"}, {"tan(x)", "1/cos(x)**2"},
		{"sinh(x)", "cosh(x)"}, {"cosh(x)", "sinh(x)"}, {"tanh(x)", "1 - tanh(x)**2"},
		{"arcsin(x)", "1/sqrt(1 - x**2)"}, {"arccos(x)", "-1/sqrt(1 - x**2)"}, {"arctan(x)", "1/(1 + x**2)"},
		{"abs(x)", "sign(x)"}, {"abs(2*x)", "2*sign(2*x)"},
		{"floor(x)", "0"}, {"ceil(x)", "0"}, {"sign(x)", "0"}, {"int(x)", "0"}, {"x // 2", "0"},
		{"rand()*x", "rand()"}, {"randn()", "0"}, {"x > 0", "0"}, {"x > 0 and y", "0"}, {"not x", "0"},
		{"x % 2", "1"}, {"y % x", "-floor(y/x)"},
		{"clip(x, 0, 1)", "(x > 0)*(x < 1)"},
		{"clip(y, x, 1)", "(y <= x)*(x < 1)"},
		{"exprel(x)", "(abs(x) < 0.001)*(0.5 + x*(0.3333333333333333 + x*(0.125 + x*(0.03333333333333333 + 0.006944444444444444*x)))) + (abs(x) >= 0.001)*(exp(x) - exprel(x))/(x + (abs(x) < 0.001))"},
		{"f(x)", "0"},
	}
	for _, tc := range cases {
		if got := String(Diff(mustParse(t, tc.in), "x")); got != tc.want {
			t.Errorf("d/dx %s = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// The derivative of exprel is finite at 0 and accurate on both sides of the
// switch to its Taylor polynomial: against (u - 1)*exp(u) + 1)/u**2 computed
// in extended form with math.Expm1 where that is accurate.
func TestDiffExprel(t *testing.T) {
	t.Parallel()
	d := Diff(mustParse(t, "exprel(x)"), "x")
	exact := func(u float64) float64 {
		// ((u - 1)e^u + 1)/u² = (u·e^u - expm1(u))/u²; fine away from 0
		return (u*math.Exp(u) - math.Expm1(u)) / (u * u)
	}
	cases := []struct{ u, want, tol float64 }{
		{0, 0.5, 0},
		{1e-300, 0.5, 1e-16},
		{-1e-8, 0.5 - 1e-8/3, 1e-15},
		{9.99e-4, 0.5 + 9.99e-4/3 + math.Pow(9.99e-4, 2)/8 + math.Pow(9.99e-4, 3)/30 + math.Pow(9.99e-4, 4)/144, 1e-15},
		{1e-3, exact(1e-3), 5e-13},
		{-0.5, exact(-0.5), 1e-14},
		{3, exact(3), 1e-14},
		{-40, exact(-40), 1e-14},
	}
	for _, tc := range cases {
		got := refEval(d, map[string]float64{"x": tc.u})
		if math.Abs(got-tc.want) > tc.tol*math.Abs(tc.want) {
			t.Errorf("exprel'(%g) = %.17g, want %.17g", tc.u, got, tc.want)
		}
	}
}

// Diff does not modify its input and returns simplified trees.
func TestDiffSimplified(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 500; n++ {
		e := genSmooth(rng, 4)
		before := String(e)
		d := Diff(e, "x")
		if String(e) != before {
			t.Fatalf("Diff modified %s into %s", before, String(e))
		}
		if s := String(Simplify(d)); s != String(d) {
			t.Fatalf("Diff(%s) = %s, not simplified (%s)", before, String(d), s)
		}
	}
}
