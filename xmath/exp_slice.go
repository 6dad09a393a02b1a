package xmath

import "math"

// float64(a*b) prevents fused multiply-adds: see doc.go.

// expToGo is ExpTo in Go, for the builds without its assembly, processors
// without AVX2 and the values the assembly leaves. Exp is too large for Go
// to inline, so a loop that calls it pays for the call at every value and
// cannot overlap one value's work with the next; here Exp's common path
// (results that are normal numbers) is written out in the loop, and the
// rest calls Exp.
func expToGo(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		// within ±700, 2^m below is a normal number (m > −1022, m < 1024)
		if !(x >= -700 && x <= 700) {
			dst[i] = Exp(x)
			continue
		}
		_, k, r := reduce(x)
		t := exp2Table[k&63]
		y := t + float64(t*expm1Poly(r))
		dst[i] = math.Float64frombits(math.Float64bits(y) + uint64(k>>6)<<52)
	}
}

// exprelToGo is ExprelTo in Go, as expToGo is ExpTo, for the reason of
// expToGo: both of Expm1's paths (its table for e^x near 1, Exp(x) − 1
// below) are written out for nonzero values in [−40, 700], and the rest
// calls Exprel.
func exprelToGo(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		if !(x >= -40 && x <= 700) || x == 0 {
			dst[i] = Exprel(x)
			continue
		}
		_, k, r := reduce(x)
		p := expm1Poly(r)
		j, m := k&63, k>>6
		if m < -2 { // Expm1's Exp(x) − 1, with Exp's normal result (m ≤ 1010 here)
			t := exp2Table[j]
			y := t + float64(t*p)
			dst[i] = (math.Float64frombits(math.Float64bits(y)+uint64(m)<<52) - 1) / x
			continue
		}
		hi, lo := exp2Table[j], exp2Lo[j]
		scale := math.Float64frombits(uint64(1023+m) << 52)
		dst[i] = ((float64(scale*hi) - 1) + float64(scale*(lo+float64(hi*p)))) / x
	}
}
