package eqn

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/volleysim/volley/units"
	"github.com/volleysim/volley/xmath"
)

// dimRule says how a function treats dimensions.
type dimRule int

const (
	dimless   dimRule = iota // dimensionless arguments and result: exp, log, sin, ...
	keep                     // result has the argument's dimension: abs, floor, ceil
	halve                    // sqrt
	toDimless                // any dimension in, dimensionless out: sign
	sameAll                  // all arguments share a dimension, result has it: clip
	random                   // no arguments, dimensionless, not constant: rand, randn
)

type function struct {
	nargs int
	rule  dimRule
	f1    func(float64) float64
	f3    func(a, b, c float64) float64
}

// functions are Brian2's default functions usable in expressions.
var functions = map[string]function{
	"sqrt":   {1, halve, math.Sqrt, nil},
	"exp":    {1, dimless, xmath.Exp, nil},
	"log":    {1, dimless, math.Log, nil},
	"log10":  {1, dimless, math.Log10, nil},
	"sin":    {1, dimless, math.Sin, nil},
	"cos":    {1, dimless, math.Cos, nil},
	"tan":    {1, dimless, math.Tan, nil},
	"sinh":   {1, dimless, math.Sinh, nil},
	"cosh":   {1, dimless, math.Cosh, nil},
	"tanh":   {1, dimless, math.Tanh, nil},
	"arcsin": {1, dimless, math.Asin, nil},
	"arccos": {1, dimless, math.Acos, nil},
	"arctan": {1, dimless, math.Atan, nil},
	"exprel": {1, dimless, xmath.Exprel, nil},
	"int":    {1, dimless, math.Trunc, nil},
	"abs":    {1, keep, math.Abs, nil},
	"floor":  {1, keep, math.Floor, nil},
	"ceil":   {1, keep, math.Ceil, nil},
	"sign":   {1, toDimless, sign, nil},
	"clip":   {3, sameAll, nil, clip},
	"rand":   {0, random, nil, nil},
	"randn":  {0, random, nil, nil},
}

// Functions returns the names of the functions expressions may call,
// sorted.
func Functions() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return x // 0 or NaN
}

func clip(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

func (ev *evaluator) call(e *Call) (val, error) {
	fn, ok := functions[e.Fun]
	if !ok {
		return val{}, &NameError{Src: ev.src, Off: e.Off, Name: e.Fun, Kind: "function",
			Hint: "known functions: " + strings.Join(Functions(), ", ")}
	}
	if len(e.Args) != fn.nargs {
		return val{}, &EvalError{ev.src, e.Off, fmt.Sprintf("%s takes %d argument%s, got %d", e.Fun, fn.nargs, plural(fn.nargs), len(e.Args))}
	}
	args := make([]val, len(e.Args))
	for i, a := range e.Args {
		v, err := ev.eval(a)
		if err != nil {
			return val{}, err
		}
		args[i] = v
	}
	switch fn.rule {
	case random:
		if !ev.dims {
			return val{}, &EvalError{ev.src, e.Off, fmt.Sprintf("%s() is random and cannot be used in a constant", e.Fun)}
		}
		return val{math.NaN(), units.Dimensionless, false}, nil
	case sameAll:
		for i := 1; i < len(args); i++ {
			if args[i].d != args[0].d {
				return val{}, ev.mismatch(start(e.Args[i]), "dimension mismatch in %q: argument %d is %s, argument 1 is %s",
					args[i].d, args[0].d, String(e), i+1, args[i].d, args[0].d)
			}
		}
		return val{fn.f3(args[0].v, args[1].v, args[2].v), args[0].d, args[0].known && args[1].known && args[2].known}, nil
	}
	x := args[0]
	r := val{v: fn.f1(x.v), known: x.known}
	switch fn.rule {
	case dimless:
		if !x.d.IsDimensionless() {
			return val{}, ev.mismatch(start(e.Args[0]), "%s needs a dimensionless argument, got %s in %q", x.d, units.Dimensionless, e.Fun, x.d, String(e))
		}
	case keep:
		r.d = x.d
	case halve:
		d, err := x.d.Sqrt()
		if err != nil {
			return val{}, ev.mismatch(start(e.Args[0]), "cannot take the square root of %s in %q", x.d, x.d, x.d, String(e))
		}
		r.d = d
	}
	return r, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
