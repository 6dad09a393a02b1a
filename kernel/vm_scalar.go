//go:build !amd64 || (purego && !goexperiment.simd)

package kernel

func addVV(d, a, b []float64) { addVVScalar(d, a, b) }

func subVV(d, a, b []float64) { subVVScalar(d, a, b) }

func mulVV(d, a, b []float64) { mulVVScalar(d, a, b) }

func divVV(d, a, b []float64) { divVVScalar(d, a, b) }

func addVC(d, a []float64, c float64) { addVCScalar(d, a, c) }

func subVC(d, a []float64, c float64) { subVCScalar(d, a, c) }

func rsubVC(d, a []float64, c float64) { rsubVCScalar(d, a, c) }

func mulVC(d, a []float64, c float64) { mulVCScalar(d, a, c) }

func rdivVC(d, a []float64, c float64) { rdivVCScalar(d, a, c) }

func rdivMulVC(d, a []float64, c, c2 float64) { rdivMulVCScalar(d, a, c, c2) }

func addMulMulVC(d, a []float64, c, c2, c3 float64) { addMulMulVCScalar(d, a, c, c2, c3) }

func mulAddVC(d, a, b []float64, c float64) { mulAddVCScalar(d, a, b, c) }

func mulMulVC(d, a []float64, c, c2 float64) { mulMulVCScalar(d, a, c, c2) }

func mulMulAddVC(d, a, b []float64, c, c2 float64) { mulMulAddVCScalar(d, a, b, c, c2) }

func mulAddVV(d, a, b, c []float64, s float64) { mulAddVVScalar(d, a, b, c, s) }

func addMulVC(d, a []float64, c, c2 float64) { addMulVCScalar(d, a, c, c2) }

func expV(d, a []float64) { expVScalar(d, a) }

func exprelV(d, a []float64) { exprelVScalar(d, a) }

func chain(x, d, px, pd, q []float64, decay float64) { chainScalar(x, d, px, pd, q, decay) }

func copyFinite(dst, src []float64) bool { return copyFiniteScalar(dst, src) }

func linear1(run LinearRun, x0 []float64) float64 { return linear1Scalar(run, x0) }

func linear2(run LinearRun, x0, x1 []float64) float64 { return linear2Scalar(run, x0, x1) }

func linear3(run LinearRun, x0, x1, x2 []float64) float64 {
	return linear3Scalar(run, x0, x1, x2)
}

// Vectorization names the vector instructions the kernels run with.
func Vectorization() string { return "none (scalar build)" }
