package kernel

import "github.com/volleysim/volley/xmath"

// The block machine's arithmetic loops, unrolled by four: the processor then
// overlaps the four independent operations and pays the loop's own cost a
// quarter as often (Go does not unroll or vectorize loops itself). Each
// element is computed exactly as in a plain loop. The names without
// "Scalar" (vm_scalar.go, vm_simd.go) are these loops, or the same
// operations four lanes at a time in a GOEXPERIMENT=simd build.

// addVVScalar sets d[i] = a[i] + b[i].
func addVVScalar(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] + bb[0]
		dd[1] = aa[1] + bb[1]
		dd[2] = aa[2] + bb[2]
		dd[3] = aa[3] + bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] + b[i]
	}
}

// subVVScalar sets d[i] = a[i] - b[i].
func subVVScalar(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] - bb[0]
		dd[1] = aa[1] - bb[1]
		dd[2] = aa[2] - bb[2]
		dd[3] = aa[3] - bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] - b[i]
	}
}

// mulVVScalar sets d[i] = a[i] * b[i].
func mulVVScalar(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] * bb[0]
		dd[1] = aa[1] * bb[1]
		dd[2] = aa[2] * bb[2]
		dd[3] = aa[3] * bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] * b[i]
	}
}

// divVVScalar sets d[i] = a[i] / b[i].
func divVVScalar(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] / bb[0]
		dd[1] = aa[1] / bb[1]
		dd[2] = aa[2] / bb[2]
		dd[3] = aa[3] / bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] / b[i]
	}
}

// addVCScalar sets d[i] = a[i] + c.
func addVCScalar(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] + c
		dd[1] = aa[1] + c
		dd[2] = aa[2] + c
		dd[3] = aa[3] + c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] + c
	}
}

// subVCScalar sets d[i] = a[i] - c.
func subVCScalar(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] - c
		dd[1] = aa[1] - c
		dd[2] = aa[2] - c
		dd[3] = aa[3] - c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] - c
	}
}

// rsubVCScalar sets d[i] = c - a[i].
func rsubVCScalar(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = c - aa[0]
		dd[1] = c - aa[1]
		dd[2] = c - aa[2]
		dd[3] = c - aa[3]
	}
	for ; i < len(d); i++ {
		d[i] = c - a[i]
	}
}

// mulVCScalar sets d[i] = a[i] * c.
func mulVCScalar(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] * c
		dd[1] = aa[1] * c
		dd[2] = aa[2] * c
		dd[3] = aa[3] * c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] * c
	}
}

// rdivVCScalar sets d[i] = c / a[i].
func rdivVCScalar(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = c / aa[0]
		dd[1] = c / aa[1]
		dd[2] = c / aa[2]
		dd[3] = c / aa[3]
	}
	for ; i < len(d); i++ {
		d[i] = c / a[i]
	}
}

// rdivMulVCScalar sets d[i] = c2 / (a[i]·c), rounding the product and the
// quotient.
func rdivMulVCScalar(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = c2 / float64(aa[0]*c)
		dd[1] = c2 / float64(aa[1]*c)
		dd[2] = c2 / float64(aa[2]*c)
		dd[3] = c2 / float64(aa[3]*c)
	}
	for ; i < len(d); i++ {
		d[i] = c2 / float64(a[i]*c)
	}
}

// addMulMulVCScalar sets d[i] = ((a[i] + c)·c2)·c3, rounding each
// operation.
func addMulMulVCScalar(d, a []float64, c, c2, c3 float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = float64(float64(aa[0]+c)*c2) * c3
		dd[1] = float64(float64(aa[1]+c)*c2) * c3
		dd[2] = float64(float64(aa[2]+c)*c2) * c3
		dd[3] = float64(float64(aa[3]+c)*c2) * c3
	}
	for ; i < len(d); i++ {
		d[i] = float64(float64(a[i]+c)*c2) * c3
	}
}

// mulAddVCScalar sets d[i] = a[i]·c + b[i], rounding the product and the sum
// separately.
func mulAddVCScalar(d, a, b []float64, c float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = float64(aa[0]*c) + bb[0]
		dd[1] = float64(aa[1]*c) + bb[1]
		dd[2] = float64(aa[2]*c) + bb[2]
		dd[3] = float64(aa[3]*c) + bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = float64(a[i]*c) + b[i]
	}
}

// mulMulVCScalar sets d[i] = (a[i]·c)·c2, rounding each product.
func mulMulVCScalar(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = float64(aa[0]*c) * c2
		dd[1] = float64(aa[1]*c) * c2
		dd[2] = float64(aa[2]*c) * c2
		dd[3] = float64(aa[3]*c) * c2
	}
	for ; i < len(d); i++ {
		d[i] = float64(a[i]*c) * c2
	}
}

// mulAddVVScalar sets d[i] = c[i] + s·(a[i]·b[i]) for s = ±1, rounding the
// product and the sum: a·b + c, or c − a·b (c + (−t) is c − t exactly).
// float64(s·t) keeps Go from fusing into an FMA (arm64, GOAMD64=v3), so
// every platform gives the same bits.
func mulAddVVScalar(d, a, b, c []float64, s float64) {
	a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb, cc := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4], c[i:i+4:i+4]
		dd[0] = cc[0] + float64(s*float64(aa[0]*bb[0]))
		dd[1] = cc[1] + float64(s*float64(aa[1]*bb[1]))
		dd[2] = cc[2] + float64(s*float64(aa[2]*bb[2]))
		dd[3] = cc[3] + float64(s*float64(aa[3]*bb[3]))
	}
	for ; i < len(d); i++ {
		d[i] = c[i] + float64(s*float64(a[i]*b[i]))
	}
}

// mulMulAddVCScalar sets d[i] = (a[i]·c)·c2 + b[i], rounding each product
// and the sum.
func mulMulAddVCScalar(d, a, b []float64, c, c2 float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = float64(float64(aa[0]*c)*c2) + bb[0]
		dd[1] = float64(float64(aa[1]*c)*c2) + bb[1]
		dd[2] = float64(float64(aa[2]*c)*c2) + bb[2]
		dd[3] = float64(float64(aa[3]*c)*c2) + bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = float64(float64(a[i]*c)*c2) + b[i]
	}
}

// addMulVCScalar sets d[i] = (a[i] + c)·c2, rounding the sum and the product.
func addMulVCScalar(d, a []float64, c, c2 float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = float64(aa[0]+c) * c2
		dd[1] = float64(aa[1]+c) * c2
		dd[2] = float64(aa[2]+c) * c2
		dd[3] = float64(aa[3]+c) * c2
	}
	for ; i < len(d); i++ {
		d[i] = float64(a[i]+c) * c2
	}
}

// negV sets d[i] = −a[i].
func negV(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = -a[i]
	}
}

// expVScalar sets d[i] = exp(a[i]).
func expVScalar(d, a []float64) { xmath.ExpTo(d, a) }

// exprelVScalar sets d[i] = exprel(a[i]) = (exp(a[i]) − 1)/a[i].
func exprelVScalar(d, a []float64) { xmath.ExprelTo(d, a) }
