package eqn

import (
	"math"
	"sort"
	"strings"
)

// Simplify returns an equivalent, simpler tree. It
//
//   - folds operations on numbers, including function calls and
//     comparisons ("2*3" → 6, "exp(0)" → 1, "1 < 2" → 1), unless the result
//     would be NaN or infinite ("1/0" and "log(-1)" stay as they are); unit
//     names and the constants pi, e, inf are names, not numbers, so
//     dimensions are kept;
//   - writes every product and quotient as one number times factors over
//     factors, collecting the numbers and signs: "2*(3*x)" → 6*x,
//     "-x*(-1)" → x, "x*y/2" → 0.5*x*y, "(-1)*x" → -x, "x/1" → x,
//     "a/(b/c)" → a*c/b, "x*0" and "0/x" → 0;
//   - flattens sums and differences and combines terms that differ only by
//     a number: "x + 0" → x, "0 - x" → -x, "2*x + 3*x" → 5*x,
//     "x/tau - x/tau" → 0, "a + (b - a)" → b; numbers are added into one
//     constant at the position of the first;
//   - removes double signs ("--x" → x) and trivial powers ("x**1" → x,
//     "x**0" → 1, "1**x" → 1).
//
// Like sympy (which Brian2 uses), it treats these rewritings as exact
// although, in floating point, "x*0" is NaN for an infinite x and
// reassociation may change the last bits of a result; equal factors above
// and below the line cancel ("x*y/x" → y, "x/x" → 1), which is not the same
// where x is 0 or infinite. Powers are not merged ("x*x" stays), sums are
// never distributed over products, and other factors keep their order.
//
// Simplify is pure; the result may share subtrees with e. Numbers it makes
// have no Text and print in their shortest exact form.
func Simplify(e Expr) Expr {
	switch e := e.(type) {
	case *Unary:
		x := Simplify(e.X)
		switch e.Op {
		case "+":
			return x
		case "-":
			return simplifyProduct(&Unary{Op: "-", X: x, Off: e.Off})
		}
		n := &Unary{Op: e.Op, X: x, Off: e.Off}
		if f, ok := fold(n); ok {
			return f
		}
		return n
	case *Binary:
		n := &Binary{Op: e.Op, X: Simplify(e.X), Y: Simplify(e.Y), Off: e.Off}
		if f, ok := fold(n); ok {
			return f
		}
		switch e.Op {
		case "+", "-":
			return simplifySum(n)
		case "*", "/":
			return simplifyProduct(n)
		case "**":
			switch {
			case isNum(n.Y, 1):
				return n.X
			case isNum(n.Y, 0), isNum(n.X, 1):
				return num(1)
			}
		}
		return n
	case *Call:
		args := make([]Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = Simplify(a)
		}
		n := &Call{Fun: e.Fun, Args: args, Off: e.Off}
		if f, ok := fold(n); ok {
			return f
		}
		return n
	}
	return e
}

// num returns a number made by code; -0 becomes 0.
func num(v float64) *Num {
	if v == 0 {
		v = 0
	}
	return &Num{Value: v}
}

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

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fold evaluates an operation whose operands are all numbers, with the
// evaluator's semantics (Python's % and //, comparisons giving 0 or 1). It
// refuses random functions and results that are not finite.
func fold(e Expr) (Expr, bool) {
	switch e := e.(type) {
	case *Unary:
		if _, ok := e.X.(*Num); !ok {
			return nil, false
		}
	case *Binary:
		_, xn := e.X.(*Num)
		_, yn := e.Y.(*Num)
		if !xn || !yn {
			return nil, false
		}
	case *Call:
		if isRandom(e.Fun) {
			return nil, false
		}
		for _, a := range e.Args {
			if _, ok := a.(*Num); !ok {
				return nil, false
			}
		}
	default:
		return nil, false
	}
	q, err := EvalQuantity(e, "", nil)
	if err != nil || !finite(q.Value) {
		return nil, false
	}
	return num(q.Value), true
}

// monomial is coef * num[0]*num[1]*... / (den[0]*den[1]*...), where no
// factor is a number, a product, a quotient or a negation.
type monomial struct {
	coef     float64
	num, den []Expr
	lit      *Num // the literal ±coef comes from, kept for its Text
}

// asMonomial flattens products, quotients and signs. A division by an
// expression whose coefficient is 0 (such as "x/0") is kept whole as one
// factor, so that it never folds away.
func asMonomial(e Expr) monomial {
	switch e := e.(type) {
	case *Num:
		return monomial{coef: e.Value, lit: e}
	case *Unary:
		switch e.Op {
		case "-":
			m := asMonomial(e.X)
			m.coef = -m.coef
			return m
		case "+":
			return asMonomial(e.X)
		}
	case *Binary:
		switch e.Op {
		case "*":
			a, b := asMonomial(e.X), asMonomial(e.Y)
			return monomial{a.coef * b.coef, concat(a.num, b.num), concat(a.den, b.den), keepLit(a, b)}
		case "/":
			b := asMonomial(e.Y)
			if b.coef != 0 {
				a := asMonomial(e.X)
				return monomial{a.coef / b.coef, concat(a.num, b.den), concat(a.den, b.num), keepLit(a, b)}
			}
		}
	}
	return monomial{coef: 1, num: []Expr{e}}
}

// keepLit returns the literal of the product or quotient of a and b when
// one of them has a literal and the other no number but a sign.
func keepLit(a, b monomial) *Num {
	switch {
	case a.lit != nil && b.lit == nil && math.Abs(b.coef) == 1:
		return a.lit
	case b.lit != nil && a.lit == nil && math.Abs(a.coef) == 1:
		return b.lit
	}
	return nil
}

func concat(a, b []Expr) []Expr {
	if len(b) == 0 {
		return a
	}
	return append(a[:len(a):len(a)], b...)
}

// key identifies the factors of m regardless of their order, so that terms
// differing only by their number can be combined.
func (m monomial) key() string {
	side := func(fs []Expr) string {
		s := make([]string, len(fs))
		for i, f := range fs {
			s[i] = String(f)
		}
		sort.Strings(s)
		return strings.Join(s, "*")
	}
	return side(m.num) + " / " + side(m.den)
}

// expr rebuilds m: "c*a*b/(d*e)", "-a*b/d" for c = -1, "c/d" without
// numerator factors.
func (m monomial) expr() Expr {
	if m.coef == 0 {
		return num(0)
	}
	c := num(m.coef)
	if m.lit != nil && m.lit.Value == m.coef {
		c = m.lit
	}
	var top Expr
	switch {
	case len(m.num) == 0:
		top = c
	case m.coef == 1:
		top = m.num[0]
	case m.coef == -1:
		top = &Unary{Op: "-", X: m.num[0]}
	default:
		top = &Binary{Op: "*", X: c, Y: m.num[0]}
	}
	for i := 1; i < len(m.num); i++ {
		top = &Binary{Op: "*", X: top, Y: m.num[i]}
	}
	if len(m.den) == 0 {
		return top
	}
	bottom := m.den[0]
	for _, d := range m.den[1:] {
		bottom = &Binary{Op: "*", X: bottom, Y: d}
	}
	return &Binary{Op: "/", X: top, Y: bottom}
}

// simplifyProduct rewrites a product, quotient or negation of simplified
// operands as a monomial.
func simplifyProduct(e Expr) Expr {
	m := asMonomial(e)
	if !finite(m.coef) {
		return e
	}
	return m.cancel().expr()
}

// cancel removes the factors that appear both above and below the line
// ("x*y/x" → y).
func (m monomial) cancel() monomial {
	if len(m.den) == 0 || len(m.num) == 0 {
		return m
	}
	num := append([]Expr(nil), m.num...)
	var den []Expr
	for _, d := range m.den {
		k := String(d)
		i := 0
		for i < len(num) && String(num[i]) != k {
			i++
		}
		if i < len(num) {
			num = append(num[:i], num[i+1:]...)
		} else {
			den = append(den, d)
		}
	}
	m.num, m.den = num, den
	return m
}

// isSum reports whether e is a sum or a difference.
func isSum(e Expr) bool {
	b, ok := e.(*Binary)
	return ok && (b.Op == "+" || b.Op == "-")
}

// sumTerms appends the terms of e, multiplied by sign, to out. A sum that
// is only negated ("-(a + b)", "(-1)*(a - b)") is opened.
func sumTerms(e Expr, sign float64, out []monomial) []monomial {
	switch x := e.(type) {
	case *Binary:
		switch x.Op {
		case "+":
			return sumTerms(x.Y, sign, sumTerms(x.X, sign, out))
		case "-":
			return sumTerms(x.Y, -sign, sumTerms(x.X, sign, out))
		}
	case *Unary:
		switch x.Op {
		case "-":
			return sumTerms(x.X, -sign, out)
		case "+":
			return sumTerms(x.X, sign, out)
		}
	}
	m := asMonomial(e)
	if (m.coef == 1 || m.coef == -1) && len(m.num) == 1 && len(m.den) == 0 && isSum(m.num[0]) {
		return sumTerms(m.num[0], sign*m.coef, out)
	}
	m.coef *= sign
	return append(out, m)
}

// simplifySum flattens a sum of simplified operands into terms, combines
// the terms that differ only by their number and rebuilds it as
// "t1 + t2 - t3 ...", terms in the order of their first appearance.
func simplifySum(e *Binary) Expr {
	terms := sumTerms(e, 1, nil)
	var merged []monomial
	at := map[string]int{}
	for _, t := range terms {
		if !finite(t.coef) {
			return e
		}
		k := t.key()
		if i, ok := at[k]; ok {
			merged[i].coef += t.coef
			merged[i].lit = nil
			continue
		}
		at[k] = len(merged)
		merged = append(merged, t)
	}
	var out Expr
	for _, t := range merged {
		switch {
		case !finite(t.coef):
			return e
		case t.coef == 0:
			continue
		case out == nil:
			out = t.expr()
		case t.coef < 0:
			t.coef = -t.coef
			out = &Binary{Op: "-", X: out, Y: t.expr()}
		default:
			out = &Binary{Op: "+", X: out, Y: t.expr()}
		}
	}
	if out == nil {
		return num(0)
	}
	return out
}
