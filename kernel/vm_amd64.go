//go:build amd64 && !goexperiment.simd && !purego

package kernel

import (
	"math"

	"golang.org/x/sys/cpu"

	"github.com/volleysim/volley/xmath"
)

// avx2 reports whether the processor runs the 4-wide loops, avx512
// whether the arithmetic loops run eight lanes at a time (xmath.AVX512;
// vm_amd64.s reads it); they are set once, when the package is
// initialised.
var (
	avx2   = cpu.X86.HasAVX2
	avx512 = xmath.AVX512()
)

// The block machine's loops four lanes at a time with AVX2, in Go assembly
// (vm_amd64.s): the loops of vm_simd.go, each lane with the operation of the
// scalar loop (no fused multiply-add), so every build gives the same bits.
// The assembly runs over the whole fours of the slices; the last len%4
// elements, and every element without AVX2, go through the scalar loop.

// whole4 returns how many leading elements of n the assembly loops handle:
// n rounded down to a multiple of four, or none without AVX2.
func whole4(n int) int {
	if !avx2 {
		return 0
	}
	return n &^ 3
}

func addVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		addVVAVX2(&d[0], &a[0], &b[0], n)
		d, a, b = d[n:], a[n:], b[n:]
	}
	addVVScalar(d, a, b)
}

func subVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		subVVAVX2(&d[0], &a[0], &b[0], n)
		d, a, b = d[n:], a[n:], b[n:]
	}
	subVVScalar(d, a, b)
}

func mulVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulVVAVX2(&d[0], &a[0], &b[0], n)
		d, a, b = d[n:], a[n:], b[n:]
	}
	mulVVScalar(d, a, b)
}

func divVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		divVVAVX2(&d[0], &a[0], &b[0], n)
		d, a, b = d[n:], a[n:], b[n:]
	}
	divVVScalar(d, a, b)
}

func addVC(d, a []float64, c float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		addVCAVX2(&d[0], &a[0], n, c)
		d, a = d[n:], a[n:]
	}
	addVCScalar(d, a, c)
}

func subVC(d, a []float64, c float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		subVCAVX2(&d[0], &a[0], n, c)
		d, a = d[n:], a[n:]
	}
	subVCScalar(d, a, c)
}

func rsubVC(d, a []float64, c float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		rsubVCAVX2(&d[0], &a[0], n, c)
		d, a = d[n:], a[n:]
	}
	rsubVCScalar(d, a, c)
}

func mulVC(d, a []float64, c float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulVCAVX2(&d[0], &a[0], n, c)
		d, a = d[n:], a[n:]
	}
	mulVCScalar(d, a, c)
}

func rdivVC(d, a []float64, c float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		rdivVCAVX2(&d[0], &a[0], n, c)
		d, a = d[n:], a[n:]
	}
	rdivVCScalar(d, a, c)
}

func rdivMulVC(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		rdivMulVCAVX2(&d[0], &a[0], n, c, c2)
		d, a = d[n:], a[n:]
	}
	rdivMulVCScalar(d, a, c, c2)
}

func addMulMulVC(d, a []float64, c, c2, c3 float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		addMulMulVCAVX2(&d[0], &a[0], n, c, c2, c3)
		d, a = d[n:], a[n:]
	}
	addMulMulVCScalar(d, a, c, c2, c3)
}

func mulAddVC(d, a, b []float64, c float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulAddVCAVX2(&d[0], &a[0], &b[0], n, c)
		d, a, b = d[n:], a[n:], b[n:]
	}
	mulAddVCScalar(d, a, b, c)
}

func mulMulVC(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulMulVCAVX2(&d[0], &a[0], n, c, c2)
		d, a = d[n:], a[n:]
	}
	mulMulVCScalar(d, a, c, c2)
}

func mulMulAddVC(d, a, b []float64, c, c2 float64) {
	a, b = a[:len(d)], b[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulMulAddVCAVX2(&d[0], &a[0], &b[0], n, c, c2)
		d, a, b = d[n:], a[n:], b[n:]
	}
	mulMulAddVCScalar(d, a, b, c, c2)
}

func mulAddVV(d, a, b, c []float64, s float64) {
	a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
	if n := whole4(len(d)); n > 0 {
		mulAddVVAVX2(&d[0], &a[0], &b[0], &c[0], n, s)
		d, a, b, c = d[n:], a[n:], b[n:], c[n:]
	}
	mulAddVVScalar(d, a, b, c, s)
}

func addMulVC(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	if n := whole4(len(d)); n > 0 {
		addMulVCAVX2(&d[0], &a[0], n, c, c2)
		d, a = d[n:], a[n:]
	}
	addMulVCScalar(d, a, c, c2)
}

func expV(d, a []float64) { expVScalar(d, a) }

func exprelV(d, a []float64) { exprelVScalar(d, a) }

func chain(x, d, px, pd, q []float64, decay float64) {
	d, px, pd, q = d[:len(x)], px[:len(x)], pd[:len(x)], q[:len(x)]
	// Chain may run over every synapse of a projection, and the runtime
	// cannot stop a goroutine inside assembly: pieces of chainPiece keep a
	// long call from holding up the garbage collector's pauses
	const chainPiece = 1 << 14
	for n := min(whole4(len(x)), chainPiece); n > 0; n = min(whole4(len(x)), chainPiece) {
		chainAVX2(&x[0], &d[0], &px[0], &pd[0], &q[0], n, decay)
		x, d, px, pd, q = x[n:], d[n:], px[n:], pd[n:], q[n:]
	}
	chainScalar(x, d, px, pd, q, decay)
}

// copyFinite copies src into dst and reports whether every value is finite
// (x − x is 0 for finite x, NaN otherwise).
func copyFinite(dst, src []float64) bool {
	src = src[:len(dst)]
	ok := true
	if n := whole4(len(dst)); n > 0 {
		ok = copyFiniteAVX2(&dst[0], &src[0], n)
		dst, src = dst[n:], src[n:]
	}
	return copyFiniteScalar(dst, src) && ok
}

// alarm is the value of the linear loops for the whole fours: 0 when the
// assembly found every lane of its sum finite, NaN otherwise (see
// linear1Scalar).
func alarm(finite bool) float64 {
	if finite {
		return 0
	}
	return math.NaN()
}

func linear1(run LinearRun, x0 []float64) float64 {
	n := whole4(len(x0))
	if n == 0 {
		return linear1Scalar(run, x0)
	}
	bad := alarm(linear1AVX2(&x0[0], n, run.P[0], run.Q[0]))
	return bad + linear1Scalar(run, x0[n:])
}

func linear2(run LinearRun, x0, x1 []float64) float64 {
	P, Q := run.P[:4], run.Q[:2]
	n := whole4(len(x0))
	if n == 0 || P[2] != 0 || Q[1] != 0 {
		return linear2Scalar(run, x0, x1)
	}
	x1 = x1[:len(x0)]
	bad := alarm(linear2AVX2(&x0[0], &x1[0], n, P[0], P[1], P[3], Q[0]))
	return bad + linear2Scalar(run, x0[n:], x1[n:])
}

func linear3(run LinearRun, x0, x1, x2 []float64) float64 {
	P, Q := run.P[:9], run.Q[:3]
	n := whole4(len(x0))
	if n == 0 {
		return linear3Scalar(run, x0, x1, x2)
	}
	x1, x2 = x1[:len(x0)], x2[:len(x0)]
	var ok bool
	if P[3] == 0 && P[5] == 0 && P[6] == 0 && P[7] == 0 && Q[1] == 0 && Q[2] == 0 {
		ok = linear3InputsAVX2(&x0[0], &x1[0], &x2[0], n, P[0], P[1], P[2], P[4], P[8], Q[0])
	} else {
		ok = linear3AVX2(&x0[0], &x1[0], &x2[0], n, (*[9]float64)(P), (*[3]float64)(Q))
	}
	return alarm(ok) + linear3Scalar(run, x0[n:], x1[n:], x2[n:])
}

// Vectorization names the vector instructions the kernels run with.
func Vectorization() string {
	switch {
	case avx2 && avx512:
		return "AVX-512 and AVX2 (assembly)"
	case avx2:
		return "AVX2 (assembly)"
	}
	return "none (no AVX2 on this processor)"
}

// The assembly loops (vm_amd64.s). Each handles the first n elements, n a
// positive multiple of four, of slices that hold at least n; the pointers
// are their first elements. Each lane rounds every operation as the scalar
// loop of the same name does.

// addVVAVX2 sets d[i] = a[i] + b[i].
//
//go:noescape
func addVVAVX2(d, a, b *float64, n int)

// subVVAVX2 sets d[i] = a[i] − b[i].
//
//go:noescape
func subVVAVX2(d, a, b *float64, n int)

// mulVVAVX2 sets d[i] = a[i]·b[i].
//
//go:noescape
func mulVVAVX2(d, a, b *float64, n int)

// divVVAVX2 sets d[i] = a[i] / b[i].
//
//go:noescape
func divVVAVX2(d, a, b *float64, n int)

// addVCAVX2 sets d[i] = a[i] + c.
//
//go:noescape
func addVCAVX2(d, a *float64, n int, c float64)

// subVCAVX2 sets d[i] = a[i] − c.
//
//go:noescape
func subVCAVX2(d, a *float64, n int, c float64)

// rsubVCAVX2 sets d[i] = c − a[i].
//
//go:noescape
func rsubVCAVX2(d, a *float64, n int, c float64)

// mulVCAVX2 sets d[i] = a[i]·c.
//
//go:noescape
func mulVCAVX2(d, a *float64, n int, c float64)

// rdivVCAVX2 sets d[i] = c / a[i].
//
//go:noescape
func rdivVCAVX2(d, a *float64, n int, c float64)

// rdivMulVCAVX2 sets d[i] = c2 / (a[i]·c).
//
//go:noescape
func rdivMulVCAVX2(d, a *float64, n int, c, c2 float64)

// addMulMulVCAVX2 sets d[i] = ((a[i] + c)·c2)·c3.
//
//go:noescape
func addMulMulVCAVX2(d, a *float64, n int, c, c2, c3 float64)

// mulAddVCAVX2 sets d[i] = a[i]·c + b[i].
//
//go:noescape
func mulAddVCAVX2(d, a, b *float64, n int, c float64)

// mulMulVCAVX2 sets d[i] = (a[i]·c)·c2.
//
//go:noescape
func mulMulVCAVX2(d, a *float64, n int, c, c2 float64)

// mulMulAddVCAVX2 sets d[i] = (a[i]·c)·c2 + b[i].
//
//go:noescape
func mulMulAddVCAVX2(d, a, b *float64, n int, c, c2 float64)

// mulAddVVAVX2 sets d[i] = c[i] + s·(a[i]·b[i]).
//
//go:noescape
func mulAddVVAVX2(d, a, b, c *float64, n int, s float64)

// addMulVCAVX2 sets d[i] = (a[i] + c)·c2.
//
//go:noescape
func addMulVCAVX2(d, a *float64, n int, c, c2 float64)

// chainAVX2 sets x[i] = (px[i]·x[i] + pd[i]·d[i]) + q[i] and
// d[i] = decay·d[i] (see Chain).
//
//go:noescape
func chainAVX2(x, d, px, pd, q *float64, n int, decay float64)

// copyFiniteAVX2 copies src into dst and reports whether every value is
// finite.
//
//go:noescape
func copyFiniteAVX2(dst, src *float64, n int) bool

// linear1AVX2 sets x0[i] = p·x0[i] + q and reports whether the lanes of the
// sum of the new values, accumulated four lanes apart, are finite.
//
//go:noescape
func linear1AVX2(x0 *float64, n int, p, q float64) bool

// linear2AVX2 is linear2Scalar's loop for a decaying input into the first
// variable: x0[i] = (p00·x0[i] + p01·x1[i]) + q0, x1[i] = p11·x1[i]; it
// reports whether the lanes of the sum of the new values, accumulated four
// lanes apart as y0 + y1, are finite.
//
//go:noescape
func linear2AVX2(x0, x1 *float64, n int, p00, p01, p11, q0 float64) bool

// linear3InputsAVX2 is linear3Scalar's loop for two decaying inputs into
// the first variable: x0[i] = ((p00·x0[i] + p01·x1[i]) + p02·x2[i]) + q0,
// x1[i] = p11·x1[i], x2[i] = p22·x2[i]; it reports whether the lanes of the
// sum of the new values, accumulated four lanes apart as (y0 + y1) + y2, are
// finite.
//
//go:noescape
func linear3InputsAVX2(x0, x1, x2 *float64, n int, p00, p01, p02, p11, p22, q0 float64) bool

// linear3AVX2 is linear3Scalar's general loop, x ← P·x + q with the sums
// of each row taken left to right; it reports whether the lanes of the sum
// of the new values, accumulated four lanes apart as (y0 + y1) + y2, are
// finite.
//
//go:noescape
func linear3AVX2(x0, x1, x2 *float64, n int, P *[9]float64, Q *[3]float64) bool
