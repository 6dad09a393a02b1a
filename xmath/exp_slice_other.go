//go:build !amd64 || purego || goexperiment.simd

package xmath

// ExpTo sets dst[i] = Exp(src[i]) for every i of dst (src at least as
// long; dst may be src), with the same bits as Exp, faster than a loop
// that calls Exp.
func ExpTo(dst, src []float64) {
	expToGo(dst, src)
}

// ExprelTo sets dst[i] = Exprel(src[i]) for every i of dst (src at least
// as long; dst may be src), with the same bits as Exprel, faster than a
// loop that calls Exprel.
func ExprelTo(dst, src []float64) {
	exprelToGo(dst, src)
}
