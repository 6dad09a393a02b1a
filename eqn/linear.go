package eqn

import (
	"fmt"
	"strings"
)

// smoothFuncs are the functions whose derivative Diff knows and that are
// smooth where they are defined.
var smoothFuncs = map[string]bool{
	"exp": true, "log": true, "log10": true, "sqrt": true, "sin": true, "cos": true, "tan": true,
	"sinh": true, "cosh": true, "tanh": true, "arcsin": true, "arccos": true, "arctan": true, "exprel": true,
}

// nonSmooth returns the outermost subexpression of e through which e
// depends on a name that dep detects in a way a derivative cannot see: a
// piecewise function (floor, ceil, int, sign, abs, clip), an unknown
// function, %, //, a comparison, and, or, not. It returns nil when there is
// none.
func nonSmooth(e Expr, dep func(Expr) bool) Expr {
	var found Expr
	walk(e, func(x Expr) {
		if found != nil || !dep(x) {
			return
		}
		switch x := x.(type) {
		case *Call:
			if !smoothFuncs[x.Fun] {
				found = x
			}
		case *Binary:
			switch x.Op {
			case "+", "-", "*", "/", "**":
			default:
				found = x
			}
		case *Unary:
			if x.Op == "not" {
				found = x
			}
		}
	})
	return found
}

// nonlinearTerm returns the outermost subexpression of e that is not
// linear in the names dep detects: a product of two dependent factors, a
// quotient by a dependent divisor, a power or a function call with a
// dependent operand, a comparison or logical operation on one. It returns
// nil when e is a sum of such names times factors free of them.
func nonlinearTerm(e Expr, dep func(Expr) bool) Expr {
	if !dep(e) {
		return nil
	}
	switch x := e.(type) {
	case *Ident, *Num:
		return nil
	case *Unary:
		if x.Op == "not" {
			return x
		}
		return nonlinearTerm(x.X, dep)
	case *Binary:
		switch x.Op {
		case "+", "-":
			if t := nonlinearTerm(x.X, dep); t != nil {
				return t
			}
			return nonlinearTerm(x.Y, dep)
		case "*":
			if dep(x.X) && dep(x.Y) {
				return x
			}
			if t := nonlinearTerm(x.X, dep); t != nil {
				return t
			}
			return nonlinearTerm(x.Y, dep)
		case "/":
			if dep(x.Y) {
				return x
			}
			return nonlinearTerm(x.X, dep)
		case "**":
			if isNum(x.Y, 1) {
				return nonlinearTerm(x.X, dep)
			}
		}
	}
	return e
}

// Linear splits e = a*name + b with a and b free of name: e is linear in
// name when its derivative a = Diff(e, name) does not mention name, and then
// b = Simplify(Substitute(e, {name: 0})). a and b may depend on anything
// else (conditional linearity, as Brian2's exponential Euler requires; e
// need not be linear in the other names).
//
// ok is false when name enters e through a non-linear operation: a product
// of two factors that mention it, a division by it, a power other than 1
// (name**2, 1/name, exp(name)), and also through operations whose
// derivative vanishes or jumps: floor, ceil, int, sign, abs, clip, %, //,
// comparisons, and, or, not, unknown functions ("(v > 0)*v" is not linear).
// An expression free of name is linear with a = 0.
//
// Substituting 0 gives the right b: a derivative free of name means that e
// is affine in name wherever it is defined, and e has no division by, power
// of or function of name that could be undefined at 0 (those give
// derivatives that mention name).
func Linear(e Expr, name string) (a, b Expr, ok bool) {
	on := func(x Expr) bool { return DependsOn(x, name) }
	if nonSmooth(e, on) != nil {
		return nil, nil, false
	}
	a = Diff(e, name)
	if DependsOn(a, name) {
		return nil, nil, false
	}
	b = Simplify(Substitute(e, map[string]Expr{name: num(0)}))
	return a, b, true
}

// LinearSystem checks that the right-hand sides rhs[k] of d vars[k]/dt are
// jointly linear in vars, rhs = A·vars + b, with coefficients A and b that
// depend neither on vars nor on the names in varying (such as t). Noise
// terms (xi, xi_*) and calls to rand() and randn() always count as varying.
// A is row-major, len(vars)×len(vars): A[k*len(vars)+j] = d rhs[k]/d vars[j];
// b[k] is rhs[k] with every variable set to 0. All are simplified and may
// mention constants and parameters only.
//
// When the system does not qualify, ok is false and reason names the
// equation and the offending term, as in
//
//	dv/dt depends on v through exp(v)
//	dv/dt depends on v and ge through v*ge
//	dv/dt depends on t through t/tau
//
// It panics when len(rhs) != len(vars).
func LinearSystem(rhs []Expr, vars []string, varying []string) (A []Expr, b []Expr, ok bool, reason string) {
	n := len(vars)
	if len(rhs) != n {
		panic(fmt.Sprintf("eqn: LinearSystem: %d right-hand sides for %d variables", len(rhs), n))
	}
	isVar := map[string]bool{}
	zero := map[string]Expr{}
	for _, v := range vars {
		isVar[v] = true
		zero[v] = num(0)
	}
	isVarying := map[string]bool{}
	for _, v := range varying {
		isVarying[v] = true
	}
	// mentions lists, in order of appearance, the variables (when withVars)
	// and the varying names and random calls (when withVarying) that e
	// mentions.
	mentions := func(e Expr, withVars, withVarying bool) []string {
		var out []string
		seen := map[string]bool{}
		walk(e, func(x Expr) {
			name := ""
			switch x := x.(type) {
			case *Ident:
				switch {
				case isVar[x.Name]:
					if withVars {
						name = x.Name
					}
				case isVarying[x.Name] || isNoise(x.Name):
					if withVarying {
						name = x.Name
					}
				}
			case *Call:
				if withVarying && isRandom(x.Fun) {
					name = x.Fun + "()"
				}
			}
			if name != "" && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		})
		return out
	}
	onVars := func(e Expr) bool { return len(mentions(e, true, false)) > 0 }
	onVarying := func(e Expr) bool { return len(mentions(e, false, true)) > 0 }
	onAny := func(e Expr) bool { return len(mentions(e, true, true)) > 0 }
	through := func(k int, t Expr, withVars bool) string {
		names := mentions(t, withVars, true)
		if id, ok := t.(*Ident); ok && len(names) == 1 && names[0] == id.Name {
			return fmt.Sprintf("d%s/dt depends on %s", vars[k], id.Name)
		}
		return fmt.Sprintf("d%s/dt depends on %s through %s", vars[k], joinAnd(names), String(t))
	}
	A = make([]Expr, n*n)
	b = make([]Expr, n)
	for k, f := range rhs {
		if t := nonSmooth(f, onVars); t != nil {
			return nil, nil, false, through(k, t, true)
		}
		for j, v := range vars {
			d := Diff(f, v)
			if onVars(d) {
				if t := nonlinearTerm(f, onVars); t != nil {
					return nil, nil, false, through(k, t, true)
				}
				return nil, nil, false, fmt.Sprintf("d%s/dt = %s is not linear in %s", vars[k], String(f), joinAnd(vars))
			}
			if w := mentions(d, false, true); len(w) > 0 {
				if t := nonlinearTerm(f, onAny); t != nil {
					return nil, nil, false, through(k, t, true)
				}
				return nil, nil, false, fmt.Sprintf("d%s/dt: the coefficient of %s, %s, depends on %s", vars[k], v, String(d), joinAnd(w))
			}
			A[k*n+j] = d
		}
		b[k] = Simplify(Substitute(f, zero))
		if onVarying(b[k]) {
			return nil, nil, false, through(k, varyingTerm(f, onVarying), false)
		}
	}
	return A, b, true, ""
}

// varyingTerm returns the first term of the sum e (through + and - and
// signs) that dep detects.
func varyingTerm(e Expr, dep func(Expr) bool) Expr {
	switch x := e.(type) {
	case *Binary:
		if x.Op == "+" || x.Op == "-" {
			if dep(x.X) {
				return varyingTerm(x.X, dep)
			}
			return varyingTerm(x.Y, dep)
		}
	case *Unary:
		if x.Op == "-" || x.Op == "+" {
			return varyingTerm(x.X, dep)
		}
	}
	return e
}

// joinAnd writes "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
