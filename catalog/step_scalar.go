//go:build !amd64 || (purego && !goexperiment.simd)

package catalog

// Step advances cells [lo, hi) by one step and appends those that spike.
func (k *ifCurrExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepScalar(lo, hi, step, out)
}

// Step advances cells [lo, hi) by one step and appends those that spike.
func (k *ifCondExp) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return k.stepScalar(lo, hi, step, out)
}

// CellCost is the cost of a cell-step of Step (see currExpCost).
func (k *ifCurrExp) CellCost() float64 { return currExpCost }

// CellCost is the cost of a cell-step of Step (see condExpCost).
func (k *ifCondExp) CellCost() float64 { return condExpCost }
