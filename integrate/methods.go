package integrate

import (
	"fmt"
	"strings"

	"github.com/volleysim/volley/eqn"
)

// System is what a method integrates: the differential equations of a group
// after its subexpressions are inlined.
type System struct {
	Vars  []string   // state variables with a differential equation, in equation order
	RHS   []eqn.Expr // dVars[k]/dt = RHS[k]; noise terms are xi or xi_* times a coefficient
	Noise []string   // noise names used (xi, xi_*)
}

// noiseKind is what stochastic equations a method accepts (Brian2's
// ExplicitStateUpdater "stochastic" argument).
type noiseKind int

const (
	deterministicOnly noiseKind = iota // no noise term
	additiveNoise                      // noise coefficients independent of state variables and t
	anyNoise                           // additive or multiplicative
)

// Method is one entry of the table of integration methods.
type Method struct {
	name  string
	alias string // another accepted name, "" if none
	doc   string
	noise noiseKind
	check func(s System) error // further condition (linearity, diagonal noise); nil: none
	build func(s System) (*Program, error)
}

// Name is the method's name as Brian2 spells it.
func (m Method) Name() string { return m.name }

// Doc is a one-line description of the method.
func (m Method) Doc() string { return m.doc }

// Applies returns nil if the method can integrate s, else an error saying why
// not (naming the equation and, where it can, the offending subexpression).
func (m Method) Applies(s System) error {
	if len(s.Noise) > 0 {
		if m.noise == deterministicOnly {
			return fmt.Errorf("the equations are stochastic (%s) and %s integrates deterministic equations only",
				strings.Join(s.Noise, ", "), m.name)
		}
		_, g, err := split(s)
		if err != nil {
			return err
		}
		if m.noise == additiveNoise {
			if err := additive(s, g); err != nil {
				return err
			}
		}
	}
	if m.check != nil {
		return m.check(s)
	}
	return nil
}

// methods is the table of methods, in the order of Brian2's documentation
// ("Numerical integration"). Each entry follows the update Brian2 2.5
// generates (brian2/stateupdaters/exact.py, exponential_euler.py, explicit.py).
func methods() []Method {
	return []Method{
		{name: "exact", alias: "linear", noise: deterministicOnly, check: exactApplies, build: exactProgram,
			doc: "exact integration of linear equations with constant coefficients (matrix exponential)"},
		{name: "exponential_euler", noise: deterministicOnly, check: expEulerApplies, build: expEuler,
			doc: "exponential Euler for conditionally linear equations"},
		{name: "euler", noise: additiveNoise, build: rungeKutta("euler"),
			doc: "forward Euler; Euler–Maruyama for additive noise"},
		{name: "rk2", noise: deterministicOnly, build: rungeKutta("rk2"),
			doc: "second-order Runge–Kutta (midpoint)"},
		{name: "rk4", noise: deterministicOnly, build: rungeKutta("rk4"),
			doc: "classical fourth-order Runge–Kutta"},
		{name: "heun", noise: anyNoise, build: heun,
			doc: "stochastic Heun for Stratonovich equations with multiplicative noise"},
		{name: "milstein", noise: anyNoise, check: diagonalNoise, build: milstein,
			doc: "derivative-free Milstein for Stratonovich equations with diagonal multiplicative noise"},
	}
}

// Methods lists the name of every method, in table order. "linear" is
// accepted as another name of "exact".
func Methods() []string {
	var names []string
	for _, m := range methods() {
		names = append(names, m.name)
	}
	return names
}

// unsupported says why a Brian2 method name that Volley does not implement
// is refused.
func unsupported(name string) (string, bool) {
	switch {
	case name == "independent":
		return "Brian2's deprecated \"independent\" method is not supported; use exact", true
	case name == "gsl" || strings.HasPrefix(name, "gsl_"):
		return "the GSL integrators (adaptive time step) are not supported", true
	}
	return "", false
}

// LookupMethod returns the method of a name (case-insensitive, as in Brian2;
// "linear" is "exact"). An unknown name is an error listing the valid ones.
func LookupMethod(name string) (Method, error) {
	lower := strings.ToLower(name)
	for _, m := range methods() {
		if lower == m.name || (m.alias != "" && lower == m.alias) {
			return m, nil
		}
	}
	var valid []string
	for _, m := range methods() {
		if m.alias != "" {
			valid = append(valid, m.name+" (or "+m.alias+")")
		} else {
			valid = append(valid, m.name)
		}
	}
	if why, ok := unsupported(lower); ok {
		return Method{}, fmt.Errorf("integration method %q: %s; methods: %s", name, why, strings.Join(valid, ", "))
	}
	return Method{}, fmt.Errorf("unknown integration method %q; methods: %s", name, strings.Join(valid, ", "))
}

// Expression builders. Trees are never modified after construction, so
// subtrees are shared freely.
func ident(name string) eqn.Expr         { return &eqn.Ident{Name: name} }
func num(v float64) eqn.Expr             { return &eqn.Num{Value: v} }
func add(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "+", X: a, Y: b} }
func sub(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "-", X: a, Y: b} }
func mul(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "*", X: a, Y: b} }
func div(a, b eqn.Expr) eqn.Expr         { return &eqn.Binary{Op: "/", X: a, Y: b} }
func neg(a eqn.Expr) eqn.Expr            { return &eqn.Unary{Op: "-", X: a} }
func call(f string, a eqn.Expr) eqn.Expr { return &eqn.Call{Fun: f, Args: []eqn.Expr{a}} }

// isZero reports whether e is the literal 0 (after eqn.Simplify, a
// structurally zero expression).
func isZero(e eqn.Expr) bool {
	n, ok := e.(*eqn.Num)
	return ok && n.Value == 0
}

// final is the temporary that holds the new value of a state variable.
func final(v string) string { return "_" + v }

// finish lists the updates var ← _var and the noise draws of the system.
func finish(p *Program, s System) *Program {
	for _, v := range s.Vars {
		p.Updates = append(p.Updates, Assign{Name: v, Expr: ident(final(v))})
	}
	for _, n := range s.Noise {
		p.Noise = append(p.Noise, noiseDraw(n))
	}
	return p
}
