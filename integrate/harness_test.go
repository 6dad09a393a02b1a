package integrate

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/volleysim/volley/eqn"
)

// system parses Brian2 equations (units "1": the tests are dimensionless)
// and returns the System a group would integrate.
func parseSystem(t testing.TB, src string) System {
	t.Helper()
	q, err := eqn.ParseEquations(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	if q, err = q.Inline(); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	var s System
	for _, e := range q.Eqs {
		if e.Kind == eqn.Differential {
			s.Vars = append(s.Vars, e.Var)
			s.RHS = append(s.RHS, e.Expr)
		}
	}
	s.Noise = q.Noise()
	return s
}

// compiled is an expression turned into a closure over a slice of values.
type compiled func(vals []float64) float64

// machine runs a Program on one cell with float64 values: an evaluator
// independent of package kernel, written from Program's contract.
type machine struct {
	slot    map[string]int
	vals    []float64
	stmts   []step
	updates []step
	noise   []int
	t, dt   int
}

type step struct {
	dst int
	f   compiled
}

func (m *machine) index(name string) int {
	if i, ok := m.slot[name]; ok {
		return i
	}
	m.slot[name] = len(m.vals)
	m.vals = append(m.vals, math.NaN()) // unset names poison the result
	return m.slot[name]
}

func (m *machine) compile(t testing.TB, e eqn.Expr) compiled {
	switch e := e.(type) {
	case *eqn.Num:
		v := e.Value
		return func([]float64) float64 { return v }
	case *eqn.Ident:
		i := m.index(e.Name)
		return func(x []float64) float64 { return x[i] }
	case *eqn.Unary:
		a := m.compile(t, e.X)
		if e.Op == "-" {
			return func(x []float64) float64 { return -a(x) }
		}
		return a
	case *eqn.Binary:
		a, b := m.compile(t, e.X), m.compile(t, e.Y)
		switch e.Op {
		case "+":
			return func(x []float64) float64 { return a(x) + b(x) }
		case "-":
			return func(x []float64) float64 { return a(x) - b(x) }
		case "*":
			return func(x []float64) float64 { return a(x) * b(x) }
		case "/":
			return func(x []float64) float64 { return a(x) / b(x) }
		case "**":
			return func(x []float64) float64 { return math.Pow(a(x), b(x)) }
		case ">=":
			return func(x []float64) float64 {
				if a(x) >= b(x) {
					return 1
				}
				return 0
			}
		}
	case *eqn.Call:
		if f, ok := eqn.Scalar1(e.Fun); ok && len(e.Args) == 1 {
			a := m.compile(t, e.Args[0])
			return func(x []float64) float64 { return f(a(x)) }
		}
	}
	t.Fatalf("test evaluator: cannot evaluate %s", eqn.String(e))
	return nil
}

// newMachine compiles p; values holds every name the program reads that it
// does not assign (state, parameters, propagator entries); t starts at 0.
func newMachine(t testing.TB, p *Program, dt float64, values map[string]float64) *machine {
	t.Helper()
	m := &machine{slot: map[string]int{}}
	m.t, m.dt = m.index("t"), m.index("dt")
	m.vals[m.t], m.vals[m.dt] = 0, dt
	for name, v := range values {
		m.vals[m.index(name)] = v
	}
	for _, n := range p.Noise {
		m.noise = append(m.noise, m.index(n))
	}
	assigned := map[string]bool{}
	for _, a := range p.Stmts {
		for _, n := range eqn.Names(a.Expr) {
			if _, known := values[n]; !known && !assigned[n] && n != "t" && n != "dt" && !contains(p.Noise, n) {
				t.Fatalf("statement %s = %s reads %q, which is neither given nor assigned before", a.Name, eqn.String(a.Expr), n)
			}
		}
		m.stmts = append(m.stmts, step{m.index(a.Name), m.compile(t, a.Expr)})
		assigned[a.Name] = true
	}
	for _, u := range p.Updates {
		if !assigned[eqn.String(u.Expr)] {
			t.Fatalf("update %s = %s reads an unassigned temporary", u.Name, eqn.String(u.Expr))
		}
		m.updates = append(m.updates, step{m.index(u.Name), m.compile(t, u.Expr)})
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// run advances n steps, drawing the noise with draw (nil: no noise).
func (m *machine) run(n int, draw func() float64) {
	x := m.vals
	news := make([]float64, len(m.updates))
	for ; n > 0; n-- {
		for _, i := range m.noise {
			x[i] = draw()
		}
		for _, s := range m.stmts {
			x[s.dst] = s.f(x)
		}
		for k, u := range m.updates {
			news[k] = u.f(x)
		}
		for k, u := range m.updates {
			x[u.dst] = news[k]
		}
		x[m.t] += x[m.dt]
	}
}

func (m *machine) get(name string) float64 { return m.vals[m.slot[name]] }

func (m *machine) set(name string, v float64) { m.vals[m.index(name)] = v }

// program returns the program of a method, binding the propagator of
// "exact" for the given values and dt.
func program(t testing.TB, s System, method string, dt float64, values map[string]float64) (*Program, map[string]float64) {
	t.Helper()
	p, err := Integrate(s, method)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	vals := map[string]float64{}
	for k, v := range values {
		vals[k] = v
	}
	if p.Method == "exact" {
		_, c, err := ExactLinearProgram(s)
		if err != nil {
			t.Fatal(err)
		}
		l, err := c.Propagator(func(e eqn.Expr) (float64, error) {
			m := newMachine(t, &Program{}, dt, values)
			return m.compile(t, e)(m.vals), nil
		}, dt)
		if err != nil {
			t.Fatal(err)
		}
		for i := range s.Vars {
			for j := range s.Vars {
				vals[PropagatorName(i, j)] = l.P[i*l.N+j]
			}
			vals[InputName(i)] = l.Q[i]
		}
	}
	return p, vals
}

// listing prints a program as Brian2 prints abstract code: one statement a
// line, then the updates.
func listing(p *Program) string {
	var b strings.Builder
	for _, a := range p.Stmts {
		fmt.Fprintf(&b, "%s = %s\n", a.Name, eqn.String(a.Expr))
	}
	for _, a := range p.Updates {
		fmt.Fprintf(&b, "%s = %s\n", a.Name, eqn.String(a.Expr))
	}
	return b.String()
}
