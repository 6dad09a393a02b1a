package build

import (
	"fmt"
	"math"
	"sort"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
)

// equationGroup resolves a root group defined by Brian2 equations: it checks
// the dimensions of every equation, threshold, reset and refractory rule,
// chooses the integration method (Brian2's rules) and prepares the kernel.
func (n *Network) equationGroup(ns *namespace, g *model.Group, size int) (*GroupSpec, error) {
	eqPos := subPos(g.Pos, "equations")
	eqs, err := eqn.ParseEquations(g.Equations)
	if err != nil {
		return nil, wrapAt(eqPos, err)
	}
	for _, e := range eqs.Eqs {
		if _, clash := ns.values[e.Var]; clash {
			return nil, errorAt(eqPos, "group %q: variable %q has the name of a constant of the model; rename one of them", g.Name, e.Var)
		}
	}
	special := func(name string) (units.Dim, bool) {
		switch name {
		case "t", "dt", "lastspike":
			return units.Second, true
		case "i", "N", "not_refractory":
			return units.Dimensionless, true
		}
		if q, ok := ns.values[name]; ok {
			return q.Dim, true
		}
		return units.Dim{}, false
	}
	own := map[string]units.Dim{}
	for _, e := range eqs.Eqs {
		own[e.Var] = e.Dim
	}
	if err := eqs.Check(func(name string) (units.Dim, bool) {
		if d, ok := own[name]; ok {
			return d, true
		}
		return special(name)
	}); err != nil {
		return nil, wrapAt(eqPos, err)
	}
	inl, err := eqs.Inline()
	if err != nil {
		return nil, wrapAt(eqPos, err)
	}
	spec := &GroupSpec{Name: g.Name, N: size, Kind: "equations", ID: rng.Hash(g.Name), Pos: g.Pos}
	dims := map[string]units.Dim{}
	subexpr := map[string]eqn.Expr{}
	params := map[string]bool{}
	for _, e := range eqs.Eqs {
		dims[e.Var] = e.Dim
		switch e.Kind {
		case eqn.Subexpression:
			subexpr[e.Var] = e.Expr
		case eqn.Parameter:
			params[e.Var] = true
			spec.Vars = append(spec.Vars, VarSpec{Name: e.Var, Dim: e.Dim, Parameter: true})
		default:
			spec.Vars = append(spec.Vars, VarSpec{Name: e.Var, Dim: e.Dim})
		}
	}
	dimOf := func(name string) (units.Dim, bool) {
		if d, ok := dims[name]; ok {
			return d, true
		}
		return special(name)
	}
	var sys integrate.System
	var clamp []string
	for _, e := range inl.Eqs {
		if e.Kind != eqn.Differential {
			continue
		}
		sys.Vars = append(sys.Vars, e.Var)
		sys.RHS = append(sys.RHS, e.Expr)
		if e.Has("unless refractory") {
			clamp = append(clamp, e.Var)
		}
	}
	sys.Noise = inl.Noise()
	var prog *integrate.Program
	var coeffs *integrate.LinearCoefficients
	if len(sys.Vars) > 0 {
		method, err := integrate.Choose(sys, g.Method)
		if err != nil {
			return nil, errorAt(subPos(g.Pos, "method"), "group %q: %v", g.Name, err)
		}
		if method == "exact" {
			coeffs, err = integrate.ExactLinearCoefficients(sys)
		} else {
			// an exact solution is exact at any dt; other methods need dt ≪ tau
			n.checkTimeConstants(ns, g, sys)
			prog, err = integrate.Integrate(sys, method)
		}
		if err != nil {
			return nil, errorAt(subPos(g.Pos, "method"), "group %q: %v", g.Name, err)
		}
		spec.Method = method
	}
	ks := kernel.Spec{N: size, Update: prog, Clamp: clamp}
	if g.Threshold != "" {
		ks.Threshold, err = condition(g.Threshold, subPos(g.Pos, "threshold"), subexpr, dimOf)
		if err != nil {
			return nil, err
		}
		ks.ThresholdSrc = g.Threshold
	}
	if g.Reset != "" {
		if ks.Reset, err = resetStatements(g.Reset, subPos(g.Pos, "reset"), subexpr, dimOf); err != nil {
			return nil, err
		}
		ks.ResetSrc = g.Reset
	}
	if !g.Refractory.IsZero() {
		if ks.Refractory, ks.RefractoryIsCondition, err = refractory(g.Refractory, subexpr, dimOf); err != nil {
			return nil, err
		}
		ks.RefractorySrc = g.Refractory.Text
	}
	for _, p := range g.Params {
		if !params[p.Name] {
			var names []string
			for name := range params {
				names = append(names, name)
			}
			sort.Strings(names)
			return nil, errorAt(p.Value.Pos, "group %q: %q is not a parameter of its equations (a line \"%s : unit\"); parameters: %s",
				g.Name, p.Name, p.Name, orNone(names))
		}
		d, err := ns.value(p.Value, dims[p.Name])
		if err != nil {
			return nil, err
		}
		spec.Inits = append(spec.Inits, initSpec{Var: p.Name, Start: 0, Count: size, Value: d})
	}
	consts := map[string]float64{}
	for name, q := range ns.values {
		consts[name] = q.Value
	}
	spec.newKernel = func(state map[string][]float64) (Kernel, error) {
		s := ks
		s.DT, s.Seed, s.ID, s.Arrays, s.Consts = n.DT, n.Seed, spec.ID, state, consts
		if coeffs != nil {
			if err := exactPropagators(coeffs, &s, n.DT, params); err != nil {
				return nil, errorAt(subPos(g.Pos, "equations"), "group %q: %v", g.Name, err)
			}
		}
		k, err := kernel.New(s)
		if err != nil {
			return nil, errorAt(g.Pos, "group %q: %v", g.Name, err)
		}
		return k, nil
	}
	return spec, nil
}

// subPos is the position of a key below a group's table.
func subPos(p model.Pos, key string) model.Pos {
	p.Key += "." + key
	return p
}

// inlineAll substitutes subexpressions into e until none is left.
func inlineAll(e eqn.Expr, subexpr map[string]eqn.Expr) eqn.Expr {
	for range len(subexpr) + 1 {
		found := false
		for name := range subexpr {
			if eqn.DependsOn(e, name) {
				found = true
			}
		}
		if !found {
			return e
		}
		e = eqn.Substitute(e, subexpr)
	}
	return e
}

// condition parses a threshold condition, which must be dimensionless.
func condition(src string, pos model.Pos, subexpr map[string]eqn.Expr, dimOf func(string) (units.Dim, bool)) (eqn.Expr, error) {
	e, err := eqn.ParseExpr(src)
	if err != nil {
		return nil, wrapAt(pos, err)
	}
	d, err := eqn.Dims(e, dimOf)
	if err != nil {
		return nil, wrapAt(pos, withSource(err, src))
	}
	if !d.IsDimensionless() {
		return nil, errorAt(pos, "condition %q has dimension %s; it must be a comparison such as \"v > v_thresh\"", src, d)
	}
	return inlineAll(e, subexpr), nil
}

// resetStatements parses reset statements and checks each one's dimensions.
func resetStatements(src string, pos model.Pos, subexpr map[string]eqn.Expr, dimOf func(string) (units.Dim, bool)) ([]eqn.Statement, error) {
	return checkedStatements("reset", src, pos, subexpr, dimOf)
}

// checkedStatements parses statements of a block (what: "reset", "on_pre")
// and checks each one's dimensions.
func checkedStatements(what, src string, pos model.Pos, subexpr map[string]eqn.Expr, dimOf func(string) (units.Dim, bool)) ([]eqn.Statement, error) {
	sts, err := eqn.ParseStatements(src)
	if err != nil {
		return nil, wrapAt(pos, err)
	}
	for i, st := range sts {
		if _, isSub := subexpr[st.Var]; isSub {
			return nil, errorAt(pos, "%s %q assigns %q, which is a subexpression", what, src, st.Var)
		}
		want, ok := dimOf(st.Var)
		if !ok {
			return nil, errorAt(pos, "%s %q assigns unknown variable %q", what, src, st.Var)
		}
		got, err := eqn.Dims(st.Expr, dimOf)
		if err != nil {
			return nil, wrapAt(pos, withSource(err, src))
		}
		if st.Op == "*=" || st.Op == "/=" {
			want = units.Dimensionless
		}
		if got != want {
			return nil, errorAt(pos, "%s statement %q: the right-hand side has dimension %s, %s needs %s",
				what, st.String(), dimName(got), st.Var, dimName(want))
		}
		sts[i].Expr = inlineAll(st.Expr, subexpr)
	}
	return sts, nil
}

// refractory parses a refractory period (a time) or condition (dimensionless).
func refractory(v model.Value, subexpr map[string]eqn.Expr, dimOf func(string) (units.Dim, bool)) (eqn.Expr, bool, error) {
	e, err := eqn.ParseExpr(v.Text)
	if err != nil {
		return nil, false, wrapAt(v.Pos, err)
	}
	d, err := eqn.Dims(e, dimOf)
	if err != nil {
		return nil, false, wrapAt(v.Pos, withSource(err, v.Text))
	}
	switch {
	case d == units.Second:
		return inlineAll(e, subexpr), false, nil
	case d.IsDimensionless():
		return inlineAll(e, subexpr), true, nil
	}
	return nil, false, errorAt(v.Pos, "refractory %q has dimension %s; give a time (\"5 ms\") or a condition (\"v > -40*mV\")", v.Text, d)
}

// withSource gives an eqn error without source text (from Dims) the text it
// was found in, so that it prints a caret.
func withSource(err error, src string) error {
	switch e := err.(type) {
	case *eqn.DimensionError:
		if e.Src == "" {
			e.Src = src
		}
	case *eqn.NameError:
		if e.Src == "" {
			e.Src = src
		}
	}
	return err
}

// exactPropagators evaluates the coefficients of a linear system for every
// cell, computes the propagator of one step with the matrix exponential once
// for each distinct set of coefficients, and sets the kernel's update
// program: with numbers when every cell has the same propagator, with
// per-cell arrays otherwise (coefficients that depend on per-cell parameters).
//
// An input b_j that reads a name of dynamic (a parameter that statements or
// summed variables may change during the run) is not folded into the input
// term: the program adds M·b with b evaluated every step, M = ∫₀^dt exp(A·s) ds
// being the input term of unit inputs. This is Brian2's exact solution, which
// reads the parameters of the step.
func exactPropagators(c *integrate.LinearCoefficients, s *kernel.Spec, dt float64, dynamic map[string]bool) error {
	n := len(c.Vars)
	dyn := make([]bool, n)
	for j, e := range c.B {
		for _, name := range eqn.Names(e) {
			dyn[j] = dyn[j] || dynamic[name]
		}
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
			return fmt.Errorf("exact integration: coefficient %s: %v", eqn.String(e), err)
		}
		x.EvalRange(0, s.N, nil, vals[i])
	}
	// entries per cell: P (n²), q (n), then M (n², dynamic columns only)
	ne := n*n + n + n*n
	cache := map[string][]float64{}
	perCell := make([][]float64, s.N)
	coef := make([]float64, len(all))
	unit := make([]float64, n)
	for cell := 0; cell < s.N; cell++ {
		key := make([]byte, 0, 8*len(all))
		for i := range all {
			coef[i] = vals[i][cell]
			key = fmt.Appendf(key, "%x,", math.Float64bits(coef[i]))
		}
		e, ok := cache[string(key)]
		if !ok {
			l, err := integrate.ExactLinear(coef[:n*n], coef[n*n:], dt)
			if err != nil {
				return fmt.Errorf("exact integration (cell %d): %v", cell, err)
			}
			e = make([]float64, ne)
			copy(e, l.P)
			copy(e[n*n:], l.Q)
			for j := range n {
				if !dyn[j] {
					continue
				}
				clear(unit)
				unit[j] = 1
				m, err := integrate.ExactLinear(coef[:n*n], unit, dt)
				if err != nil {
					return fmt.Errorf("exact integration (cell %d): %v", cell, err)
				}
				for i := range n {
					e[n*n+n+i*n+j] = m.Q[i]
				}
			}
			cache[string(key)] = e
		}
		perCell[cell] = e
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

// checkTimeConstants warns when dt is longer than a fifth of the time
// constant of a variable whose equation is linear in it with a coefficient
// made of constants: dx/dt = a·x + b with a = −1/tau.
func (n *Network) checkTimeConstants(ns *namespace, g *model.Group, sys integrate.System) {
	for k, v := range sys.Vars {
		a, _, ok := eqn.Linear(sys.RHS[k], v)
		if !ok {
			continue
		}
		q, err := eqn.EvalQuantity(a, eqn.String(a), ns.lookup)
		if err != nil || q.Dim != units.Hertz || !(q.Value < 0) {
			continue // depends on other variables, or not a decay
		}
		n.checkTimeConstant(g, "the time constant of "+v, -1/q.Value)
	}
}
