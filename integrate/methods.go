package integrate

import (
	"fmt"
	"strings"

	"github.com/volleysim/volley/eqn"
)

// System is what a method integrates: the differential equations of a group
// after its subexpressions are inlined.
type System struct {
	Vars  []string   // state variables with a differential equation, in equation order
	RHS   []eqn.Expr // dVars[k]/dt = RHS[k], possibly with noise terms
	Noise []string   // noise names used (xi, xi_*)
}

// method describes one integration method: whether it applies to a system
// and how it builds the update program.
type method struct {
	name  string
	doc   string
	apply func(s System) error // nil error: the method applies
	build func(s System) (*Program, error)
}

// methods is the table of methods, in the order Brian2 lists them.
func methods() []method {
	return []method{
		{"exact", "linear equations with constant coefficients, solved with the matrix exponential", exactApplies, nil},
		{"exponential_euler", "exponential Euler for conditionally linear equations", expEulerApplies, expEuler},
		{"euler", "forward Euler (Euler–Maruyama with additive noise)", eulerApplies, euler},
		{"rk2", "second-order Runge–Kutta (midpoint)", deterministic, rk("rk2")},
		{"rk4", "classical fourth-order Runge–Kutta", deterministic, rk("rk4")},
		{"heun", "Heun's method (Stratonovich for noise)", anySystem, heun},
		{"milstein", "Milstein's method for one multiplicative noise (Ito)", milsteinApplies, milstein},
	}
}

// Methods lists every method name.
func Methods() []string {
	var names []string
	for _, m := range methods() {
		names = append(names, m.name)
	}
	return names
}

// defaults are the methods tried, in order, when none is named (Brian2's
// NeuronGroup default: exact, then euler, then heun).
func defaults() []string { return []string{"exact", "euler", "heun"} }

func lookup(name string) (method, bool) {
	if name == "linear" {
		name = "exact"
	}
	for _, m := range methods() {
		if m.name == name {
			return m, true
		}
	}
	return method{}, false
}

// Choose returns the method to use: the named one if it applies (an error
// says why not and lists the methods that apply), or Brian2's default
// choice when method is "".
func Choose(s System, method string) (string, error) {
	if method == "" {
		for _, name := range defaults() {
			m, _ := lookup(name)
			if m.apply(s) == nil {
				return name, nil
			}
		}
		return "", fmt.Errorf("no integration method applies to these equations; methods: %s", strings.Join(Methods(), ", "))
	}
	m, ok := lookup(method)
	if !ok {
		return "", fmt.Errorf("unknown integration method %q; valid: %s", method, strings.Join(Methods(), ", "))
	}
	if err := m.apply(s); err != nil {
		var ok []string
		for _, o := range methods() {
			if o.apply(s) == nil {
				ok = append(ok, o.name)
			}
		}
		return "", fmt.Errorf("method %q does not apply: %v; methods that apply: %s", m.name, err, strings.Join(ok, ", "))
	}
	return m.name, nil
}

// Integrate returns the update program of a method that applies; "exact"
// is built by ExactLinearProgram instead.
func Integrate(s System, name string) (*Program, error) {
	m, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown integration method %q; valid: %s", name, strings.Join(Methods(), ", "))
	}
	if err := m.apply(s); err != nil {
		return nil, fmt.Errorf("method %q does not apply: %v", m.name, err)
	}
	if m.build == nil {
		return nil, fmt.Errorf("method %q is built with ExactLinearProgram", m.name)
	}
	p, err := m.build(s)
	if err != nil {
		return nil, err
	}
	p.Method = m.name
	return p, nil
}

func deterministic(s System) error {
	if len(s.Noise) > 0 {
		return fmt.Errorf("the equations are stochastic (%s)", strings.Join(s.Noise, ", "))
	}
	return nil
}

func anySystem(System) error { return nil }

// split separates each right-hand side into a deterministic part f and the
// coefficients g[k][j] of the noise terms: RHS[k] = f[k] + Σ_j g[k][j]·xi_j.
func split(s System) (f []eqn.Expr, g [][]eqn.Expr, err error) {
	zero := map[string]eqn.Expr{}
	for _, n := range s.Noise {
		zero[n] = &eqn.Num{Value: 0}
	}
	for k, r := range s.RHS {
		f = append(f, eqn.Simplify(eqn.Substitute(r, zero)))
		var gk []eqn.Expr
		for _, n := range s.Noise {
			a, _, ok := eqn.Linear(r, n)
			if !ok {
				return nil, nil, fmt.Errorf("d%s/dt is not linear in the noise %s", s.Vars[k], n)
			}
			for _, m := range s.Noise {
				if eqn.DependsOn(a, m) {
					return nil, nil, fmt.Errorf("d%s/dt multiplies two noise terms", s.Vars[k])
				}
			}
			gk = append(gk, a)
		}
		g = append(g, gk)
	}
	return f, g, nil
}

// additive reports whether no noise coefficient depends on a state variable.
func additive(s System, g [][]eqn.Expr) error {
	for k := range g {
		for j, c := range g[k] {
			for _, v := range s.Vars {
				if eqn.DependsOn(c, v) {
					return fmt.Errorf("the noise %s in d%s/dt is multiplicative (its coefficient depends on %s)", s.Noise[j], s.Vars[k], v)
				}
			}
		}
	}
	return nil
}

func eulerApplies(s System) error {
	_, g, err := split(s)
	if err != nil {
		return err
	}
	return additive(s, g)
}

func milsteinApplies(s System) error {
	if len(s.Noise) != 1 {
		return fmt.Errorf("milstein needs exactly one noise term, the equations have %d", len(s.Noise))
	}
	_, _, err := split(s)
	return err
}

func ident(name string) eqn.Expr         { return &eqn.Ident{Name: name} }
func num(v float64) eqn.Expr             { return &eqn.Num{Value: v} }
func add(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "+", X: a, Y: b} }
func sub(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "-", X: a, Y: b} }
func mul(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "*", X: a, Y: b} }
func div(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "/", X: a, Y: b} }
func call(f string, a eqn.Expr) eqn.Expr { return &eqn.Call{Fun: f, Args: []eqn.Expr{a}} }

// noiseDraw is the program name of the standard normal draw of a noise term.
func noiseDraw(name string) string { return "_" + name }

// dW is sqrt(dt)·ξ for a noise term.
func dW(name string) eqn.Expr { return mul(call("sqrt", ident("dt")), ident(noiseDraw(name))) }

// at substitutes state values (and time) into the right-hand sides.
func at(exprs []eqn.Expr, repl map[string]eqn.Expr) []eqn.Expr {
	out := make([]eqn.Expr, len(exprs))
	for i, e := range exprs {
		out[i] = eqn.Substitute(e, repl)
	}
	return out
}

// finish lists the updates var ← _var and the noise draws used.
func finish(p *Program, s System) *Program {
	for _, v := range s.Vars {
		p.Updates = append(p.Updates, Assign{Name: v, Expr: ident("_" + v)})
	}
	for _, n := range s.Noise {
		p.Noise = append(p.Noise, noiseDraw(n))
	}
	return p
}

// euler: x ← x + dt·f(x, t) + Σ_j g_j(x, t)·sqrt(dt)·ξ_j (Brian2's "euler",
// Euler–Maruyama for additive noise).
func euler(s System) (*Program, error) {
	f, g, err := split(s)
	if err != nil {
		return nil, err
	}
	p := &Program{}
	for k, v := range s.Vars {
		e := add(ident(v), mul(ident("dt"), f[k]))
		for j, n := range s.Noise {
			e = add(e, mul(g[k][j], dW(n)))
		}
		p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: e})
	}
	return finish(p, s), nil
}

// rk builds the explicit Runge–Kutta methods from their Butcher tableaux.
func rk(name string) func(System) (*Program, error) {
	type tableau struct {
		a [][]float64
		b []float64
		c []float64
	}
	tabs := map[string]tableau{
		"rk2": {a: [][]float64{{}, {0.5}}, b: []float64{0, 1}, c: []float64{0, 0.5}},
		"rk4": {a: [][]float64{{}, {0.5}, {0, 0.5}, {0, 0, 1}}, b: []float64{1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, c: []float64{0, 0.5, 0.5, 1}},
	}
	tab := tabs[name]
	return func(s System) (*Program, error) {
		p := &Program{}
		kname := func(stage int, v string) string { return fmt.Sprintf("_k%d_%s", stage+1, v) }
		for st := range tab.b {
			repl := map[string]eqn.Expr{}
			for _, v := range s.Vars {
				var e eqn.Expr = ident(v)
				for j, aij := range tab.a[st] {
					if aij != 0 {
						e = add(e, mul(num(aij), ident(kname(j, v))))
					}
				}
				repl[v] = e
			}
			if tab.c[st] != 0 {
				repl["t"] = add(ident("t"), mul(num(tab.c[st]), ident("dt")))
			}
			for k, v := range s.Vars {
				p.Stmts = append(p.Stmts, Assign{Name: kname(st, v), Expr: mul(ident("dt"), eqn.Substitute(s.RHS[k], repl))})
			}
		}
		for _, v := range s.Vars {
			var e eqn.Expr = ident(v)
			for st, b := range tab.b {
				if b != 0 {
					e = add(e, mul(num(b), ident(kname(st, v))))
				}
			}
			p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: e})
		}
		return finish(p, s), nil
	}
}

// heun: the predictor x̃ = x + dt·f(x) + g(x)·dW, then
// x ← x + dt/2·(f(x) + f(x̃)) + (g(x) + g(x̃))/2·dW (Stratonovich).
func heun(s System) (*Program, error) {
	f, g, err := split(s)
	if err != nil {
		return nil, err
	}
	p := &Program{}
	pred := map[string]eqn.Expr{}
	for k, v := range s.Vars {
		e := add(ident(v), mul(ident("dt"), f[k]))
		for j, n := range s.Noise {
			e = add(e, mul(g[k][j], dW(n)))
		}
		p.Stmts = append(p.Stmts, Assign{Name: "_p_" + v, Expr: e})
		pred[v] = ident("_p_" + v)
	}
	pred["t"] = add(ident("t"), ident("dt"))
	fp, gp := at(f, pred), make([][]eqn.Expr, len(g))
	for k := range g {
		gp[k] = at(g[k], pred)
	}
	for k, v := range s.Vars {
		e := add(ident(v), mul(mul(num(0.5), ident("dt")), add(f[k], fp[k])))
		for j, n := range s.Noise {
			e = add(e, mul(mul(num(0.5), add(g[k][j], gp[k][j])), dW(n)))
		}
		p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: e})
	}
	return finish(p, s), nil
}

// milstein: x ← x + dt·f + g·dW + ½·g·∂g/∂x·(dW² − dt), one noise term (Ito).
func milstein(s System) (*Program, error) {
	f, g, err := split(s)
	if err != nil {
		return nil, err
	}
	n := s.Noise[0]
	p := &Program{}
	p.Stmts = append(p.Stmts, Assign{Name: "_dW", Expr: dW(n)})
	for k, v := range s.Vars {
		gk := g[k][0]
		corr := mul(mul(mul(num(0.5), gk), eqn.Diff(gk, v)), sub(mul(ident("_dW"), ident("_dW")), ident("dt")))
		e := add(add(add(ident(v), mul(ident("dt"), f[k])), mul(gk, ident("_dW"))), corr)
		p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: e})
	}
	return finish(p, s), nil
}

func expEulerApplies(s System) error {
	if err := deterministic(s); err != nil {
		return err
	}
	for k, v := range s.Vars {
		if _, _, ok := eqn.Linear(s.RHS[k], v); !ok {
			return fmt.Errorf("d%s/dt = %s is not linear in %s", v, eqn.String(s.RHS[k]), v)
		}
	}
	return nil
}

// expEuler: for dx/dt = A·x + B with A and B taken at the start of the step,
// x ← −B/A + (x + B/A)·exp(A·dt) (Brian2's exponential_euler); where A is 0
// the step is x + dt·B.
func expEuler(s System) (*Program, error) {
	p := &Program{}
	for k, v := range s.Vars {
		a, b, _ := eqn.Linear(s.RHS[k], v)
		if n, ok := a.(*eqn.Num); ok && n.Value == 0 {
			p.Stmts = append(p.Stmts, Assign{Name: "_" + v, Expr: add(ident(v), mul(ident("dt"), b))})
			continue
		}
		A, BA := "_A_"+v, "_BA_"+v
		p.Stmts = append(p.Stmts,
			Assign{Name: A, Expr: a},
			Assign{Name: BA, Expr: div(b, ident(A))},
			Assign{Name: "_" + v, Expr: add(&eqn.Unary{Op: "-", X: ident(BA)},
				mul(add(ident(BA), ident(v)), call("exp", mul(ident(A), ident("dt")))))})
	}
	return finish(p, s), nil
}
