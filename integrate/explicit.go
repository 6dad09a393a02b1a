package integrate

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
)

// rat is a rational coefficient n/d of a Butcher tableau, kept as a fraction
// so that programs divide by d as Brian2's descriptions do (k_1/6, dt/2)
// instead of multiplying by a rounded 1/d.
type rat struct{ n, d int }

// stage is one row of a Butcher tableau: k = dt·f(x + Σ_j a[j]·k_j, t + c·dt).
type stage struct {
	name string // the stage's temporary is "__<name>_<var>"; "" writes the stage into the final expression (last stage only)
	a    []rat  // weights of the earlier stages
	c    rat    // time of the stage, in units of dt
}

// tableau is an explicit Runge–Kutta method: x_new = x + Σ_s b[s]·k_s.
type tableau struct {
	method string
	stages []stage
	b      []rat
}

// tableaux are the explicit Runge–Kutta methods of Brian2's
// stateupdaters/explicit.py, whose descriptions they reproduce:
//
//	euler: x_new = x + dt*f(x,t)                      (+ g(x,t)*dW, additive noise)
//	rk2:   k = dt*f(x,t)
//	       x_new = x + dt*f(x + k/2, t + dt/2)
//	rk4:   k_1 = dt*f(x,t)
//	       k_2 = dt*f(x + k_1/2, t + dt/2)
//	       k_3 = dt*f(x + k_2/2, t + dt/2)
//	       k_4 = dt*f(x + k_3, t + dt)
//	       x_new = x + k_1/6 + k_2/3 + k_3/3 + k_4/6
func tableaux() []tableau {
	half, one := rat{1, 2}, rat{1, 1}
	return []tableau{
		{method: "euler", stages: []stage{{}}, b: []rat{one}},
		{method: "rk2", stages: []stage{{name: "k"}, {a: []rat{half}, c: half}}, b: []rat{{0, 1}, one}},
		{method: "rk4", stages: []stage{
			{name: "k_1"},
			{name: "k_2", a: []rat{half}, c: half},
			{name: "k_3", a: []rat{{0, 1}, half}, c: half},
			{name: "k_4", a: []rat{{0, 1}, {0, 1}, one}, c: one},
		}, b: []rat{{1, 6}, {1, 3}, {1, 3}, {1, 6}}},
	}
}

// scale returns r·e, written e, e/d or e*n/d; ok is false when r is 0.
func scale(e eqn.Expr, r rat) (eqn.Expr, bool) {
	switch {
	case r.n == 0:
		return nil, false
	case r.n == r.d:
		return e, true
	case r.n == 1:
		return div(e, num(float64(r.d))), true
	}
	return div(mul(e, num(float64(r.n))), num(float64(r.d))), true
}

// rungeKutta builds the program of the tableau of a method. With noise
// (euler only, additive) it adds Σ_j g_j·dW_j to the final expression, the
// Euler–Maruyama step.
func rungeKutta(method string) func(System) (*Program, error) {
	var tab tableau
	for _, t := range tableaux() {
		if t.method == method {
			tab = t
		}
	}
	if tab.method == "" {
		panic(fmt.Sprintf("integrate: no tableau for %q", method))
	}
	return func(s System) (*Program, error) {
		f, g := s.RHS, [][]eqn.Expr(nil)
		if len(s.Noise) > 0 {
			var err error
			if f, g, err = split(s); err != nil {
				return nil, err
			}
		}
		p := &Program{}
		p.Stmts = append(p.Stmts, noiseIncrements(s)...)
		last := make([]eqn.Expr, len(s.Vars)) // the inlined last stage, per variable
		for st, sg := range tab.stages {
			repl := map[string]eqn.Expr{}
			for _, w := range s.Vars {
				var arg eqn.Expr = ident(w)
				for j, a := range sg.a {
					if term, ok := scale(ident(stageName(tab.stages[j], w)), a); ok {
						arg = add(arg, term)
					}
				}
				repl[w] = arg
			}
			if offset, ok := scale(ident("dt"), sg.c); ok {
				repl["t"] = add(ident("t"), offset)
			}
			for k, v := range s.Vars {
				ks := mul(ident("dt"), eqn.Substitute(f[k], repl))
				if sg.name == "" {
					if st != len(tab.stages)-1 {
						panic("integrate: only the last stage of a tableau may be inlined")
					}
					last[k] = ks
					continue
				}
				p.Stmts = append(p.Stmts, Assign{Name: stageName(sg, v), Expr: ks})
			}
		}
		for k, v := range s.Vars {
			var e eqn.Expr = ident(v)
			for st, sg := range tab.stages {
				var ks eqn.Expr
				if sg.name == "" {
					ks = last[k]
				} else {
					ks = ident(stageName(sg, v))
				}
				if term, ok := scale(ks, tab.b[st]); ok {
					e = add(e, term)
				}
			}
			for j, n := range s.Noise {
				if !isZero(g[k][j]) {
					e = add(e, mul(g[k][j], ident(dWName(n))))
				}
			}
			p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: e})
		}
		return finish(p, s), nil
	}
}

// stageName is the temporary of a stage for one variable (Brian2's
// "__k_1_v").
func stageName(sg stage, v string) string { return "__" + sg.name + "_" + v }
