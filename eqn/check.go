package eqn

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/volleysim/volley/units"
)

// isNoise reports whether name is a white-noise term: xi or xi_<anything>.
func isNoise(name string) bool { return name == "xi" || strings.HasPrefix(name, "xi_") }

// Noise returns the noise names (xi, xi_1, xi_<anything>) that the
// differential equations mention, sorted.
func (q *Equations) Noise() []string {
	seen := map[string]bool{}
	for _, e := range q.Eqs {
		if e.Kind != Differential {
			continue
		}
		for _, n := range Names(e.Expr) {
			if isNoise(n) {
				seen[n] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Check checks the dimensions of every equation, with Brian2's rules (see
// Dims): for dx/dt = f : U, f must have dimension U/second; for a
// subexpression x = f : U, dimension U. A name resolves, in this order, to
// a variable of q itself (its declared dimension), through dimOf (constants,
// parameters, t, dt, i, N, lastspike, not_refractory, ...), to a noise term
// (xi, xi_*: second**-0.5, as in Brian2; allowed in differential equations
// only), then to a unit or a constant (pi, e, inf, True, False).
//
// The first problem found, in equation order, is returned with the
// equation's source line and a caret under the offending term:
//
//   - *DimensionError when a term has the wrong dimension; in a sum, the
//     term that differs from the expected dimension is named ("the term I
//     has dimension A, expected V s^-1"), and a right-hand side whose terms
//     agree with each other but not with the unit is reported as a whole;
//   - the *DimensionError or *EvalError of Dims for a fault inside a term
//     (exp of a voltage, a non-constant exponent), prefixed with the
//     equation;
//   - *NameError for an unknown name, suggesting a close variable name;
//   - *EquationError for a noise term in a subexpression.
func (q *Equations) Check(dimOf func(name string) (units.Dim, bool)) error {
	own := map[string]units.Dim{}
	for _, e := range q.Eqs {
		own[e.Var] = e.Dim
	}
	known := func(name string) (units.Dim, bool) {
		if d, ok := own[name]; ok {
			return d, true
		}
		if dimOf != nil {
			if d, ok := dimOf(name); ok {
				return d, true
			}
		}
		return units.Dim{}, false
	}
	noiseDim, _ := units.Second.Pow(-0.5)
	lookup := func(name string) (units.Dim, bool) {
		if d, ok := known(name); ok {
			return d, true
		}
		if isNoise(name) {
			return noiseDim, true
		}
		return units.Dim{}, false
	}
	for _, e := range q.Eqs {
		if e.Expr == nil {
			continue
		}
		what, want, expect := "d"+e.Var+"/dt", e.Dim.Div(units.Second), "the dimension of "+e.Var+" per second"
		if e.Kind != Differential {
			what, want, expect = e.Var, e.Dim, "the declared dimension of "+e.Var
			var noise *Ident
			walk(e.Expr, func(x Expr) {
				if id, ok := x.(*Ident); ok && noise == nil && isNoise(id.Name) {
					if _, ok := known(id.Name); !ok {
						noise = id
					}
				}
			})
			if noise != nil {
				return &EquationError{Src: q.Src, Off: noise.Off,
					Msg: fmt.Sprintf("noise term %s in %s %s: noise can only appear in differential equations", noise.Name, e.Kind, e.Var)}
			}
		}
		if err := q.checkRHS(e, what, want, expect, lookup, own); err != nil {
			return err
		}
	}
	return nil
}

// checkRHS checks that rhs has dimension want; what names the equation
// ("dv/dt", "I") and expect says where want comes from.
func (q *Equations) checkRHS(e Equation, what string, want units.Dim, expect string, lookup func(string) (units.Dim, bool), own map[string]units.Dim) error {
	rhs := e.Expr
	got, err := Dims(rhs, lookup)
	if err == nil && got == want {
		return nil
	}
	terms := summands(rhs, nil)
	dims := make([]units.Dim, len(terms))
	for i, t := range terms {
		d, terr := Dims(t, lookup)
		if terr != nil {
			return q.locate(terr, what, own)
		}
		dims[i] = d
	}
	if err != nil && len(terms) == 1 {
		return q.locate(err, what, own)
	}
	mismatch := func(t Expr, msg string, got units.Dim) error {
		off := start(t)
		if t == rhs {
			off = q.rhsStart(e)
		}
		return &DimensionError{Src: q.Src, Off: off, Got: got, Want: want,
			Msg: "dimension mismatch in " + what + ": " + msg}
	}
	matching := -1
	for i, d := range dims {
		if d == want {
			matching = i
			break
		}
	}
	if matching >= 0 {
		for i, d := range dims {
			if d != want {
				return mismatch(terms[i], fmt.Sprintf("the term %s has dimension %s, expected %s (%s, like the term %s)",
					String(terms[i]), d, want, expect, String(terms[matching])), d)
			}
		}
	}
	for i, d := range dims {
		if d != dims[0] {
			return mismatch(terms[i], fmt.Sprintf("the term %s has dimension %s but the term %s has dimension %s; expected %s (%s)",
				String(terms[i]), d, String(terms[0]), dims[0], want, expect), d)
		}
	}
	return mismatch(rhs, fmt.Sprintf("the right-hand side has dimension %s, expected %s (%s)", dims[0], want, expect), dims[0])
}

// rhsStart returns the offset of the first character of e's right-hand
// side (an opening parenthesis, which the tree does not keep).
func (q *Equations) rhsStart(e Equation) int {
	off := start(e.Expr)
	if e.Off < 0 || e.Off >= off || off > len(q.Src) {
		return off
	}
	if eq := strings.IndexByte(q.Src[e.Off:off], '='); eq >= 0 {
		i := e.Off + eq + 1
		for i < off && (q.Src[i] == ' ' || q.Src[i] == '\t' || q.Src[i] == '\n' || q.Src[i] == '\r') {
			i++
		}
		return i
	}
	return off
}

// summands appends the terms of the sum e (through + - and signs) to out.
func summands(e Expr, out []Expr) []Expr {
	switch x := e.(type) {
	case *Binary:
		if x.Op == "+" || x.Op == "-" {
			return summands(x.Y, summands(x.X, out))
		}
	case *Unary:
		if x.Op == "-" || x.Op == "+" {
			return summands(x.X, out)
		}
	}
	return append(out, e)
}

// locate gives an error of Dims the equations' source and context.
func (q *Equations) locate(err error, what string, own map[string]units.Dim) error {
	var (
		de *DimensionError
		ee *EvalError
		ne *NameError
	)
	switch {
	case errors.As(err, &de):
		de.Src, de.Msg = q.Src, "in "+what+": "+de.Msg
	case errors.As(err, &ee):
		ee.Src, ee.Msg = q.Src, "in "+what+": "+ee.Msg
	case errors.As(err, &ne):
		ne.Src = q.Src
		if ne.Hint == "" && ne.Kind == "name" {
			if c := closest(ne.Name, own); c != "" {
				ne.Hint = "did you mean " + c + "?"
			}
		}
	}
	return err
}

// closest returns the name of names nearest to s, if it is within 2 edits
// (1 for names of up to 3 characters), or "".
func closest(s string, names map[string]units.Dim) string {
	best, bestD := "", 3
	if len(s) <= 3 {
		bestD = 2
	}
	keys := make([]string, 0, len(names))
	for n := range names {
		keys = append(keys, n)
	}
	sort.Strings(keys)
	for _, n := range keys {
		if d := editDistance(strings.ToLower(s), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the number of insertions, deletions, substitutions and
// swaps of adjacent bytes that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j-1]+c, d[i-1][j]+1, d[i][j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
