package kernel

import (
	"fmt"
	"sort"
	"sync"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/rng"
)

// Spec describes the dynamics of one group of cells to compile.
type Spec struct {
	N    int
	DT   float64 // s
	Seed uint64  // root of the run's random streams
	ID   uint32  // stream id of the group

	// Arrays are the state variables and per-cell parameters, N values each
	// in SI units, updated in place.
	Arrays map[string][]float64
	// Consts are the constants of the model's namespace, SI.
	Consts map[string]float64

	Update *integrate.Program // nil: the state changes only through input and resets
	// Linear, if set instead of Update, is a linear update with coefficients
	// that are numbers over runs of cells, run without the block machine.
	Linear *Linear
	Clamp  []string // variables held in refractory cells: (unless refractory)

	Threshold    eqn.Expr // nil: the cells never spike
	ThresholdSrc string

	Reset    []eqn.Statement
	ResetSrc string

	// Refractory is nil (no refractoriness), a time (a constant or an
	// expression per cell) or, with RefractoryIsCondition, a condition.
	Refractory            eqn.Expr
	RefractoryIsCondition bool
	RefractorySrc         string
}

// Kernel runs one group's compiled dynamics; it implements build.Kernel.
type Kernel struct {
	n    int
	dt   float64
	seed uint64
	id   uint32

	names  []string    // array names, by index
	arrays [][]float64 // [arrays][N]
	consts [][]float64 // [constants][BlockSize] broadcast

	update *program
	stores []store
	linear *linear

	thresh *program
	simple *simpleThreshold // thresh in the form "variable > number"
	cond   operand

	reset      *program
	resetReads []int // arrays the reset reads or writes
	resetWrite []int // arrays the reset writes

	refKind  refKind
	refSteps int64
	ref      *program
	refOut   operand

	last       []int64   // [N] step of the last spike
	notrefCond []float64 // [N] refractory condition state: 1 when released
	pool       sync.Pool
}

type refKind int

const (
	refNone refKind = iota
	refConst
	refExpr
	refCond
)

// store writes a program output into a state array.
type store struct {
	arr   int
	src   operand
	clamp bool
}

// New compiles spec.
func New(spec Spec) (*Kernel, error) {
	if spec.N < 0 || !(spec.DT > 0) {
		return nil, fmt.Errorf("kernel: %d cells with dt = %g", spec.N, spec.DT)
	}
	k := &Kernel{n: spec.N, dt: spec.DT, seed: spec.Seed, id: spec.ID}
	sc := &scope{arrays: map[string]int{}, consts: spec.Consts, n: spec.N, dt: spec.DT}
	for name := range spec.Arrays {
		k.names = append(k.names, name)
	}
	sort.Strings(k.names)
	for i, name := range k.names {
		a := spec.Arrays[name]
		if len(a) != spec.N {
			return nil, fmt.Errorf("kernel: array %q has %d values for %d cells", name, len(a), spec.N)
		}
		sc.arrays[name] = i
		k.arrays = append(k.arrays, a)
	}
	pool := &constPool{index: map[uint64]int{}}
	if err := k.compileRefractory(spec, sc, pool); err != nil {
		return nil, err
	}
	switch {
	case spec.Update != nil && spec.Linear != nil:
		return nil, fmt.Errorf("kernel: both an update program and a linear update")
	case spec.Update != nil:
		if err := k.compileUpdate(spec, sc, pool); err != nil {
			return nil, err
		}
	case spec.Linear != nil:
		if err := k.compileLinear(spec, sc); err != nil {
			return nil, err
		}
	}
	if spec.Threshold != nil {
		c := newCompiler(&scope{arrays: sc.arrays, consts: sc.consts, n: sc.n, dt: sc.dt}, pool)
		c.src = spec.ThresholdSrc
		o, err := c.expr(spec.Threshold)
		if err != nil {
			return nil, fmt.Errorf("threshold: %w", err)
		}
		o = c.materialize(o)
		k.cond = o
		k.thresh = c.finish(&k.cond)
		k.simple = simplify(k.thresh, k.cond, pool.vals)
	}
	if len(spec.Reset) > 0 {
		if err := k.compileReset(spec, sc, pool); err != nil {
			return nil, err
		}
	}
	k.consts = pool.blocks()
	k.last = make([]int64, spec.N)
	for i := range k.last {
		k.last[i] = neverSpiked
	}
	if k.refKind == refCond {
		k.notrefCond = make([]float64, spec.N)
		for i := range k.notrefCond {
			k.notrefCond[i] = 1
		}
	}
	k.pool.New = func() any { return k.newFrame() }
	return k, nil
}

func (k *Kernel) compileRefractory(spec Spec, sc *scope, pool *constPool) error {
	if spec.Refractory == nil {
		return nil
	}
	c := newCompiler(&scope{arrays: sc.arrays, consts: sc.consts, n: sc.n, dt: sc.dt}, pool)
	c.src = spec.RefractorySrc
	o, err := c.expr(spec.Refractory)
	if err != nil {
		return fmt.Errorf("refractory: %w", err)
	}
	if spec.RefractoryIsCondition {
		k.refKind = refCond
	} else if v, ok := c.isConst(o); ok {
		if v < 0 {
			return fmt.Errorf("refractory: %s = %g s is negative", spec.RefractorySrc, v)
		}
		k.refKind, k.refSteps = refConst, timestep(v, spec.DT)
		return nil
	} else {
		k.refKind = refExpr
	}
	o = c.materialize(o)
	k.refOut = o
	k.ref = c.finish(&k.refOut)
	return nil
}

func (k *Kernel) compileUpdate(spec Spec, sc *scope, pool *constPool) error {
	usc := *sc
	usc.noise = spec.Update.Noise
	c := newCompiler(&usc, pool)
	for _, st := range spec.Update.Stmts {
		c.src = eqn.String(st.Expr)
		o, err := c.expr(st.Expr)
		if err != nil {
			return fmt.Errorf("update (%s): %w", spec.Update.Method, err)
		}
		c.temps[st.Name] = o
	}
	clamp := map[string]bool{}
	for _, v := range spec.Clamp {
		clamp[v] = true
	}
	outs := make([]*operand, 0, len(spec.Update.Updates))
	for _, u := range spec.Update.Updates {
		arr, ok := sc.arrays[u.Name]
		if !ok {
			return fmt.Errorf("kernel: update of %q, which is not a state variable", u.Name)
		}
		c.src = eqn.String(u.Expr)
		o, err := c.expr(u.Expr)
		if err != nil {
			return fmt.Errorf("update of %s: %w", u.Name, err)
		}
		o = c.materialize(o)
		c.pinned[o.i] = true
		k.stores = append(k.stores, store{arr: arr, src: o, clamp: clamp[u.Name]})
	}
	for i := range k.stores {
		outs = append(outs, &k.stores[i].src)
	}
	k.update = c.finish(outs...)
	return nil
}

func (k *Kernel) compileReset(spec Spec, sc *scope, pool *constPool) error {
	c := newCompiler(&scope{arrays: sc.arrays, consts: sc.consts, n: sc.n, dt: sc.dt}, pool)
	c.gathered = true
	c.src = spec.ResetSrc
	written := map[int]bool{}
	for _, st := range spec.Reset {
		arr, ok := sc.arrays[st.Var]
		if !ok {
			return fmt.Errorf("reset: %q is not a state variable or parameter of the group", st.Var)
		}
		o, err := c.expr(st.Expr)
		if err != nil {
			return fmt.Errorf("reset: %w", err)
		}
		if st.Op != "=" {
			op := map[string]opcode{"+=": opAdd, "-=": opSub, "*=": opMul, "/=": opDiv}[st.Op]
			o = c.binaryOp(op, operand{kind: kArr, i: arr}, o)
		}
		c.store(arr, o)
		written[arr] = true
	}
	k.reset = c.finish()
	reads := map[int]bool{}
	for _, in := range k.reset.code {
		for _, o := range []operand{in.a, in.b, in.c} {
			if o.kind == kArr {
				reads[o.i] = true
			}
		}
		if in.op == opStore {
			reads[in.arr] = true
		}
	}
	for i := range reads {
		k.resetReads = append(k.resetReads, i)
	}
	for i := range written {
		k.resetWrite = append(k.resetWrite, i)
	}
	sort.Ints(k.resetReads)
	sort.Ints(k.resetWrite)
	return nil
}

// timestep converts a time to whole steps as Brian2's timestep(t, dt) does.
// float64(1e-3*dt) keeps Go from fusing the product and the sum into an FMA
// (arm64, GOAMD64=v3), so every platform gives the same steps.
func timestep(t, dt float64) int64 { return int64((t + float64(1e-3*dt)) / dt) }

type scratch struct {
	frame  frame
	gather [][]float64 // [arrays][BlockSize], allocated on first use
}

func (k *Kernel) newFrame() *scratch {
	nregs, nsites := 0, 0
	for _, p := range []*program{k.update, k.thresh, k.reset, k.ref} {
		if p != nil {
			nregs = max(nregs, p.nregs)
			nsites = max(nsites, len(p.sites))
		}
	}
	s := &scratch{gather: make([][]float64, len(k.arrays))}
	f := &s.frame
	f.regs = make([][]float64, nregs)
	for i := range f.regs {
		f.regs[i] = make([]float64, BlockSize)
	}
	f.rand = make([][]float64, nsites)
	for i := range f.rand {
		f.rand[i] = make([]float64, BlockSize)
	}
	f.view = make([][]float64, len(k.arrays))
	f.consts = k.consts
	f.last = k.last
	f.notref = make([]float64, BlockSize)
	if k.refKind == refNone {
		for i := range f.notref {
			f.notref[i] = 1 // no cell is ever refractory: refractory leaves them
		}
	}
	return s
}

// fillRandom draws the random numbers of program p for the frame's cells.
func (k *Kernel) fillRandom(f *frame, p *program, purpose rng.Purpose) {
	if len(p.sites) == 0 {
		return
	}
	if len(p.sites) == 1 && p.sites[0] { // one noise term: the common case
		rng.Normals(k.seed, purpose, k.id, uint64(f.step), f.lo, f.cells, f.rand[0][:f.n])
		return
	}
	for c := 0; c < f.n; c++ {
		s := rng.New(k.seed, purpose, k.id, uint64(f.cell(c)), uint64(f.step))
		for site, normal := range p.sites {
			if normal {
				f.rand[site][c] = s.Normal()
			} else {
				f.rand[site][c] = s.Float64()
			}
		}
	}
}

// Step advances cells [lo, hi) by one step and appends those that spike.
func (k *Kernel) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	s := k.pool.Get().(*scratch)
	defer k.pool.Put(s)
	f := &s.frame
	f.cells, f.step, f.t = nil, step, float64(step)*k.dt
	finite := true
	for b := lo; b < hi; b += BlockSize {
		e := min(b+BlockSize, hi)
		f.n, f.lo = e-b, b
		for i, a := range k.arrays {
			f.view[i] = a[b:e]
		}
		k.refractory(f)
		if k.linear != nil && !k.linear.step(k, f) {
			finite = false
		}
		if k.update != nil {
			k.fillRandom(f, k.update, rng.Noise)
			f.run(k.update, k.dt)
			for _, st := range k.stores {
				src, dst := f.get(st.src), k.arrays[st.arr][b:e]
				if st.clamp && k.refKind != refNone {
					if !allFinite(src) {
						finite = false // a false alarm for clamped cells: the engine looks again
					}
					nr := f.notref[:len(dst)]
					for i := range dst {
						if nr[i] != 0 {
							dst[i] = src[i]
						}
					}
				} else if !copyFinite(dst, src) {
					finite = false
				}
			}
		}
		if k.simple != nil {
			var nr []float64
			if k.refKind != refNone {
				nr = f.notref[:f.n]
			}
			out = k.simple.scan(k.arrays[k.simple.arr][b:e], b, nr, out)
		} else if k.thresh != nil {
			k.fillRandom(f, k.thresh, rng.User)
			f.run(k.thresh, k.dt)
			cond, nr := f.get(k.cond), f.notref[:f.n]
			for i, c := range cond {
				if c != 0 && nr[i] != 0 {
					out = append(out, int32(b+i))
				}
			}
		}
	}
	return out, finite
}

// refractory fills f.notref for the frame's cells: 1 where not refractory.
// Without a refractory period the frame's are all 1 from its making (a
// fill at every block cost tian2020's run about a tenth).
func (k *Kernel) refractory(f *frame) {
	nr := f.notref[:f.n]
	switch k.refKind {
	case refConst:
		if f.cells == nil {
			notrefConst(nr, k.last[f.lo:f.lo+f.n], f.step, k.refSteps)
			break
		}
		for i := range nr {
			nr[i] = b2f(f.step-k.last[f.cell(i)] >= k.refSteps)
		}
	case refExpr:
		f.run(k.ref, k.dt)
		tref := f.get(k.refOut)
		for i := range nr {
			nr[i] = b2f(f.step-k.last[f.cell(i)] >= timestep(tref[i], k.dt))
		}
	case refCond:
		f.run(k.ref, k.dt)
		cond := f.get(k.refOut)
		if f.cells == nil {
			notrefCond(nr, cond, k.notrefCond[f.lo:f.lo+f.n])
			break
		}
		for i := range nr {
			c := f.cell(i)
			if cond[i] == 0 {
				k.notrefCond[c] = 1
			}
			nr[i] = k.notrefCond[c]
		}
	}
}

// notrefConstScalar sets nr[i] = 1 where step − last[i] ≥ refSteps, the cell
// having spiked at least refSteps steps ago, and 0 elsewhere; last holds
// at least len(nr) values. notrefConst (threshold_amd64.go) takes the whole
// fours four lanes at a time in Go assembly, other builds are this loop
// (threshold_noasm.go).
func notrefConstScalar(nr []float64, last []int64, step, refSteps int64) {
	last = last[:len(nr)]
	for i := range nr {
		nr[i] = b2f(step-last[i] >= refSteps)
	}
}

// notrefCondScalar releases the cells whose refractory condition is false
// (state[i] = 1 where cond[i] == 0) and sets nr[i] = state[i]; cond and
// state hold at least len(nr) values. notrefCond (threshold_amd64.go) takes
// the whole fours four lanes at a time in Go assembly, other builds are
// this loop (threshold_noasm.go).
func notrefCondScalar(nr, cond, state []float64) {
	cond, state = cond[:len(nr)], state[:len(nr)]
	for i := range nr {
		if cond[i] == 0 {
			state[i] = 1
		}
		nr[i] = state[i]
	}
}

// Reset applies the reset statements to the cells that spiked and records
// the step of their spike.
func (k *Kernel) Reset(spikes []int32, step int64) {
	if len(spikes) == 0 {
		return
	}
	s := k.pool.Get().(*scratch)
	defer k.pool.Put(s)
	f := &s.frame
	f.step, f.t = step, float64(step)*k.dt
	for b := 0; b < len(spikes); b += BlockSize {
		cells := spikes[b:min(b+BlockSize, len(spikes))]
		f.cells, f.n = cells, len(cells)
		if k.reset != nil {
			for _, i := range k.resetReads {
				if s.gather[i] == nil {
					s.gather[i] = make([]float64, BlockSize)
				}
				g, a := s.gather[i][:len(cells)], k.arrays[i]
				for j, c := range cells {
					g[j] = a[c]
				}
				f.view[i] = g
			}
			k.fillRandom(f, k.reset, rng.User+1)
			f.run(k.reset, k.dt)
			for _, i := range k.resetWrite {
				g, a := s.gather[i], k.arrays[i]
				for j, c := range cells {
					a[c] = g[j]
				}
			}
		}
		for _, c := range cells {
			k.last[c] = step
			if k.notrefCond != nil {
				k.notrefCond[c] = 0
			}
		}
	}
}

// Internal returns the kernel's own state for checkpoints: the step of each
// cell's last spike and, for a refractory condition, whether it has ended.
func (k *Kernel) Internal() (map[string][]int64, map[string][]float64) {
	floats := map[string][]float64{}
	if k.notrefCond != nil {
		floats["refractory_released"] = k.notrefCond
	}
	return map[string][]int64{"last_spike_step": k.last}, floats
}

// allFinite reports whether no value of xs is NaN or infinite: x − x is +0
// for every finite x and NaN otherwise, so the sums stay 0 exactly when all
// are finite. Four sums keep the additions independent.
func allFinite(xs []float64) bool {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		s0 += xs[i] - xs[i]
		s1 += xs[i+1] - xs[i+1]
		s2 += xs[i+2] - xs[i+2]
		s3 += xs[i+3] - xs[i+3]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i] - xs[i]
	}
	return s0+s1+s2+s3 == 0
}

// copyFiniteScalar copies src into dst and reports whether every value is
// finite, in one pass (see allFinite).
func copyFiniteScalar(dst, src []float64) bool {
	src = src[:len(dst)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		d, x := dst[i:i+4:i+4], src[i:i+4:i+4]
		d[0], d[1], d[2], d[3] = x[0], x[1], x[2], x[3]
		s0 += x[0] - x[0]
		s1 += x[1] - x[1]
		s2 += x[2] - x[2]
		s3 += x[3] - x[3]
	}
	for ; i < len(dst); i++ {
		dst[i] = src[i]
		s0 += src[i] - src[i]
	}
	return s0+s1+s2+s3 == 0
}
