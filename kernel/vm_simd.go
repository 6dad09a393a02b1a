//go:build goexperiment.simd && amd64

package kernel

import (
	"math"
	"simd/archsimd"

	"github.com/volleysim/volley/xmath"
)

// avx2 reports whether the processor runs the 4-wide loops; it is set once,
// when the package is initialised.
var avx2 = archsimd.X86.AVX2()

// The block machine's loops four lanes at a time with AVX2: each lane is the
// operation of the scalar loop (no fused multiply-add), so the bits are the
// same; the last len%4 elements go through the scalar loop. Each loop ends
// with VZEROUPPER (ClearAVXUpperBits): scalar code runs next, and without it
// the scalar instructions depend on the upper halves the loop left dirty,
// which made xmath.Exp five times slower between two vector loops.

func vec(s []float64, i int) *[4]float64 { return (*[4]float64)(s[i : i+4]) }

func addVV(d, a, b []float64) {
	if !avx2 || len(d) < 4 {
		addVVScalar(d, a, b)
		return
	}
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Add(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	addVVScalar(d[i:], a[i:], b[i:])
}

func subVV(d, a, b []float64) {
	if !avx2 || len(d) < 4 {
		subVVScalar(d, a, b)
		return
	}
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Sub(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	subVVScalar(d[i:], a[i:], b[i:])
}

func mulVV(d, a, b []float64) {
	if !avx2 || len(d) < 4 {
		mulVVScalar(d, a, b)
		return
	}
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Mul(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	mulVVScalar(d[i:], a[i:], b[i:])
}

func divVV(d, a, b []float64) {
	if !avx2 || len(d) < 4 {
		divVVScalar(d, a, b)
		return
	}
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Div(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	divVVScalar(d[i:], a[i:], b[i:])
}

func addVC(d, a []float64, c float64) {
	if !avx2 || len(d) < 4 {
		addVCScalar(d, a, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		x.Add(cc).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	addVCScalar(d[i:], a[i:], c)
}

func subVC(d, a []float64, c float64) {
	if !avx2 || len(d) < 4 {
		subVCScalar(d, a, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		x.Sub(cc).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	subVCScalar(d[i:], a[i:], c)
}

func rsubVC(d, a []float64, c float64) {
	if !avx2 || len(d) < 4 {
		rsubVCScalar(d, a, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		cc.Sub(x).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	rsubVCScalar(d[i:], a[i:], c)
}

func mulVC(d, a []float64, c float64) {
	if !avx2 || len(d) < 4 {
		mulVCScalar(d, a, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		x.Mul(cc).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	mulVCScalar(d[i:], a[i:], c)
}

func rdivVC(d, a []float64, c float64) {
	if !avx2 || len(d) < 4 {
		rdivVCScalar(d, a, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		cc.Div(x).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	rdivVCScalar(d[i:], a[i:], c)
}

func rdivMulVC(d, a []float64, c, c2 float64) {
	if !avx2 || len(d) < 4 {
		rdivMulVCScalar(d, a, c, c2)
		return
	}
	cc, cc2 := archsimd.BroadcastFloat64x4(c), archsimd.BroadcastFloat64x4(c2)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		cc2.Div(x.Mul(cc)).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	rdivMulVCScalar(d[i:], a[i:], c, c2)
}

func addMulMulVC(d, a []float64, c, c2, c3 float64) {
	if !avx2 || len(d) < 4 {
		addMulMulVCScalar(d, a, c, c2, c3)
		return
	}
	cc, cc2, cc3 := archsimd.BroadcastFloat64x4(c), archsimd.BroadcastFloat64x4(c2), archsimd.BroadcastFloat64x4(c3)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		x.Add(cc).Mul(cc2).Mul(cc3).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	addMulMulVCScalar(d[i:], a[i:], c, c2, c3)
}

func mulAddVC(d, a, b []float64, c float64) {
	if !avx2 || len(d) < 4 {
		mulAddVCScalar(d, a, b, c)
		return
	}
	cc := archsimd.BroadcastFloat64x4(c)
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Mul(cc).Add(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	mulAddVCScalar(d[i:], a[i:], b[i:], c)
}

func mulAddVV(d, a, b, c []float64, s float64) {
	if !avx2 || len(d) < 4 {
		mulAddVVScalar(d, a, b, c, s)
		return
	}
	ss := archsimd.BroadcastFloat64x4(s)
	a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		z := archsimd.LoadFloat64x4(vec(c, i))
		z.Add(x.Mul(y).Mul(ss)).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	mulAddVVScalar(d[i:], a[i:], b[i:], c[i:], s)
}

func mulMulAddVC(d, a, b []float64, c, c2 float64) {
	if !avx2 || len(d) < 4 {
		mulMulAddVCScalar(d, a, b, c, c2)
		return
	}
	cc, cc2 := archsimd.BroadcastFloat64x4(c), archsimd.BroadcastFloat64x4(c2)
	a = a[:len(d)]
	b = b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		y := archsimd.LoadFloat64x4(vec(b, i))
		x.Mul(cc).Mul(cc2).Add(y).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	mulMulAddVCScalar(d[i:], a[i:], b[i:], c, c2)
}

func mulMulVC(d, a []float64, c, c2 float64) {
	i := affine4(d, a, c, math.Copysign(0, -1), c2)
	mulMulVCScalar(d[i:], a[i:], c, c2)
}

func addMulVC(d, a []float64, c, c2 float64) {
	i := affine4(d, a, 1, c, c2)
	addMulVCScalar(d[i:], a[i:], c, c2)
}

// affine4 sets d[i] = (a[i]·m + s)·c2 four lanes at a time and returns how
// many elements it set: all but the last len%4, none without AVX2. With
// m = c and s = −0 it is (a·c)·c2, with m = 1 and s = c (a + c)·c2, bit for
// bit: x·1 and x + (−0) are x.
func affine4(d, a []float64, m, s, c2 float64) int {
	if !avx2 || len(d) < 4 {
		return 0
	}
	mm, ss, cc2 := archsimd.BroadcastFloat64x4(m), archsimd.BroadcastFloat64x4(s), archsimd.BroadcastFloat64x4(c2)
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		x := archsimd.LoadFloat64x4(vec(a, i))
		x.Mul(mm).Add(ss).Mul(cc2).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	return i
}

// copyFinite copies src into dst and reports whether every value is finite
// (x − x is 0 for finite x, NaN otherwise).
func copyFinite(dst, src []float64) bool {
	if !avx2 || len(dst) < 4 {
		return copyFiniteScalar(dst, src)
	}
	src = src[:len(dst)]
	var acc archsimd.Float64x4
	i := 0
	for ; i+4 <= len(dst); i += 4 {
		x := archsimd.LoadFloat64x4(vec(src, i))
		x.Store(vec(dst, i))
		acc = acc.Add(x.Sub(x))
	}
	ok := lanesFinite(acc) == 0
	return copyFiniteScalar(dst[i:], src[i:]) && ok
}

// lanesFinite is 0 when the lanes of acc are finite, NaN otherwise (see
// linear1Scalar). It ends the vector code of a loop: no vector value may
// live across VZEROUPPER, which clears their upper halves.
func lanesFinite(acc archsimd.Float64x4) float64 {
	var s [4]float64
	acc.Sub(acc).Store(&s)
	archsimd.ClearAVXUpperBits()
	return s[0] + s[1] + s[2] + s[3]
}

func linear1(run LinearRun, x0 []float64) float64 {
	if !avx2 || len(x0) < 4 {
		return linear1Scalar(run, x0)
	}
	p, q := archsimd.BroadcastFloat64x4(run.P[0]), archsimd.BroadcastFloat64x4(run.Q[0])
	var acc archsimd.Float64x4
	i := 0
	for ; i+4 <= len(x0); i += 4 {
		y := p.Mul(archsimd.LoadFloat64x4(vec(x0, i))).Add(q)
		y.Store(vec(x0, i))
		acc = acc.Add(y)
	}
	bad := lanesFinite(acc)
	return bad + linear1Scalar(run, x0[i:])
}

func linear2(run LinearRun, x0, x1 []float64) float64 {
	P, Q := run.P[:4], run.Q[:2]
	if !avx2 || len(x0) < 4 || P[2] != 0 || Q[1] != 0 {
		return linear2Scalar(run, x0, x1)
	}
	b := archsimd.BroadcastFloat64x4
	p00, p01, p11, q0 := b(P[0]), b(P[1]), b(P[3]), b(Q[0])
	x1 = x1[:len(x0)]
	var acc archsimd.Float64x4
	i := 0
	for ; i+4 <= len(x0); i += 4 {
		u, v := archsimd.LoadFloat64x4(vec(x0, i)), archsimd.LoadFloat64x4(vec(x1, i))
		y0 := p00.Mul(u).Add(p01.Mul(v)).Add(q0)
		y1 := p11.Mul(v)
		y0.Store(vec(x0, i))
		y1.Store(vec(x1, i))
		acc = acc.Add(y0.Add(y1))
	}
	bad := lanesFinite(acc)
	return bad + linear2Scalar(run, x0[i:], x1[i:])
}

func linear3(run LinearRun, x0, x1, x2 []float64) float64 {
	if !avx2 || len(x0) < 4 {
		return linear3Scalar(run, x0, x1, x2)
	}
	P, Q := run.P[:9], run.Q[:3]
	b := archsimd.BroadcastFloat64x4
	x1, x2 = x1[:len(x0)], x2[:len(x0)]
	var acc archsimd.Float64x4
	i := 0
	if P[3] == 0 && P[5] == 0 && P[6] == 0 && P[7] == 0 && Q[1] == 0 && Q[2] == 0 {
		p00, p01, p02, p11, p22, q0 := b(P[0]), b(P[1]), b(P[2]), b(P[4]), b(P[8]), b(Q[0])
		for ; i+4 <= len(x0); i += 4 {
			u, v, w := archsimd.LoadFloat64x4(vec(x0, i)), archsimd.LoadFloat64x4(vec(x1, i)), archsimd.LoadFloat64x4(vec(x2, i))
			y0 := p00.Mul(u).Add(p01.Mul(v)).Add(p02.Mul(w)).Add(q0)
			y1, y2 := p11.Mul(v), p22.Mul(w)
			y0.Store(vec(x0, i))
			y1.Store(vec(x1, i))
			y2.Store(vec(x2, i))
			acc = acc.Add(y0.Add(y1).Add(y2))
		}
		bad := lanesFinite(acc)
		return bad + linear3Scalar(run, x0[i:], x1[i:], x2[i:])
	}
	var c [9]archsimd.Float64x4
	for k := range c {
		c[k] = b(P[k])
	}
	q0, q1, q2 := b(Q[0]), b(Q[1]), b(Q[2])
	for ; i+4 <= len(x0); i += 4 {
		u, v, w := archsimd.LoadFloat64x4(vec(x0, i)), archsimd.LoadFloat64x4(vec(x1, i)), archsimd.LoadFloat64x4(vec(x2, i))
		y0 := c[0].Mul(u).Add(c[1].Mul(v)).Add(c[2].Mul(w)).Add(q0)
		y1 := c[3].Mul(u).Add(c[4].Mul(v)).Add(c[5].Mul(w)).Add(q1)
		y2 := c[6].Mul(u).Add(c[7].Mul(v)).Add(c[8].Mul(w)).Add(q2)
		y0.Store(vec(x0, i))
		y1.Store(vec(x1, i))
		y2.Store(vec(x2, i))
		acc = acc.Add(y0.Add(y1).Add(y2))
	}
	bad := lanesFinite(acc)
	return bad + linear3Scalar(run, x0[i:], x1[i:], x2[i:])
}

// Vectorization names the vector instructions the kernels run with.
func Vectorization() string {
	if avx2 {
		return "AVX2 (GOEXPERIMENT=simd build)"
	}
	return "none (GOEXPERIMENT=simd build, no AVX2 on this processor)"
}

func expV(d, a []float64) { lanes(d, a, xmath.Exp4, expVScalar) }

func exprelV(d, a []float64) { lanes(d, a, xmath.Exprel4, exprelVScalar) }

// lanes sets d to f of a, four lanes at a time with f4, or with scalar for
// the lanes f4 declines and for the last len%4.
func lanes(d, a []float64, f4 func(archsimd.Float64x4) (archsimd.Float64x4, bool), scalar func(d, a []float64)) {
	if !avx2 || len(d) < 4 {
		scalar(d, a)
		return
	}
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		if y, ok := f4(archsimd.LoadFloat64x4(vec(a, i))); ok {
			y.Store(vec(d, i))
			continue
		}
		archsimd.ClearAVXUpperBits()
		scalar(d[i:i+4], a[i:i+4])
	}
	archsimd.ClearAVXUpperBits()
	scalar(d[i:], a[i:])
}

func chain(x, d, px, pd, q []float64, decay float64) {
	if !avx2 || len(x) < 4 {
		chainScalar(x, d, px, pd, q, decay)
		return
	}
	d, px, pd, q = d[:len(x)], px[:len(x)], pd[:len(x)], q[:len(x)]
	c := archsimd.BroadcastFloat64x4(decay)
	i := 0
	for ; i+4 <= len(x); i += 4 {
		v, dv := archsimd.LoadFloat64x4(vec(x, i)), archsimd.LoadFloat64x4(vec(d, i))
		a := archsimd.LoadFloat64x4(vec(px, i)).Mul(v)
		b := archsimd.LoadFloat64x4(vec(pd, i)).Mul(dv)
		a.Add(b).Add(archsimd.LoadFloat64x4(vec(q, i))).Store(vec(x, i))
		c.Mul(dv).Store(vec(d, i))
	}
	archsimd.ClearAVXUpperBits()
	chainScalar(x[i:], d[i:], px[i:], pd[i:], q[i:], decay)
}
