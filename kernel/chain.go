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
	k := 0
	for ; k+4 <= len(x); k += 4 {
		xx, dd, ax, ad, qq := x[k:k+4:k+4], d[k:k+4:k+4], px[k:k+4:k+4], pd[k:k+4:k+4], q[k:k+4:k+4]
		d0, d1, d2, d3 := dd[0], dd[1], dd[2], dd[3]
		xx[0] = float64(ax[0]*xx[0]) + float64(ad[0]*d0) + qq[0]
		xx[1] = float64(ax[1]*xx[1]) + float64(ad[1]*d1) + qq[1]
		xx[2] = float64(ax[2]*xx[2]) + float64(ad[2]*d2) + qq[2]
		xx[3] = float64(ax[3]*xx[3]) + float64(ad[3]*d3) + qq[3]
		dd[0], dd[1], dd[2], dd[3] = decay*d0, decay*d1, decay*d2, decay*d3
	}
	x, d, px, pd, q = x[k:], d[k:], px[k:], pd[k:], q[k:]
	for k, v := range x {
		dv := d[k]
		x[k] = float64(px[k]*v) + float64(pd[k]*dv) + q[k]
		d[k] = decay * dv
	}
}
