package kernel

import "math"

// BlockSize is the largest number of cells an instruction works on at once.
const BlockSize = 256

type opcode uint8

const (
	opCopy opcode = iota // d = a
	opNeg
	opAdd
	opSub
	opMul
	opDiv
	opAddC  // d = a + c
	opSubC  // d = a − c
	opRSubC // d = c − a
	opMulC  // d = a · c
	opRDivC // d = c / a
	opPow
	opMod
	opFloorDiv
	opLT
	opLE
	opGT
	opGE
	opEQ
	opNE
	opAnd
	opOr
	opNot
	opExp    // d = exp(a)
	opExprel // d = exprel(a)
	opFunc1  // d = fn1(a)
	opFunc3  // d = fn3(a, b, c)
	opSelect // d = a ≠ 0 ? b : c
	opIndex  // d = cell index
	opTime   // d = t
	opLastSpike
	opNotRef
	opStore      // view[arr] = a (gathered blocks only); writes no register
	opScalar     // d = scalars[site]: a value given per evaluation
	opMulAddC    // d = a·c + b
	opMulMulC    // d = (a·c)·c2
	opAddMulC    // d = (a + c)·c2
	opMulMulAddC // d = (a·c)·c2 + b
	opMulAdd     // d = a·b + c
	opRSubMul    // d = c − a·b
	opAddMulMulC // d = ((a + c)·c2)·c3
	opRDivMulC   // d = c2 / (a·c)
)

type operandKind uint8

const (
	kNone  operandKind = iota // no operand: the unused a, b or c of an instruction
	kReg                      // block register
	kArr                      // state array (contiguous block, or gathered cells)
	kConst                    // constant, broadcast
	kRand                     // the block's draws of a random site
)

type operand struct {
	kind operandKind
	i    int
}

type instr struct {
	op      opcode
	dst     int // register
	a, b, c operand
	k       float64 // scalar for the …C ops
	k2      float64 // second scalar of opMulMulC, opAddMulC, opMulMulAddC, opAddMulMulC, opRDivMulC
	k3      float64 // third scalar of opAddMulMulC
	fn1     func(float64) float64
	fn3     func(a, b, c float64) float64
	site    int // the value of opScalar
	arr     int // array written by opStore
}

// program is a compiled instruction list and its register count.
type program struct {
	code  []instr
	nregs int
	sites []bool // random sites in draw order: true for a normal draw
}

// frame is the machine state for one block of cells.
type frame struct {
	n      int     // cells in the block
	lo     int     // first cell (contiguous blocks)
	cells  []int32 // the cells (gathered blocks); nil for contiguous blocks
	step   int64
	t      float64
	regs   [][]float64 // [registers][BlockSize]
	view   [][]float64 // [arrays] the block's values of each array
	consts [][]float64 // [constants][BlockSize] broadcast values
	rand   [][]float64 // [sites][BlockSize] draws of the block
	last   []int64     // the kernel's last-spike steps
	notref []float64   // [BlockSize] 1 where not refractory
	scalar []float64   // values given per evaluation (CellExpr)
	offset int         // the index i of a cell is its position minus offset
}

func (f *frame) get(o operand) []float64 {
	switch o.kind {
	case kReg:
		return f.regs[o.i][:f.n]
	case kArr:
		return f.view[o.i][:f.n]
	case kRand:
		return f.rand[o.i][:f.n]
	}
	return f.consts[o.i][:f.n]
}

func (f *frame) cell(k int) int {
	if f.cells != nil {
		return int(f.cells[k])
	}
	return f.lo + k
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// run executes p on the frame.
func (f *frame) run(p *program, dt float64) {
	for idx := range p.code {
		in := &p.code[idx]
		if in.op == opStore {
			copy(f.view[in.arr][:f.n], f.get(in.a))
			continue
		}
		d := f.regs[in.dst][:f.n]
		switch in.op {
		case opCopy:
			copy(d, f.get(in.a))
		case opNeg:
			negV(d, f.get(in.a))
		case opAdd:
			addVV(d, f.get(in.a), f.get(in.b))
		case opSub:
			subVV(d, f.get(in.a), f.get(in.b))
		case opMul:
			mulVV(d, f.get(in.a), f.get(in.b))
		case opDiv:
			divVV(d, f.get(in.a), f.get(in.b))
		case opAddC:
			addVC(d, f.get(in.a), in.k)
		case opSubC:
			subVC(d, f.get(in.a), in.k)
		case opRSubC:
			rsubVC(d, f.get(in.a), in.k)
		case opMulC:
			mulVC(d, f.get(in.a), in.k)
		case opRDivC:
			rdivVC(d, f.get(in.a), in.k)
		case opMulAddC:
			mulAddVC(d, f.get(in.a), f.get(in.b), in.k)
		case opMulMulC:
			mulMulVC(d, f.get(in.a), in.k, in.k2)
		case opAddMulC:
			addMulVC(d, f.get(in.a), in.k, in.k2)
		case opMulMulAddC:
			mulMulAddVC(d, f.get(in.a), f.get(in.b), in.k, in.k2)
		case opMulAdd:
			mulAddVV(d, f.get(in.a), f.get(in.b), f.get(in.c), 1)
		case opRSubMul:
			mulAddVV(d, f.get(in.a), f.get(in.b), f.get(in.c), -1)
		case opAddMulMulC:
			addMulMulVC(d, f.get(in.a), in.k, in.k2, in.k3)
		case opRDivMulC:
			rdivMulVC(d, f.get(in.a), in.k, in.k2)
		case opExp:
			expV(d, f.get(in.a))
		case opExprel:
			exprelV(d, f.get(in.a))
		case opFunc1:
			a, fn := f.get(in.a), in.fn1
			a = a[:len(d)]
			for i := range d {
				d[i] = fn(a[i])
			}
		case opFunc3:
			a, b, c, fn := f.get(in.a), f.get(in.b), f.get(in.c), in.fn3
			for i := range d {
				d[i] = fn(a[i], b[i], c[i])
			}
		case opSelect:
			a, b, c := f.get(in.a), f.get(in.b), f.get(in.c)
			for i := range d {
				if a[i] != 0 {
					d[i] = b[i]
				} else {
					d[i] = c[i]
				}
			}
		case opIndex:
			for i := range d {
				d[i] = float64(f.cell(i) - f.offset)
			}
		case opTime:
			for i := range d {
				d[i] = f.t
			}
		case opLastSpike:
			for i := range d {
				if l := f.last[f.cell(i)]; l == neverSpiked {
					d[i] = lastspikeNever
				} else {
					d[i] = float64(l) * dt
				}
			}
		case opNotRef:
			copy(d, f.notref[:f.n])
		case opScalar:
			x := f.scalar[in.site]
			for i := range d {
				d[i] = x
			}
		default:
			f.binary(in, d)
		}
	}
}

// binary runs the less frequent binary operations; comparisons, common in
// thresholds, have loops of their own.
func (f *frame) binary(in *instr, d []float64) {
	a, b := f.get(in.a), f.get(in.b)
	a, b = a[:len(d)], b[:len(d)]
	switch in.op {
	case opGT:
		for i := range d {
			d[i] = b2f(a[i] > b[i])
		}
	case opGE:
		for i := range d {
			d[i] = b2f(a[i] >= b[i])
		}
	case opLT:
		for i := range d {
			d[i] = b2f(a[i] < b[i])
		}
	case opLE:
		for i := range d {
			d[i] = b2f(a[i] <= b[i])
		}
	default:
		for i := range d {
			d[i] = scalar(in.op, a[i], b[i])
		}
	}
}

// scalar computes a binary operation (or not, of x) on two numbers; the
// compiler folds constants with it, so folded and run-time values agree.
func scalar(op opcode, x, y float64) float64 {
	switch op {
	case opAdd:
		return x + y
	case opSub:
		return x - y
	case opMul:
		return x * y
	case opDiv:
		return x / y
	case opNeg:
		return -x
	}
	{
		var r float64
		switch op {
		case opPow:
			r = math.Pow(x, y)
		case opMod:
			r = math.Mod(x, y)
			if r != 0 && (r < 0) != (y < 0) {
				r += y // Python's modulo takes the sign of the divisor
			}
		case opFloorDiv:
			r = math.Floor(x / y)
		case opLT:
			r = b2f(x < y)
		case opLE:
			r = b2f(x <= y)
		case opGT:
			r = b2f(x > y)
		case opGE:
			r = b2f(x >= y)
		case opEQ:
			r = b2f(x == y)
		case opNE:
			r = b2f(x != y)
		case opAnd:
			r = b2f(x != 0 && y != 0)
		case opOr:
			r = b2f(x != 0 || y != 0)
		case opNot:
			r = b2f(x == 0)
		}
		return r
	}
}

// neverSpiked is the last-spike step of a cell that has not spiked: far
// enough in the past that step − neverSpiked neither overflows nor counts as
// refractory.
const neverSpiked = math.MinInt64 / 4

// lastspikeNever is the value of lastspike before the first spike (Brian2's).
const lastspikeNever = -1e4
