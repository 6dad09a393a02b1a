package kernel

// Chain advances by one step a set of two-variable linear systems in which
// one variable, d, decays alone at a rate shared by the whole set, and the
// other, x, depends on it with its own coefficients (the recovered and
// active resources of Tsodyks–Markram synapses with a shared synaptic time
// constant): x[k] ← px[k]·x[k] + pd[k]·d[k] + q[k], d[k] ← decay·d[k]. The
// slices have the length of x. The products are rounded before they are
// added (no fused multiply-add), so every build gives the same bits.
func Chain(x, d, px, pd, q []float64, decay float64) { chain(x, d, px, pd, q, decay) }

func chainScalar(x, d, px, pd, q []float64, decay float64) {
	d, px, pd, q = d[:len(x)], px[:len(x)], pd[:len(x)], q[:len(x)]
	for k, v := range x {
		dv := d[k]
		x[k] = float64(px[k]*v) + float64(pd[k]*dv) + q[k]
		d[k] = decay * dv
	}
}
