package eqn

import "sort"

// Names returns the distinct identifiers e mentions, sorted. Function names
// are not identifiers; units and constants such as mV or pi are.
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

// DependsOn reports whether e mentions the identifier name (function names
// do not count).
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
		if c, ok := x.(*Call); ok && isRandom(c.Fun) {
			found = true
		}
	})
	return found
}

func isRandom(fun string) bool { return fun == "rand" || fun == "randn" }

// walk calls f on e and on every subexpression, parents first.
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

// Substitute returns e with every identifier that is a key of repl replaced
// by its expression, in one pass: names inside the replacements are not
// replaced again. The result shares unchanged subtrees with e and with the
// replacements; e itself is returned when nothing is replaced.
func Substitute(e Expr, repl map[string]Expr) Expr {
	if len(repl) == 0 {
		return e
	}
	switch e := e.(type) {
	case *Ident:
		if r, ok := repl[e.Name]; ok {
			return r
		}
	case *Unary:
		if x := Substitute(e.X, repl); x != e.X {
			return &Unary{Op: e.Op, X: x, Off: e.Off}
		}
	case *Binary:
		x, y := Substitute(e.X, repl), Substitute(e.Y, repl)
		if x != e.X || y != e.Y {
			return &Binary{Op: e.Op, X: x, Y: y, Off: e.Off}
		}
	case *Call:
		var args []Expr
		for i, a := range e.Args {
			s := Substitute(a, repl)
			if s != a && args == nil {
				args = append(make([]Expr, 0, len(e.Args)), e.Args[:i]...)
			}
			if args != nil {
				args = append(args, s)
			}
		}
		if args != nil {
			return &Call{Fun: e.Fun, Args: args, Off: e.Off}
		}
	}
	return e
}
