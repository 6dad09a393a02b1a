//go:build amd64 && !goexperiment.simd && !purego

package catalog

import (
	"golang.org/x/sys/cpu"

	"github.com/volleysim/volley/xmath"
)

// avx2 reports whether the processor runs the 4-wide loops of
// step_amd64.s, avx512 whether it runs the 8-wide ones (xmath.AVX512);
// they are set once, when the package is initialised.
var (
	avx2   = cpu.X86.HasAVX2
	avx512 = xmath.AVX512()
)

// Step advances cells [lo, hi) by one step and appends those that spike:
// eight cells at a time with AVX-512 (currExp512) or four with AVX2
// (currExpAVX2), with the operations of stepScalar in the same order and no
// fused multiply-add, so that both give the same bits; the last len%4
// cells go through stepScalar.
func (k *ifCurrExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepLanes(lo, hi, step, out, avx512)
}

// stepLanes is Step with the AVX-512 loop if wide, the AVX2 one otherwise.
func (k *ifCurrExp) stepLanes(lo, hi int, step int64, out []int32, wide bool) ([]int32, bool) {
	if !avx2 || hi-lo < 4 {
		return k.stepScalar(lo, hi, step, out)
	}
	v, ie, ii, last := k.v[lo:hi], k.ie[lo:hi], k.ii[lo:hi], k.last[lo:hi]
	n := len(v) &^ 3 // whole groups of four
	out, cand := roomForSpikes(out, len(v))
	var nc int
	if wide {
		nc = currExp512(v[:n], ie[:n], ii[:n], last[:n], cand,
			k.pee, k.pii, k.pvv, k.pve, k.pvi, k.qv, k.vThresh, step, k.ref)
	} else {
		nc = currExpAVX2(v[:n], ie[:n], ii[:n], last[:n], cand,
			k.pee, k.pii, k.pvv, k.pve, k.pvi, k.qv, k.vThresh, step, k.ref)
	}
	return finishStep(k, out, cand[:nc], v[:n], k.vThresh, lo, lo+n, hi, step)
}

// Step advances cells [lo, hi) by one step and appends those that spike:
// four cells at a time with AVX2, as IF_curr_exp's Step, in chunks of at
// most condChunk cells.
func (k *ifCondExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	if !avx2 || hi-lo < 4 {
		return k.stepScalar(lo, hi, step, out)
	}
	return inChunks(lo, hi, step, out, k.stepVector)
}

// stepVector is Step for at most condChunk cells, in three loops as
// stepChunk: condExpDecayAVX2, the exponentials by xmath.ExpTo, and
// condExpVoltageAVX2, or their AVX-512 forms where the processor has it.
// ExpTo takes every exponent of the chunk, those of refractory cells too:
// their results are not used, and Exp gives each value the same bits
// whatever its neighbours.
func (k *ifCondExp) stepVector(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepLanes(lo, hi, step, out, avx512)
}

// stepLanes is stepVector with the AVX-512 loops if wide, the AVX2 ones
// otherwise.
func (k *ifCondExp) stepLanes(lo, hi int, step int64, out []int32, wide bool) ([]int32, bool) {
	v, ge, gi, last := k.v[lo:hi], k.ge[lo:hi], k.gi[lo:hi], k.last[lo:hi]
	n := len(v) &^ 3 // whole groups of four; the rest through stepScalar
	x, b := k.expo[lo:lo+n], k.bas[lo:lo+n]
	if wide {
		condExpDecay512(ge[:n], gi[:n], x, b, -k.gl, k.bl, k.invC, k.eE, k.eI, k.dt, k.decE, k.decI)
	} else {
		condExpDecayAVX2(ge[:n], gi[:n], x, b, -k.gl, k.bl, k.invC, k.eE, k.eI, k.dt, k.decE, k.decI)
	}
	xmath.ExpTo(x, x)
	out, cand := roomForSpikes(out, len(v))
	var nc int
	if wide {
		nc = condExpVoltage512(v[:n], x, b, last[:n], cand, k.vThresh, step, k.ref)
	} else {
		nc = condExpVoltageAVX2(v[:n], x, b, last[:n], cand, k.vThresh, step, k.ref)
	}
	return finishStep(k, out, cand[:nc], v[:n], k.vThresh, lo, lo+n, hi, step)
}

// currExpAVX2 is IF_curr_exp's step over the len(v)/4 groups of four cells
// of v (len(v) a multiple of four; ie, ii and last at least as long, cand at
// least len(v)): it decays the currents ie and ii by pee and pii, and for
// the cells that are not refractory (step − last ≥ ref) sets
// v = pvv·v + pve·ie + pvi·ii + qv with the currents of before the decay.
// It writes to cand, in order, the position of each such cell whose new v
// is not at or below th, and returns their number.
//
//go:noescape
func currExpAVX2(v, ie, ii []float64, last []int64, cand []int32,
	pee, pii, pvv, pve, pvi, qv, th float64, step, ref int64) int

// condExpDecayAVX2 is the first loop of IF_cond_exp's step over the
// len(ge)/4 groups of four cells of ge (len(ge) a multiple of four; gi,
// expo and bas at least as long): with a = mgl − (ge + gi)·invC it sets
// expo = a·dt and bas = (bl + (ge·eE + gi·eI)·invC)/a, for every cell
// (condExpVoltageAVX2 leaves out those of refractory cells), and decays ge
// and gi by decE and decI.
//
//go:noescape
func condExpDecayAVX2(ge, gi, expo, bas []float64,
	mgl, bl, invC, eE, eI, dt, decE, decI float64)

// condExpVoltageAVX2 is the last loop of IF_cond_exp's step over the
// len(v)/4 groups of four cells of v (len(v) a multiple of four; expo, bas
// and last at least as long, cand at least len(v)): for the cells that are
// not refractory (step − last ≥ ref) it sets v = (v + bas)·expo − bas, with
// expo the exponentials. It writes to cand, in order, the position of each
// such cell whose new v is not at or below th, and returns their number.
//
//go:noescape
func condExpVoltageAVX2(v, expo, bas []float64, last []int64, cand []int32,
	th float64, step, ref int64) int

// CellCost is the cost of a cell-step of Step: a quarter of the scalar
// loop's arithmetic with AVX2, measured at 1 ns (cuba), as in step_simd.go.
func (k *ifCurrExp) CellCost() float64 {
	if avx2 {
		return 1
	}
	return currExpCost
}

// CellCost is the cost of a cell-step of Step with AVX2: about 4 ns, the
// figure of step_simd.go (which also keeps coba at 4000 cells on three
// workers for three threads, as TestThreadIndependence needs).
func (k *ifCondExp) CellCost() float64 {
	if avx2 {
		return 4
	}
	return condExpCost
}

// condExpDecay512 is condExpDecayAVX2 with AVX-512, eight cells at a time
// (the last four, if any, with the upper lanes masked off).
//
//go:noescape
func condExpDecay512(ge, gi, expo, bas []float64,
	mgl, bl, invC, eE, eI, dt, decE, decI float64)

// condExpVoltage512 is condExpVoltageAVX2 with AVX-512, eight cells at a
// time (the last four, if any, with the upper lanes masked off).
//
//go:noescape
func condExpVoltage512(v, expo, bas []float64, last []int64, cand []int32,
	th float64, step, ref int64) int

// currExp512 is currExpAVX2 with AVX-512, eight cells at a time (the last
// four, if any, with the upper lanes masked off).
//
//go:noescape
func currExp512(v, ie, ii []float64, last []int64, cand []int32,
	pee, pii, pvv, pve, pvi, qv, th float64, step, ref int64) int
