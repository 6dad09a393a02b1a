package build

import (
	"fmt"
	"math"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/kernel"
)

// linearEuler returns the coefficients of dx/dt = A·x + b when the
// equations are linear in their variables with coefficients that read only
// constants and parameters (never t, lastspike, not_refractory or random
// numbers), so that one Euler step is x ← (I + dt·A)·x + dt·b with
// coefficients computed once; nil otherwise. This is the Euler method itself,
// in a form whose coefficients are computed when the kernel is built rather
// than every step (the results differ from x + dt·f(x) by rounding only).
func linearEuler(sys integrate.System) *integrate.LinearCoefficients {
	if len(sys.Noise) > 0 {
		return nil
	}
	A, B, ok, _ := eqn.LinearSystem(sys.RHS, sys.Vars, []string{"t"})
	if !ok {
		return nil
	}
	for _, e := range append(append([]eqn.Expr(nil), A...), B...) {
		for _, name := range eqn.Names(e) {
			switch name {
			case "t", "lastspike", "not_refractory":
				return nil
			}
		}
	}
	return &integrate.LinearCoefficients{Vars: sys.Vars, A: A, B: B}
}

// readsAny returns a name of written that a coefficient of A reads.
func readsAny(c *integrate.LinearCoefficients, written map[string]string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, e := range c.A {
		for _, name := range eqn.Names(e) {
			if _, ok := written[name]; ok {
				return name, true
			}
		}
	}
	return "", false
}

// propagator computes the update x ← P·x + q of one step of dt for the
// coefficients a (n×n) and b (n) of dx/dt = a·x + b: the matrix exponential
// for "exact", I + dt·a and dt·b for "euler".
func propagator(method string, a, b []float64, dt float64) (p, q []float64, err error) {
	if method == "exact" {
		l, err := integrate.ExactLinear(a, b, dt)
		if err != nil {
			return nil, nil, err
		}
		return l.P, l.Q, nil
	}
	n := len(b)
	p, q = make([]float64, n*n), make([]float64, n)
	for i := range n {
		for j := range n {
			p[i*n+j] = float64(dt * a[i*n+j]) // rounded before the 1 is added: never fused
		}
		p[i*n+i] += 1
		q[i] = dt * b[i]
	}
	return p, q, nil
}

// The kernel's linear loops beat per-cell coefficient arrays when the runs of
// equal coefficients are few or long: at most fewRuns runs, or runs of
// minRunLength cells on average.
const (
	fewRuns      = 8
	minRunLength = 16
)

// linearPropagators evaluates the coefficients of a linear system for every
// cell, computes the propagator of one step (see propagator) once for each
// distinct set of coefficients, and sets the kernel's update: a
// kernel.Linear over the runs of consecutive cells that share coefficients
// when there are few runs and no input term is dynamic; otherwise a program
// with numbers where every cell has the same propagator and per-cell arrays
// where coefficients depend on per-cell parameters.
//
// An input b_j that reads a name of dynamic (a parameter that statements,
// summed variables or synaptic input change during the run) is not folded
// into the input term: the program adds M·b with b evaluated every step, M
// being the input term of unit inputs (∫₀^dt exp(A·s) ds for exact, dt·I for
// Euler). This is Brian2's update, which reads the parameters of the step.
func linearPropagators(c *integrate.LinearCoefficients, method string, s *kernel.Spec, dt float64, dynamic map[string]string) error {
	n := len(c.Vars)
	dyn := make([]bool, n)
	anyDyn := false
	for j, e := range c.B {
		for _, name := range eqn.Names(e) {
			_, written := dynamic[name]
			dyn[j] = dyn[j] || written
		}
		anyDyn = anyDyn || dyn[j]
	}
	all := append(append([]eqn.Expr(nil), c.A...), c.B...)
	vals := make([][]float64, len(all)) // [coefficient][cell]
	for i, e := range all {
		vals[i] = make([]float64, s.N)
		if i >= n*n && dyn[i-n*n] {
			continue // read every step
		}
		x, err := kernel.NewCellExpr(kernel.CellExprSpec{Expr: e, Src: eqn.String(e), N: s.N, DT: dt,
			Arrays: s.Arrays, Consts: s.Consts})
		if err != nil {
			return fmt.Errorf("%s integration: coefficient %s: %v", method, eqn.String(e), err)
		}
		x.EvalRange(0, s.N, nil, vals[i])
	}
	// entries per cell: P (n²), q (n), then M (n², dynamic columns only)
	ne := n*n + n + n*n
	cache := map[string][]float64{}
	perCell := make([][]float64, s.N)
	coef := make([]float64, len(all))
	unit := make([]float64, n)
	var runs []kernel.LinearRun
	for cell := 0; cell < s.N; cell++ {
		key := make([]byte, 0, 8*len(all))
		for i := range all {
			coef[i] = vals[i][cell]
			key = fmt.Appendf(key, "%x,", math.Float64bits(coef[i]))
		}
		e, ok := cache[string(key)]
		if !ok {
			p, q, err := propagator(method, coef[:n*n], coef[n*n:], dt)
			if err != nil {
				return fmt.Errorf("%s integration (cell %d): %v", method, cell, err)
			}
			e = make([]float64, ne)
			copy(e, p)
			copy(e[n*n:], q)
			for j := range n {
				if !dyn[j] {
					continue
				}
				clear(unit)
				unit[j] = 1
				_, m, err := propagator(method, coef[:n*n], unit, dt)
				if err != nil {
					return fmt.Errorf("%s integration (cell %d): %v", method, cell, err)
				}
				for i := range n {
					e[n*n+n+i*n+j] = m[i]
				}
			}
			cache[string(key)] = e
		}
		perCell[cell] = e
		if len(runs) > 0 && &perCell[cell-1][0] == &e[0] {
			runs[len(runs)-1].End = cell + 1
		} else {
			runs = append(runs, kernel.LinearRun{End: cell + 1, P: e[:n*n], Q: e[n*n : n*n+n]})
		}
	}
	if !anyDyn && (len(runs) <= fewRuns || len(runs)*minRunLength <= s.N) {
		s.Linear = &kernel.Linear{Vars: c.Vars, Runs: runs}
		s.Update = nil
		return nil
	}
	arrays := map[string][]float64{}
	for name, a := range s.Arrays {
		arrays[name] = a
	}
	// each entry is a number when all cells share it, a per-cell array otherwise
	shared := make([]float64, ne)
	names := make([]string, ne)
	for k := range ne {
		same := true
		for _, e := range perCell {
			same = same && e[k] == perCell[0][k]
		}
		if same {
			if s.N > 0 {
				shared[k] = perCell[0][k]
			}
			continue
		}
		switch {
		case k < n*n:
			names[k] = integrate.PropagatorName(k/n, k%n)
		case k < n*n+n:
			names[k] = integrate.InputName(k - n*n)
		default:
			names[k] = fmt.Sprintf("_M_%d_%d", (k-n*n-n)/n, (k-n*n-n)%n)
		}
		a := make([]float64, s.N)
		for cell, e := range perCell {
			a[cell] = e[k]
		}
		arrays[names[k]] = a
	}
	s.Arrays = arrays
	s.Update = integrate.ExactProgram(c.Vars, shared[:n*n], shared[n*n:n*n+n], names[:n*n], names[n*n:n*n+n])
	s.Update.Method = method
	for i := range n {
		for j := range n {
			k := n*n + n + i*n + j
			if !dyn[j] || (names[k] == "" && shared[k] == 0) {
				continue
			}
			var m eqn.Expr = &eqn.Num{Value: shared[k]}
			if names[k] != "" {
				m = &eqn.Ident{Name: names[k]}
			}
			st := &s.Update.Stmts[i]
			st.Expr = &eqn.Binary{Op: "+", X: st.Expr, Y: &eqn.Binary{Op: "*", X: m, Y: c.B[j]}}
		}
	}
	return nil
}
