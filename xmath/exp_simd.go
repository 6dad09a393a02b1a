//go:build goexperiment.simd && amd64

package xmath

import "simd/archsimd"

// Exp4 returns Exp of the four values of x, computed together with AVX2:
// the same operations in the same order as Exp, so the same bits. It
// reports false, and leaves the work to Exp, unless every value is within
// [−700, 700] (no overflow, subnormal or NaN to handle). The caller checks
// that the processor has AVX2.
func Exp4(x archsimd.Float64x4) (archsimd.Float64x4, bool) {
	lim := archsimd.BroadcastFloat64x4(700)
	if x.LessEqual(lim).And(x.GreaterEqual(archsimd.BroadcastFloat64x4(-700))).ToBits() != 0xf {
		return x, false
	}
	sh := archsimd.BroadcastFloat64x4(shifter)
	big := x.Mul(archsimd.BroadcastFloat64x4(inv)).Add(sh)
	kf := big.Sub(sh)
	// big = 1.5·2^52 + k exactly, so its bits are those of 1.5·2^52 plus k;
	// the bias 2^16 keeps k + bias positive for the logical shift below
	kb := big.AsInt64x4().Sub(sh.AsInt64x4()).Add(archsimd.BroadcastInt64x4(1 << 16))
	r := x.Sub(kf.Mul(archsimd.BroadcastFloat64x4(ln2hi))).Sub(kf.Mul(archsimd.BroadcastFloat64x4(ln2lo)))
	r2 := r.Mul(r)
	in1 := archsimd.BroadcastFloat64x4(1.0 / 2).Add(r.Mul(archsimd.BroadcastFloat64x4(1.0 / 6)))
	in2 := archsimd.BroadcastFloat64x4(1.0 / 24).Add(r.Mul(archsimd.BroadcastFloat64x4(1.0 / 120)))
	in3 := in2.Add(r2.Mul(archsimd.BroadcastFloat64x4(1.0 / 720)))
	p := r.Add(r2.Mul(in1.Add(r2.Mul(in3))))
	j := kb.And(archsimd.BroadcastInt64x4(63))
	jl, jh := j.GetLo(), j.GetHi()
	t := gather(&exp2Table, jl.GetElem(0)&63, jl.GetElem(1)&63, jh.GetElem(0)&63, jh.GetElem(1)&63)
	y := t.Add(t.Mul(p))
	// 2^m with m = k >> 6: (k + 2^16) >> 6 = m + 1024
	e := kb.AsUint64x4().ShiftAllRight(6).ShiftAllLeft(52).AsInt64x4().Sub(archsimd.BroadcastInt64x4(1024 << 52))
	return y.AsInt64x4().Add(e).AsFloat64x4(), true
}

// Exprel4 returns Exprel of the four values of x, computed together with
// AVX2: Expm1's operations (its table path, or Exp(x) − 1 below −1.38 or
// so) and the division by x, in the same order, so the same bits. It
// reports false, and leaves the work to Exprel, unless every value is
// nonzero and within [−40, 700]. The caller checks that the processor has
// AVX2.
//
// It repeats Exp4's reduction rather than sharing a helper: a helper is too
// large to be inlined, and its vector results then pass through memory,
// which made both functions four times slower.
func Exprel4(x archsimd.Float64x4) (archsimd.Float64x4, bool) {
	inRange := x.LessEqual(archsimd.BroadcastFloat64x4(700)).And(x.GreaterEqual(archsimd.BroadcastFloat64x4(-40)))
	if inRange.And(x.NotEqual(archsimd.Float64x4{})).ToBits() != 0xf {
		return x, false
	}
	sh := archsimd.BroadcastFloat64x4(shifter)
	big := x.Mul(archsimd.BroadcastFloat64x4(inv)).Add(sh)
	kf := big.Sub(sh)
	// k + 2^16 > 0, as in Exp4
	kb := big.AsInt64x4().Sub(sh.AsInt64x4()).Add(archsimd.BroadcastInt64x4(1 << 16))
	r := x.Sub(kf.Mul(archsimd.BroadcastFloat64x4(ln2hi))).Sub(kf.Mul(archsimd.BroadcastFloat64x4(ln2lo)))
	r2 := r.Mul(r)
	in1 := archsimd.BroadcastFloat64x4(1.0 / 2).Add(r.Mul(archsimd.BroadcastFloat64x4(1.0 / 6)))
	in2 := archsimd.BroadcastFloat64x4(1.0 / 24).Add(r.Mul(archsimd.BroadcastFloat64x4(1.0 / 120)))
	in3 := in2.Add(r2.Mul(archsimd.BroadcastFloat64x4(1.0 / 720)))
	p := r.Add(r2.Mul(in1.Add(r2.Mul(in3))))
	j := kb.And(archsimd.BroadcastInt64x4(63))
	jl, jh := j.GetLo(), j.GetHi()
	j0, j1, j2, j3 := jl.GetElem(0)&63, jl.GetElem(1)&63, jh.GetElem(0)&63, jh.GetElem(1)&63
	hi := gather(&exp2Table, j0, j1, j2, j3)
	lo := gather(&exp2Lo, j0, j1, j2, j3)
	one := archsimd.BroadcastFloat64x4(1)
	// (k + 2^16) >> 6 = m + 1024 with m = k >> 6
	m1024 := kb.AsUint64x4().ShiftAllRight(6)
	// the table path, m ≥ −2: 1023 + m is the biased exponent of 2^m
	scale := m1024.Sub(archsimd.BroadcastUint64x4(1)).ShiftAllLeft(52).AsFloat64x4()
	table := scale.Mul(hi).Sub(one).Add(scale.Mul(lo.Add(hi.Mul(p))))
	// Exp(x) − 1 for m < −2, with Exp4's scaling
	e := m1024.ShiftAllLeft(52).AsInt64x4().Sub(archsimd.BroadcastInt64x4(1024 << 52))
	viaExp := hi.Add(hi.Mul(p)).AsInt64x4().Add(e).AsFloat64x4().Sub(one)
	em1 := table.Merge(viaExp, kf.GreaterEqual(archsimd.BroadcastFloat64x4(-128)))
	return em1.Div(x), true
}

// gather returns the table entries j0..j3 as one vector.
func gather(tab *[64]float64, j0, j1, j2, j3 int64) archsimd.Float64x4 {
	var lo, hi archsimd.Float64x2
	lo = lo.SetElem(0, tab[j0]).SetElem(1, tab[j1])
	hi = hi.SetElem(0, tab[j2]).SetElem(1, tab[j3])
	return archsimd.Float64x4{}.SetLo(lo).SetHi(hi)
}
