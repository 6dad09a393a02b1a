package build

import (
	"errors"
	"fmt"
	"strings"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/units"
)

// synVarKind says how a synaptic variable changes.
type synVarKind int

const (
	synParam synVarKind = iota // "w : siemens": changed only by statements
	synClock                   // integrated every step
	synEvent                   // integrated over the interval since the last event, at events
)

// synVar is a per-synapse variable of an equation-defined synapse.
type synVar struct {
	Name string
	Dim  units.Dim
	Kind synVarKind
}

// summedSpec is a "(summed)" line: the postsynaptic variable Target is set
// every step to the sum of Expr over the synapses of each post cell.
type summedSpec struct {
	Target string // a variable of the post group
	Expr   eqn.Expr
	Src    string
}

// synModelSpec is the resolved model of an equation-defined synapse
// (Brian2's Synapses with model, on_pre and on_post).
type synModelSpec struct {
	vars         []synVar
	clock, event *integrate.LinearCoefficients
	// clockProg integrates clock-driven equations that are not linear with
	// constant coefficients (euler by default, as Brian2); clock is then nil
	clockProg     *integrate.Program
	clockSystem   integrate.System
	written       map[string]bool // variables that on_pre or on_post assign
	onPre, onPost []eqn.Statement // subexpressions inlined
	onPreSrc      string
	onPostSrc     string
	summed        []summedSpec
	inits         []synInit // from params, in document order
	pre, post     *GroupSpec
	postView      View
}

// synInit sets a synaptic variable of every synapse.
type synInit struct {
	Var   string
	Value dist
	Pos   model.Pos
}

func (s *synModelSpec) varIndex(name string) int {
	for i, v := range s.vars {
		if v.Name == name {
			return i
		}
	}
	return -1
}

// synapseNames are the special names of synaptic expressions and their
// dimensions: i and j are the pre- and postsynaptic cells within their
// groups, lastupdate the time of the synapse's last event.
func synapseSpecial(name string) (units.Dim, bool) {
	switch name {
	case "i", "j", "N_pre", "N_post", "N":
		return units.Dimensionless, true
	case "t", "dt", "lastupdate":
		return units.Second, true
	}
	return units.Dim{}, false
}

// resolveSynapseModel resolves the equations, on_pre and on_post of an
// equation-defined projection. Synaptic differential equations must be
// linear with coefficients made of synaptic parameters and constants: they
// are integrated exactly, clock-driven ones every step and event-driven ones
// over the interval since the synapse's last event.
func (n *Network) resolveSynapseModel(ns *namespace, p *model.Projection, spec *ProjectionSpec) (*synModelSpec, error) {
	eqPos := subPos(p.Pos, "equations")
	if p.Weight.Text != "" || p.Receptor != "" || p.Target != "" {
		return nil, errorAt(p.Pos, "projection %q: an equation-defined synapse writes to its post cells in on_pre "+
			"(\"ge_post += w\") or with a (summed) variable; give the weight as a synaptic parameter in params, not weight, receptor or target", p.Name)
	}
	if p.Eqs == "" && p.OnPre == "" {
		return nil, errorAt(p.Pos, "projection %q: an equation-defined synapse needs on_pre or equations with a (summed) variable", p.Name)
	}
	post, pre := n.Views[spec.Post], n.Views[spec.Pre]
	m := &synModelSpec{pre: n.Groups[pre.Group], post: n.Groups[post.Group], postView: post,
		onPreSrc: p.OnPre, onPostSrc: p.OnPost}
	if m.post.Source {
		return nil, errorAt(p.Pos, "projection %q: post group %q is a %s, which takes no synaptic input", p.Name, p.Post, m.post.Kind)
	}
	eqs, err := eqn.ParseEquations(p.Eqs)
	if err != nil {
		return nil, wrapAt(eqPos, err)
	}
	own := map[string]units.Dim{}
	subexpr := map[string]eqn.Expr{}
	for _, e := range eqs.Eqs {
		if _, clash := ns.values[e.Var]; clash {
			return nil, errorAt(eqPos, "projection %q: variable %q has the name of a constant of the model; rename one of them", p.Name, e.Var)
		}
		if _, special := synapseSpecial(e.Var); special {
			return nil, errorAt(eqPos, "projection %q: %q is a reserved name (i, j, N_pre, N_post, N, t, dt, lastupdate)", p.Name, e.Var)
		}
		if e.Has("summed") {
			continue
		}
		own[e.Var] = e.Dim
		switch e.Kind {
		case eqn.Subexpression:
			subexpr[e.Var] = e.Expr
		case eqn.Parameter:
			m.vars = append(m.vars, synVar{Name: e.Var, Dim: e.Dim, Kind: synParam})
		case eqn.Differential:
			kind := synClock
			if e.Has("event-driven") {
				kind = synEvent
			}
			m.vars = append(m.vars, synVar{Name: e.Var, Dim: e.Dim, Kind: kind})
		}
	}
	dimOf := func(name string) (units.Dim, bool) {
		if d, ok := own[name]; ok {
			return d, true
		}
		if d, ok := synapseSpecial(name); ok {
			return d, true
		}
		if q, ok := ns.values[name]; ok {
			return q.Dim, true
		}
		if g, base, _, ok := m.cellVar(name); ok {
			v, _ := g.stateVar(base)
			return v.Dim, true
		}
		return units.Dim{}, false
	}
	if err := eqs.Check(dimOf); err != nil {
		return nil, wrapAt(eqPos, err)
	}
	inl, err := eqs.Inline()
	if err != nil {
		return nil, wrapAt(eqPos, err)
	}
	var clock, event integrate.System
	clock.Noise = inl.Noise()
	for _, e := range inl.Eqs {
		switch {
		case e.Has("summed"):
			if err := m.addSummed(n, p, e, subexpr); err != nil {
				return nil, err
			}
		case e.Kind == eqn.Differential && e.Has("event-driven"):
			event.Vars, event.RHS = append(event.Vars, e.Var), append(event.RHS, e.Expr)
		case e.Kind == eqn.Differential:
			clock.Vars, clock.RHS = append(clock.Vars, e.Var), append(clock.RHS, e.Expr)
		}
	}
	// parameters that statements change are not constant coefficients
	m.written = map[string]bool{}
	for _, src := range []string{p.OnPre, p.OnPost} {
		if sts, err := eqn.ParseStatements(src); err == nil {
			for _, st := range sts {
				m.written[st.Var] = true
			}
		}
	}
	if err := m.clockMethod(clock, p.Method, own); err != nil {
		return nil, errorAt(eqPos, "projection %q: %v", p.Name, err)
	}
	if m.event, err = m.linear(event, "event-driven", own); err != nil {
		return nil, errorAt(eqPos, "projection %q: %v", p.Name, err)
	}
	if m.onPre, err = m.statements(p.OnPre, subPos(p.Pos, "on_pre"), subexpr, dimOf); err != nil {
		return nil, err
	}
	if m.onPost, err = m.statements(p.OnPost, subPos(p.Pos, "on_post"), subexpr, dimOf); err != nil {
		return nil, err
	}
	for _, prm := range p.Params {
		k := m.varIndex(prm.Name)
		if k < 0 {
			return nil, errorAt(prm.Value.Pos, "projection %q: %q is not a variable of the synapse's equations; variables: %s",
				p.Name, prm.Name, orNone(m.varNames()))
		}
		d, err := ns.synapseValue(prm.Value, m.vars[k].Dim)
		if err != nil {
			return nil, err
		}
		m.inits = append(m.inits, synInit{Var: prm.Name, Value: d, Pos: prm.Value.Pos})
	}
	return m, nil
}

func (m *synModelSpec) varNames() []string {
	names := make([]string, len(m.vars))
	for i, v := range m.vars {
		names[i] = v.Name
	}
	return names
}

// cellVar finds a variable of the pre or post cells: x_pre, x_post, or x of
// the post group without suffix (as Brian2 allows).
func (m *synModelSpec) cellVar(name string) (g *GroupSpec, base string, pre, ok bool) {
	if base, ok := strings.CutSuffix(name, "_pre"); ok {
		if _, ok := m.pre.stateVar(base); ok {
			return m.pre, base, true, true
		}
	}
	if base, ok := strings.CutSuffix(name, "_post"); ok {
		if _, ok := m.post.stateVar(base); ok {
			return m.post, base, false, true
		}
	}
	if _, ok := m.post.stateVar(name); ok {
		return m.post, name, false, true
	}
	return nil, "", false, false
}

// addSummed checks a "(summed)" line: its name is a variable of the post
// group with _post, which must be a parameter there (the sum replaces its
// value every step).
func (m *synModelSpec) addSummed(n *Network, p *model.Projection, e eqn.Equation, subexpr map[string]eqn.Expr) error {
	pos := subPos(p.Pos, "equations")
	base, ok := strings.CutSuffix(e.Var, "_post")
	if !ok {
		return errorAt(pos, "projection %q: the summed variable %q must name a postsynaptic variable with _post (Brian2's \"x_post = ... : unit (summed)\")", p.Name, e.Var)
	}
	v, ok := m.post.stateVar(base)
	if !ok {
		return errorAt(pos, "projection %q: summed variable %q: the post group %q has no variable %q; variables: %s",
			p.Name, e.Var, m.post.Name, base, strings.Join(m.post.stateNames(), ", "))
	}
	if !v.Parameter {
		return errorAt(pos, "projection %q: summed variable %q: %q of group %q must be a parameter (a line \"%s : %s\"), since the sum replaces it every step",
			p.Name, e.Var, base, m.post.Name, base, dimName(v.Dim))
	}
	if v.Dim != e.Dim {
		return errorAt(pos, "projection %q: summed variable %q has dimension %s, the post variable %s", p.Name, e.Var, dimName(e.Dim), dimName(v.Dim))
	}
	for _, other := range n.summedTargets {
		lo, hi := m.postView.Start, m.postView.Start+m.postView.N
		if other.group == m.post.Name && other.name == base && lo < other.hi && other.lo < hi {
			return errorAt(pos, "projection %q: %q of cells of group %q is already the target of a summed variable of projection %q; Brian2 refuses this too: sum into separate variables",
				p.Name, base, m.post.Name, other.projection)
		}
	}
	n.summedTargets = append(n.summedTargets, summedTarget{group: m.post.Name, name: base, projection: p.Name,
		lo: m.postView.Start, hi: m.postView.Start + m.postView.N})
	m.summed = append(m.summed, summedSpec{Target: base, Expr: inlineAll(e.Expr, subexpr), Src: eqn.String(e.Expr)})
	return nil
}

// writtenCoefficientError is a linear synaptic system whose coefficient is
// a parameter that statements change.
type writtenCoefficientError struct{ msg string }

func (e *writtenCoefficientError) Error() string { return e.msg }

// readLater reports whether a statement of sts reads name.
func readLater(sts []eqn.Statement, name string) bool {
	for _, st := range sts {
		if eqn.DependsOn(st.Expr, name) {
			return true
		}
	}
	return false
}

// summedTarget is a post variable that a summed variable writes.
type summedTarget struct {
	group, name, projection string
	lo, hi                  int // the cells of the root group it sums into
}

// clockMethod chooses how clock-driven equations are integrated: exactly
// when they are linear with coefficients of synaptic parameters and
// constants, otherwise with the method named, or Brian2's next default
// (euler; heun and noise are not supported in synapses).
func (m *synModelSpec) clockMethod(sys integrate.System, method string, own map[string]units.Dim) error {
	if len(sys.Vars) == 0 {
		if method != "" {
			return fmt.Errorf("method %q given, but the synapses have no clock-driven equations", method)
		}
		return nil
	}
	if len(sys.Noise) > 0 {
		return fmt.Errorf("noise in synaptic equations is not supported yet")
	}
	name := strings.ToLower(method)
	if name == "" || name == "exact" || name == "linear" {
		c, err := m.linear(sys, "clock-driven", own)
		if err == nil {
			m.clock = c
			return nil
		}
		var wc *writtenCoefficientError
		if name != "" || errors.As(err, &wc) {
			return err
		}
		name = "euler"
	}
	chosen, err := integrate.Choose(sys, name)
	if err != nil {
		return fmt.Errorf("clock-driven equations: %v", err)
	}
	if chosen == "exact" {
		return fmt.Errorf("clock-driven equations: exact integration needs coefficients of synaptic parameters and constants")
	}
	prog, err := integrate.Integrate(sys, chosen)
	if err != nil {
		return fmt.Errorf("clock-driven equations: %v", err)
	}
	m.clockProg, m.clockSystem = prog, sys
	return nil
}

// linear returns the coefficients of a synaptic system, which must be linear
// with coefficients of synaptic parameters and constants only.
func (m *synModelSpec) linear(sys integrate.System, what string, own map[string]units.Dim) (*integrate.LinearCoefficients, error) {
	if len(sys.Vars) == 0 {
		return nil, nil
	}
	c, err := integrate.ExactLinearCoefficients(sys)
	if err != nil {
		return nil, fmt.Errorf("%s equations: %v; Volley integrates synaptic equations exactly and needs them linear with constant coefficients", what, err)
	}
	for k, e := range append(append([]eqn.Expr(nil), c.A...), c.B...) {
		for _, name := range eqn.Names(e) {
			idx := m.varIndex(name)
			switch {
			case idx >= 0 && m.vars[idx].Kind == synParam && m.written[name]:
				return nil, &writtenCoefficientError{fmt.Sprintf("%s equations read %s, which on_pre or on_post changes, as a coefficient; "+
					"Volley solves them exactly only with constant coefficients (Brian2 re-solves them every step); "+
					"name an integration method (method = \"euler\", \"rk4\") for clock-driven equations", what, name)}
			case idx >= 0 && m.vars[idx].Kind == synParam:
				continue
			case idx >= 0:
				return nil, fmt.Errorf("%s equations couple to %s, which is integrated differently; make both clock-driven or both event-driven", what, name)
			}
			if _, ok := own[name]; ok {
				continue
			}
			if g, _, _, ok := m.cellVar(name); ok {
				return nil, fmt.Errorf("%s equation of %s reads %s, a variable of group %q; Volley needs synaptic equations with coefficients of synaptic parameters and constants",
					what, c.Vars[k%len(c.Vars)], name, g.Name)
			}
			if name == "t" || name == "lastupdate" {
				return nil, fmt.Errorf("%s equations depend on %s; Volley needs constant coefficients", what, name)
			}
		}
	}
	return c, nil
}

// statements parses on_pre or on_post and checks what each statement writes:
// a synaptic variable, a variable of the post cells (x_post), or a new name
// assigned with "=", which is a temporary that later statements of the block
// may read (Brian2's auxiliary variables).
func (m *synModelSpec) statements(src string, pos model.Pos, subexpr map[string]eqn.Expr, dimOf func(string) (units.Dim, bool)) ([]eqn.Statement, error) {
	if src == "" {
		return nil, nil
	}
	temps := map[string]units.Dim{}
	withTemps := func(name string) (units.Dim, bool) {
		if d, ok := temps[name]; ok {
			return d, true
		}
		return dimOf(name)
	}
	sts, err := eqn.ParseStatements(src)
	if err != nil {
		return nil, wrapAt(pos, err)
	}
	for i, st := range sts {
		_, known := withTemps(st.Var)
		_, isSub := subexpr[st.Var]
		if !known && !isSub && st.Op == "=" {
			if strings.HasSuffix(st.Var, "_pre") || strings.HasSuffix(st.Var, "_post") || !readLater(sts[i+1:], st.Var) {
				return nil, errorAt(pos, "statement %q assigns %q, which is not a synaptic or postsynaptic variable "+
					"(a new name is a temporary only if a later statement reads it)", st.String(), st.Var)
			}
			d, err := eqn.Dims(st.Expr, withTemps)
			if err != nil {
				return nil, wrapAt(pos, withSource(err, src))
			}
			temps[st.Var] = d
			sts[i].Expr = inlineAll(st.Expr, subexpr)
			continue
		}
		one, err := checkedStatements(pos.Key[strings.LastIndex(pos.Key, ".")+1:], st.String(), pos, subexpr, withTemps)
		if err != nil {
			return nil, err
		}
		sts[i].Expr = one[0].Expr
		if _, ok := temps[st.Var]; ok || m.varIndex(st.Var) >= 0 {
			continue
		}
		_, base, pre, ok := m.cellVar(st.Var)
		if !ok {
			return nil, errorAt(pos, "statement %q assigns %q, which is not a synaptic or postsynaptic variable", st.String(), st.Var)
		}
		if pre {
			return nil, errorAt(pos, "statement %q writes the presynaptic variable %s; Volley does not support writing presynaptic variables from synapses yet", st.String(), st.Var)
		}
		for _, s := range m.summed {
			if s.Target == base {
				return nil, errorAt(pos, "statement %q writes %s, which a summed variable replaces every step", st.String(), st.Var)
			}
		}
	}
	return sts, nil
}

// checkPreReads refuses a statement that reads a presynaptic variable which
// a synaptic statement writes into a post cell: the two run on different
// workers in the same phase, so the value read would depend on the threads.
func (n *Network) checkPreReads() error {
	written := map[[2]string]string{} // (root group, variable) -> projection
	for _, p := range n.Projections {
		m := p.syn
		if m == nil {
			continue
		}
		for _, st := range append(append([]eqn.Statement(nil), m.onPre...), m.onPost...) {
			if g, base, pre, ok := m.cellVar(st.Var); ok && !pre && m.varIndex(st.Var) < 0 {
				written[[2]string{g.Name, base}] = p.Name
			}
		}
	}
	for _, p := range n.Projections {
		m := p.syn
		if m == nil {
			continue
		}
		for _, st := range append(append([]eqn.Statement(nil), m.onPre...), m.onPost...) {
			for _, name := range eqn.Names(st.Expr) {
				g, base, pre, ok := m.cellVar(name)
				if !ok || !pre || m.varIndex(name) >= 0 {
					continue
				}
				if other, w := written[[2]string{g.Name, base}]; w {
					return errorAt(p.Pos, "projection %q: statement %q reads %s, which projection %q writes into post cells in the same phase; "+
						"the value read would depend on the number of threads (read a synaptic copy instead)", p.Name, st.String(), name, other)
				}
			}
		}
	}
	return nil
}
