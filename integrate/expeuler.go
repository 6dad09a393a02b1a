package integrate

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
)

// expEulerApplies: every right-hand side must be linear in its own variable,
// dx/dt = A·x + B with A and B free of x (conditional linearity; A and B may
// depend on the other variables and on t).
func expEulerApplies(s System) error {
	for k, v := range s.Vars {
		if _, _, ok := eqn.Linear(s.RHS[k], v); !ok {
			return notLinear(s, k, []string{v})
		}
	}
	return nil
}

// expEuler is Brian2's exponential Euler (stateupdaters/exponential_euler.py):
// with A and B taken at the start of the step,
//
//	_BA_x = B/A
//	_x = -_BA_x + (_BA_x + x)*exp(A*dt)    where B is not the literal 0,
//	_x = x*exp(A*dt)                       where B is the literal 0,
//	_x = x + dt*B                          where A is the literal 0.
//
// As in Brian2, A is tested for zero symbolically only: an A that is an
// expression and evaluates to 0 for some cell (a conductance parameter set to
// zero) divides by zero, the new value is NaN or Inf, and the run stops with
// the numerical blow-up error of the engine.
func expEuler(s System) (*Program, error) {
	p := &Program{}
	for k, v := range s.Vars {
		a, b, ok := eqn.Linear(s.RHS[k], v)
		if !ok {
			return nil, notLinear(s, k, []string{v})
		}
		switch {
		case isZero(a):
			p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: add(ident(v), mul(ident("dt"), b))})
		case isZero(b):
			p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: mul(ident(v), call("exp", mul(a, ident("dt"))))})
		default:
			ba := "_BA_" + v
			p.Stmts = append(p.Stmts,
				Assign{Name: ba, Expr: div(b, a)},
				Assign{Name: final(v), Expr: add(neg(ident(ba)), mul(add(ident(ba), ident(v)), call("exp", mul(a, ident("dt")))))})
		}
	}
	return finish(p, s), nil
}

// notLinear is the error for a right-hand side that is not linear in vars,
// naming the subexpression through which it depends on them when one is
// found: "dv/dt depends on v through exp((v - VT)/DT) (not linear)".
func notLinear(s System, k int, vars []string) error {
	dep := func(e eqn.Expr) []string {
		var out []string
		for _, v := range vars {
			if eqn.DependsOn(e, v) {
				out = append(out, v)
			}
		}
		return out
	}
	if c := nonlinearTerm(s.RHS[k], func(e eqn.Expr) bool { return len(dep(e)) > 0 }); c != nil {
		return fmt.Errorf("d%s/dt depends on %s through %s (not linear)", s.Vars[k], joinAnd(dep(c)), eqn.String(c))
	}
	return fmt.Errorf("d%s/dt = %s is not linear in %s", s.Vars[k], eqn.String(s.RHS[k]), joinAnd(vars))
}

// nonlinearTerm returns the outermost subexpression of e through which e
// fails to be linear in the names dep detects, or nil if e is syntactically
// linear: a product of two dependent factors, a dependent divisor, a power
// or function of a dependent argument, a comparison or logical operation.
func nonlinearTerm(e eqn.Expr, dep func(eqn.Expr) bool) eqn.Expr {
	if !dep(e) {
		return nil
	}
	switch e := e.(type) {
	case *eqn.Unary:
		if e.Op == "not" {
			return e
		}
		return nonlinearTerm(e.X, dep)
	case *eqn.Binary:
		switch e.Op {
		case "+", "-":
			if c := nonlinearTerm(e.X, dep); c != nil {
				return c
			}
			return nonlinearTerm(e.Y, dep)
		case "*":
			if dep(e.X) && dep(e.Y) {
				return e
			}
			if c := nonlinearTerm(e.X, dep); c != nil {
				return c
			}
			return nonlinearTerm(e.Y, dep)
		case "/":
			if dep(e.Y) {
				return e
			}
			return nonlinearTerm(e.X, dep)
		case "**":
			if n, ok := e.Y.(*eqn.Num); ok && n.Value == 1 {
				return nonlinearTerm(e.X, dep)
			}
		}
		return e
	case *eqn.Call:
		return e
	}
	return nil
}

// joinAnd joins names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
