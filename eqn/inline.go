package eqn

import "strings"

// EquationError reports equations that are well formed and consistent in
// dimension but cannot be used together: subexpressions that refer to each
// other in a cycle, a noise term outside a differential equation. Off is
// the offset in Src of the offending name.
type EquationError struct {
	Src string
	Off int
	Msg string
}

// Error prints the message, then the source line and a caret.
func (e *EquationError) Error() string { return located(e.Src, e.Off, e.Msg) }

// Inline returns a copy of the equations in which every subexpression
// (Kind Subexpression) is replaced by its definition wherever it is used:
// in the differential equations and in the other subexpressions, whose own
// expressions become free of subexpressions too. Subexpressions that use
// other subexpressions are resolved in dependency order. A subexpression
// that refers to itself through others is an *EquationError naming the
// cycle ("a -> b -> a"), with a caret under the reference that closes it.
// The input is not modified; the result shares unchanged subtrees with it.
func (q *Equations) Inline() (*Equations, error) {
	def := map[string]int{} // subexpression name → index in q.Eqs
	for i, e := range q.Eqs {
		if e.Kind == Subexpression {
			def[e.Var] = i
		}
	}
	done := map[string]Expr{} // fully inlined definitions
	visiting := map[string]bool{}
	var path []string
	var visit func(name string) error
	visit = func(name string) error {
		if _, ok := done[name]; ok {
			return nil
		}
		if visiting[name] {
			i := 0
			for path[i] != name {
				i++
			}
			cycle := append(append([]string(nil), path[i:]...), name)
			from := q.Eqs[def[path[len(path)-1]]]
			return &EquationError{Src: q.Src, Off: identOff(from.Expr, name, from.Off),
				Msg: "subexpressions refer to each other in a cycle: " + strings.Join(cycle, " -> ")}
		}
		visiting[name] = true
		path = append(path, name)
		ex := q.Eqs[def[name]].Expr
		repl := map[string]Expr{}
		for _, dep := range Names(ex) {
			if _, isSub := def[dep]; !isSub {
				continue
			}
			if err := visit(dep); err != nil {
				return err
			}
			repl[dep] = done[dep]
		}
		done[name] = Substitute(ex, repl)
		path = path[:len(path)-1]
		visiting[name] = false
		return nil
	}
	for _, e := range q.Eqs {
		if e.Kind == Subexpression {
			if err := visit(e.Var); err != nil {
				return nil, err
			}
		}
	}
	out := &Equations{Src: q.Src, Eqs: make([]Equation, len(q.Eqs))}
	for i, e := range q.Eqs {
		e.Flags = append([]string(nil), e.Flags...)
		switch {
		case e.Kind == Subexpression:
			e.Expr = done[e.Var]
		case e.Expr != nil:
			e.Expr = Substitute(e.Expr, done)
		}
		out.Eqs[i] = e
	}
	return out, nil
}

// identOff returns the offset of the first use of name in e, or def when
// there is none.
func identOff(e Expr, name string, def int) int {
	off := -1
	walk(e, func(x Expr) {
		if id, ok := x.(*Ident); ok && id.Name == name && off < 0 {
			off = id.Off
		}
	})
	if off < 0 {
		return def
	}
	return off
}
