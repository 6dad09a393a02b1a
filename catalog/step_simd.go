//go:build goexperiment.simd && amd64

package catalog

import (
	"math/bits"
	"simd/archsimd"

	"github.com/volleysim/volley/xmath"
)

// avx2 reports whether the processor runs the 4-wide loops; it is set once,
// when the package is initialised.
var avx2 = archsimd.X86.AVX2()

// Step advances cells [lo, hi) by one step and appends those that spike:
// four cells at a time with AVX2 (built with GOEXPERIMENT=simd), with the
// operations of stepScalar in the same order and no fused multiply-add, so
// that both give the same bits.
func (k *ifCurrExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	if !avx2 || hi-lo < 4 {
		return k.stepScalar(lo, hi, step, out)
	}
	v, ie, ii, last := k.v[lo:hi], k.ie[lo:hi], k.ii[lo:hi], k.last[lo:hi]
	ie, ii, last = ie[:len(v)], ii[:len(v)], last[:len(v)]
	pvv, pve, pvi, qv := archsimd.BroadcastFloat64x4(k.pvv), archsimd.BroadcastFloat64x4(k.pve),
		archsimd.BroadcastFloat64x4(k.pvi), archsimd.BroadcastFloat64x4(k.qv)
	pee, pii := archsimd.BroadcastFloat64x4(k.pee), archsimd.BroadcastFloat64x4(k.pii)
	th := archsimd.BroadcastFloat64x4(k.vThresh)
	now, ref := archsimd.BroadcastInt64x4(step), archsimd.BroadcastInt64x4(k.ref)
	out, cand := roomForSpikes(out, len(v))
	nc := 0
	i := 0
	for ; i+4 <= len(v); i += 4 {
		vp, ep, ip := (*[4]float64)(v[i:i+4]), (*[4]float64)(ie[i:i+4]), (*[4]float64)(ii[i:i+4])
		e, in := archsimd.LoadFloat64x4(ep), archsimd.LoadFloat64x4(ip)
		e.Mul(pee).Store(ep)
		in.Mul(pii).Store(ip)
		// active: not refractory, step − last ≥ ref
		active := now.Sub(archsimd.LoadInt64x4((*[4]int64)(last[i:i+4]))).Less(ref).ToBits() ^ 0xf
		if active == 0 {
			continue
		}
		old := archsimd.LoadFloat64x4(vp)
		x := pvv.Mul(old).Add(pve.Mul(e)).Add(pvi.Mul(in)).Add(qv)
		x.Merge(old, archsimd.Mask64x4FromBits(active)).Store(vp)
		nc = candidates(x, th, active, i, cand, nc)
	}
	archsimd.ClearAVXUpperBits()
	return finishStep(k, out, cand[:nc], v[:i], k.vThresh, lo, lo+i, hi, step)
}

// candidates writes, from cand[nc] on, base+l for the lanes l of x that are
// active (bit l of active) and not at or below th (above it, or NaN, as the
// scalar loops test !(x <= th)), and returns the new count. It makes no
// call, so that the loops that use it keep their constants in registers.
func candidates(x, th archsimd.Float64x4, active uint8, base int, cand []int32, nc int) int {
	for b := (x.LessEqual(th).ToBits() ^ 0xf) & active; b != 0; b &= b - 1 {
		cand[nc] = int32(base + bits.TrailingZeros8(b))
		nc++
	}
	return nc
}

// Step advances cells [lo, hi) by one step and appends those that spike:
// four cells at a time with AVX2, as IF_curr_exp's Step, the exponential
// by xmath.Exp4 (by xmath.Exp for four values of which one leaves Exp4's
// range), in chunks of at most condChunk cells.
func (k *ifCondExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	if !avx2 || hi-lo < 4 {
		return k.stepScalar(lo, hi, step, out)
	}
	return inChunks(lo, hi, step, out, k.stepVector)
}

// stepVector is Step for at most condChunk cells, in three loops as
// stepChunk, so that the call to Exp4 sits in a loop of its own and the
// other two keep their constants in registers.
func (k *ifCondExp) stepVector(lo, hi int, step int64, out []int32) ([]int32, bool) {
	v, ge, gi, last := k.v[lo:hi], k.ge[lo:hi], k.gi[lo:hi], k.last[lo:hi]
	ge, gi, last = ge[:len(v)], gi[:len(v)], last[:len(v)]
	n := len(v) &^ 3 // whole groups of four; the rest through stepScalar
	expo, bas := k.expo[lo:lo+n], k.bas[lo:lo+n]
	var act [condChunk / 4]uint8
	b := archsimd.BroadcastFloat64x4
	mgl, bl, invC, eE, eI, dt := b(-k.gl), b(k.bl), b(k.invC), b(k.eE), b(k.eI), b(k.dt)
	decE, decI := b(k.decE), b(k.decI)
	now, ref := archsimd.BroadcastInt64x4(step), archsimd.BroadcastInt64x4(k.ref)
	for i := 0; i < n; i += 4 {
		ep, ip := (*[4]float64)(ge[i:i+4]), (*[4]float64)(gi[i:i+4])
		e, in := archsimd.LoadFloat64x4(ep), archsimd.LoadFloat64x4(ip)
		// active: not refractory, step − last ≥ ref
		act[i/4] = now.Sub(archsimd.LoadInt64x4((*[4]int64)(last[i:i+4]))).Less(ref).ToBits() ^ 0xf
		a := mgl.Sub(e.Add(in).Mul(invC))
		bl.Add(e.Mul(eE).Add(in.Mul(eI)).Mul(invC)).Div(a).Store((*[4]float64)(bas[i : i+4]))
		a.Mul(dt).Store((*[4]float64)(expo[i : i+4]))
		e.Mul(decE).Store(ep)
		in.Mul(decI).Store(ip)
	}
	for i := 0; i < n; i += 4 {
		if act[i/4] == 0 {
			continue
		}
		xp := (*[4]float64)(expo[i : i+4])
		ex, ok := xmath.Exp4(archsimd.LoadFloat64x4(xp))
		if !ok {
			for l := range xp {
				xp[l] = xmath.Exp(xp[l])
			}
			continue
		}
		ex.Store(xp)
	}
	th := b(k.vThresh)
	out, cand := roomForSpikes(out, len(v))
	nc := 0
	for i := 0; i < n; i += 4 {
		active := act[i/4]
		if active == 0 {
			continue
		}
		vp := (*[4]float64)(v[i : i+4])
		old, ba := archsimd.LoadFloat64x4(vp), archsimd.LoadFloat64x4((*[4]float64)(bas[i:i+4]))
		x := old.Add(ba).Mul(archsimd.LoadFloat64x4((*[4]float64)(expo[i : i+4]))).Sub(ba)
		x.Merge(old, archsimd.Mask64x4FromBits(active)).Store(vp)
		nc = candidates(x, th, active, i, cand, nc)
	}
	archsimd.ClearAVXUpperBits()
	return finishStep(k, out, cand[:nc], v[:n], k.vThresh, lo, lo+n, hi, step)
}

// CellCost is the cost of a cell-step of Step: a quarter of the scalar
// loop's arithmetic with AVX2, measured at 1 ns (cuba).
func (k *ifCurrExp) CellCost() float64 {
	if avx2 {
		return 1
	}
	return currExpCost
}

// CellCost is the cost of a cell-step of Step with AVX2: about 4 ns (coba's
// run time over cells × steps was 3.6 ns on 2026-12-03; rounded up, which
// also keeps coba at 4000 cells on three workers for three threads, as
// TestThreadIndependence needs).
func (k *ifCondExp) CellCost() float64 {
	if avx2 {
		return 4
	}
	return condExpCost
}
