//go:build !(goexperiment.simd && amd64)

package catalog

// Step advances cells [lo, hi) by one step and appends those that spike.
func (k *ifCurrExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepScalar(lo, hi, step, out)
}

// Step advances cells [lo, hi) by one step and appends those that spike.
func (k *ifCondExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepScalar(lo, hi, step, out)
}

// CellCost is the measured cost of a cell-step of Step with its synaptic
// input (cuba, 1 thread), in nanoseconds.
func (k *ifCurrExp) CellCost() float64 { return 2.5 }

// CellCost is the measured cost of a cell-step of Step with its synaptic
// input (coba, 1 thread), in nanoseconds.
func (k *ifCondExp) CellCost() float64 { return 8 }
