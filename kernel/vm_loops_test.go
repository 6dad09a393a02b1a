package kernel

import (
	"math"
	"testing"
)

// Each loop of the block machine gives its scalar loop's bits (in a
// GOEXPERIMENT=simd build, the 4-wide loops; otherwise the same functions),
// for lengths around multiples of four, with NaN, infinities and signed
// zeros among the operands.
func TestVectorLoops(t *testing.T) {
	t.Parallel()
	vals := []float64{1.5, -2.25, 0, math.Copysign(0, -1), 3e-300, -7e300, math.Inf(1), math.NaN(), 1.0 / 3, -0.1, 42, 1e-5}
	fill := func(n, off int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = vals[(i*7+off)%len(vals)] * (1 + float64(i)/16)
		}
		return x
	}
	same := func(a, b []float64) bool {
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
				return false
			}
		}
		return true
	}
	vv := map[string][2]func(d, a, b []float64){
		"add": {addVV, addVVScalar}, "sub": {subVV, subVVScalar}, "mul": {mulVV, mulVVScalar}, "div": {divVV, divVVScalar},
	}
	vc := map[string][2]func(d, a []float64, c float64){
		"addC": {addVC, addVCScalar}, "subC": {subVC, subVCScalar}, "rsubC": {rsubVC, rsubVCScalar},
		"mulC": {mulVC, mulVCScalar}, "rdivC": {rdivVC, rdivVCScalar},
	}
	for n := 0; n <= 13; n++ {
		a, b := fill(n, 0), fill(n, 5)
		for name, f := range vv {
			d1, d2 := make([]float64, n), make([]float64, n)
			f[0](d1, a, b)
			f[1](d2, a, b)
			if !same(d1, d2) {
				t.Errorf("%s n=%d: %v, scalar %v", name, n, d1, d2)
			}
		}
		for name, f := range vc {
			for _, c := range []float64{0.7, -3, 0, math.Inf(-1)} {
				d1, d2 := make([]float64, n), make([]float64, n)
				f[0](d1, a, c)
				f[1](d2, a, c)
				if !same(d1, d2) {
					t.Errorf("%s(%g) n=%d: %v, scalar %v", name, c, n, d1, d2)
				}
			}
		}
		vcc := map[string][2]func(d, a []float64, c, c2 float64){
			"mulMulC": {mulMulVC, mulMulVCScalar}, "addMulC": {addMulVC, addMulVCScalar},
		}
		for name, f := range vcc {
			for _, c := range [][2]float64{{0.7, -3}, {0, math.Inf(1)}, {1e300, 1e10}} {
				d1, d2 := make([]float64, n), make([]float64, n)
				f[0](d1, a, c[0], c[1])
				f[1](d2, a, c[0], c[1])
				if !same(d1, d2) {
					t.Errorf("%s(%g, %g) n=%d: %v, scalar %v", name, c[0], c[1], n, d1, d2)
				}
			}
		}
		d1, d2 := make([]float64, n), make([]float64, n)
		mulAddVC(d1, a, b, 0.3)
		mulAddVCScalar(d2, a, b, 0.3)
		if !same(d1, d2) {
			t.Errorf("mulAddC n=%d: %v, scalar %v", n, d1, d2)
		}
		finite := fill(n, 0)
		for i := range finite {
			if math.IsNaN(finite[i]) || math.IsInf(finite[i], 0) {
				finite[i] = 1
			}
		}
		for _, src := range [][]float64{a, finite} {
			c1, c2 := make([]float64, n), make([]float64, n)
			if f1, f2 := copyFinite(c1, src), copyFiniteScalar(c2, src); f1 != f2 || !same(c1, c2) {
				t.Errorf("copyFinite n=%d: %v %v, scalar %v %v", n, f1, c1, f2, c2)
			}
		}
		dc1, dc2, x1, x2 := fill(n, 1), fill(n, 1), fill(n, 2), fill(n, 2)
		chain(x1, dc1, a, b, small(n), 0.9)
		chainScalar(x2, dc2, a, b, small(n), 0.9)
		if !same(x1, x2) || !same(dc1, dc2) {
			t.Errorf("chain n=%d: %v %v, scalar %v %v", n, x1, dc1, x2, dc2)
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

// small returns n values from −1.2 in steps of 0.37.
func small(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = -1.2 + 0.37*float64(i)
	}
	return x
}
