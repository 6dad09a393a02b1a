package eqn

import (
	"math"
	"sort"
)

// Names returns the distinct identifiers e mentions, sorted (function names
// are not identifiers).
func Names(e Expr) []string {
	seen := map[string]bool{}
	walk(e, func(x Expr) {
		if id, ok := x.(*Ident); ok {
			seen[id.Name] = true
		}
	})
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// DependsOn reports whether e mentions the identifier name.
func DependsOn(e Expr, name string) bool {
	found := false
	walk(e, func(x Expr) {
		if id, ok := x.(*Ident); ok && id.Name == name {
			found = true
		}
	})
	return found
}

// callsRandom reports whether e calls rand() or randn().
func callsRandom(e Expr) bool {
	found := false
	walk(e, func(x Expr) {
		if c, ok := x.(*Call); ok && (c.Fun == "rand" || c.Fun == "randn") {
			found = true
		}
	})
	return found
}

// walk calls f on e and every subexpression.
func walk(e Expr, f func(Expr)) {
	f(e)
	switch e := e.(type) {
	case *Unary:
		walk(e.X, f)
	case *Binary:
		walk(e.X, f)
		walk(e.Y, f)
	case *Call:
		for _, a := range e.Args {
			walk(a, f)
		}
	}
}

// Substitute returns e with identifiers replaced by expressions. The result
// shares unchanged subtrees with e.
func Substitute(e Expr, repl map[string]Expr) Expr {
	switch e := e.(type) {
	case *Ident:
		if r, ok := repl[e.Name]; ok {
			return r
		}
	case *Unary:
		return &Unary{Op: e.Op, X: Substitute(e.X, repl), Off: e.Off}
	case *Binary:
		return &Binary{Op: e.Op, X: Substitute(e.X, repl), Y: Substitute(e.Y, repl), Off: e.Off}
	case *Call:
		args := make([]Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = Substitute(a, repl)
		}
		return &Call{Fun: e.Fun, Args: args, Off: e.Off}
	}
	return e
}

func num(v float64) *Num { return &Num{Value: v} }

func isNum(e Expr, v float64) bool {
	n, ok := e.(*Num)
	return ok && n.Value == v
}

func numValue(e Expr) (float64, bool) {
	if n, ok := e.(*Num); ok {
		return n.Value, true
	}
	return 0, false
}

// Simplify returns an equivalent, simpler tree: numbers are folded, and
// additions of 0, multiplications by 0 and 1, powers of 0 and 1 and double
// negations are removed. Unit names are not folded, so the result keeps its
// dimensions.
func Simplify(e Expr) Expr {
	switch e := e.(type) {
	case *Unary:
		x := Simplify(e.X)
		switch e.Op {
		case "+":
			return x
		case "-":
			if v, ok := numValue(x); ok {
				return num(-v)
			}
			if u, ok := x.(*Unary); ok && u.Op == "-" {
				return u.X
			}
		}
		return &Unary{Op: e.Op, X: x, Off: e.Off}
	case *Binary:
		x, y := Simplify(e.X), Simplify(e.Y)
		xv, xn := numValue(x)
		yv, yn := numValue(y)
		if xn && yn {
			switch e.Op {
			case "+":
				return num(xv + yv)
			case "-":
				return num(xv - yv)
			case "*":
				return num(xv * yv)
			case "/":
				if yv != 0 {
					return num(xv / yv)
				}
			case "**":
				return num(math.Pow(xv, yv))
			}
		}
		switch e.Op {
		case "+":
			if isNum(x, 0) {
				return y
			}
			if isNum(y, 0) {
				return x
			}
		case "-":
			if isNum(y, 0) {
				return x
			}
			if isNum(x, 0) {
				return Simplify(&Unary{Op: "-", X: y})
			}
		case "*":
			if isNum(x, 0) || isNum(y, 0) {
				return num(0)
			}
			if isNum(x, 1) {
				return y
			}
			if isNum(y, 1) {
				return x
			}
			if isNum(x, -1) {
				return Simplify(&Unary{Op: "-", X: y})
			}
			if isNum(y, -1) {
				return Simplify(&Unary{Op: "-", X: x})
			}
		case "/":
			if isNum(x, 0) {
				return num(0)
			}
			if isNum(y, 1) {
				return x
			}
		case "**":
			if isNum(y, 1) {
				return x
			}
			if isNum(y, 0) {
				return num(1)
			}
		}
		return &Binary{Op: e.Op, X: x, Y: y, Off: e.Off}
	case *Call:
		args := make([]Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = Simplify(a)
		}
		if len(args) == 1 {
			if v, ok := numValue(args[0]); ok {
				if fn, ok := Scalar1(e.Fun); ok {
					return num(fn(v))
				}
			}
		}
		return &Call{Fun: e.Fun, Args: args, Off: e.Off}
	}
	return e
}

// Diff returns d e / d name, simplified. Functions that are piecewise
// constant (floor, ceil, int, sign, comparisons) have derivative 0; rand()
// and randn() are not differentiated.
func Diff(e Expr, name string) Expr {
	return Simplify(diff(e, name))
}

func diff(e Expr, x string) Expr {
	if !DependsOn(e, x) {
		return num(0)
	}
	switch e := e.(type) {
	case *Ident:
		return num(1) // depends on x: it is x
	case *Unary:
		switch e.Op {
		case "-":
			return &Unary{Op: "-", X: diff(e.X, x)}
		case "+":
			return diff(e.X, x)
		}
		return num(0)
	case *Binary:
		u, v := e.X, e.Y
		du, dv := diff(u, x), diff(v, x)
		switch e.Op {
		case "+", "-":
			return &Binary{Op: e.Op, X: du, Y: dv}
		case "*":
			return &Binary{Op: "+", X: &Binary{Op: "*", X: du, Y: v}, Y: &Binary{Op: "*", X: u, Y: dv}}
		case "/":
			// (du*v - u*dv)/v**2, written du/v - u*dv/v**2
			return &Binary{Op: "-", X: &Binary{Op: "/", X: du, Y: v},
				Y: &Binary{Op: "/", X: &Binary{Op: "*", X: u, Y: dv}, Y: &Binary{Op: "**", X: v, Y: num(2)}}}
		case "**":
			if !DependsOn(v, x) {
				return &Binary{Op: "*", X: &Binary{Op: "*", X: v, Y: &Binary{Op: "**", X: u, Y: &Binary{Op: "-", X: v, Y: num(1)}}}, Y: du}
			}
			// u**v * (dv*log(u) + v*du/u)
			return &Binary{Op: "*", X: e, Y: &Binary{Op: "+",
				X: &Binary{Op: "*", X: dv, Y: &Call{Fun: "log", Args: []Expr{u}}},
				Y: &Binary{Op: "/", X: &Binary{Op: "*", X: v, Y: du}, Y: u}}}
		case "%":
			return du
		}
		return num(0) // comparisons, logic, floor division
	case *Call:
		if len(e.Args) == 0 {
			return num(0)
		}
		u := e.Args[0]
		du := diff(u, x)
		call := func(f string, a Expr) Expr { return &Call{Fun: f, Args: []Expr{a}} }
		mul := func(a, b Expr) Expr { return &Binary{Op: "*", X: a, Y: b} }
		div := func(a, b Expr) Expr { return &Binary{Op: "/", X: a, Y: b} }
		sq := func(a Expr) Expr { return &Binary{Op: "**", X: a, Y: num(2)} }
		one := num(1)
		var d Expr
		switch e.Fun {
		case "exp":
			d = e
		case "log":
			d = div(one, u)
		case "log10":
			d = div(one, mul(u, num(math.Ln10)))
		case "sqrt":
			d = div(one, mul(num(2), e))
		case "sin":
			d = call("cos", u)
		case "cos":
			d = &Unary{Op: "-", X: call("sin", u)}
		case "tan":
			d = div(one, sq(call("cos", u)))
		case "sinh":
			d = call("cosh", u)
		case "cosh":
			d = call("sinh", u)
		case "tanh":
			d = &Binary{Op: "-", X: one, Y: sq(e)}
		case "arcsin":
			d = div(one, call("sqrt", &Binary{Op: "-", X: one, Y: sq(u)}))
		case "arccos":
			d = &Unary{Op: "-", X: div(one, call("sqrt", &Binary{Op: "-", X: one, Y: sq(u)}))}
		case "arctan":
			d = div(one, &Binary{Op: "+", X: one, Y: sq(u)})
		case "abs":
			d = call("sign", u)
		case "exprel":
			// (exp(u) − exprel(u))/u
			d = div(&Binary{Op: "-", X: call("exp", u), Y: e}, u)
		case "clip":
			if len(e.Args) == 3 {
				d = mul(&Binary{Op: ">", X: u, Y: e.Args[1]}, &Binary{Op: "<", X: u, Y: e.Args[2]})
			} else {
				d = num(0)
			}
		default: // floor, ceil, int, sign, rand, randn
			return num(0)
		}
		return mul(d, du)
	}
	return num(0)
}

// nonSmooth reports whether name enters e through a piecewise or random
// function (floor, ceil, int, sign, abs, clip, %, //, comparisons, logic),
// where a zero or constant derivative says nothing about linearity.
func nonSmooth(e Expr, name string) bool {
	found := false
	walk(e, func(x Expr) {
		switch x := x.(type) {
		case *Call:
			switch x.Fun {
			case "floor", "ceil", "int", "sign", "abs", "clip":
				for _, a := range x.Args {
					if DependsOn(a, name) {
						found = true
					}
				}
			}
		case *Binary:
			switch x.Op {
			case "+", "-", "*", "/", "**":
			default:
				if DependsOn(x, name) {
					found = true
				}
			}
		case *Unary:
			if x.Op == "not" && DependsOn(x.X, name) {
				found = true
			}
		}
	})
	return found
}

// Linear splits e = a*name + b with a and b not depending on name
// (conditional linearity, as Brian2's exponential Euler requires). ok is
// false when e is not linear in name.
func Linear(e Expr, name string) (a, b Expr, ok bool) {
	if nonSmooth(e, name) {
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
// jointly linear in vars with coefficients that depend neither on vars nor on
// the names in varying (time, noise), nor on rand() or randn(). It returns A
// (row-major, len(vars)²) and b such that rhs = A·vars + b. reason says why
// not, naming the equation and the offending name.
func LinearSystem(rhs []Expr, vars []string, varying []string) (A []Expr, b []Expr, ok bool, reason string) {
	n := len(vars)
	zero := map[string]Expr{}
	for _, v := range vars {
		zero[v] = num(0)
	}
	bad := func(e Expr) string {
		for _, v := range append(append([]string(nil), vars...), varying...) {
			if DependsOn(e, v) {
				return v
			}
		}
		if callsRandom(e) {
			return "rand()"
		}
		return ""
	}
	A = make([]Expr, n*n)
	b = make([]Expr, n)
	for k, f := range rhs {
		for j, v := range vars {
			if nonSmooth(f, v) {
				return nil, nil, false, "d" + vars[k] + "/dt depends on " + v + " through a non-linear function"
			}
			d := Diff(f, v)
			if w := bad(d); w != "" {
				if w == v {
					return nil, nil, false, "d" + vars[k] + "/dt is not linear in " + v
				}
				return nil, nil, false, "d" + vars[k] + "/dt has a coefficient of " + v + " that depends on " + w
			}
			A[k*n+j] = d
		}
		b[k] = Simplify(Substitute(f, zero))
		if w := bad(b[k]); w != "" {
			return nil, nil, false, "d" + vars[k] + "/dt has a term that depends on " + w
		}
	}
	return A, b, true, ""
}
