//go:build !amd64 || purego || goexperiment.simd

package kernel

// scanStrict is scanStrictScalar: the plain Go loop on other processors,
// with -tags purego and in a GOEXPERIMENT=simd build.
func scanStrict(hits []int32, x []float64, lo int, notref []float64, sign, bound float64) int {
	return scanStrictScalar(hits, x, lo, notref, sign, bound)
}

// notrefConst is notrefConstScalar: the plain Go loop on other processors, with
// -tags purego and in a GOEXPERIMENT=simd build.
func notrefConst(nr []float64, last []int64, step, refSteps int64) {
	notrefConstScalar(nr, last, step, refSteps)
}

// notrefCond is notrefCondScalar: the plain Go loop on other processors,
// with -tags purego and in a GOEXPERIMENT=simd build.
func notrefCond(nr, cond, state []float64) { notrefCondScalar(nr, cond, state) }
