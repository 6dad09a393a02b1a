package kernel

import (
	"fmt"
	"math"
	"strings"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/units"
)

// scope resolves the names of a group's expressions.
type scope struct {
	arrays map[string]int     // state variables and per-cell parameters
	consts map[string]float64 // namespace constants, SI
	n      int                // cells in the group (N)
	dt     float64
	noise  []string // standard normal draws supplied per cell and step

	index   string   // name of the cell index ("i" unless set)
	scalars []string // names of values given per evaluation
}

// compiler turns expressions into a program with virtual registers, then
// allocates block registers.
type compiler struct {
	sc       *scope
	code     []instr
	vregs    int
	cse      map[string]operand
	temps    map[string]operand
	consts   *constPool
	sites    []bool
	pinned   map[int]bool  // virtual registers live to the end
	defs     map[int]instr // the instruction that wrote each virtual register
	src      string        // text of the expression being compiled, for errors
	gathered bool          // arrays hold gathered cells (reset): assignments allowed
}

// constPool holds the constants broadcast to block registers.
type constPool struct {
	vals  []float64
	index map[uint64]int
}

// blocks returns each constant broadcast to a block, for operands of
// instructions that have no scalar form.
func (p *constPool) blocks() [][]float64 {
	out := make([][]float64, len(p.vals))
	for i, v := range p.vals {
		b := make([]float64, BlockSize)
		for j := range b {
			b[j] = v
		}
		out[i] = b
	}
	return out
}

func (p *constPool) add(v float64) int {
	key := math.Float64bits(v)
	if i, ok := p.index[key]; ok {
		return i
	}
	p.index[key] = len(p.vals)
	p.vals = append(p.vals, v)
	return len(p.vals) - 1
}

func newCompiler(sc *scope, pool *constPool) *compiler {
	c := &compiler{sc: sc, cse: map[string]operand{}, temps: map[string]operand{}, consts: pool, pinned: map[int]bool{},
		defs: map[int]instr{}}
	for range sc.noise {
		c.sites = append(c.sites, true)
	}
	return c
}

func (c *compiler) constant(v float64) operand { return operand{kind: kConst, i: c.consts.add(v)} }

func (c *compiler) isConst(o operand) (float64, bool) {
	if o.kind == kConst {
		return c.consts.vals[o.i], true
	}
	return 0, false
}

// emit appends an instruction writing a new virtual register, sharing an
// identical earlier one.
func (c *compiler) emit(in instr) operand {
	key := fmt.Sprintf("%d %v %v %v %x %x %x %p %p", in.op, in.a, in.b, in.c, math.Float64bits(in.k), math.Float64bits(in.k2),
		math.Float64bits(in.k3), in.fn1, in.fn3)
	if o, ok := c.cse[key]; ok {
		return o
	}
	in.dst = c.vregs
	c.vregs++
	c.code = append(c.code, in)
	c.defs[in.dst] = in
	o := operand{kind: kReg, i: in.dst}
	c.cse[key] = o
	return o
}

// binaryOp emits x op y, folding constants and using the scalar forms.
func (c *compiler) binaryOp(op opcode, x, y operand) operand {
	xv, xc := c.isConst(x)
	yv, yc := c.isConst(y)
	if xc && yc {
		return c.constant(scalar(op, xv, yv))
	}
	// exact identities, for every x (±0, ±Inf and NaN too): x − (+0),
	// x + (−0), x·1 and x/1 are x; x + (+0) is not (−0 + 0 is +0)
	if yc && identity(op, yv) {
		return x
	}
	if xc && (op == opAdd || op == opMul) && identity(op, xv) {
		return y
	}
	switch {
	case op == opAdd && !xc && !yc:
		// Superinstructions, with the rounding of the separate operations:
		// a·k + b, (a·k)·k2 + b (Euler's x + dt·f) and a·b + c in one
		// pass, and −a + b as b − a.
		for _, p := range [2][2]operand{{x, y}, {y, x}} {
			if d, ok := c.def(p[0]); ok && d.op == opMulC {
				return c.emit(instr{op: opMulAddC, a: d.a, b: p[1], k: d.k})
			}
			if d, ok := c.def(p[0]); ok && d.op == opMulMulC {
				return c.emit(instr{op: opMulMulAddC, a: d.a, b: p[1], k: d.k, k2: d.k2})
			}
			if d, ok := c.def(p[0]); ok && d.op == opMul {
				return c.emit(instr{op: opMulAdd, a: d.a, b: d.b, c: p[1]})
			}
			if d, ok := c.def(p[0]); ok && d.op == opNeg {
				return c.emit(instr{op: opSub, a: p[1], b: d.a})
			}
		}
		return c.emit(instr{op: opAdd, a: x, b: y})
	case op == opSub && !xc && !yc:
		// x − a·b in one pass, with the rounding of the product and the
		// difference
		if d, ok := c.def(y); ok && d.op == opMul {
			return c.emit(instr{op: opRSubMul, a: d.a, b: d.b, c: x})
		}
		return c.emit(instr{op: opSub, a: x, b: y})
	case yc && op == opAdd:
		return c.emit(instr{op: opAddC, a: x, k: yv})
	case xc && op == opAdd:
		return c.emit(instr{op: opAddC, a: y, k: xv})
	case yc && op == opSub:
		return c.emit(instr{op: opSubC, a: x, k: yv})
	case xc && op == opSub:
		return c.emit(instr{op: opRSubC, a: y, k: xv})
	case yc && (op == opMul || op == opDiv):
		// (−a)·k = a·(−k) and (−a)/k = a/(−k) exactly: the negation folds.
		// A division by a number is a multiplication by its reciprocal, as
		// Brian2's C++ is compiled (-ffast-math): within an ulp of a/k, and
		// a fifth of the time of a division.
		if d, ok := c.def(x); ok && d.op == opNeg {
			x, yv = d.a, -yv
		}
		if op == opDiv {
			yv = 1 / yv
		}
		return c.mulC(x, yv)
	case xc && op == opMul:
		return c.mulC(y, xv)
	case xc && op == opDiv:
		// k / (a·c) in one pass, with both roundings
		if d, ok := c.def(y); ok && d.op == opMulC {
			return c.emit(instr{op: opRDivMulC, a: d.a, k: d.k, k2: xv})
		}
		return c.emit(instr{op: opRDivC, a: y, k: xv})
	}
	return c.emit(instr{op: op, a: x, b: y})
}

// identity reports whether x op k is x for every x.
func identity(op opcode, k float64) bool {
	switch op {
	case opSub:
		return math.Float64bits(k) == 0 // +0
	case opAdd:
		return math.Float64bits(k) == 1<<63 // −0
	case opMul, opDiv:
		return k == 1
	}
	return false
}

// mulC emits x·k, as one pass with the operation that computed x when it
// is a multiplication or an addition by a number, or (a + c)·c2
// (superinstructions with the rounding of the separate operations; a − c
// is a + (−c) exactly).
func (c *compiler) mulC(x operand, k float64) operand {
	if d, ok := c.def(x); ok {
		switch d.op {
		case opMulC:
			return c.emit(instr{op: opMulMulC, a: d.a, k: d.k, k2: k})
		case opAddC:
			return c.emit(instr{op: opAddMulC, a: d.a, k: d.k, k2: k})
		case opSubC:
			return c.emit(instr{op: opAddMulC, a: d.a, k: -d.k, k2: k})
		case opAddMulC:
			return c.emit(instr{op: opAddMulMulC, a: d.a, k: d.k, k2: d.k2, k3: k})
		}
	}
	return c.emit(instr{op: opMulC, a: x, k: k})
}

var binaryOps = map[string]opcode{
	"+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "**": opPow, "%": opMod, "//": opFloorDiv,
	"<": opLT, "<=": opLE, ">": opGT, ">=": opGE, "==": opEQ, "!=": opNE, "and": opAnd, "or": opOr,
}

// expr compiles e.
func (c *compiler) expr(e eqn.Expr) (operand, error) {
	switch e := e.(type) {
	case *eqn.Num:
		return c.constant(e.Value), nil
	case *eqn.Ident:
		return c.ident(e)
	case *eqn.Unary:
		x, err := c.expr(e.X)
		if err != nil {
			return operand{}, err
		}
		switch e.Op {
		case "+":
			return x, nil
		case "-":
			if v, ok := c.isConst(x); ok {
				return c.constant(-v), nil
			}
			return c.emit(instr{op: opNeg, a: x}), nil
		case "not":
			if v, ok := c.isConst(x); ok {
				return c.constant(b2f(v == 0)), nil
			}
			return c.emit(instr{op: opNot, a: x, b: x}), nil
		}
		return operand{}, c.errorf(e.Pos(), "unknown operator %q", e.Op)
	case *eqn.Binary:
		op, ok := binaryOps[e.Op]
		if !ok {
			return operand{}, c.errorf(e.Pos(), "unknown operator %q", e.Op)
		}
		x, err := c.expr(e.X)
		if err != nil {
			return operand{}, err
		}
		y, err := c.expr(e.Y)
		if err != nil {
			return operand{}, err
		}
		if op == opPow {
			if v, ok := c.isConst(y); ok && v == math.Trunc(v) && math.Abs(v) >= 1 && math.Abs(v) <= 8 {
				return c.intPow(x, int(v)), nil
			}
		}
		return c.binaryOp(op, x, y), nil
	case *eqn.Call:
		return c.call(e)
	}
	return operand{}, fmt.Errorf("kernel: unknown expression node %T", e)
}

// intPow computes x**n for a small whole n by multiplications (square and
// multiply), as compilers do for integer powers: m**3 costs two
// multiplications, not a call of pow.
func (c *compiler) intPow(x operand, n int) operand {
	neg := n < 0
	if neg {
		n = -n
	}
	var r operand
	have := false
	for base := x; n > 0; n >>= 1 {
		if n&1 == 1 {
			if have {
				r = c.binaryOp(opMul, r, base)
			} else {
				r, have = base, true
			}
		}
		if n > 1 {
			base = c.binaryOp(opMul, base, base)
		}
	}
	if neg {
		return c.binaryOp(opDiv, c.constant(1), r)
	}
	return r
}

func (c *compiler) call(e *eqn.Call) (operand, error) {
	switch e.Fun {
	case "rand", "randn":
		if len(e.Args) != 0 {
			return operand{}, c.errorf(e.Pos(), "%s() takes no arguments", e.Fun)
		}
		c.sites = append(c.sites, e.Fun == "randn")
		return operand{kind: kRand, i: len(c.sites) - 1}, nil
	}
	args := make([]operand, len(e.Args))
	allConst := true
	vals := make([]float64, len(e.Args))
	for i, a := range e.Args {
		o, err := c.expr(a)
		if err != nil {
			return operand{}, err
		}
		args[i] = o
		vals[i], allConst = c.isConst(o)
		allConst = allConst && o.kind == kConst
	}
	if fn, ok := eqn.Scalar1(e.Fun); ok {
		if len(args) != 1 {
			return operand{}, c.errorf(e.Pos(), "%s takes 1 argument, got %d", e.Fun, len(args))
		}
		if v, ok := c.isConst(args[0]); ok {
			return c.constant(fn(v)), nil
		}
		switch e.Fun {
		case "exp":
			return c.emit(instr{op: opExp, a: args[0]}), nil
		case "exprel":
			return c.emit(instr{op: opExprel, a: args[0]}), nil
		}
		return c.emit(instr{op: opFunc1, a: args[0], fn1: fn}), nil
	}
	if fn, ok := eqn.Scalar3(e.Fun); ok {
		if len(args) != 3 {
			return operand{}, c.errorf(e.Pos(), "%s takes 3 arguments, got %d", e.Fun, len(args))
		}
		if allConst {
			return c.constant(fn(vals[0], vals[1], vals[2])), nil
		}
		return c.emit(instr{op: opFunc3, a: args[0], b: args[1], c: args[2], fn3: fn}), nil
	}
	return operand{}, c.errorf(e.Pos(), "unknown function %q; known: %s", e.Fun, strings.Join(eqn.Functions(), ", "))
}

func (c *compiler) ident(e *eqn.Ident) (operand, error) {
	name := e.Name
	if o, ok := c.temps[name]; ok {
		return o, nil
	}
	if i, ok := c.sc.arrays[name]; ok {
		return operand{kind: kArr, i: i}, nil
	}
	if name == "N" { // the group's size comes before a constant N, as in Brian2
		return c.constant(float64(c.sc.n)), nil
	}
	if v, ok := c.sc.consts[name]; ok {
		return c.constant(v), nil
	}
	for k, nz := range c.sc.noise {
		if nz == name {
			return operand{kind: kRand, i: k}, nil
		}
	}
	for k, s := range c.sc.scalars {
		if s == name {
			return c.emit(instr{op: opScalar, site: k}), nil
		}
	}
	if c.sc.index != "" && name == c.sc.index {
		return c.emit(instr{op: opIndex}), nil
	}
	switch name {
	case "t":
		return c.emit(instr{op: opTime}), nil
	case "dt":
		return c.constant(c.sc.dt), nil
	case "N":
		return c.constant(float64(c.sc.n)), nil
	case "i":
		if c.sc.index == "" {
			return c.emit(instr{op: opIndex}), nil
		}
	case "lastspike":
		return c.emit(instr{op: opLastSpike}), nil
	case "not_refractory":
		return c.emit(instr{op: opNotRef}), nil
	}
	if q, ok := units.Lookup(name); ok {
		return c.constant(q.Value), nil
	}
	switch name {
	case "pi":
		return c.constant(math.Pi), nil
	case "e":
		return c.constant(math.E), nil
	case "inf":
		return c.constant(math.Inf(1)), nil
	case "True":
		return c.constant(1), nil
	case "False":
		return c.constant(0), nil
	}
	return operand{}, c.errorf(e.Pos(), "unknown name %q", name)
}

func (c *compiler) errorf(off int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if c.src == "" {
		return fmt.Errorf("kernel: %s", msg)
	}
	return &eqn.SyntaxError{Src: c.src, Off: off, Msg: msg}
}

// store emits an assignment of o to array arr (gathered blocks only). Every
// shared subexpression is forgotten, since it may have read the old value.
func (c *compiler) store(arr int, o operand) {
	c.code = append(c.code, instr{op: opStore, a: o, arr: arr, dst: -1})
	c.cse = map[string]operand{}
}

// materialize makes o a register (constants and arrays are copied), so that it
// can be pinned and outlive later stores.
func (c *compiler) materialize(o operand) operand {
	if o.kind == kReg {
		return o
	}
	in := instr{op: opCopy, a: o, dst: c.vregs}
	c.vregs++
	c.code = append(c.code, in)
	return operand{kind: kReg, i: in.dst}
}

// def returns the instruction that computed a register operand.
func (c *compiler) def(o operand) (instr, bool) {
	if o.kind != kReg {
		return instr{}, false
	}
	in, ok := c.defs[o.i]
	return in, ok
}

// eliminateDead drops instructions whose results nothing reads (left behind
// when superinstructions replaced their readers).
func (c *compiler) eliminateDead(outputs []*operand) {
	live := map[int]bool{}
	for _, o := range outputs {
		if o.kind == kReg {
			live[o.i] = true
		}
	}
	for v := range c.pinned {
		live[v] = true
	}
	keep := make([]bool, len(c.code))
	for i := len(c.code) - 1; i >= 0; i-- {
		in := c.code[i]
		if in.op != opStore && !live[in.dst] {
			continue
		}
		keep[i] = true
		for _, o := range []operand{in.a, in.b, in.c} {
			if o.kind == kReg {
				live[o.i] = true
			}
		}
	}
	code := c.code[:0]
	for i, in := range c.code {
		if keep[i] {
			code = append(code, in)
		}
	}
	c.code = code
}

// finish allocates block registers: a virtual register's block is reused once
// its last reader has run; pinned registers live to the end. It rewrites the
// given operands (program outputs) to the allocated registers.
func (c *compiler) finish(outputs ...*operand) *program {
	c.eliminateDead(outputs)
	last := make([]int, c.vregs)
	for i := range last {
		last[i] = -1
	}
	use := func(o operand, at int) {
		if o.kind == kReg {
			last[o.i] = at
		}
	}
	for idx, in := range c.code {
		if in.op == opStore {
			use(in.a, idx)
			continue
		}
		use(in.a, idx)
		use(in.b, idx)
		use(in.c, idx)
	}
	for _, o := range outputs {
		if o.kind == kReg {
			last[o.i] = len(c.code)
		}
	}
	for v := range c.pinned {
		last[v] = len(c.code)
	}
	phys := make([]int, c.vregs)
	var free []int
	nregs := 0
	release := func(o operand, at int) {
		if o.kind == kReg && last[o.i] == at {
			free = append(free, phys[o.i])
			last[o.i] = -2 // released once even if read twice by this instruction
		}
	}
	for idx := range c.code {
		in := &c.code[idx]
		if in.op == opStore {
			release(in.a, idx)
			if in.a.kind == kReg {
				in.a.i = phys[in.a.i]
			}
			continue
		}
		remap := func(o *operand) {
			if o.kind == kReg {
				o.i = phys[o.i]
			}
		}
		a, b, cc := in.a, in.b, in.c
		release(a, idx)
		release(b, idx)
		release(cc, idx)
		if n := len(free); n > 0 {
			phys[in.dst] = free[n-1]
			free = free[:n-1]
		} else {
			phys[in.dst] = nregs
			nregs++
		}
		if last[in.dst] == -1 { // never read: its block can be reused at once
			free = append(free, phys[in.dst])
		}
		remap(&in.a)
		remap(&in.b)
		remap(&in.c)
		in.dst = phys[in.dst]
	}
	for _, o := range outputs {
		if o.kind == kReg {
			o.i = phys[o.i]
		}
	}
	return &program{code: c.code, nregs: nregs, sites: c.sites}
}
