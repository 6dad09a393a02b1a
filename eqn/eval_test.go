package eqn

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/volleysim/volley/units"
)

func testLookup(name string) (units.Quantity, bool) {
	switch name {
	case "v":
		return units.MustParse("-60 mV"), true
	case "tau":
		return units.MustParse("20 ms"), true
	case "g":
		return units.MustParse("4 nS"), true
	case "n":
		return units.Quantity{Value: 3}, true
	}
	return units.Quantity{}, false
}

func TestEvalQuantity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in  string
		val float64
		dim string
		tol float64 // absolute, relative to the expected value
	}{
		{"20*mV", 0.02, "V", 1e-16},
		{"10*nS/(100*0.05)", 2e-9, "S", 1e-15},
		{"-2**2", -4, "1", 0},
		{"2**-1", 0.5, "1", 0},
		{"2**3**2", 512, "1", 0},
		{"(-2)**2", 4, "1", 0},
		{"7 % 3", 1, "1", 0},
		{"-7 % 3", 2, "1", 0},  // Python's modulo
		{"7 % -3", -2, "1", 0}, // Python's modulo
		{"1 + 2*3", 7, "1", 0},
		{"not 0 and 1", 1, "1", 0},
		{"1 < 2 and 3 > 4 or 1", 1, "1", 0},
		{"1 < 2 and 3 > 4", 0, "1", 0},
		{"v < 0*mV", 1, "1", 0},
		{"v + 2*mV", -0.058, "V", 1e-16},
		{"v/tau", -3, "V s^-1", 1e-15},
		{"g*v", -2.4e-10, "A", 1e-24},
		{"sqrt(4*mV**2)", 2e-3, "V", 1e-18},
		{"sqrt(second)", 1, "s^0.5", 0},
		{"8*pA*sqrt(second)", 8e-12, "s^0.5 A", 0},
		{"exp(v/mV/60)", math.Exp(-1), "1", 1e-15},
		{"exprel(0)", 1, "1", 0},
		{"exprel(1e-10)", 1 + 5e-11, "1", 1e-16},
		{"log(e)", 1, "1", 1e-16},
		{"log10(1000)", 3, "1", 1e-15},
		{"cos(pi)", -1, "1", 0},
		{"abs(v)", 0.06, "V", 0},
		{"floor(2.5*mV/mV)", 2, "1", 0},
		{"ceil(2.5)", 3, "1", 0},
		{"int(-2.7)", -2, "1", 0},
		{"sign(v)", -1, "1", 0},
		{"clip(v, -50*mV, 0*mV)", -0.05, "V", 0},
		{"clip(n, 0, inf)", 3, "1", 0},
		{"tanh(0) + sinh(0) + arcsin(0) + arctan(0) + tan(0) + sin(0)", 0, "1", 0},
		{"cosh(0) + arccos(1)", 1, "1", 0},
		{"True + False", 1, "1", 0},
		{"n**n", 27, "1", 0},
		{"tau**2", 4e-4, "s^2", 1e-19},
		{"v**(1/2*2)", -0.06, "V", 1e-17},
		{"inf*ms", math.Inf(1), "s", 0},
		{"1/0", math.Inf(1), "1", 0},
		{"siemens/meter**2", 1, "S m^-2", 0},
		{"radian", 1, "1", 0},
	}
	for _, tc := range tests {
		e, err := ParseExpr(tc.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tc.in, err)
			continue
		}
		q, err := EvalQuantity(e, tc.in, testLookup)
		if err != nil {
			t.Errorf("EvalQuantity(%q): %v", tc.in, err)
			continue
		}
		if q.Dim.String() != tc.dim || !(q.Value == tc.val || math.Abs(q.Value-tc.val) <= tc.tol) {
			t.Errorf("EvalQuantity(%q) = %v (%s), want %v %s", tc.in, q.Value, q.Dim, tc.val, tc.dim)
		}
	}
}

// TestEvalErrors checks every evaluation error: its type, message and the
// column of the caret.
func TestEvalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		kind string // "dim", "name", "eval"
		off  int
		want string
	}{
		{"v + 3*ms", "dim", 4, `dimension mismatch in "v + 3*ms": left is V, right is s`},
		{"v - 1", "dim", 4, `left is V, right is 1`},
		{"v % tau", "dim", 4, `left is V, right is s`},
		{"v < 1", "dim", 4, `left is V, right is 1`},
		{"exp(v)", "dim", 4, `exp needs a dimensionless argument, got V in "exp(v)"`},
		{"log(2*tau)", "dim", 4, `log needs a dimensionless argument, got s`},
		{"int(v)", "dim", 4, "int needs a dimensionless argument"},
		{"not v", "dim", 4, `"not" needs a dimensionless operand, got V`},
		{"v and 1", "dim", 0, `"and" needs dimensionless operands, got V`},
		{"1 or tau", "dim", 5, `"or" needs dimensionless operands, got s`},
		{"2**tau", "dim", 3, "exponent must be dimensionless, got s"},
		{"tau**(1/3)", "dim", 6, "cannot raise s to the power 0.333"},
		{"sqrt(sqrt(tau))", "dim", 5, "cannot take the square root of s^0.5"},
		{"clip(v, 0, 1)", "dim", 8, "argument 2 is 1, argument 1 is V"},
		{"ms**40*ms**40", "dim", 6, "dimension out of range"},
		{"x + 1", "name", 0, `unknown name "x"`},
		{"1 + mv", "name", 4, `unknown name "mv" (did you mean the unit mV?)`},
		{"foo(1)", "name", 0, `unknown function "foo" (known functions: abs, arccos`},
		{"exp(1, 2)", "eval", 0, "exp takes 1 argument, got 2"},
		{"clip(1)", "eval", 0, "clip takes 3 arguments, got 1"},
		{"1 + rand()", "eval", 4, "rand() is random and cannot be used in a constant"},
		{"sqrt(-1)", "eval", 0, `"sqrt(-1)" is not a number (NaN)`},
		{"0/0*mV", "eval", 0, "is not a number"},
	}
	for _, tc := range tests {
		e, err := ParseExpr(tc.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tc.in, err)
			continue
		}
		_, err = EvalQuantity(e, tc.in, testLookup)
		var off int
		var ok bool
		switch tc.kind {
		case "dim":
			var de *DimensionError
			ok = errors.As(err, &de)
			if ok {
				off = de.Off
			}
		case "name":
			var ne *NameError
			ok = errors.As(err, &ne)
			if ok {
				off = ne.Off
			}
		case "eval":
			var ee *EvalError
			ok = errors.As(err, &ee)
			if ok {
				off = ee.Off
			}
		}
		if !ok || off != tc.off || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("EvalQuantity(%q): error %v (offset %d), want %s error %q at %d", tc.in, err, off, tc.kind, tc.want, tc.off)
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != 3 || lines[1] != "  "+tc.in || lines[2] != "  "+strings.Repeat(" ", tc.off)+"^" {
			t.Errorf("EvalQuantity(%q): error without caret at %d:\n%v", tc.in, tc.off, err)
		}
	}
}

func TestDimensionErrorFields(t *testing.T) {
	t.Parallel()
	src := "v + 3*ms"
	e, _ := ParseExpr(src)
	_, err := EvalQuantity(e, src, testLookup)
	var de *DimensionError
	if !errors.As(err, &de) || de.Got != units.Second || de.Want != units.Volt {
		t.Fatalf("got %#v", err)
	}
	want := "dimension mismatch in \"v + 3*ms\": left is V, right is s\n  v + 3*ms\n      ^"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
}

// refEval is an independent evaluator for generated dimensionless trees,
// written directly against Go's math package.
func refEval(e Expr, env map[string]float64) float64 {
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	switch e := e.(type) {
	case *Num:
		return e.Value
	case *Ident:
		return env[e.Name]
	case *Unary:
		x := refEval(e.X, env)
		switch e.Op {
		case "-":
			return -x
		case "not":
			return b2f(x == 0)
		}
		return x
	case *Call:
		a := make([]float64, len(e.Args))
		for i, x := range e.Args {
			a[i] = refEval(x, env)
		}
		switch e.Fun {
		case "exp":
			return math.Exp(a[0])
		case "abs":
			return math.Abs(a[0])
		case "sin":
			return math.Sin(a[0])
		case "tanh":
			return math.Tanh(a[0])
		case "cos":
			return math.Cos(a[0])
		case "arctan":
			return math.Atan(a[0])
		case "sinh":
			return math.Sinh(a[0])
		case "cosh":
			return math.Cosh(a[0])
		case "log":
			return math.Log(a[0])
		case "sqrt":
			return math.Sqrt(a[0])
		case "floor":
			return math.Floor(a[0])
		case "ceil":
			return math.Ceil(a[0])
		case "int":
			return math.Trunc(a[0])
		case "tan":
			return math.Tan(a[0])
		case "arcsin":
			return math.Asin(a[0])
		case "arccos":
			return math.Acos(a[0])
		case "log10":
			return math.Log10(a[0])
		case "sign":
			if a[0] == 0 || a[0] != a[0] {
				return a[0]
			}
			return math.Copysign(1, a[0])
		case "exprel":
			if a[0] == 0 {
				return 1
			}
			if math.IsInf(a[0], 0) {
				return math.Max(a[0], 0)
			}
			return math.Expm1(a[0]) / a[0]
		case "clip": // numpy.clip: NaN in any argument propagates
			if a[0] != a[0] || a[1] != a[1] || a[2] != a[2] {
				return math.NaN()
			}
			if a[0] < a[1] {
				a[0] = a[1]
			}
			if a[0] > a[2] {
				a[0] = a[2]
			}
			return a[0]
		}
	case *Binary:
		x, y := refEval(e.X, env), refEval(e.Y, env)
		switch e.Op {
		case "+":
			return x + y
		case "-":
			return x - y
		case "*":
			return x * y
		case "/":
			return x / y
		case "//":
			return math.Floor(x / y)
		case "**":
			return math.Pow(x, y)
		case "%":
			m := math.Mod(x, y)
			if m != 0 && (m < 0) != (y < 0) {
				m += y
			}
			return m
		case "<":
			return b2f(x < y)
		case "<=":
			return b2f(x <= y)
		case ">":
			return b2f(x > y)
		case ">=":
			return b2f(x >= y)
		case "==":
			return b2f(x == y)
		case "!=":
			return b2f(x != y)
		case "and":
			return b2f(x != 0 && y != 0)
		case "or":
			return b2f(x != 0 || y != 0)
		}
	}
	panic("refEval: unexpected node")
}

func TestEvalRandomAgainstReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 5))
	env := map[string]float64{"x": 1.25, "y": -0.5, "z": 3}
	lookup := func(n string) (units.Quantity, bool) {
		v, ok := env[n]
		return units.Quantity{Value: v}, ok
	}
	for i := 0; i < 5000; i++ {
		e := genExpr(rng, 1+i%6, true)
		// Evaluate the printed and reparsed form, so that parsing is covered.
		src := String(e)
		pe, err := ParseExpr(src)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", src, err)
		}
		want := refEval(e, env)
		q, err := EvalQuantity(pe, src, lookup)
		if math.IsNaN(want) {
			if err == nil {
				t.Fatalf("EvalQuantity(%q) = %v, want NaN error", src, q.Value)
			}
			continue
		}
		if err != nil {
			t.Fatalf("EvalQuantity(%q): %v", src, err)
		}
		if q.Value != want && math.Abs(q.Value-want) > 1e-12*math.Abs(want) {
			t.Fatalf("EvalQuantity(%q) = %v, want %v", src, q.Value, want)
		}
	}
}
