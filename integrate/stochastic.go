package integrate

import (
	"fmt"
	"strings"

	"github.com/volleysim/volley/eqn"
)

// noiseDraw is the program name of the standard normal draw of a noise term
// ("_xi" for xi, "_xi_e" for xi_e).
func noiseDraw(name string) string { return "_" + name }

// dWName is the temporary holding the Wiener increment sqrt(dt)·ξ of a noise
// term (Brian2's "xi = dt**.5 * randn()").
func dWName(name string) string { return "__dW_" + name }

// noiseIncrements are the statements __dW_<xi> = sqrt(dt)*_<xi>, one per
// noise term, that start every stochastic program.
func noiseIncrements(s System) []Assign {
	var out []Assign
	for _, n := range s.Noise {
		out = append(out, Assign{Name: dWName(n), Expr: mul(call("sqrt", ident("dt")), ident(noiseDraw(n)))})
	}
	return out
}

// split separates each right-hand side into its deterministic part f and the
// coefficients g of the noise terms, RHS[k] = f[k] + Σ_j g[k][j]·Noise[j]
// (Brian2's Expression.split_stochastic). g[k][j] is the literal 0 where
// Noise[j] does not appear in RHS[k].
func split(s System) (f []eqn.Expr, g [][]eqn.Expr, err error) {
	zero := map[string]eqn.Expr{}
	for _, n := range s.Noise {
		zero[n] = num(0)
	}
	for k, r := range s.RHS {
		f = append(f, eqn.Simplify(eqn.Substitute(r, zero)))
		gk := make([]eqn.Expr, len(s.Noise))
		for j, n := range s.Noise {
			if !eqn.DependsOn(r, n) {
				gk[j] = num(0)
				continue
			}
			a, _, ok := eqn.Linear(r, n)
			if !ok {
				return nil, nil, fmt.Errorf("d%s/dt is not linear in the noise %s", s.Vars[k], n)
			}
			for _, m := range s.Noise {
				if eqn.DependsOn(a, m) {
					return nil, nil, fmt.Errorf("d%s/dt multiplies the noise terms %s and %s", s.Vars[k], n, m)
				}
			}
			gk[j] = a
		}
		g = append(g, gk)
	}
	return f, g, nil
}

// additive returns an error if a noise coefficient depends on a state
// variable or on t: Brian2's "multiplicative" noise
// (Equations.stochastic_type).
func additive(s System, g [][]eqn.Expr) error {
	for k := range g {
		for j, c := range g[k] {
			for _, v := range append([]string{"t"}, s.Vars...) {
				if eqn.DependsOn(c, v) {
					return fmt.Errorf("the noise %s in d%s/dt is multiplicative (its coefficient %s depends on %s)",
						s.Noise[j], s.Vars[k], eqn.String(c), v)
				}
			}
		}
	}
	return nil
}

// diagonalNoise returns an error unless every equation has at most one
// noise term and every noise term appears in one equation (Brian2's
// diagonal_noise, required by milstein).
func diagonalNoise(s System) error {
	owner := map[string]string{}
	for k, r := range s.RHS {
		var used []string
		for _, n := range s.Noise {
			if eqn.DependsOn(r, n) {
				used = append(used, n)
			}
		}
		if len(used) > 1 {
			return fmt.Errorf("milstein needs diagonal noise, but d%s/dt has several noise terms (%s)", s.Vars[k], strings.Join(used, ", "))
		}
		for _, n := range used {
			if o, ok := owner[n]; ok {
				return fmt.Errorf("milstein needs diagonal noise, but the noise %s appears in d%s/dt and d%s/dt", n, o, s.Vars[k])
			}
			owner[n] = s.Vars[k]
		}
	}
	return nil
}

// supportName is the temporary of an intermediate value of one variable for
// one noise term (Brian2's "__x_support_v_xi").
func supportName(what, v, noise string) string { return "__" + what + "_" + v + "_" + noise }

// heun is Brian2's stochastic Heun method (Stratonovich, any noise):
//
//	x_support = x + g(x,t)*dW
//	g_support = g(x_support, t + dt)
//	x_new = x + dt*f(x,t) + .5*dW*(g(x,t) + g_support)
//
// The support point of a noise term moves every variable it drives. Without
// noise the step is forward Euler.
func heun(s System) (*Program, error) {
	f, g, err := split(s)
	if err != nil {
		return nil, err
	}
	p := &Program{Stmts: noiseIncrements(s)}
	gSupport := make([][]eqn.Expr, len(s.Vars))
	for k := range gSupport {
		gSupport[k] = make([]eqn.Expr, len(s.Noise))
	}
	for j, n := range s.Noise {
		repl := map[string]eqn.Expr{"t": add(ident("t"), ident("dt"))}
		for k, w := range s.Vars {
			if isZero(g[k][j]) {
				continue
			}
			name := supportName("x_support", w, n)
			p.Stmts = append(p.Stmts, Assign{Name: name, Expr: add(ident(w), mul(g[k][j], ident(dWName(n))))})
			repl[w] = ident(name)
		}
		for k, v := range s.Vars {
			if isZero(g[k][j]) {
				continue
			}
			name := supportName("g_support", v, n)
			p.Stmts = append(p.Stmts, Assign{Name: name, Expr: eqn.Substitute(g[k][j], repl)})
			gSupport[k][j] = ident(name)
		}
	}
	for k, v := range s.Vars {
		e := add(ident(v), mul(ident("dt"), f[k]))
		for j, n := range s.Noise {
			if isZero(g[k][j]) {
				continue
			}
			e = add(e, mul(mul(num(0.5), ident(dWName(n))), add(g[k][j], gSupport[k][j])))
		}
		p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: e})
	}
	return finish(p, s), nil
}

// milstein is Brian2's derivative-free Milstein method (Stratonovich,
// diagonal noise):
//
//	x_support = x + dt*f(x,t) + dt**.5*g(x,t)
//	g_support = g(x_support, t)
//	k = 1/(2*dt**.5)*(g_support - g(x,t))*(dW**2)
//	x_new = x + dt*f(x,t) + g(x,t)*dW + k
//
// Its correction ½·g·∂g/∂x·dW² has mean ½·g·∂g/∂x·dt, the Stratonovich drift
// (Itô's Milstein step would use dW² − dt). Without noise the step is
// forward Euler.
func milstein(s System) (*Program, error) {
	f, g, err := split(s)
	if err != nil {
		return nil, err
	}
	p := &Program{Stmts: noiseIncrements(s)}
	corr := make([][]eqn.Expr, len(s.Vars))
	for k := range corr {
		corr[k] = make([]eqn.Expr, len(s.Noise))
	}
	for j, n := range s.Noise {
		// Support values of the variables the noise coefficients read.
		repl := map[string]eqn.Expr{}
		for k, w := range s.Vars {
			needed := false
			for i := range s.Vars {
				if !isZero(g[i][j]) && eqn.DependsOn(g[i][j], w) {
					needed = true
				}
			}
			if !needed {
				continue
			}
			e := add(ident(w), mul(ident("dt"), f[k]))
			if !isZero(g[k][j]) {
				e = add(e, mul(call("sqrt", ident("dt")), g[k][j]))
			}
			name := supportName("x_support", w, n)
			p.Stmts = append(p.Stmts, Assign{Name: name, Expr: e})
			repl[w] = ident(name)
		}
		for k, v := range s.Vars {
			if isZero(g[k][j]) {
				continue
			}
			gs := supportName("g_support", v, n)
			p.Stmts = append(p.Stmts, Assign{Name: gs, Expr: eqn.Substitute(g[k][j], repl)})
			kn := supportName("k", v, n)
			dW2 := &eqn.Binary{Op: "**", X: ident(dWName(n)), Y: num(2)}
			p.Stmts = append(p.Stmts, Assign{Name: kn, Expr: mul(mul(div(num(1), mul(num(2), call("sqrt", ident("dt")))), sub(ident(gs), g[k][j])), dW2)})
			corr[k][j] = ident(kn)
		}
	}
	for k, v := range s.Vars {
		e := add(ident(v), mul(ident("dt"), f[k]))
		for j, n := range s.Noise {
			if !isZero(g[k][j]) {
				e = add(e, mul(g[k][j], ident(dWName(n))))
			}
		}
		for j := range s.Noise {
			if corr[k][j] != nil {
				e = add(e, corr[k][j])
			}
		}
		p.Stmts = append(p.Stmts, Assign{Name: final(v), Expr: e})
	}
	return finish(p, s), nil
}
