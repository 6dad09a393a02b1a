package kernel

// simpleThreshold is a threshold that compares one state variable with a
// number ("v > v_th" with v_th a constant): the kernel scans the variable
// instead of running the threshold program.
type simpleThreshold struct {
	arr int
	op  opcode // opGT, opGE, opLT or opLE
	c   float64
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
		return &simpleThreshold{arr: in.a.i, op: in.op, c: consts[in.b.i]}
	}
	return nil
}

// scan appends the cells of [lo, hi) whose value crosses the threshold and
// that are not refractory (notref[i] ≠ 0, for cell lo+i; nil: none is).
func (s *simpleThreshold) scan(x []float64, lo int, notref []float64, out []int32) []int32 {
	c := s.c
	if notref != nil {
		notref = notref[:len(x)]
	}
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
