package eqn

import "math"

// Diff returns d e / d name, simplified. name is an identifier; function
// names are not differentiated against. The rules are the usual ones for
// + - * / and unary minus; u**c with c free of name gives c*u**(c - 1)*du,
// and a general u**v gives u**v*(dv*log(u) + v*du/u). Functions:
//
//	exp, log, log10, sqrt, sin, cos, tan, sinh, cosh, tanh, arcsin, arccos,
//	arctan   the textbook derivatives
//	abs(u)   sign(u)*du
//	exprel(u)  ((u - 1)*exp(u) + 1)/u**2, written so that it is finite at
//	         u = 0 (where it is 1/2): a Taylor polynomial for |u| < 1e-3 and
//	         (exp(u) - exprel(u))/u elsewhere, selected by comparisons
//	clip(u, lo, hi)  du inside (lo, hi), dlo below, dhi above, selected by
//	         comparisons
//	u % v    du - floor(u/v)*dv (Python's modulo is u - v*floor(u/v))
//
// Piecewise constant operations have derivative 0: floor, ceil, int, sign,
// //, comparisons, and, or, not. rand() and randn() are not functions of
// name and have derivative 0, as do functions this package does not know.
// The derivative of a non-smooth expression is only meaningful away from
// its kinks and jumps (see Linear, which refuses them).
func Diff(e Expr, name string) Expr {
	return Simplify(diff(e, name))
}

// Tree builders for derivatives; Diff simplifies the result.
func add(a, b Expr) Expr            { return &Binary{Op: "+", X: a, Y: b} }
func sub(a, b Expr) Expr            { return &Binary{Op: "-", X: a, Y: b} }
func mul(a, b Expr) Expr            { return &Binary{Op: "*", X: a, Y: b} }
func div(a, b Expr) Expr            { return &Binary{Op: "/", X: a, Y: b} }
func pow(a, b Expr) Expr            { return &Binary{Op: "**", X: a, Y: b} }
func neg(a Expr) Expr               { return &Unary{Op: "-", X: a} }
func cmp(op string, a, b Expr) Expr { return &Binary{Op: op, X: a, Y: b} }
func call(f string, a ...Expr) Expr { return &Call{Fun: f, Args: a} }

func diff(e Expr, x string) Expr {
	if !DependsOn(e, x) {
		return num(0)
	}
	switch e := e.(type) {
	case *Ident:
		return num(1) // it depends on x, so it is x
	case *Unary:
		switch e.Op {
		case "-":
			return neg(diff(e.X, x))
		case "+":
			return diff(e.X, x)
		}
		return num(0) // not
	case *Binary:
		return diffBinary(e, x)
	case *Call:
		return diffCall(e, x)
	}
	return num(0)
}

func diffBinary(e *Binary, x string) Expr {
	u, v := e.X, e.Y
	switch e.Op {
	case "+", "-":
		return &Binary{Op: e.Op, X: diff(u, x), Y: diff(v, x)}
	case "*":
		return add(mul(diff(u, x), v), mul(u, diff(v, x)))
	case "/":
		du, dv := diff(u, x), diff(v, x)
		if !DependsOn(v, x) {
			return div(du, v)
		}
		// (du*v - u*dv)/v**2, written du/v - u*dv/v**2
		return sub(div(du, v), div(mul(u, dv), pow(v, num(2))))
	case "**":
		du := diff(u, x)
		if !DependsOn(v, x) {
			return mul(mul(v, pow(u, sub(v, num(1)))), du)
		}
		return mul(e, add(mul(diff(v, x), call("log", u)), div(mul(v, du), u)))
	case "%":
		return sub(diff(u, x), mul(call("floor", div(u, v)), diff(v, x)))
	}
	return num(0) // //, comparisons, and, or
}

// exprelSmall is where the derivative of exprel switches to its Taylor
// polynomial 1/2 + u/3 + u²/8 + u³/30 + u⁴/144: below it the truncation
// error is under 1e-18 relative; above it (exp(u) - exprel(u))/u loses at
// most 4·2⁻⁵³/1e-3 ≈ 5e-13 to cancellation.
const exprelSmall = 1e-3

func diffCall(e *Call, x string) Expr {
	if e.Fun == "clip" && len(e.Args) == 3 {
		u, lo, hi := e.Args[0], e.Args[1], e.Args[2]
		ordered := cmp("<", lo, hi)
		inside := mul(cmp(">", u, lo), cmp("<", u, hi))
		below := mul(cmp("<=", u, lo), ordered)
		above := sub(sub(num(1), inside), below)
		return add(add(mul(diff(u, x), inside), mul(diff(lo, x), below)), mul(diff(hi, x), above))
	}
	if len(e.Args) != 1 {
		return num(0) // rand, randn, and calls with a wrong number of arguments
	}
	u := e.Args[0]
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
		d = neg(call("sin", u))
	case "tan":
		d = div(one, pow(call("cos", u), num(2)))
	case "sinh":
		d = call("cosh", u)
	case "cosh":
		d = call("sinh", u)
	case "tanh":
		d = sub(one, pow(e, num(2)))
	case "arcsin":
		d = div(one, call("sqrt", sub(one, pow(u, num(2)))))
	case "arccos":
		d = neg(div(one, call("sqrt", sub(one, pow(u, num(2))))))
	case "arctan":
		d = div(one, add(one, pow(u, num(2))))
	case "abs":
		d = call("sign", u)
	case "exprel":
		small := cmp("<", call("abs", u), num(exprelSmall))
		taylor := add(num(0.5), mul(u, add(num(1.0/3), mul(u, add(num(1.0/8), mul(u, add(num(1.0/30), div(u, num(144)))))))))
		// The divisor is 1, not 0, where the Taylor branch is taken.
		general := div(sub(call("exp", u), e), add(u, small))
		d = add(mul(small, taylor), mul(cmp(">=", call("abs", u), num(exprelSmall)), general))
	default: // floor, ceil, int, sign, unknown functions
		return num(0)
	}
	return mul(d, diff(u, x))
}
