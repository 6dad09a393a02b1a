package integrate

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
)

// LinearCoefficients are the coefficients of a linear system with constant
// coefficients, dVars/dt = A·Vars + B, as expressions of parameters and
// constants (never of state variables, t or noise).
type LinearCoefficients struct {
	Vars []string
	A    []eqn.Expr // row-major, len(Vars)²: A[i*n+j] = ∂(dVars[i]/dt)/∂Vars[j]
	B    []eqn.Expr // B[i] = dVars[i]/dt with every state variable set to 0
}

// Propagator evaluates the coefficients with eval (for one group, or for one
// cell when they read per-cell parameters) and returns the exact one-step
// solution of the system for a step dt.
func (c *LinearCoefficients) Propagator(eval func(eqn.Expr) (float64, error), dt float64) (Linear, error) {
	n := len(c.Vars)
	a, b := make([]float64, n*n), make([]float64, n)
	for i, e := range c.A {
		v, err := eval(e)
		if err != nil {
			return Linear{}, fmt.Errorf("integrate: exact: coefficient %s: %w", eqn.String(e), err)
		}
		a[i] = v
	}
	for i, e := range c.B {
		v, err := eval(e)
		if err != nil {
			return Linear{}, fmt.Errorf("integrate: exact: input %s: %w", eqn.String(e), err)
		}
		b[i] = v
	}
	return ExactLinear(a, b, dt)
}

// PropagatorName is the reserved name "_P_<i>_<j>" of the entry (i, j) of the
// propagator P = exp(A·dt) in the program of ExactLinearProgram.
func PropagatorName(i, j int) string { return fmt.Sprintf("_P_%d_%d", i, j) }

// InputName is the reserved name "_q_<i>" of the entry i of the input term
// q = ∫₀^dt exp(A·s) ds · B in the program of ExactLinearProgram.
func InputName(i int) string { return fmt.Sprintf("_q_%d", i) }

// exactApplies: the system must be jointly linear in its variables with
// coefficients that depend neither on them nor on t (Brian2's exact, which
// also refuses what is not constant over a time step).
func exactApplies(s System) error {
	_, _, ok, reason := eqn.LinearSystem(s.RHS, s.Vars, []string{"t"})
	if ok {
		return nil
	}
	onVar := func(e eqn.Expr) bool {
		for _, v := range s.Vars {
			if eqn.DependsOn(e, v) {
				return true
			}
		}
		return false
	}
	for k, r := range s.RHS {
		if nonlinearTerm(r, onVar) != nil {
			return notLinear(s, k, s.Vars)
		}
	}
	onTime := func(e eqn.Expr) bool { return eqn.DependsOn(e, "t") }
	for k, r := range s.RHS {
		if onTime(r) {
			c := nonlinearTerm(r, onTime)
			if c == nil {
				c = ident("t")
			}
			return fmt.Errorf("d%s/dt depends on t through %s (exact needs coefficients that are constant in time)", s.Vars[k], eqn.String(c))
		}
	}
	return fmt.Errorf("%s (exact needs linear equations with constant coefficients)", reason)
}

// ExactLinearCoefficients returns the coefficients of a system to which
// "exact" applies.
func ExactLinearCoefficients(s System) (*LinearCoefficients, error) {
	m, _ := LookupMethod("exact")
	if err := m.Applies(s); err != nil {
		return nil, fmt.Errorf("method \"exact\" does not apply: %v", err)
	}
	A, B, _, _ := eqn.LinearSystem(s.RHS, s.Vars, []string{"t"})
	return &LinearCoefficients{Vars: s.Vars, A: A, B: B}, nil
}

// ExactLinearProgram returns the program of "exact" for s and the
// coefficients it needs. The program is, for each variable i,
//
//	_<Vars[i]> = _P_<i>_0*Vars[0] + … + _P_<i>_<n-1>*Vars[n-1] + _q_<i>
//
// leaving out the entries that are zero for every value of the
// coefficients: P[i][j] where Vars[j] cannot reach Vars[i] through the
// non-zero entries of A, and q[i] where no variable that reaches Vars[i] has
// a non-zero B. The names _P_<i>_<j> (PropagatorName) and _q_<i> (InputName),
// with 0-based indices in the order of Vars, are not assigned by the
// program: the kernel compiler binds each name the program reads to the
// entry of the Linear that Propagator (that is, ExactLinear) returns for
// the coefficients' values and the run's dt — one value for the group when
// the coefficients read only constants, one value per cell (an array) when
// they read per-cell parameters. The coefficients are evaluated when the
// kernel is built; a parameter that changes during a run needs the
// propagator to be computed again.
func ExactLinearProgram(s System) (*Program, *LinearCoefficients, error) {
	c, err := ExactLinearCoefficients(s)
	if err != nil {
		return nil, nil, err
	}
	return exactFromCoefficients(c), c, nil
}

// exactProgram is the table's build function of "exact".
func exactProgram(s System) (*Program, error) {
	p, _, err := ExactLinearProgram(s)
	return p, err
}

func exactFromCoefficients(c *LinearCoefficients) *Program {
	n := len(c.Vars)
	// reach[i][j]: Vars[j] influences Vars[i] within a step (the transitive
	// closure of the structure of A, with the diagonal).
	reach := make([][]bool, n)
	for i := range reach {
		reach[i] = make([]bool, n)
		reach[i][i] = true
		for j := 0; j < n; j++ {
			if !isZero(eqn.Simplify(c.A[i*n+j])) {
				reach[i][j] = true
			}
		}
	}
	for m := 0; m < n; m++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if reach[i][m] && reach[m][j] {
					reach[i][j] = true
				}
			}
		}
	}
	p := &Program{Method: "exact"}
	for i, v := range c.Vars {
		var e eqn.Expr
		input := false
		for j, w := range c.Vars {
			if !reach[i][j] {
				continue
			}
			if !isZero(eqn.Simplify(c.B[j])) {
				input = true
			}
			t := mul(ident(PropagatorName(i, j)), ident(w))
			if e == nil {
				e = t
			} else {
				e = add(e, t)
			}
		}
		if input {
			e = add(e, ident(InputName(i)))
		}
		p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: e})
	}
	for _, v := range c.Vars {
		p.Updates = append(p.Updates, Assign{Name: v, Expr: ident(final(v))})
	}
	return p
}

// ExactProgram is the update program x ← P·x + q of a linear system whose
// propagator is known. Each entry is given either as a number (its name
// empty: the value is in P or Q) or, where it differs between cells, as the
// name of a per-cell array (name non-empty; P or Q may then be nil). Entries
// given as the number 0 are left out.
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
		p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: e})
	}
	for _, v := range vars {
		p.Updates = append(p.Updates, Assign{Name: v, Expr: ident(final(v))})
	}
	return p
}
