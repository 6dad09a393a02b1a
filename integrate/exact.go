package integrate

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
)

// LinearCoefficients are the coefficients of a linear system with constant
// coefficients, dVars/dt = A·Vars + B, as expressions of parameters and
// constants. A kernel compiler evaluates them (once, or per cell where they
// depend on per-cell parameters), computes the propagator with ExactLinear
// and builds the update program with ExactProgram.
type LinearCoefficients struct {
	Vars []string
	A    []eqn.Expr // row-major, len(Vars)²
	B    []eqn.Expr
}

func exactApplies(s System) error {
	if err := deterministic(s); err != nil {
		return err
	}
	_, _, ok, reason := eqn.LinearSystem(s.RHS, s.Vars, append([]string{"t"}, s.Noise...))
	if !ok {
		return fmt.Errorf("%s (exact integration needs linear equations with constant coefficients)", reason)
	}
	return nil
}

// ExactLinearCoefficients returns the coefficients of a system to which
// "exact" applies.
func ExactLinearCoefficients(s System) (*LinearCoefficients, error) {
	if err := exactApplies(s); err != nil {
		return nil, fmt.Errorf("method \"exact\" does not apply: %v", err)
	}
	A, B, _, _ := eqn.LinearSystem(s.RHS, s.Vars, []string{"t"})
	return &LinearCoefficients{Vars: s.Vars, A: A, B: B}, nil
}

// ExactProgram is the update program x ← P·x + q of a linear system. P and q
// are given either as numbers (coefficient nil: the value is in P or Q) or,
// where they differ between cells, as the names of per-cell arrays (names
// non-empty). Zero entries are left out.
func ExactProgram(vars []string, P []float64, Q []float64, pNames, qNames []string) *Program {
	n := len(vars)
	p := &Program{Method: "exact"}
	term := func(vals []float64, i int, name string) (eqn.Expr, bool) {
		if name != "" {
			return ident(name), true
		}
		if vals[i] == 0 {
			return nil, false
		}
		return num(vals[i]), true
	}
	for k, v := range vars {
		var e eqn.Expr
		for j, w := range vars {
			c, ok := term(P, k*n+j, pNames[k*n+j])
			if !ok {
				continue
			}
			t := mul(c, ident(w))
			if e == nil {
				e = t
			} else {
				e = add(e, t)
			}
		}
		if c, ok := term(Q, k, qNames[k]); ok {
			if e == nil {
				e = c
			} else {
				e = add(e, c)
			}
		}
		if e == nil {
			e = num(0)
		}
		p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: e})
	}
	for _, v := range vars {
		p.Updates = append(p.Updates, Assign{Name: v, Expr: ident("_" + v)})
	}
	return p
}
