package catalog

// threshold appends the cells of [lo, hi) with v > vth that are not
// refractory at step, ascending.
func threshold(v []float64, last []int64, ref int64, vth float64, lo, hi int, step int64, out []int32) []int32 {
	vs, ls := v[lo:hi], last[lo:hi]
	ls = ls[:len(vs)]
	for i, x := range vs {
		if x > vth && step-ls[i] >= ref {
			out = append(out, int32(lo+i))
		}
	}
	return out
}

// reset sets v to vReset and records the spike step of each spiking cell.
func reset(v []float64, last []int64, vReset float64, spikes []int32, step int64) {
	for _, i := range spikes {
		v[i] = vReset
		last[i] = step
	}
}
