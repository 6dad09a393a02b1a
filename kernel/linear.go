package kernel

import "fmt"

// Linear is an update x ← P·x + q of the state variables Vars whose
// coefficients are numbers over runs of consecutive cells: the exact
// solution or the Euler step of linear equations whose coefficients read
// constants and parameters that nothing changes during the run. It replaces
// Spec.Update with loops that keep the coefficients of a run in registers.
type Linear struct {
	Vars []string
	Runs []LinearRun // in cell order, covering [0, N)
}

// LinearRun holds the coefficients of the cells [previous End, End).
type LinearRun struct {
	End int
	P   []float64 // n×n, row-major: P[i*n+j] multiplies Vars[j] in the update of Vars[i]
	Q   []float64 // n
}

// linear is the compiled form of Linear.
type linear struct {
	vars  []int  // arrays of the variables
	clamp []bool // variable held in refractory cells
	start []int  // first cell of each run
	runs  []LinearRun
}

func (k *Kernel) compileLinear(spec Spec, sc *scope) error {
	l := spec.Linear
	n := len(l.Vars)
	clamp := map[string]bool{}
	for _, v := range spec.Clamp {
		clamp[v] = true
	}
	c := &linear{runs: l.Runs}
	for _, v := range l.Vars {
		arr, ok := sc.arrays[v]
		if !ok {
			return fmt.Errorf("kernel: linear update of %q, which is not a state variable", v)
		}
		c.vars = append(c.vars, arr)
		c.clamp = append(c.clamp, clamp[v] && k.refKind != refNone)
	}
	start := 0
	for _, r := range l.Runs {
		if r.End <= start || len(r.P) != n*n || len(r.Q) != n {
			return fmt.Errorf("kernel: linear run ending at cell %d after %d, with %d and %d coefficients for %d variables", r.End, start, len(r.P), len(r.Q), n)
		}
		c.start = append(c.start, start)
		start = r.End
	}
	if start != spec.N {
		return fmt.Errorf("kernel: linear runs cover %d of %d cells", start, spec.N)
	}
	k.linear = c
	return nil
}

// step updates the frame's cells (a contiguous block, refractoriness in
// f.notref) and reports whether every new value is finite. Each value is
// (P[i][0]·x0 + P[i][1]·x1 + …) + q[i], summed left to right as the exact
// program does, so both give the same numbers.
func (l *linear) step(k *Kernel, f *frame) bool {
	lo, hi := f.lo, f.lo+f.n
	var bad float64
	for r, run := range l.runs {
		a, b := max(lo, l.start[r]), min(hi, run.End)
		if a >= b {
			continue
		}
		clamped := false
		for _, c := range l.clamp {
			clamped = clamped || c
		}
		switch {
		case clamped:
			bad += l.general(k, run, a, b, f.notref[a-lo:b-lo])
		case len(l.vars) == 1:
			bad += linear1(run, k.arrays[l.vars[0]][a:b])
		case len(l.vars) == 2:
			bad += linear2(run, k.arrays[l.vars[0]][a:b], k.arrays[l.vars[1]][a:b])
		case len(l.vars) == 3:
			bad += linear3(run, k.arrays[l.vars[0]][a:b], k.arrays[l.vars[1]][a:b], k.arrays[l.vars[2]][a:b])
		default:
			bad += l.general(k, run, a, b, nil)
		}
	}
	return bad == 0
}

// Products are converted to float64 before they are added, which keeps
// compilers for processors with fused multiply-add from fusing them: the
// loops then give the bits of the block machine on every platform.
//
// The loops return a sum of the new values minus itself: 0 when every value
// is finite, NaN otherwise (a sum that overflows raises a false alarm, which
// the engine's own check clears).

func linear1Scalar(run LinearRun, x0 []float64) float64 {
	p, q := run.P[0], run.Q[0]
	var acc float64
	for i, x := range x0 {
		y := float64(p*x) + q
		x0[i] = y
		acc += y
	}
	return acc - acc
}

func linear2Scalar(run LinearRun, x0, x1 []float64) float64 {
	P, Q := run.P[:4], run.Q[:2]
	p00, p01, p10, p11, q0, q1 := P[0], P[1], P[2], P[3], Q[0], Q[1]
	x1 = x1[:len(x0)]
	var acc float64
	if p10 == 0 && q1 == 0 { // a decaying input into the first variable
		for i := range x0 {
			a, b := x0[i], x1[i]
			y0 := float64(p00*a) + float64(p01*b) + q0
			y1 := float64(p11 * b) // not fused into acc += y0 + y1
			x0[i], x1[i] = y0, y1
			acc += y0 + y1
		}
		return acc - acc
	}
	for i := range x0 {
		a, b := x0[i], x1[i]
		y0 := float64(p00*a) + float64(p01*b) + q0
		y1 := float64(p10*a) + float64(p11*b) + q1
		x0[i], x1[i] = y0, y1
		acc += y0 + y1
	}
	return acc - acc
}

func linear3Scalar(run LinearRun, x0, x1, x2 []float64) float64 {
	P, Q := run.P[:9], run.Q[:3]
	x1, x2 = x1[:len(x0)], x2[:len(x0)]
	var acc float64
	if P[3] == 0 && P[5] == 0 && P[6] == 0 && P[7] == 0 && Q[1] == 0 && Q[2] == 0 {
		// two decaying inputs into the first variable (V, ge, gi)
		p00, p01, p02, p11, p22, q0 := P[0], P[1], P[2], P[4], P[8], Q[0]
		for i := range x0 {
			a, b, c := x0[i], x1[i], x2[i]
			y0 := float64(p00*a) + float64(p01*b) + float64(p02*c) + q0
			y1, y2 := float64(p11*b), float64(p22*c)
			x0[i], x1[i], x2[i] = y0, y1, y2
			acc += y0 + y1 + y2
		}
		return acc - acc
	}
	for i := range x0 {
		a, b, c := x0[i], x1[i], x2[i]
		y0 := float64(P[0]*a) + float64(P[1]*b) + float64(P[2]*c) + Q[0]
		y1 := float64(P[3]*a) + float64(P[4]*b) + float64(P[5]*c) + Q[1]
		y2 := float64(P[6]*a) + float64(P[7]*b) + float64(P[8]*c) + Q[2]
		x0[i], x1[i], x2[i] = y0, y1, y2
		acc += y0 + y1 + y2
	}
	return acc - acc
}

// general updates cells [a, b) of a run for any number of variables, and
// holds the clamped variables of refractory cells (notref[i] == 0) when
// notref is given.
func (l *linear) general(k *Kernel, run LinearRun, a, b int, notref []float64) float64 {
	n := len(l.vars)
	var old, next [8]float64
	xs := make([][]float64, n)
	for v, arr := range l.vars {
		xs[v] = k.arrays[arr]
	}
	var bad float64
	for c := a; c < b; c++ {
		o := old[:0]
		if n > len(old) {
			o = make([]float64, 0, n)
		}
		for v := range n {
			o = append(o, xs[v][c])
		}
		y := next[:0]
		if n > len(next) {
			y = make([]float64, 0, n)
		}
		for i := range n {
			s := run.P[i*n] * o[0]
			for j := 1; j < n; j++ {
				s += float64(run.P[i*n+j] * o[j])
			}
			s += run.Q[i]
			if notref != nil && l.clamp[i] && notref[c-a] == 0 {
				s = o[i]
			}
			y = append(y, s)
			bad += s - s
		}
		for v := range n {
			xs[v][c] = y[v]
		}
	}
	return bad
}

// Form names how the kernel updates its cells: "linear" (the loops of a
// Linear update), "program" (the block machine) or "none".
func (k *Kernel) Form() string {
	switch {
	case k.linear != nil:
		return "linear"
	case k.update != nil:
		return "program"
	}
	return "none"
}
