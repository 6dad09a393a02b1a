package kernel

// The block machine's arithmetic loops, unrolled by four: the processor then
// overlaps the four independent operations and pays the loop's own cost a
// quarter as often (Go does not unroll or vectorize loops itself). Each
// element is computed exactly as in a plain loop.

// addVV sets d[i] = a[i] + b[i].
func addVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] + bb[0]
		dd[1] = aa[1] + bb[1]
		dd[2] = aa[2] + bb[2]
		dd[3] = aa[3] + bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] + b[i]
	}
}

// subVV sets d[i] = a[i] - b[i].
func subVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] - bb[0]
		dd[1] = aa[1] - bb[1]
		dd[2] = aa[2] - bb[2]
		dd[3] = aa[3] - bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] - b[i]
	}
}

// mulVV sets d[i] = a[i] * b[i].
func mulVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] * bb[0]
		dd[1] = aa[1] * bb[1]
		dd[2] = aa[2] * bb[2]
		dd[3] = aa[3] * bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] * b[i]
	}
}

// divVV sets d[i] = a[i] / b[i].
func divVV(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = aa[0] / bb[0]
		dd[1] = aa[1] / bb[1]
		dd[2] = aa[2] / bb[2]
		dd[3] = aa[3] / bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = a[i] / b[i]
	}
}

// addVC sets d[i] = a[i] + c.
func addVC(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] + c
		dd[1] = aa[1] + c
		dd[2] = aa[2] + c
		dd[3] = aa[3] + c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] + c
	}
}

// subVC sets d[i] = a[i] - c.
func subVC(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] - c
		dd[1] = aa[1] - c
		dd[2] = aa[2] - c
		dd[3] = aa[3] - c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] - c
	}
}

// rsubVC sets d[i] = c - a[i].
func rsubVC(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = c - aa[0]
		dd[1] = c - aa[1]
		dd[2] = c - aa[2]
		dd[3] = c - aa[3]
	}
	for ; i < len(d); i++ {
		d[i] = c - a[i]
	}
}

// mulVC sets d[i] = a[i] * c.
func mulVC(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = aa[0] * c
		dd[1] = aa[1] * c
		dd[2] = aa[2] * c
		dd[3] = aa[3] * c
	}
	for ; i < len(d); i++ {
		d[i] = a[i] * c
	}
}

// rdivVC sets d[i] = c / a[i].
func rdivVC(d, a []float64, c float64) {
	a = a[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa := d[i:i+4:i+4], a[i:i+4:i+4]
		dd[0] = c / aa[0]
		dd[1] = c / aa[1]
		dd[2] = c / aa[2]
		dd[3] = c / aa[3]
	}
	for ; i < len(d); i++ {
		d[i] = c / a[i]
	}
}

// mulAddVC sets d[i] = a[i]·c + b[i], rounding the product and the sum
// separately.
func mulAddVC(d, a, b []float64, c float64) {
	a, b = a[:len(d)], b[:len(d)]
	i := 0
	for ; i+4 <= len(d); i += 4 {
		dd, aa, bb := d[i:i+4:i+4], a[i:i+4:i+4], b[i:i+4:i+4]
		dd[0] = float64(aa[0]*c) + bb[0]
		dd[1] = float64(aa[1]*c) + bb[1]
		dd[2] = float64(aa[2]*c) + bb[2]
		dd[3] = float64(aa[3]*c) + bb[3]
	}
	for ; i < len(d); i++ {
		d[i] = float64(a[i]*c) + b[i]
	}
}

// negV sets d[i] = −a[i].
func negV(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = -a[i]
	}
}
