package build

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/units"
)

// Resolve checks m and resolves every name and value; see the package doc.
// Files the model names (from_file connectors) are read relative to the
// model file's directory.
func Resolve(m *model.Model) (*Network, error) {
	return ResolveFS(m, nil)
}

// ResolveFS is Resolve with the files the model names read from files (for
// models embedded in the binary); nil means the model file's directory.
func ResolveFS(m *model.Model, files fs.FS) (*Network, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	ns, err := evalConstants(m)
	if err != nil {
		return nil, err
	}
	n := &Network{Model: m, Seed: m.Run.Seed, consts: map[string]float64{}, Warnings: ns.shadowed, files: files}
	if files == nil {
		n.files = os.DirFS(filepath.Dir(m.Source))
	}
	for name, q := range ns.values {
		n.consts[name] = q.Value
	}
	if n.DT, err = ns.scalar(m.Run.DT, units.Second); err != nil {
		return nil, err
	}
	if !(n.DT > 0) {
		return nil, errorAt(m.Run.DT.Pos, "dt = %q must be positive", m.Run.DT.Text)
	}
	if n.Duration, err = ns.scalar(m.Run.Duration, units.Second); err != nil {
		return nil, err
	}
	if n.Duration < 0 {
		return nil, errorAt(m.Run.Duration.Pos, "duration = %q must not be negative", m.Run.Duration.Text)
	}
	steps := math.Round(n.Duration / n.DT)
	if steps > 1<<40 {
		return nil, errorAt(m.Run.Duration.Pos, "duration / dt = %g steps is too many", steps)
	}
	n.Steps = int64(steps)
	if !m.Run.RecordFrom.IsZero() {
		t, err := ns.scalar(m.Run.RecordFrom, units.Second)
		if err != nil {
			return nil, err
		}
		if t < 0 || t > n.Duration {
			return nil, errorAt(m.Run.RecordFrom.Pos, "record_from = %q must lie between 0 and the duration", m.Run.RecordFrom.Text)
		}
		n.RecordFrom = int64(math.Round(t / n.DT))
	}
	if err := n.resolveGroups(ns); err != nil {
		return nil, err
	}
	if err := n.resolveProjections(ns); err != nil {
		return nil, err
	}
	if err := n.resolveMonitors(ns); err != nil {
		return nil, err
	}
	if err := n.resolveOutputs(ns); err != nil {
		return nil, err
	}
	return n, nil
}

func (n *Network) view(name string) (int, bool) {
	for i, v := range n.Views {
		if v.Name == name {
			return i, true
		}
	}
	return -1, false
}

func (n *Network) viewNames() string {
	var names []string
	for _, v := range n.Views {
		names = append(names, v.Name)
	}
	return strings.Join(names, ", ")
}

func (n *Network) resolveGroups(ns *namespace) error {
	m := n.Model
	for i := range m.Groups {
		g := &m.Groups[i]
		if g.Slice != "" {
			continue
		}
		size, err := ns.count(g.Size)
		if err != nil {
			return err
		}
		var spec *GroupSpec
		if g.Equations != "" {
			spec, err = n.equationGroup(ns, g, size)
		} else {
			spec, err = n.catalogGroup(ns, g, size)
		}
		if err != nil {
			return err
		}
		n.Groups = append(n.Groups, spec)
		n.Views = append(n.Views, View{Name: g.Name, Group: len(n.Groups) - 1, N: size})
	}
	for i := range m.Groups {
		g := &m.Groups[i]
		if g.Slice == "" {
			continue
		}
		v, err := n.parseSlice(ns, g)
		if err != nil {
			return err
		}
		n.Views = append(n.Views, v)
	}
	order := map[string]int{}
	for i, g := range m.Groups {
		order[g.Name] = i
	}
	sort.SliceStable(n.Views, func(a, b int) bool { return order[n.Views[a].Name] < order[n.Views[b].Name] })
	// Initial values in document order: root groups' first, then sub-groups'.
	for _, root := range []bool{true, false} {
		for i := range m.Groups {
			g := &m.Groups[i]
			if (g.Slice == "") != root {
				continue
			}
			vi, _ := n.view(g.Name)
			view := n.Views[vi]
			spec := n.Groups[view.Group]
			ns.cellVars = map[string]units.Dim{}
			for _, v := range spec.Vars {
				ns.cellVars[v.Name] = v.Dim
			}
			for _, p := range g.Init {
				sv, ok := spec.stateVar(p.Name)
				if !ok {
					return errorAt(p.Value.Pos, "%s has no state variable %q; valid: %s",
						spec.Kind, p.Name, orNone(spec.stateNames()))
				}
				d, err := ns.value(p.Value, sv.Dim)
				if err != nil {
					return err
				}
				spec.Inits = append(spec.Inits, initSpec{Var: p.Name, Start: view.Start, Count: view.N, Value: d})
			}
			for _, f := range g.InitFiles {
				d, err := n.initFile(f, spec, view)
				if err != nil {
					return err
				}
				spec.Inits = append(spec.Inits, initSpec{Var: f.Var, Start: view.Start, Count: view.N, Value: d})
			}
			ns.cellVars = nil
		}
	}
	return nil
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (n *Network) resolveProjections(ns *namespace) error {
	m := n.Model
	for i := range m.Projections {
		p := &m.Projections[i]
		pre, ok := n.view(p.Pre)
		if !ok {
			return errorAt(p.Pos, "projection %q: unknown pre group %q; valid: %s", p.Name, p.Pre, n.viewNames())
		}
		post, ok := n.view(p.Post)
		if !ok {
			return errorAt(p.Pos, "projection %q: unknown post group %q; valid: %s", p.Name, p.Post, n.viewNames())
		}
		stp := p.Synapse == "TsodyksMarkramSynapse"
		equations := p.OnPre != "" || p.OnPost != "" || p.Eqs != ""
		if !equations && ((len(p.Params) > 0 && !stp) || (p.Synapse != "" && p.Synapse != "StaticSynapse" && !stp)) {
			return errorAt(p.Pos, "projection %q: unknown synapse %q; Volley has StaticSynapse, TsodyksMarkramSynapse "+
				"and equation-defined synapses (equations, on_pre, on_post)", p.Name, p.Synapse)
		}
		spec := &ProjectionSpec{Name: p.Name, Pre: pre, Post: post, ID: rng.Hash(p.Name), Pos: p.Pos}
		if equations {
			if err := n.resolveEquationProjection(ns, p, spec); err != nil {
				return err
			}
			n.Projections = append(n.Projections, spec)
			continue
		}
		if err := n.resolveTarget(p, spec); err != nil {
			return err
		}
		if stp {
			var err error
			if spec.stp, err = n.resolveSTP(ns, p, spec); err != nil {
				return err
			}
		}
		in := n.Inputs[spec.Input]
		sv, _ := n.Groups[in.Group].stateVar(in.Name)
		var err error
		if spec.Weight, err = n.weight(ns, p, sv.Dim); err != nil {
			return err
		}
		if err := spec.checkSign(spec.Weight, p.Weight.Pos); err != nil {
			return err
		}
		if spec.Delay, err = n.delay(ns, p); err != nil {
			return err
		}
		if err := n.resolveConnector(ns, p, spec, sv.Dim); err != nil {
			return err
		}
		n.Projections = append(n.Projections, spec)
	}
	return n.checkPreReads()
}

// resolveEquationProjection resolves a projection of equation-defined
// synapses: its model, delay and connector. It has no input ring: on_pre
// writes into the post cells when a spike arrives.
func (n *Network) resolveEquationProjection(ns *namespace, p *model.Projection, spec *ProjectionSpec) error {
	var err error
	spec.Input = -1
	spec.target = "its on_pre statements"
	if spec.syn, err = n.resolveSynapseModel(ns, p, spec); err != nil {
		return err
	}
	if spec.Delay, err = n.delay(ns, p); err != nil {
		return err
	}
	// a list's weight column sets the synaptic variable w (Brian2's name)
	wdim, k := units.Dimensionless, spec.syn.varIndex("w")
	if k >= 0 {
		wdim = spec.syn.vars[k].Dim
	}
	if err := n.resolveConnector(ns, p, spec, wdim); err != nil {
		return err
	}
	if spec.ListWeights != nil {
		if k < 0 {
			return errorAt(p.Connector.Pos, "projection %q: the connection list has a weight column, which sets the synaptic variable w; "+
				"the synapse's equations have no w (declare \"w : <unit>\", or give the list without weights)", p.Name)
		}
		for _, in := range spec.syn.inits {
			if in.Var == "w" {
				return errorAt(in.Pos, "projection %q: w is set both by params and by the connection list's weight column", p.Name)
			}
		}
	}
	return nil
}

// resolveTarget finds the postsynaptic variable of a projection from its
// receptor or target and registers it as an input.
func (n *Network) resolveTarget(p *model.Projection, spec *ProjectionSpec) error {
	post := n.Views[spec.Post]
	g := n.Groups[post.Group]
	if g.Source {
		return errorAt(p.Pos, "projection %q: post group %q is a %s, which takes no synaptic input", p.Name, p.Post, g.Kind)
	}
	var name string
	switch {
	case p.Target != "":
		if _, ok := g.stateVar(p.Target); !ok {
			return errorAt(p.Pos, "projection %q: %s has no state variable %q; valid: %s",
				p.Name, g.Kind, p.Target, strings.Join(g.stateNames(), ", "))
		}
		name = p.Target
		spec.target = p.Target
	default:
		rec := p.Receptor
		if rec == "" {
			rec = "excitatory"
		}
		v, ok := g.receptor(rec)
		if !ok {
			if len(g.Receptors) == 0 {
				return errorAt(p.Pos, "projection %q: group %q is defined by equations and has no receptors; "+
					"name the variable the weight is added to with target (e.g. target = \"ge\")", p.Name, p.Post)
			}
			return errorAt(p.Pos, "projection %q: %s has no receptor %q", p.Name, g.Kind, rec)
		}
		name = v
		spec.target = rec
		// PyNN: conductances and excitatory currents are positive, inhibitory currents negative.
		sv, _ := g.stateVar(v)
		switch {
		case sv.Dim == units.Siemens || rec == "excitatory":
			spec.sign = 1
		default:
			spec.sign = -1
		}
	}
	for i, in := range n.Inputs {
		if in.Group == post.Group && in.Name == name {
			spec.Input = i
			return nil
		}
	}
	n.Inputs = append(n.Inputs, Input{Group: post.Group, Name: name})
	spec.Input = len(n.Inputs) - 1
	return nil
}

// checkSign applies PyNN's sign rule for weights of catalog receptors.
func (p *ProjectionSpec) checkSign(d dist, pos model.Pos) error {
	if p.sign == 0 {
		return nil
	}
	lo, hi := d.c, d.c
	switch d.kind {
	case "uniform", "":
		if d.kind == "uniform" {
			lo, hi = d.args[0], d.args[1]
		}
	case "normal_clipped", "normal_clipped_to_boundary":
		lo, hi = d.args[2], d.args[3]
	case "exponential":
		lo, hi = 0, math.Inf(1)
	default: // unbounded: checked per drawn weight at compile time
		return nil
	}
	if p.sign > 0 && lo < 0 {
		return errorAt(pos, "projection %q: weights onto %s must be >= 0 (PyNN's rule for conductances and excitatory currents), got %q",
			p.Name, p.target, d.text)
	}
	if p.sign < 0 && hi > 0 {
		return errorAt(pos, "projection %q: weights onto an inhibitory current receptor must be <= 0 (PyNN's rule), got %q",
			p.Name, d.text)
	}
	return nil
}

func (n *Network) weight(ns *namespace, p *model.Projection, want units.Dim) (dist, error) {
	if p.Weight.IsZero() {
		if p.Connector.Rule == "from_list" || p.Connector.Rule == "from_file" {
			return dist{}, nil
		}
		return dist{}, errorAt(p.Pos, "projection %q: weight is missing (e.g. weight = \"%s\")", p.Name, "1 "+exampleUnit(want))
	}
	return ns.synapseValue(p.Weight, want)
}

func (n *Network) delay(ns *namespace, p *model.Projection) (dist, error) {
	if p.Delay.IsZero() {
		if p.OnPre != "" || p.OnPost != "" || p.Eqs != "" {
			return dist{c: 0, text: "0 ms"}, nil // Brian2's default for Synapses
		}
		return dist{c: n.DT, text: "dt"}, nil
	}
	d, err := ns.synapseValue(p.Delay, units.Second)
	if err != nil {
		return dist{}, err
	}
	if d.constant() {
		if _, warn, err := delaySteps(d.c, n.DT); err != nil {
			return dist{}, errorAt(p.Delay.Pos, "projection %q: %v", p.Name, err)
		} else if warn != "" {
			n.Warnings = append(n.Warnings, fmt.Sprintf("%s: projection %q: %s", posString(p.Delay.Pos), p.Name, warn))
		}
	}
	return d, nil
}

// delaySteps converts a delay to whole steps (design §3).
func delaySteps(d, dt float64) (steps int32, warn string, err error) {
	if d < 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return 0, "", fmt.Errorf("delay %g ms must be a finite time >= 0", d*1e3)
	}
	if d > 0 && d < dt*(1-1e-9) {
		return 0, "", fmt.Errorf("delay %g ms is shorter than one time step (dt = %g ms); use 0 or at least dt", d*1e3, dt*1e3)
	}
	s := math.Round(d / dt)
	if s > math.MaxInt32/2 {
		return 0, "", fmt.Errorf("delay %g ms is too long for dt = %g ms", d*1e3, dt*1e3)
	}
	if got := float64(s * dt); d > 0 && math.Abs(got-d) > 0.01*d { // float64: no fused multiply-add
		warn = fmt.Sprintf("delay %.6g ms is rounded to %.6g ms (%d steps of dt = %.6g ms)", d*1e3, got*1e3, int(s), dt*1e3)
	}
	return int32(s), warn, nil
}

func posString(p model.Pos) string {
	if p.File == "" {
		return p.Key
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Key)
}

func (n *Network) resolveConnector(ns *namespace, p *model.Projection, spec *ProjectionSpec, wdim units.Dim) error {
	c := &p.Connector
	pre, post := n.Views[spec.Pre], n.Views[spec.Post]
	cs := connect.Spec{AllowSelf: c.AllowSelfConnections == nil || *c.AllowSelfConnections,
		WithReplacement: c.WithReplacement,
		SameRoot:        pre.Group == post.Group, PreOffset: pre.Start, PostOffset: post.Start}
	overlap := 0
	if cs.SameRoot {
		overlap = max(0, min(pre.Start+pre.N, post.Start+post.N)-max(pre.Start, post.Start))
	}
	selfPairs := float64(overlap)
	if cs.AllowSelf {
		selfPairs = 0
	}
	if c.Condition != "" {
		cond, err := ns.connectCondition(c)
		if err != nil {
			return err
		}
		spec.condition, spec.conditionSrc = cond, c.Condition
	}
	npre, npost := float64(pre.N), float64(post.N)
	switch c.Rule {
	case "fixed_probability":
		pd, err := ns.synapseValue(c.P, units.Dimensionless)
		if err != nil {
			return err
		}
		if pd.kind == "expr" {
			// p depends on i and j: drawn pair by pair (see probabilityRows).
			cs.Rule, spec.pExpr = connect.AllToAll, pd
			spec.Expected = n.expectedPairs(spec, pd, pre, post)
			break
		}
		prob := pd.c
		if !(prob >= 0 && prob <= 1) {
			return errorAt(c.P.Pos, "projection %q: connection probability p = %s is outside [0, 1]", p.Name, c.P.Text)
		}
		cs.Rule, cs.P = connect.FixedProbability, prob
		spec.Expected = prob * (float64(npre*npost) - selfPairs) // float64: no fused multiply-add
	case "all_to_all":
		cs.Rule = connect.AllToAll
		spec.Expected = float64(npre*npost) - selfPairs
	case "one_to_one":
		if pre.N != post.N {
			return errorAt(c.Pos, "projection %q: one_to_one needs groups of equal size, got %d and %d", p.Name, pre.N, post.N)
		}
		cs.Rule = connect.OneToOne
		spec.Expected = npre
		if !cs.AllowSelf && cs.SameRoot && pre.Start == post.Start {
			spec.Expected = 0
		}
	case "fixed_number_pre", "fixed_number_post":
		k, err := ns.count(c.N)
		if err != nil {
			return err
		}
		cs.N = k
		cs.Rule = connect.FixedNumberPre
		spec.Expected = float64(k) * npost
		if c.Rule == "fixed_number_post" {
			cs.Rule = connect.FixedNumberPost
			spec.Expected = float64(k) * npre
		}
	case "from_list", "from_file":
		rows := c.List
		if c.Rule == "from_file" {
			var err error
			var value *float64
			if !c.Value.IsZero() {
				v, err := ns.scalar(c.Value, units.Dimensionless)
				if err != nil {
					return err
				}
				value = &v
			}
			if rows, err = n.readList(c.File, pre, post, value); err != nil {
				return errorAt(c.Pos, "projection %q: %v", p.Name, err)
			}
		}
		if err := spec.fromList(rows, pre.N, post.N, wdim, p.Weight.IsZero() && spec.syn == nil); err != nil {
			return errorAt(c.Pos, "projection %q: %v", p.Name, err)
		}
		cs.Rule, cs.Pairs = connect.FromList, spec.Conn.Pairs
		spec.Expected = float64(len(rows))
	default:
		return errorAt(c.Pos, "projection %q: unknown connector %q; valid: all_to_all, fixed_number_post, fixed_number_pre, fixed_probability, from_file, from_list, one_to_one", p.Name, c.Rule)
	}
	spec.Conn = cs
	spec.Rule = c.Rule
	return nil
}

// fromList takes (pre, post[, weight, delay]) rows with weights in the PyNN unit
// of the target dimension and delays in ms.
func (p *ProjectionSpec) fromList(rows [][]float64, npre, npost int, wdim units.Dim, needWeights bool) error {
	wunit := pynnUnit(wdim)
	var pairs [][2]int32
	for r, row := range rows {
		if len(row) != 2 && len(row) != 4 && len(row) != 3 {
			return fmt.Errorf("connection %d has %d columns; want [i, j], [i, j, weight] or [i, j, weight, delay]", r, len(row))
		}
		if len(row) != len(rows[0]) {
			return fmt.Errorf("connection %d has %d columns and connection 0 has %d; every connection needs the same columns", r, len(row), len(rows[0]))
		}
		i, j := row[0], row[1]
		if i != math.Trunc(i) || j != math.Trunc(j) || i < 0 || j < 0 || i >= float64(npre) || j >= float64(npost) {
			return fmt.Errorf("connection %d: (%g, %g) is not a pair of cells of %d pre and %d post cells", r, i, j, npre, npost)
		}
		pairs = append(pairs, [2]int32{int32(i), int32(j)})
		if len(row) >= 3 {
			p.ListWeights = append(p.ListWeights, row[2]*wunit.Value)
		}
		if len(row) == 4 {
			p.ListDelays = append(p.ListDelays, row[3]*1e-3)
		}
	}
	if len(p.ListWeights) != 0 && len(p.ListWeights) != len(rows) {
		return fmt.Errorf("some connections have a weight and some do not")
	}
	if needWeights && p.ListWeights == nil && len(rows) > 0 {
		return fmt.Errorf("weight is missing: give weight = ... or a weight column")
	}
	p.Conn.Pairs = pairs
	return nil
}

// pynnUnit is the unit PyNN uses for weights of a dimension.
func pynnUnit(d units.Dim) units.Quantity {
	for _, u := range []string{"nA", "uS", "mV"} {
		if q, ok := units.Lookup(u); ok && q.Dim == d {
			return q
		}
	}
	return units.Quantity{Value: 1, Dim: d}
}

func (n *Network) resolveMonitors(ns *namespace) error {
	m := n.Model
	for _, name := range m.Monitors.Spikes {
		v, ok := n.view(name)
		if !ok {
			return errorAt(model.Pos{File: m.Source, Key: "monitors.spikes"}, "unknown group %q; valid: %s", name, n.viewNames())
		}
		n.Spikes = append(n.Spikes, v)
	}
	for _, sm := range m.Monitors.State {
		v, ok := n.view(sm.Group)
		if !ok {
			return errorAt(sm.Pos, "state monitor %q: unknown group %q; valid: %s", sm.Name, sm.Group, n.viewNames())
		}
		view := n.Views[v]
		g := n.Groups[view.Group]
		for _, name := range sm.Vars {
			if _, ok := g.stateVar(name); !ok {
				return errorAt(sm.Pos, "state monitor %q: %s has no state variable %q; valid: %s",
					sm.Name, g.Kind, name, orNone(g.stateNames()))
			}
		}
		idx := sm.Indices
		if idx == nil {
			idx = make([]int, view.N)
			for i := range idx {
				idx[i] = i
			}
		}
		idx = append([]int(nil), idx...)
		sort.Ints(idx)
		for k, i := range idx {
			if i < 0 || i >= view.N {
				return errorAt(sm.Pos, "state monitor %q: index %d is outside group %q of %d cells", sm.Name, i, sm.Group, view.N)
			}
			if k > 0 && idx[k-1] == i {
				return errorAt(sm.Pos, "state monitor %q: index %d is given twice", sm.Name, i)
			}
		}
		every, err := n.steps(ns, sm.Every, "state monitor "+strconv.Quote(sm.Name)+": every")
		if err != nil {
			return err
		}
		n.Monitors = append(n.Monitors, MonitorSpec{Name: sm.Name, View: v, Vars: sm.Vars, Indices: idx, Every: every})
	}
	for _, rm := range m.Monitors.Rate {
		v, _ := n.view(rm.Group)
		bin, err := n.steps(ns, rm.Bin, "rate monitor "+strconv.Quote(rm.Name)+": bin")
		if err != nil {
			return err
		}
		n.Rates = append(n.Rates, RateMonitor{Name: rm.Name, View: v, Bin: bin})
	}
	for _, sm := range m.Monitors.Synapses {
		p := slices.IndexFunc(n.Projections, func(p *ProjectionSpec) bool { return p.Name == sm.Projection })
		switch ps := n.Projections[p]; {
		case ps.syn != nil:
			if ps.syn.varIndex(sm.Var) < 0 {
				return errorAt(sm.Pos, "synapse monitor %q: projection %q has no synaptic variable %q; variables: %s",
					sm.Name, sm.Projection, sm.Var, orNone(ps.syn.varNames()))
			}
		case ps.stp == nil:
			return errorAt(sm.Pos, "synapse monitor %q: projection %q has static synapses; only TsodyksMarkramSynapse and equation-defined synapses have variables",
				sm.Name, sm.Projection)
		}
		every, err := n.steps(ns, sm.Every, "synapse monitor "+strconv.Quote(sm.Name)+": every")
		if err != nil {
			return err
		}
		n.SynapseMonitors = append(n.SynapseMonitors, SynapseMonitor{Name: sm.Name, Projection: p, Var: sm.Var, Every: every})
	}
	return nil
}

// steps converts an interval to a whole number of steps, one if not given.
func (n *Network) steps(ns *namespace, v model.Value, what string) (int64, error) {
	if v.IsZero() {
		return 1, nil
	}
	x, err := ns.scalar(v, units.Second)
	if err != nil {
		return 0, err
	}
	k := int64(math.Round(x / n.DT))
	if k < 1 || math.Abs(float64(float64(k)*n.DT)-x) > 1e-6*x { // float64: no fused multiply-add
		return 0, errorAt(v.Pos, "%s = %q must be a whole number of steps of dt", what, v.Text)
	}
	return k, nil
}

func (n *Network) resolveOutputs(ns *namespace) error {
	o := n.Model.Outputs
	var err error
	if !o.RasterTMax.IsZero() {
		if n.Outputs.RasterTMax, err = ns.scalar(o.RasterTMax, units.Second); err != nil {
			return err
		}
	}
	if !o.TraceTMax.IsZero() {
		if n.Outputs.TraceTMax, err = ns.scalar(o.TraceTMax, units.Second); err != nil {
			return err
		}
	}
	if c := o.Connectivity; c != nil {
		v, _ := n.view(c.Group)
		if n.Groups[n.Views[v].Group].Name != c.Group {
			return errorAt(c.Pos, "outputs.connectivity: %q is a sub-group; name its root group", c.Group)
		}
		out := &n.Outputs.Connectivity
		out.File, out.Group, out.Values = c.File, n.Views[v].Group, map[int]float64{}
		for _, p := range c.Values {
			x, err := ns.scalar(p.Value, units.Dimensionless)
			if err != nil {
				return err
			}
			for k, pr := range n.Projections {
				if pr.Name != p.Name {
					continue
				}
				if n.Views[pr.Pre].Group != out.Group || n.Views[pr.Post].Group != out.Group {
					return errorAt(p.Value.Pos, "outputs.connectivity: projection %q does not connect cells of group %q", p.Name, c.Group)
				}
				out.Values[k] = x
			}
		}
	}
	if s := o.SpikeTrains; s != nil {
		v, _ := n.view(s.Group)
		n.Outputs.SpikeTrains.File, n.Outputs.SpikeTrains.View = s.File, v
		recorded := false
		for _, sv := range n.Spikes {
			// the engine records every cell of a root group with a monitored view
			recorded = recorded || n.Views[sv].Group == n.Views[v].Group
		}
		if !recorded {
			return errorAt(s.Pos, "outputs.spike_trains: the spikes of %q are not recorded; add it to monitors.spikes", s.Group)
		}
	}
	for _, name := range o.Synapses {
		n.Outputs.Synapses = append(n.Outputs.Synapses, slices.IndexFunc(n.Projections, func(p *ProjectionSpec) bool { return p.Name == name }))
	}
	if f := o.Figure; f != nil {
		if err := n.resolveFigure(ns, f); err != nil {
			return err
		}
	}
	return nil
}

// resolveFigure resolves the stacked figure's times, limits and monitor.
func (n *Network) resolveFigure(ns *namespace, f *model.FigureOutput) error {
	out := &n.Outputs.Figure
	out.File, out.Synapses = f.File, -1
	var err error
	if !f.InsetStart.IsZero() {
		if out.InsetStart, err = ns.scalar(f.InsetStart, units.Second); err != nil {
			return err
		}
		if out.InsetEnd, err = ns.scalar(f.InsetEnd, units.Second); err != nil {
			return err
		}
		if !(out.InsetEnd > out.InsetStart) {
			return errorAt(f.InsetEnd.Pos, "outputs.figure: inset_end %g ms is not after inset_start %g ms", out.InsetEnd*1e3, out.InsetStart*1e3)
		}
	}
	if !f.ActivityMax.IsZero() {
		if out.ActivityMax, err = ns.scalar(f.ActivityMax, units.Dimensionless); err != nil {
			return err
		}
	}
	bin := int64(0)
	for _, r := range n.Rates {
		if bin != 0 && r.Bin != bin {
			return errorAt(f.Pos, "outputs.figure: the rate monitors have different bins; the activity panel adds them up bin by bin")
		}
		bin = r.Bin
	}
	if f.Synapses != "" {
		out.Synapses = slices.IndexFunc(n.SynapseMonitors, func(m SynapseMonitor) bool { return m.Name == f.Synapses })
		if !f.SynapsesMin.IsZero() {
			if out.SynapsesMin, err = ns.scalar(f.SynapsesMin, units.Dimensionless); err != nil {
				return err
			}
			if out.SynapsesMax, err = ns.scalar(f.SynapsesMax, units.Dimensionless); err != nil {
				return err
			}
			out.SynapsesRange = true
		}
	}
	return nil
}
