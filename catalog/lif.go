package catalog

// reset sets v to vReset and records the spike step of each spiking cell.
func reset(v []float64, last []int64, vReset float64, spikes []int32, step int64) {
	for _, i := range spikes {
		v[i] = vReset
		last[i] = step
	}
}
