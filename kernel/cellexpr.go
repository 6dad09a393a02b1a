package kernel

import (
	"fmt"
	"sort"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/rng"
)

// CellExprSpec describes an expression evaluated once per cell outside the
// time loop: an initial value ("El + (randn()*5 - 5)*mV") or a connection
// condition ("i != j").
type CellExprSpec struct {
	Expr eqn.Expr
	Src  string // text of Expr, for error messages

	N       int                  // cells
	DT      float64              // s, for dt in the expression
	Arrays  map[string][]float64 // per-cell values by name (N each)
	Consts  map[string]float64   // SI constants
	Index   string               // name of the cell index; "" means i
	Offset  int                  // the index of cell c is c − Offset (sub-groups count from their start)
	Size    int                  // the value of N; 0 means N (a sub-group's size for its initial values)
	Scalars []string             // names of values given with each evaluation

	Seed    uint64      // random streams of rand() and randn():
	Purpose rng.Purpose // keyed (Seed, Purpose, ID, cell, Step)
	ID      uint32
	Step    uint64
}

// CellExpr is a compiled per-cell expression.
type CellExpr struct {
	spec   CellExprSpec
	prog   *program
	out    operand
	arrays [][]float64
	consts [][]float64
	k      *Kernel // frame allocation and random fills
}

// NewCellExpr compiles spec.
func NewCellExpr(spec CellExprSpec) (*CellExpr, error) {
	sc := &scope{arrays: map[string]int{}, consts: spec.Consts, n: spec.N, dt: spec.DT,
		index: spec.Index, scalars: spec.Scalars}
	if spec.Size > 0 {
		sc.n = spec.Size
	}
	var names []string
	for name := range spec.Arrays {
		names = append(names, name)
	}
	sort.Strings(names)
	x := &CellExpr{spec: spec}
	for i, name := range names {
		if len(spec.Arrays[name]) != spec.N {
			return nil, fmt.Errorf("kernel: array %q has %d values for %d cells", name, len(spec.Arrays[name]), spec.N)
		}
		sc.arrays[name] = i
		x.arrays = append(x.arrays, spec.Arrays[name])
	}
	pool := &constPool{index: map[uint64]int{}}
	c := newCompiler(sc, pool)
	c.src = spec.Src
	o, err := c.expr(spec.Expr)
	if err != nil {
		return nil, err
	}
	x.out = c.materialize(o)
	x.prog = c.finish(&x.out)
	x.consts = pool.blocks()
	x.k = &Kernel{n: spec.N, dt: spec.DT, seed: spec.Seed, id: spec.ID, arrays: x.arrays, consts: x.consts,
		update: x.prog, last: make([]int64, 0)}
	return x, nil
}

// EvalRange writes the expression's value for cells [lo, hi) into out[0:hi-lo].
func (x *CellExpr) EvalRange(lo, hi int, scalars []float64, out []float64) {
	s := x.k.newFrame()
	f := &s.frame
	f.scalar, f.step, f.offset = scalars, int64(x.spec.Step), x.spec.Offset
	f.t = float64(x.spec.Step) * x.spec.DT
	for b := lo; b < hi; b += BlockSize {
		e := min(b+BlockSize, hi)
		f.n, f.lo, f.cells = e-b, b, nil
		for i, a := range x.arrays {
			f.view[i] = a[b:e]
		}
		x.k.fillRandom(f, x.prog, x.spec.Purpose)
		f.run(x.prog, x.spec.DT)
		copy(out[b-lo:e-lo], f.get(x.out))
	}
}

// EvalCells writes the expression's value for the given cells into
// out[0:len(cells)].
func (x *CellExpr) EvalCells(cells []int32, scalars []float64, out []float64) {
	x.EvalCellsAt(x.spec.Step, cells, scalars, out)
}

// EvalCellsAt is EvalCells with the random draws keyed by step instead of
// the spec's Step (per-synapse values key them by the presynaptic cell).
func (x *CellExpr) EvalCellsAt(step uint64, cells []int32, scalars []float64, out []float64) {
	s := x.k.newFrame()
	f := &s.frame
	f.scalar, f.step, f.offset = scalars, int64(step), x.spec.Offset
	f.t = float64(x.spec.Step) * x.spec.DT
	for i := range x.arrays {
		s.gather[i] = make([]float64, BlockSize)
	}
	for b := 0; b < len(cells); b += BlockSize {
		cs := cells[b:min(b+BlockSize, len(cells))]
		f.n, f.cells = len(cs), cs
		for i, a := range x.arrays {
			g := s.gather[i][:len(cs)]
			for j, c := range cs {
				g[j] = a[c]
			}
			f.view[i] = g
		}
		x.k.fillRandom(f, x.prog, x.spec.Purpose)
		f.run(x.prog, x.spec.DT)
		copy(out[b:b+len(cs)], f.get(x.out))
	}
}
