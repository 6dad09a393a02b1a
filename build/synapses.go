package build

import (
	"fmt"
	"math"

	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/hugepage"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/kernel"
	"github.com/volleysim/volley/rng"
	"github.com/volleysim/volley/xmath"
)

// Synapses are equation-defined synapses at run time (Brian2's Synapses
// with model, on_pre and on_post). They are stored by postsynaptic cell, so
// the synapses of the cells a worker owns are one contiguous range: the
// worker owning a post cell integrates, sums and runs the statements of all
// its synapses, and no two workers write the same value.
//
// Every step, in Brian2's order: the summed variables are written into the
// post cells (before the cells' update, Brian2's order −1 in the groups
// slot), the clock-driven variables advance one step exactly, and after the
// thresholds on_pre runs for the synapses whose spike arrives and on_post for
// the synapses of cells that fired. Event-driven variables advance exactly
// over the interval since the synapse's last event before its statements
// run; a monitor reads them as stored, as Brian2's does.
type Synapses struct {
	N       int
	DT      float64
	PostPtr []int64 // the synapses of post cell c (within the view) are [PostPtr[c], PostPtr[c+1])
	Pre     []int32 // presynaptic cell of each synapse, within the pre view
	Post    []int32 // postsynaptic cell of each synapse, within the post view
	OfCSR   []int32 // position of the synapse at each CSR position

	Vars       []SynapseVar
	LastUpdate []int64 // step of each synapse's last event; 0 before the first, as in Brian2
	// ClockLast is, for Lazy synapses, the step through which each synapse's
	// clock-driven variables were advanced (-1: none); stepping them eagerly
	// would have run step n's update before on_pre at step n.
	ClockLast []int64

	// ReadsPre is set when on_pre or on_post read variables of the
	// presynaptic cells, which other workers own: the engine then runs the
	// statements between barriers, after every worker's input and before
	// any reset.
	ReadsPre bool

	// Lazy is set when no one reads the clock-driven variables between
	// events (every summed variable is folded, no monitor reads them): they
	// are then advanced exactly at events, like event-driven ones, which
	// gives the same values as stepping them.
	Lazy bool

	clock  *synPropagator
	prog   *synProgram // clock-driven equations that are not linear
	event  *synPropagator
	onPre  []synStmt
	onPost []synStmt
	summed []synSummed
	folds  []*synSummed // the summed variables kept as accumulators
}

// maxFolds bounds the summed variables of a projection kept as
// accumulators.
const maxFolds = 4

// SynapseVar is one per-synapse variable, in synapse order.
type SynapseVar struct {
	Name string
	Data []float64
}

// Var returns the values of the variable called name, or nil.
func (s *Synapses) Var(name string) []float64 {
	for _, v := range s.Vars {
		if v.Name == name {
			return v.Data
		}
	}
	return nil
}

// synPropagator advances a linear system x' = A·x + b exactly. The
// one-step propagator is shared when the coefficients are, per synapse
// otherwise; for the interval since the last event it is recomputed, with
// exponentials when the system is diagonal.
type synPropagator struct {
	vars   [][]float64 // the state arrays of the system's variables
	n      int
	dt     float64
	coef   [][]float64 // per coefficient (A row-major, then b): one shared value or per synapse
	diag   bool        // A has no off-diagonal term
	shared bool        // every coefficient is shared
	p, q   []float64   // one step: shared (n², n) or per synapse (N·n², N·n)

	// The eigen decomposition of triangular systems (see triangular): one
	// set shared, or per synapse; nil when the system is not triangular or
	// two coupled rates are too close, and a matrix exponential is used.
	tri          *triangular
	lam, v, vinv []float64
	small        []float64 // for m = 3, 4: what advanceSmall reads, per set (see packSmall)
	// powers[i], when eigenvalue i is the same for every synapse, holds
	// exp(λ_i·d·dt) for intervals of d steps (d < len)
	powers [][]float64

	zero []bool // A[i][j] and b[i] (after A) structurally 0

	chain *chain2 // the clock step of a chained two-variable system, or nil
}

// Synapse statements write through a ref: a synaptic array indexed by the
// synapse, or a cell array indexed by its pre- or postsynaptic cell.
type ref struct {
	data []float64
	idx  []int32 // nil: data[k]
	off  int
}

func (r ref) at(k int) *float64 {
	if r.idx == nil {
		return &r.data[k]
	}
	return &r.data[r.off+int(r.idx[k])]
}

// synStmt is one compiled statement.
type synStmt struct {
	target ref
	op     assignOp
	rhs    kernel.ScalarFn
}

// assignOp is the operator of a statement: =, +=, -=, *= or /=.
type assignOp uint8

const (
	assign assignOp = iota
	addAssign
	subAssign
	mulAssign
	divAssign
)

// parseAssign returns the assignOp of an operator of the statement
// language; false if it is none.
func parseAssign(op string) (assignOp, bool) {
	switch op {
	case "=":
		return assign, true
	case "+=":
		return addAssign, true
	case "-=":
		return subAssign, true
	case "*=":
		return mulAssign, true
	case "/=":
		return divAssign, true
	}
	return 0, false
}

// synSummed sets a post variable to the sum of an expression over each post
// cell's synapses.
type synSummed struct {
	target []float64 // the post group's array, from the view's start
	expr   kernel.ScalarFn
	// When the expression is a product of a constant and one or two
	// synaptic variables (A*y), the sum reads the arrays directly.
	c      float64
	arrays [][]float64

	// A folded sum c·Σ a·y over a variable y that only decays (dy/dt =
	// -y/tau, tau shared) is kept per post cell in acc: acc decays by decay
	// every step and takes c·a·Δy when a statement changes y, so the
	// synapses need not be visited every step.
	y, a  []float64
	decay float64
	acc   []float64
}

// newSynapses allocates and initialises the synapses of projection p over
// its connectivity, and compiles their code against the groups' state.
func (n *Network) newSynapses(p *ProjectionSpec, pr *Projection, groups []*Group, monitored map[string]bool) (*Synapses, error) {
	m, csr := p.syn, pr.Conn
	if csr.Len() > math.MaxInt32 {
		return nil, errorAt(p.Pos, "projection %q: %d synapses; equation-defined synapses are limited to 2^31", p.Name, csr.Len())
	}
	pre, post := n.Views[p.Pre], n.Views[p.Post]
	nsyn := int(csr.Len())
	s := &Synapses{N: nsyn, DT: n.DT, PostPtr: hugepage.Make[int64](post.N + 1), Pre: hugepage.Make[int32](nsyn),
		Post: hugepage.Make[int32](nsyn), OfCSR: hugepage.Make[int32](nsyn), LastUpdate: hugepage.Make[int64](nsyn)}
	for _, c := range csr.Col {
		s.PostPtr[c+1]++
	}
	for c := range post.N {
		s.PostPtr[c+1] += s.PostPtr[c]
	}
	next := append([]int64(nil), s.PostPtr[:post.N]...)
	for i := range csr.NPre {
		for k := csr.RowPtr[i]; k < csr.RowPtr[i+1]; k++ {
			c := csr.Col[k]
			at := next[c]
			next[c]++
			s.OfCSR[k], s.Pre[at], s.Post[at] = int32(at), int32(i), c
		}
	}
	for _, v := range m.vars {
		s.Vars = append(s.Vars, SynapseVar{Name: v.Name, Data: hugepage.Make[float64](nsyn)})
	}
	for _, in := range m.inits {
		vals, err := n.synapseValues(p, csr, in)
		if err != nil {
			return nil, err
		}
		data := s.Var(in.Var)
		for k, v := range vals {
			data[s.OfCSR[k]] = v
		}
	}
	if pr.Weights != nil { // the weight column of a connection list: w
		w := s.Var("w")
		for k, v := range pr.Weights {
			w[s.OfCSR[k]] = v
		}
		pr.Weights = nil
	}
	env := &synEnv{n: n, s: s, m: m, pre: pre, post: post, groups: groups, spec: p}
	var err error
	if s.clock, err = env.propagator(m.clock); err != nil {
		return nil, errorAt(p.Pos, "projection %q: clock-driven equations: %v", p.Name, err)
	}
	if m.clockProg != nil {
		if s.prog, err = env.program(m.clockProg); err == nil && env.readsPre {
			err = fmt.Errorf("they read a presynaptic variable, which another worker may be updating; read it in on_pre")
		}
		if err != nil {
			return nil, errorAt(p.Pos, "projection %q: clock-driven equations (%s): %v", p.Name, m.clockProg.Method, err)
		}
	}
	if s.event, err = env.propagator(m.event); err != nil {
		return nil, errorAt(p.Pos, "projection %q: event-driven equations: %v", p.Name, err)
	}
	if s.onPre, err = env.statements(m.onPre, m.onPreSrc); err != nil {
		return nil, errorAt(subPos(p.Pos, "on_pre"), "projection %q: on_pre: %v", p.Name, err)
	}
	if s.onPost, err = env.statements(m.onPost, m.onPostSrc); err != nil {
		return nil, errorAt(subPos(p.Pos, "on_post"), "projection %q: on_post: %v", p.Name, err)
	}
	s.ReadsPre, env.readsPre = env.readsPre, false
	for _, sm := range m.summed {
		fn, err := env.compile(sm.Expr, sm.Src)
		if err == nil && env.readsPre {
			err = fmt.Errorf("reads a presynaptic variable; a summed expression may read synaptic and postsynaptic variables")
		}
		if err != nil {
			return nil, errorAt(subPos(p.Pos, "equations"), "projection %q: summed %s_post: %v", p.Name, sm.Target, err)
		}
		v, _ := groups[post.Group].Var(sm.Target)
		sum := synSummed{target: v.Data[post.Start:], expr: fn, c: 1}
		if !env.product(sm.Expr, &sum) || len(sum.arrays) > 2 {
			sum.arrays = nil
		}
		s.summed = append(s.summed, sum)
	}
	if !n.EagerSynapses {
		s.fold(m, monitored)
	}
	if pr := s.clock; pr != nil && !s.Lazy && !pr.shared && pr.p != nil {
		if pr.chain = newChain2(pr.vars, pr.p, pr.q); pr.chain != nil {
			pr.p, pr.q = nil, nil // ClockStep reads only the chain's numbers
		}
	}
	return s, nil
}

// fold keeps the summed variables that only read a decaying variable as
// accumulators, and makes the clock-driven variables lazy when nothing else
// reads them every step.
func (s *Synapses) fold(m *synModelSpec, monitored map[string]bool) {
	written := map[string]bool{}
	for _, st := range append(append([]eqn.Statement(nil), m.onPre...), m.onPost...) {
		written[st.Var] = true
	}
	pr := s.clock
	all := true
	for i := range s.summed {
		sm := &s.summed[i]
		if pr == nil || sm.arrays == nil || len(s.folds) == maxFolds {
			all = false
			continue
		}
		var y, a []float64
		ok := true
		for _, arr := range sm.arrays {
			v := pr.index(arr)
			switch {
			case v >= 0 && y == nil && pr.decays(v):
				y = arr
			case v < 0 && a == nil && !written[s.nameOf(arr)] && s.isParam(m, arr):
				a = arr
			default:
				ok = false
			}
		}
		if !ok || y == nil {
			all = false
			continue
		}
		sm.y, sm.a = y, a
		sm.decay = xmath.Exp(pr.coef[pr.index(y)*(pr.n+1)][0] * s.DT)
		sm.acc = make([]float64, len(s.PostPtr)-1)
		for c := range sm.acc {
			var sum float64
			for k := s.PostPtr[c]; k < s.PostPtr[c+1]; k++ {
				f := sm.c * y[k]
				if a != nil {
					f *= a[k]
				}
				sum += f
			}
			sm.acc[c] = sum
		}
		s.folds = append(s.folds, sm)
	}
	if pr == nil || !all {
		return
	}
	for _, v := range pr.vars {
		if monitored[s.nameOf(v)] {
			return
		}
	}
	s.Lazy = true
	s.ClockLast = make([]int64, s.N)
	for k := range s.ClockLast {
		s.ClockLast[k] = -1
	}
}

// index returns the position of array v among the system's variables, or -1.
func (pr *synPropagator) index(v []float64) int {
	for i, x := range pr.vars {
		if len(x) > 0 && len(v) > 0 && &x[0] == &v[0] {
			return i
		}
	}
	return -1
}

// decays reports whether variable i only decays: its equation reads no
// other variable and has no input, and its rate is shared.
func (pr *synPropagator) decays(i int) bool {
	n := pr.n
	for j := range n {
		if j != i && !pr.zero[i*n+j] {
			return false
		}
	}
	return pr.zero[n*n+i] && len(pr.coef[i*n+i]) == 1 && pr.coef[i*n+i][0] < 0
}

// nameOf returns the name of a synaptic array.
func (s *Synapses) nameOf(d []float64) string {
	for _, v := range s.Vars {
		if len(v.Data) > 0 && len(d) > 0 && &v.Data[0] == &d[0] {
			return v.Name
		}
	}
	return ""
}

// isParam reports whether array d is a parameter of the synapses.
func (s *Synapses) isParam(m *synModelSpec, d []float64) bool {
	name := s.nameOf(d)
	k := m.varIndex(name)
	return k >= 0 && m.vars[k].Kind == synParam
}

// Accumulators returns the folded sums per post cell (see synSummed), for
// checkpoints.
func (s *Synapses) Accumulators() [][]float64 {
	var out [][]float64
	for _, sm := range s.folds {
		out = append(out, sm.acc)
	}
	return out
}

// synapseValues evaluates a synaptic variable's value for every synapse, in
// CSR order: constants, distributions drawn from the presynaptic cell's
// stream, or expressions of i and j.
func (n *Network) synapseValues(p *ProjectionSpec, c *connect.CSR, in synInit) ([]float64, error) {
	switch {
	case in.Value.constant():
		out := make([]float64, c.Len())
		for k := range out {
			out[k] = in.Value.c
		}
		return out, nil
	case in.Value.kind == "expr":
		return n.synapseExpr(p, c, in.Value, rng.Init)
	}
	return drawPerSynapse(c, in.Value, n.Seed, rng.Init, rng.Hash(p.Name+"."+in.Var)), nil
}

// synEnv resolves the names of synaptic code.
type synEnv struct {
	n         *Network
	s         *Synapses
	m         *synModelSpec
	pre, post View
	groups    []*Group
	spec      *ProjectionSpec
	sites     int
	readsPre  bool                 // a compiled expression reads a presynaptic variable
	temps     map[string][]float64 // temporaries of a program being compiled
}

// ref returns where a name lives.
func (e *synEnv) ref(name string) (ref, bool) {
	if d := e.s.Var(name); d != nil {
		return ref{data: d}, true
	}
	_, base, isPre, ok := e.m.cellVar(name)
	if !ok {
		return ref{}, false
	}
	if isPre {
		v, _ := e.groups[e.pre.Group].Var(base)
		return ref{data: v.Data, idx: e.s.Pre, off: e.pre.Start}, true
	}
	v, _ := e.groups[e.post.Group].Var(base)
	return ref{data: v.Data, idx: e.s.Post, off: e.post.Start}, true
}

func (e *synEnv) compile(x eqn.Expr, src string) (kernel.ScalarFn, error) {
	s := e.s
	dt := s.DT
	consts := map[string]float64{"N_pre": float64(e.pre.N), "N_post": float64(e.post.N), "N": float64(s.N), "dt": dt}
	for k, v := range e.n.consts {
		consts[k] = v
	}
	resolve := func(name string) (kernel.ScalarFn, bool) {
		switch name {
		case "i":
			return func(k int, _ int64) float64 { return float64(s.Pre[k]) }, true
		case "j":
			return func(k int, _ int64) float64 { return float64(s.Post[k]) }, true
		case "t":
			return func(_ int, n int64) float64 { return float64(n) * dt }, true
		case "lastupdate":
			return func(k int, _ int64) float64 { return float64(s.LastUpdate[k]) * dt }, true
		}
		if t := e.temps[name]; t != nil {
			return func(k int, _ int64) float64 { return t[k] }, true
		}
		r, ok := e.ref(name)
		if !ok {
			return nil, false
		}
		if r.idx == nil {
			d := r.data
			return func(k int, _ int64) float64 { return d[k] }, true
		}
		d, idx := r.data[r.off:], r.idx
		if len(idx) > 0 && &idx[0] == &s.Pre[0] {
			e.readsPre = true
		}
		return func(k int, _ int64) float64 { return d[idx[k]] }, true
	}
	fn, err := kernel.CompileScalar(x, kernel.ScalarSpec{Src: src, Resolve: resolve, Consts: consts,
		Seed: e.n.Seed, Purpose: rng.User + 1, ID: e.spec.ID + uint32(e.sites)*0x9e3779b9})
	e.sites++
	return fn, err
}

// product reports whether x is a product of numbers, constants and
// synaptic variables, and collects them into sum.
func (e *synEnv) product(x eqn.Expr, sum *synSummed) bool {
	switch x := x.(type) {
	case *eqn.Binary:
		return x.Op == "*" && e.product(x.X, sum) && e.product(x.Y, sum)
	case *eqn.Num:
		sum.c *= x.Value
		return true
	case *eqn.Ident:
		if v, ok := e.n.consts[x.Name]; ok {
			sum.c *= v
			return true
		}
		if d := e.s.Var(x.Name); d != nil {
			sum.arrays = append(sum.arrays, d)
			return true
		}
	}
	return false
}

// statements compiles a block; a name that is neither a synaptic nor a
// cell variable is a temporary, kept per synapse so that workers share no
// scratch.
func (e *synEnv) statements(sts []eqn.Statement, src string) ([]synStmt, error) {
	var out []synStmt
	e.temps = map[string][]float64{}
	defer func() { e.temps = nil }()
	for _, st := range sts {
		fn, err := e.compile(st.Expr, src)
		if err != nil {
			return nil, err
		}
		r, ok := e.ref(st.Var)
		if t := e.temps[st.Var]; t != nil {
			r, ok = ref{data: t}, true
		}
		if !ok {
			t := make([]float64, e.s.N)
			e.temps[st.Var] = t
			r = ref{data: t}
		}
		op, known := parseAssign(st.Op)
		if !known {
			return nil, fmt.Errorf("%s: unknown assignment %q", st.Var, st.Op)
		}
		out = append(out, synStmt{target: r, op: op, rhs: fn})
	}
	return out, nil
}

// synProgram is an integration program of clock-driven synaptic equations
// (integrate.Program), compiled for one synapse at a time: each statement's
// temporary is an array over the synapses, so workers need no scratch.
type synProgram struct {
	stmts   []kernel.ScalarFn
	temps   [][]float64 // [statement][synapse]
	targets [][]float64 // state variable of each update
	sources [][]float64 // the temporary it takes
}

// program compiles an integration program over the synapses.
func (e *synEnv) program(p *integrate.Program) (*synProgram, error) {
	sp := &synProgram{}
	temps := map[string][]float64{}
	e.temps = temps
	defer func() { e.temps = nil }()
	for _, st := range p.Stmts {
		fn, err := e.compile(st.Expr, eqn.String(st.Expr))
		if err != nil {
			return nil, err
		}
		t := make([]float64, e.s.N)
		temps[st.Name] = t
		sp.stmts, sp.temps = append(sp.stmts, fn), append(sp.temps, t)
	}
	for _, u := range p.Updates {
		id, ok := u.Expr.(*eqn.Ident)
		if !ok || temps[id.Name] == nil || e.s.Var(u.Name) == nil {
			return nil, fmt.Errorf("update %s = %s: not a temporary of the program", u.Name, eqn.String(u.Expr))
		}
		sp.targets, sp.sources = append(sp.targets, e.s.Var(u.Name)), append(sp.sources, temps[id.Name])
	}
	return sp, nil
}

// step runs the program for synapses [a, b) at step n: every statement in
// order for each synapse, then the new values.
func (sp *synProgram) step(a, b int, n int64) {
	for k := a; k < b; k++ {
		for i, fn := range sp.stmts {
			sp.temps[i][k] = fn(k, n)
		}
	}
	for i, t := range sp.targets {
		copy(t[a:b], sp.sources[i][a:b])
	}
}

// propagator evaluates the coefficients of a synaptic system for every
// synapse and prepares its one-step propagator.
func (e *synEnv) propagator(c *integrate.LinearCoefficients) (*synPropagator, error) {
	if c == nil {
		return nil, nil
	}
	s := e.s
	nv := len(c.Vars)
	pr := &synPropagator{n: nv, dt: s.DT, diag: true, shared: true}
	for _, v := range c.Vars {
		pr.vars = append(pr.vars, s.Var(v))
	}
	pr.zero = make([]bool, nv*nv+nv)
	zero := pr.zero[:nv*nv]
	for i, x := range append(append([]eqn.Expr(nil), c.A...), c.B...) {
		num, ok := eqn.Simplify(x).(*eqn.Num)
		pr.zero[i] = ok && num.Value == 0
		if i < nv*nv && i/nv != i%nv && !zero[i] {
			pr.diag = false
		}
		fn, err := e.compile(x, eqn.String(x))
		if err != nil {
			return nil, err
		}
		vals := make([]float64, s.N)
		same := true
		for k := range vals {
			vals[k] = fn(k, 0)
			same = same && vals[k] == vals[0]
		}
		if same && len(vals) > 0 {
			vals = vals[:1]
		}
		if len(vals) > 1 {
			pr.shared = false
		}
		pr.coef = append(pr.coef, vals)
	}
	if s.N == 0 {
		return pr, nil
	}
	if !pr.diag {
		if t, ok := triangularOrder(nv, zero); ok && pr.decompose(t, s.N) {
			return pr, nil
		}
	}
	if pr.shared {
		l, err := pr.exact(0, 1)
		if err != nil {
			return nil, err
		}
		pr.p, pr.q = l.P, l.Q
		return pr, nil
	}
	pr.p, pr.q = make([]float64, s.N*nv*nv), make([]float64, s.N*nv)
	for k := range s.N {
		l, err := pr.exact(k, 1)
		if err != nil {
			return nil, fmt.Errorf("synapse %d: %v", k, err)
		}
		copy(pr.p[k*nv*nv:], l.P)
		copy(pr.q[k*nv:], l.Q)
	}
	return pr, nil
}

// decompose prepares the eigen decomposition of every coefficient set and
// the one-step propagators from it; false if a set cannot be decomposed.
func (pr *synPropagator) decompose(t *triangular, nsyn int) bool {
	nv, m := pr.n, t.m
	sets := nsyn
	if pr.shared {
		sets = 1
	}
	pr.lam, pr.v, pr.vinv = make([]float64, sets*m), make([]float64, sets*m*m), make([]float64, sets*m*m)
	pr.p, pr.q = make([]float64, sets*nv*nv), make([]float64, sets*nv)
	for k := range sets {
		a, b := pr.coefficients(k)
		lam, v, vinv := pr.lam[k*m:(k+1)*m], pr.v[k*m*m:(k+1)*m*m], pr.vinv[k*m*m:(k+1)*m*m]
		if !t.decompose(a, b, lam, v, vinv) {
			pr.lam, pr.v, pr.vinv, pr.p, pr.q = nil, nil, nil, nil, nil
			return false
		}
		t.propagator(pr.dt, lam, v, vinv, pr.p[k*nv*nv:(k+1)*nv*nv], pr.q[k*nv:(k+1)*nv])
	}
	pr.tri = t
	if m == 3 || m == 4 {
		pr.packSmall(m, sets)
		pr.v, pr.vinv = nil, nil // advanceSmall reads the packed records only
	}
	pr.powers = make([][]float64, m)
	for i := range m {
		same := true
		for k := 1; k < sets && same; k++ {
			same = pr.lam[k*m+i] == pr.lam[i]
		}
		if same && pr.lam[i] != 0 {
			pr.powers[i] = make([]float64, maxPowers)
			for d := range pr.powers[i] {
				pr.powers[i][d] = xmath.Exp(pr.lam[i] * float64(d) * pr.dt)
			}
		}
	}
	return true
}

// maxPowers bounds the tables of exp(λ·d·dt) of shared eigenvalues.
const maxPowers = 1 << 12

// coefficients returns A and b of synapse k.
func (pr *synPropagator) coefficients(k int) ([]float64, []float64) {
	nv := pr.n
	ab := make([]float64, nv*nv+nv)
	for i, c := range pr.coef {
		if len(c) == 1 {
			ab[i] = c[0]
		} else {
			ab[i] = c[k]
		}
	}
	return ab[:nv*nv], ab[nv*nv:]
}

// exact returns the propagator of synapse k over d steps.
func (pr *synPropagator) exact(k int, d int64) (integrate.Linear, error) {
	a, b := pr.coefficients(k)
	return integrate.ExactLinear(a, b, float64(d)*pr.dt)
}

// Sum sets the summed variables of post cells [lo, hi) (within the post
// view) at step n, summing each cell's synapses in order.
func (s *Synapses) Sum(lo, hi int, n int64) {
	for _, sm := range s.summed {
		ptr := s.PostPtr
		if sm.acc != nil {
			acc, e := sm.acc[lo:hi], sm.decay
			for c, v := range acc {
				sm.target[lo+c] = v
				acc[c] = v * e
			}
			continue
		}
		switch len(sm.arrays) {
		case 1:
			a := sm.arrays[0]
			for c := lo; c < hi; c++ {
				var sum float64
				for _, v := range a[ptr[c]:ptr[c+1]] {
					sum += v
				}
				sm.target[c] = sm.c * sum
			}
		case 2:
			a, b := sm.arrays[0], sm.arrays[1]
			for c := lo; c < hi; c++ {
				var sum float64
				bs := b[ptr[c]:ptr[c+1]]
				for k, v := range a[ptr[c]:ptr[c+1]] {
					sum += float64(v * bs[k]) // float64: no fused multiply-add
				}
				sm.target[c] = sm.c * sum
			}
		default:
			for c := lo; c < hi; c++ {
				var sum float64
				for k := ptr[c]; k < ptr[c+1]; k++ {
					sum += sm.expr(int(k), n)
				}
				sm.target[c] = sum
			}
		}
	}
}

// advance moves the event-driven variables of synapse k from its last event
// to step n.
func (s *Synapses) advance(k int, n int64) {
	if d := n - s.LastUpdate[k]; d > 0 && s.event != nil {
		s.event.advance(k, d)
	}
	if s.Lazy {
		if dc := n - s.ClockLast[k]; dc > 0 {
			s.clock.advance(k, dc)
			s.ClockLast[k] = n
		}
	}
}

// advance moves the system's variables of synapse k over d steps.
func (pr *synPropagator) advance(k int, d int64) {
	nv := pr.n
	if pr.diag {
		h := float64(d) * pr.dt
		for i, v := range pr.vars {
			a, b := pr.coef[i*nv+i], pr.coef[nv*nv+i]
			ak, bk := a[0], b[0]
			if len(a) > 1 {
				ak = a[k]
			}
			if len(b) > 1 {
				bk = b[k]
			}
			switch {
			case ak == 0:
				v[k] += float64(bk * h) // float64: no fused multiply-add
			case bk == 0:
				v[k] *= xmath.Exp(ak * h)
			default:
				e := xmath.Exp(ak * h)
				c := -bk / ak // the fixed point
				v[k] = c + float64((v[k]-c)*e)
			}
		}
		return
	}
	if t := pr.tri; t != nil && (t.m == 3 || t.m == 4) {
		set := k
		if pr.shared {
			set = 0
		}
		pr.advanceSmall(t, k, set, d)
		return
	}
	var xb, zb [8]float64
	x, tmp := xb[:0], zb[:0]
	if nv+1 > len(xb) {
		x, tmp = make([]float64, 0, nv+1), make([]float64, 0, nv+1)
	}
	x, tmp = x[:nv], tmp[:nv+1]
	for i, v := range pr.vars {
		x[i] = v[k]
	}
	if t := pr.tri; t != nil {
		set, m := k, t.m
		if pr.shared {
			set = 0
		}
		t.advance(x, d, pr.dt, pr.lam[set*m:(set+1)*m], pr.v[set*m*m:(set+1)*m*m], pr.vinv[set*m*m:(set+1)*m*m], pr.powers, tmp)
		for i, v := range pr.vars {
			v[k] = x[i]
		}
		return
	}
	l, err := pr.exact(k, d)
	if err != nil {
		for i := range x {
			x[i] = math.NaN() // stops the run at the next check
		}
	} else {
		l.Step(x, tmp)
	}
	for i, v := range pr.vars {
		v[k] = x[i]
	}
}

// OnPre runs on_pre for synapse k at step n: its presynaptic spike arrives.
func (s *Synapses) OnPre(k int, n int64) { s.event1(s.onPre, k, n) }

// OnPost runs on_post for synapse k at step n: its postsynaptic cell fired.
func (s *Synapses) OnPost(k int, n int64) { s.event1(s.onPost, k, n) }

// HasOnPre and HasOnPost report whether the pathways have statements.
func (s *Synapses) HasOnPre() bool  { return len(s.onPre) > 0 }
func (s *Synapses) HasOnPost() bool { return len(s.onPost) > 0 }

func (s *Synapses) event1(sts []synStmt, k int, n int64) {
	s.advance(k, n)
	var before [maxFolds]float64
	for i, sm := range s.folds {
		before[i] = sm.y[k]
	}
	for _, st := range sts {
		v := st.rhs(k, n)
		x := st.target.at(k)
		switch st.op {
		case assign:
			*x = v
		case addAssign:
			*x += v
		case subAssign:
			*x -= v
		case mulAssign:
			*x *= v
		case divAssign:
			*x /= v
		}
	}
	for i, sm := range s.folds {
		if dy := sm.y[k] - before[i]; dy != 0 {
			f := sm.c
			if sm.a != nil {
				f *= sm.a[k]
			}
			sm.acc[s.Post[k]] += float64(f * dy) // float64: no fused multiply-add
		}
	}
	s.LastUpdate[k] = n
}
