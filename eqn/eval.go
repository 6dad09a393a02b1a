package eqn

import (
	"fmt"
	"math"
	"strings"

	"github.com/volleysim/volley/units"
)

// Lookup resolves a name to a constant quantity. It returns false for names
// it does not know, which are then looked up as units (units.Lookup) and
// finally as the constants pi, e, inf, True and False.
type Lookup func(name string) (units.Quantity, bool)

// val is an evaluated sub-expression. When known is false only the
// dimension is meaningful (Dims mode, names given by dimension only).
type val struct {
	v     float64
	d     units.Dim
	known bool
}

// evaluator walks a tree. Exactly one of lookup and dimOf is used.
type evaluator struct {
	src    string
	lookup Lookup
	dimOf  func(string) (units.Dim, bool)
	dims   bool // Dims mode: no values needed
}

// EvalQuantity evaluates a constant expression with units, such as
// "10*nS/(100*0.05)" or "-70*mV + 2*delta", applying Brian2's dimension
// rules. Names resolve through lookup (which may be nil), then as units,
// then as the constants pi, e, inf, True, False. src is the text e was
// parsed from, used for the caret in errors. The result may be infinite
// ("inf*ms") but not NaN.
func EvalQuantity(e Expr, src string, lookup Lookup) (units.Quantity, error) {
	ev := &evaluator{src: src, lookup: lookup}
	r, err := ev.eval(e)
	if err != nil {
		return units.Quantity{}, err
	}
	if math.IsNaN(r.v) {
		return units.Quantity{}, &EvalError{src, start(e), fmt.Sprintf("%q is not a number (NaN)", String(e))}
	}
	return units.Quantity{Value: r.v, Dim: r.d}, nil
}

// Dims infers the dimension of e without evaluating it, with the same
// rules as EvalQuantity. Names resolve through dimOf, then as units and
// constants. Exponents of quantities with units must be constant numbers
// ("v**2", not "v**n"). Errors carry no source text: set their Src field
// to the text e was parsed from to get a caret.
func Dims(e Expr, dimOf func(name string) (units.Dim, bool)) (units.Dim, error) {
	ev := &evaluator{dimOf: dimOf, dims: true}
	r, err := ev.eval(e)
	return r.d, err
}

// constant resolves the built-in constants (Brian2's DEFAULT_CONSTANTS and
// the Python booleans).
func constant(name string) (float64, bool) {
	switch name {
	case "pi":
		return math.Pi, true
	case "e":
		return math.E, true
	case "inf":
		return math.Inf(1), true
	case "True", "true":
		return 1, true
	case "False", "false":
		return 0, true
	}
	return 0, false
}

func (ev *evaluator) ident(e *Ident) (val, error) {
	if ev.lookup != nil {
		if q, ok := ev.lookup(e.Name); ok {
			return val{q.Value, q.Dim, true}, nil
		}
	}
	if ev.dimOf != nil {
		if d, ok := ev.dimOf(e.Name); ok {
			return val{math.NaN(), d, false}, nil
		}
	}
	if q, ok := units.Lookup(e.Name); ok {
		return val{q.Value, q.Dim, true}, nil
	}
	if v, ok := constant(e.Name); ok {
		return val{v, units.Dimensionless, true}, nil
	}
	err := &NameError{Src: ev.src, Off: e.Off, Name: e.Name, Kind: "name"}
	for _, s := range units.Suggest(e.Name) {
		if strings.EqualFold(s, e.Name) {
			err.Hint = "did you mean the unit " + s + "?"
			break
		}
	}
	return val{}, err
}

func (ev *evaluator) mismatch(off int, format string, got, want units.Dim, args ...any) error {
	return &DimensionError{Src: ev.src, Off: off, Msg: fmt.Sprintf(format, args...), Got: got, Want: want}
}

func boolVal(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (ev *evaluator) eval(e Expr) (val, error) {
	switch e := e.(type) {
	case *Num:
		return val{e.Value, units.Dimensionless, true}, nil
	case *Ident:
		return ev.ident(e)
	case *Unary:
		x, err := ev.eval(e.X)
		if err != nil {
			return val{}, err
		}
		switch e.Op {
		case "-":
			x.v = -x.v
		case "not":
			if !x.d.IsDimensionless() {
				return val{}, ev.mismatch(start(e.X), "\"not\" needs a dimensionless operand, got %s in %q", x.d, units.Dimensionless, x.d, String(e))
			}
			x.v = boolVal(x.v == 0)
		}
		return x, nil
	case *Binary:
		return ev.binary(e)
	case *Call:
		return ev.call(e)
	}
	return val{}, &EvalError{ev.src, 0, fmt.Sprintf("eqn: unknown expression node %T", e)}
}

func (ev *evaluator) binary(e *Binary) (val, error) {
	x, err := ev.eval(e.X)
	if err != nil {
		return val{}, err
	}
	y, err := ev.eval(e.Y)
	if err != nil {
		return val{}, err
	}
	known := x.known && y.known
	switch e.Op {
	case "+", "-", "%", "<", "<=", ">", ">=", "==", "!=":
		if x.d != y.d {
			return val{}, ev.mismatch(start(e.Y), "dimension mismatch in %q: left is %s, right is %s",
				y.d, x.d, String(e), x.d, y.d)
		}
	case "and", "or":
		for _, o := range []struct {
			v   val
			off int
		}{{x, start(e.X)}, {y, start(e.Y)}} {
			if !o.v.d.IsDimensionless() {
				return val{}, ev.mismatch(o.off, "%q needs dimensionless operands, got %s in %q", o.v.d, units.Dimensionless, e.Op, o.v.d, String(e))
			}
		}
	}
	r := val{d: x.d, known: known}
	switch e.Op {
	case "+":
		r.v = x.v + y.v
	case "-":
		r.v = x.v - y.v
	case "%":
		r.v = math.Mod(x.v, y.v)
		if r.v != 0 && (r.v < 0) != (y.v < 0) {
			r.v += y.v // Python's modulo takes the sign of the divisor
		}
	case "*", "/", "//":
		var d units.Dim
		switch e.Op {
		case "*":
			d, err = x.d.CheckedMul(y.d)
			r.v = x.v * y.v
		case "/":
			d, err = x.d.CheckedDiv(y.d)
			r.v = x.v / y.v
		default: // Python's floor division
			d, err = x.d.CheckedDiv(y.d)
			r.v = math.Floor(x.v / y.v)
		}
		if err != nil {
			return val{}, ev.mismatch(e.Off, "dimension out of range in %q", x.d, y.d, String(e))
		}
		r.d = d
	case "**":
		return ev.power(e, x, y)
	case "<", "<=", ">", ">=", "==", "!=", "and", "or":
		r.d = units.Dimensionless
		r.v = boolVal(compare(e.Op, x.v, y.v))
	}
	return r, nil
}

func compare(op string, a, b float64) bool {
	switch op {
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	case "==":
		return a == b
	case "!=":
		return a != b
	case "and":
		return a != 0 && b != 0
	case "or":
		return a != 0 || b != 0
	}
	return false
}

func (ev *evaluator) power(e *Binary, x, y val) (val, error) {
	if !y.d.IsDimensionless() {
		return val{}, ev.mismatch(start(e.Y), "exponent must be dimensionless, got %s in %q", y.d, units.Dimensionless, y.d, String(e))
	}
	r := val{v: math.Pow(x.v, y.v), known: x.known && y.known}
	if x.d.IsDimensionless() {
		return r, nil
	}
	if !y.known {
		return val{}, &EvalError{ev.src, start(e.Y), fmt.Sprintf("the exponent of a quantity with dimension %s must be a constant number in %q", x.d, String(e))}
	}
	d, err := x.d.Pow(y.v)
	if err != nil {
		return val{}, ev.mismatch(start(e.Y), "cannot raise %s to the power %g in %q", x.d, x.d, x.d, y.v, String(e))
	}
	r.d = d
	return r, nil
}
