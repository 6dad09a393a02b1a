package eqn

import (
	"fmt"
	"sort"
	"strings"

	"github.com/volleysim/volley/units"
)

// Inline returns the equations with every subexpression substituted into the
// differential equations and into the other subexpressions, in dependency
// order. A cycle of subexpressions is an error naming it.
func (q *Equations) Inline() (*Equations, error) {
	subs := map[string]Expr{}
	for _, e := range q.Eqs {
		if e.Kind == Subexpression {
			subs[e.Var] = e.Expr
		}
	}
	// Resolve subexpressions among themselves: at most len(subs) rounds.
	for round := 0; ; round++ {
		changed := false
		for name, ex := range subs {
			for _, dep := range Names(ex) {
				if _, isSub := subs[dep]; isSub {
					subs[name] = Substitute(ex, subs)
					changed = true
					break
				}
			}
		}
		if !changed {
			break
		}
		if round > len(subs) {
			var cyc []string
			for name, ex := range subs {
				for _, dep := range Names(ex) {
					if _, isSub := subs[dep]; isSub {
						cyc = append(cyc, name)
						break
					}
				}
			}
			sort.Strings(cyc)
			return nil, fmt.Errorf("subexpressions refer to each other in a cycle: %s", strings.Join(cyc, ", "))
		}
	}
	out := &Equations{Src: q.Src, Eqs: make([]Equation, len(q.Eqs))}
	for i, e := range q.Eqs {
		if e.Expr != nil {
			e.Expr = Substitute(e.Expr, subs)
		}
		out.Eqs[i] = e
	}
	return out, nil
}

// isNoise reports whether name is a white-noise term: xi or xi_<name>.
func isNoise(name string) bool { return name == "xi" || strings.HasPrefix(name, "xi_") }

// Noise returns the noise names (xi, xi_*) of the differential equations,
// sorted.
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
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Check checks the dimensions of every equation: for dx/dt = f : U the
// right-hand side must have dimension U/second, for x = f : U dimension U.
// Names resolve to the equations' own variables first, then through dimOf
// (constants, t, dt, ...), then to units; xi and xi_* have dimension
// second**-0.5, as in Brian2. Errors show the equation with a caret.
func (q *Equations) Check(dimOf func(name string) (units.Dim, bool)) error {
	own := map[string]units.Dim{}
	for _, e := range q.Eqs {
		own[e.Var] = e.Dim
	}
	noiseDim, _ := units.Second.Pow(-0.5)
	lookup := func(name string) (units.Dim, bool) {
		if d, ok := own[name]; ok {
			return d, true
		}
		if d, ok := dimOf(name); ok {
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
		got, err := Dims(e.Expr, lookup)
		if err != nil {
			switch de := err.(type) {
			case *DimensionError:
				if de.Src == "" {
					de.Src = q.Src
				}
			case *NameError:
				if de.Src == "" {
					de.Src = q.Src
				}
			}
			return err
		}
		want := e.Dim
		what := "the right-hand side of " + e.Var
		if e.Kind == Differential {
			want = e.Dim.Div(units.Second)
			what = "d" + e.Var + "/dt"
		}
		if got != want {
			return &DimensionError{Src: q.Src, Off: start(e.Expr), Got: got, Want: want,
				Msg: fmt.Sprintf("dimension mismatch: %s has dimension %s, expected %s", what, got, want)}
		}
	}
	return nil
}
