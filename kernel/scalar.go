package kernel

import (
	"fmt"
	"math"
	"strings"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
	"github.com/volleysim/volley/xmath"
)

// ScalarFn is an expression compiled for one element at a time: a synapse k
// at step n. Synaptic statements read their operands through index arrays
// (the synapse's pre- and postsynaptic cells), which the block VM of the
// neuron kernels does not do, so they are compiled to closures instead.
type ScalarFn func(k int, n int64) float64

// ScalarSpec describes how the names of an expression compiled with
// CompileScalar are read.
type ScalarSpec struct {
	Src string // text the expression offsets refer to, for messages
	// Resolve returns the reader of a name that is not a constant, or false.
	Resolve func(name string) (ScalarFn, bool)
	Consts  map[string]float64 // SI constants

	// Random streams of rand() and randn(): keyed (Seed, Purpose, ID+site,
	// k, n), site being the call's rank in the expression.
	Seed    uint64
	Purpose rng.Purpose
	ID      uint32
	sites   *int
}

// CompileScalar compiles e into a closure. Constant sub-expressions are
// folded with the same arithmetic as at run time.
func CompileScalar(e eqn.Expr, spec ScalarSpec) (ScalarFn, error) {
	if spec.sites == nil {
		spec.sites = new(int)
	}
	fn, _, err := spec.compile(e)
	return fn, err
}

func constFn(v float64) ScalarFn { return func(int, int64) float64 { return v } }

// compile returns the closure of e, and whether it is constant.
func (s *ScalarSpec) compile(e eqn.Expr) (ScalarFn, bool, error) {
	switch e := e.(type) {
	case *eqn.Num:
		return constFn(e.Value), true, nil
	case *eqn.Ident:
		if v, ok := s.Consts[e.Name]; ok {
			return constFn(v), true, nil
		}
		if fn, ok := s.Resolve(e.Name); ok {
			return fn, false, nil
		}
		if v, ok := keywordConstant(e.Name); ok {
			return constFn(v), true, nil
		}
		return nil, false, s.errorf(e.Off, "unknown name %q", e.Name)
	case *eqn.Unary:
		x, c, err := s.compile(e.X)
		if err != nil {
			return nil, false, err
		}
		var fn ScalarFn
		switch e.Op {
		case "+":
			return x, c, nil
		case "-":
			fn = func(k int, n int64) float64 { return -x(k, n) }
		case "not":
			fn = func(k int, n int64) float64 { return b2f(x(k, n) == 0) }
		default:
			return nil, false, s.errorf(e.Off, "unknown operator %q", e.Op)
		}
		return fold(fn, c), c, nil
	case *eqn.Binary:
		op, ok := binaryOps[e.Op]
		if !ok {
			return nil, false, s.errorf(e.Off, "unknown operator %q", e.Op)
		}
		x, cx, err := s.compile(e.X)
		if err != nil {
			return nil, false, err
		}
		y, cy, err := s.compile(e.Y)
		if err != nil {
			return nil, false, err
		}
		return fold(binaryFn(op, x, y), cx && cy), cx && cy, nil
	case *eqn.Call:
		return s.call(e)
	}
	return nil, false, fmt.Errorf("kernel: unknown expression node %T", e)
}

// fold evaluates a constant closure once.
func fold(fn ScalarFn, constant bool) ScalarFn {
	if constant {
		return constFn(fn(0, 0))
	}
	return fn
}

// binaryFn specialises the common arithmetic; the rest goes through scalar,
// as in the block VM.
func binaryFn(op opcode, x, y ScalarFn) ScalarFn {
	switch op {
	case opAdd:
		return func(k int, n int64) float64 { return x(k, n) + y(k, n) }
	case opSub:
		return func(k int, n int64) float64 { return x(k, n) - y(k, n) }
	case opMul:
		return func(k int, n int64) float64 { return x(k, n) * y(k, n) }
	case opDiv:
		return func(k int, n int64) float64 { return x(k, n) / y(k, n) }
	}
	return func(k int, n int64) float64 { return scalar(op, x(k, n), y(k, n)) }
}

func (s *ScalarSpec) call(e *eqn.Call) (ScalarFn, bool, error) {
	switch e.Fun {
	case "rand", "randn":
		if len(e.Args) != 0 {
			return nil, false, s.errorf(e.Off, "%s() takes no arguments", e.Fun)
		}
		seed, p, id := s.Seed, s.Purpose, s.ID+uint32(*s.sites)
		*s.sites++
		if e.Fun == "rand" {
			return func(k int, n int64) float64 { return rng.Uniform01(seed, p, id, uint64(k), uint64(n)) }, false, nil
		}
		return func(k int, n int64) float64 {
			st := rng.New(seed, p, id, uint64(k), uint64(n))
			return st.Normal()
		}, false, nil
	}
	args := make([]ScalarFn, len(e.Args))
	all := true
	for i, a := range e.Args {
		fn, c, err := s.compile(a)
		if err != nil {
			return nil, false, err
		}
		args[i], all = fn, all && c
	}
	if f1, ok := eqn.Scalar1(e.Fun); ok {
		if len(args) != 1 {
			return nil, false, s.errorf(e.Off, "%s takes 1 argument, got %d", e.Fun, len(args))
		}
		x := args[0]
		if e.Fun == "exp" {
			return fold(func(k int, n int64) float64 { return xmath.Exp(x(k, n)) }, all), all, nil
		}
		return fold(func(k int, n int64) float64 { return f1(x(k, n)) }, all), all, nil
	}
	if f3, ok := eqn.Scalar3(e.Fun); ok {
		if len(args) != 3 {
			return nil, false, s.errorf(e.Off, "%s takes 3 arguments, got %d", e.Fun, len(args))
		}
		a, b, c := args[0], args[1], args[2]
		return fold(func(k int, n int64) float64 { return f3(a(k, n), b(k, n), c(k, n)) }, all), all, nil
	}
	return nil, false, s.errorf(e.Off, "unknown function %q; known: %s", e.Fun, strings.Join(eqn.Functions(), ", "))
}

func (s *ScalarSpec) errorf(off int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if s.Src != "" && off >= 0 && off <= len(s.Src) {
		return fmt.Errorf("%s at offset %d of %q", msg, off, s.Src)
	}
	return fmt.Errorf("%s", msg)
}

// keywordConstant returns the value of a unit name or a keyword constant
// (pi, e, inf, True, False), as the block compiler reads them.
func keywordConstant(name string) (float64, bool) {
	if q, ok := units.Lookup(name); ok {
		return q.Value, true
	}
	switch name {
	case "pi":
		return math.Pi, true
	case "e":
		return math.E, true
	case "inf":
		return math.Inf(1), true
	case "True":
		return 1, true
	case "False":
		return 0, true
	}
	return 0, false
}
