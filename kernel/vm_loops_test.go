package kernel

import (
	"fmt"
	"math"
	"testing"
)

// Each loop of the block machine gives its scalar loop's bits (the 4-wide
// loops of the default amd64 build, and its 8-wide ones where the processor
// has AVX-512, or those of a GOEXPERIMENT=simd build, against the plain Go
// loops), for lengths around multiples of four and eight, with NaN,
// infinities and signed zeros among the operands, and with the destination
// also the first operand (the machine reuses its registers).
func TestVectorLoops(t *testing.T) {
	t.Parallel()
	for n := 0; n <= 21; n++ {
		a, b := fill(n, 0), fill(n, 5)
		for _, f := range arithLoops(fill(n, 3)) {
			d1, d2 := make([]float64, n), make([]float64, n)
			f.vec(d1, a, b)
			f.scalar(d2, a, b)
			if !same(d1, d2) {
				t.Errorf("%s n=%d: %v, scalar %v", f.name, n, d1, d2)
			}
			d1 = append([]float64(nil), a...)
			f.vec(d1, d1, b)
			if !same(d1, d2) {
				t.Errorf("%s in place n=%d: %v, scalar %v", f.name, n, d1, d2)
			}
		}
		finite := fill(n, 0)
		for i := range finite {
			if math.IsNaN(finite[i]) || math.IsInf(finite[i], 0) {
				finite[i] = 1
			}
		}
		srcs := [][]float64{a, finite}
		for i := range n {
			for _, v := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
				src := append([]float64(nil), finite...)
				src[i] = v
				srcs = append(srcs, src)
			}
		}
		for _, src := range srcs {
			c1, c2 := make([]float64, n), make([]float64, n)
			if f1, f2 := copyFinite(c1, src), copyFiniteScalar(c2, src); f1 != f2 || !same(c1, c2) {
				t.Errorf("copyFinite n=%d of %v: %v %v, scalar %v %v", n, src, f1, c1, f2, c2)
			}
		}
		for _, q := range [][]float64{small(n), fill(n, 4)} {
			dc1, dc2, x1, x2 := fill(n, 1), fill(n, 1), fill(n, 2), fill(n, 2)
			chain(x1, dc1, a, b, q, 0.9)
			chainScalar(x2, dc2, a, b, q, 0.9)
			if !same(x1, x2) || !same(dc1, dc2) {
				t.Errorf("chain n=%d: %v %v, scalar %v %v", n, x1, dc1, x2, dc2)
			}
		}
		// small arguments take the vector path of exp and exprel, a's
		// zeros, infinities and large values the scalar one
		small := small(n)
		for name, f := range map[string][2]func(d, a []float64){"exp": {expV, expVScalar}, "exprel": {exprelV, exprelVScalar}} {
			for _, src := range [][]float64{a, small} {
				d1, d2 := make([]float64, n), make([]float64, n)
				f[0](d1, src)
				f[1](d2, src)
				if !same(d1, d2) {
					t.Errorf("%s n=%d: %v, scalar %v", name, n, d1, d2)
				}
			}
		}
	}
}

// loopPair is a loop of the block machine with some of its operands set,
// as called by the machine (vec) and as a scalar loop.
type loopPair struct {
	name        string
	vec, scalar func(d, a, b []float64)
}

// arithLoops returns the arithmetic loops of the machine, with constants
// among them ordinary numbers, zero, infinities and large numbers, and c as
// the third operand of the loops that take one.
func arithLoops(c []float64) []loopPair {
	loops := []loopPair{
		{"add", addVV, addVVScalar}, {"sub", subVV, subVVScalar},
		{"mul", mulVV, mulVVScalar}, {"div", divVV, divVVScalar},
		{"mulAdd", func(d, a, b []float64) { mulAddVV(d, a, b, c, 1) }, func(d, a, b []float64) { mulAddVVScalar(d, a, b, c, 1) }},
		{"rsubMul", func(d, a, b []float64) { mulAddVV(d, a, b, c, -1) }, func(d, a, b []float64) { mulAddVVScalar(d, a, b, c, -1) }},
	}
	for _, k := range []float64{0.7, -3, 0, math.Inf(-1), 1e300} {
		for name, f := range map[string][2]func(d, a []float64, c float64){
			"addC": {addVC, addVCScalar}, "subC": {subVC, subVCScalar}, "rsubC": {rsubVC, rsubVCScalar},
			"mulC": {mulVC, mulVCScalar}, "rdivC": {rdivVC, rdivVCScalar},
		} {
			loops = append(loops, loopPair{fmt.Sprintf("%s(%g)", name, k),
				func(d, a, _ []float64) { f[0](d, a, k) }, func(d, a, _ []float64) { f[1](d, a, k) }})
		}
		loops = append(loops, loopPair{fmt.Sprintf("mulAddC(%g)", k),
			func(d, a, b []float64) { mulAddVC(d, a, b, k) }, func(d, a, b []float64) { mulAddVCScalar(d, a, b, k) }})
		for _, k2 := range []float64{-0.3, math.Inf(1), 1e10} {
			for name, f := range map[string][2]func(d, a []float64, c, c2 float64){
				"mulMulC": {mulMulVC, mulMulVCScalar}, "addMulC": {addMulVC, addMulVCScalar}, "rdivMulC": {rdivMulVC, rdivMulVCScalar},
			} {
				loops = append(loops, loopPair{fmt.Sprintf("%s(%g, %g)", name, k, k2),
					func(d, a, _ []float64) { f[0](d, a, k, k2) }, func(d, a, _ []float64) { f[1](d, a, k, k2) }})
			}
			loops = append(loops,
				loopPair{fmt.Sprintf("mulMulAddC(%g, %g)", k, k2),
					func(d, a, b []float64) { mulMulAddVC(d, a, b, k, k2) }, func(d, a, b []float64) { mulMulAddVCScalar(d, a, b, k, k2) }},
				loopPair{fmt.Sprintf("addMulMulC(%g, %g, 1.7)", k, k2),
					func(d, a, _ []float64) { addMulMulVC(d, a, k, k2, 1.7) }, func(d, a, _ []float64) { addMulMulVCScalar(d, a, k, k2, 1.7) }})
		}
	}
	return loops
}

// loopVals are the operands of the loop tests: ordinary numbers, extremes,
// signed zeros, an infinity and NaN.
var loopVals = []float64{1.5, -2.25, 0, math.Copysign(0, -1), 3e-300, -7e300, math.Inf(1), math.NaN(), 1.0 / 3, -0.1, 42, 1e-5}

// fill returns n of loopVals, in an order set by off, each scaled a little.
// float64(i/16) keeps Go from fusing i·(1/16) + 1 into an FMA (arm64,
// GOAMD64=v3), so that the values are the same on every platform.
func fill(n, off int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = loopVals[(i*7+off)%len(loopVals)] * (1 + float64(float64(i)/16))
	}
	return x
}

// same reports whether a and b hold the same bits, or both NaN, at every
// index.
func same(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// small returns n values from −1.2 in steps of 0.37.
func small(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = -1.2 + float64(0.37*float64(i)) // float64(a*b): no FMA, the same values everywhere
	}
	return x
}

// Chain over more values than one piece of the assembly's (2^14) gives the
// scalar loop's bits everywhere, the joins between pieces included.
func TestChainPieces(t *testing.T) {
	t.Parallel()
	n := 2<<14 + 7
	x1, d1, px, pd, q := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x1[i], d1[i] = float64(i%97)/7, float64(i%13)-6
		px[i], pd[i], q[i] = 1-float64(i%5)/50, float64(i%3)/10, float64(i%11)/3
	}
	x2, d2 := append([]float64(nil), x1...), append([]float64(nil), d1...)
	chain(x1, d1, px, pd, q, 0.97)
	chainScalar(x2, d2, px, pd, q, 0.97)
	for i := range n {
		if math.Float64bits(x1[i]) != math.Float64bits(x2[i]) || math.Float64bits(d1[i]) != math.Float64bits(d2[i]) {
			t.Fatalf("cell %d: chain %v %v, scalar %v %v", i, x1[i], d1[i], x2[i], d2[i])
		}
	}
}
