package build

import (
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
		switch {
		case method == "exact":
			coeffs, err = integrate.ExactLinearCoefficients(sys)
		default:
			// an exact solution is exact at any dt; other methods need dt ≪ tau
			n.checkTimeConstants(ns, g, sys)
			if method == "euler" {
				coeffs = linearEuler(sys)
			}
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
		dynamic := n.runtimeWrites(g.Name, ks.Reset)
		coeffs := coeffs
		if name, ok := readsAny(coeffs, dynamic); ok {
			if spec.Method == "exact" {
				return nil, errorAt(subPos(g.Pos, "equations"), "group %q: the exact solution reads %s as a coefficient, which changes during the run (%s); "+
					"give method = \"euler\" (or rk4), which read it every step", g.Name, name, dynamic[name])
			}
			coeffs = nil // the program of the method reads it every step
		}
		if coeffs != nil {
			if err := linearPropagators(coeffs, spec.Method, &s, n.DT, dynamic); err != nil {
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
