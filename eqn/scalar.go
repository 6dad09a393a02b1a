package eqn

// Scalar1 returns the float64 implementation of a one-argument function of
// the expression language (exp, log, sqrt, exprel, int, ...), so that kernels
// compute exactly what constant evaluation computes.
func Scalar1(name string) (func(float64) float64, bool) {
	fn, ok := functions[name]
	if !ok || fn.nargs != 1 || fn.f1 == nil {
		return nil, false
	}
	return fn.f1, true
}

// Scalar3 returns the float64 implementation of a three-argument function
// (clip).
func Scalar3(name string) (func(a, b, c float64) float64, bool) {
	fn, ok := functions[name]
	if !ok || fn.nargs != 3 || fn.f3 == nil {
		return nil, false
	}
	return fn.f3, true
}
