package kernel

import (
	"math"
	"slices"
)

// simpleThreshold is a threshold that compares one state variable with a
// number ("v > v_th" with v_th a constant): the kernel scans the variable
// instead of running the threshold program.
type simpleThreshold struct {
	arr int
	op  opcode // opGT, opGE, opLT or opLE
	c   float64
	// strict: the comparison is sign·v > bound, one test for the four
	// operators (see newSimpleThreshold)
	strict      bool
	sign, bound float64
}

// newSimpleThreshold returns the threshold "x op c" of array arr. Negating
// both sides turns < and <= into > and >=, and v >= b is v > b′ for the
// float b′ just below b (no float lies between them), so that scan tests
// sign·v > bound whatever the operator, NaN never crossing; only v >= −Inf
// and v <= +Inf keep the operator itself.
func newSimpleThreshold(arr int, op opcode, c float64) *simpleThreshold {
	t := &simpleThreshold{arr: arr, op: op, c: c, strict: true, sign: 1, bound: c}
	if op == opLT || op == opLE {
		t.sign, t.bound = -1, -c
	}
	if op == opGE || op == opLE {
		if math.IsInf(t.bound, -1) {
			t.strict = false
		}
		t.bound = math.Nextafter(t.bound, math.Inf(-1))
	}
	return t
}

// simplify returns the simple form of the compiled threshold program p
// with result cond, if it is one.
func simplify(p *program, cond operand, consts []float64) *simpleThreshold {
	if len(p.code) != 1 || len(p.sites) > 0 {
		return nil
	}
	in := p.code[0]
	if cond.kind != kReg || cond.i != in.dst || in.a.kind != kArr || in.b.kind != kConst {
		return nil
	}
	switch in.op {
	case opGT, opGE, opLT, opLE:
		return newSimpleThreshold(in.a.i, in.op, consts[in.b.i])
	}
	return nil
}

// scan appends the cells of [lo, hi) whose value crosses the threshold and
// that are not refractory (notref[i] ≠ 0, for cell lo+i; nil: none is).
func (s *simpleThreshold) scan(x []float64, lo int, notref []float64, out []int32) []int32 {
	if notref != nil {
		notref = notref[:len(x)]
	}
	if s.strict {
		// the hits are written by index into room made before the loop: a
		// call inside it (append's growth) makes Go reload its values from
		// the stack at every cell
		out = slices.Grow(out, len(x))
		n := scanStrict(out[len(out):len(out)+len(x)], x, lo, notref, s.sign, s.bound)
		return out[:len(out)+n]
	}
	c := s.c
	for i, v := range x {
		var hit bool
		switch s.op {
		case opGT:
			hit = v > c
		case opGE:
			hit = v >= c
		case opLT:
			hit = v < c
		default:
			hit = v <= c
		}
		if hit && (notref == nil || notref[i] != 0) {
			out = append(out, int32(lo+i))
		}
	}
	return out
}

// scanStrictScalar writes to hits, in order, lo+i for each cell i of x with
// sign·x[i] > bound and notref[i] ≠ 0 (nil notref: every cell), and returns
// how many it wrote; hits and notref hold at least len(x) values.
// scanStrict (threshold_amd64.go) takes the whole fours four lanes at a
// time in Go assembly, other builds are this loop (threshold_noasm.go).
func scanStrictScalar(hits []int32, x []float64, lo int, notref []float64, sign, bound float64) int {
	hits = hits[:len(x)]
	n := 0
	for i, v := range x {
		if sign*v > bound && (notref == nil || notref[i] != 0) {
			hits[n] = int32(lo + i)
			n++
		}
	}
	return n
}
