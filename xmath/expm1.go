package xmath

import (
	"math"
	"math/big"
)

// Expm1 returns e**x − 1, accurate near 0, within two units in the last
// place (tested against 240-bit values), with math.Expm1's special cases:
// Expm1(+Inf) = +Inf, Expm1(-Inf) = −1, Expm1(NaN) = NaN, +Inf above 709.78.
//
// It is Exp's table method with the table entries 2^(j/64) held in two
// parts, hi + lo, so that e^x − 1 = (2^m·hi − 1) + 2^m·(lo + hi·p) keeps
// its accuracy where e^x is near 1: 2^m·hi − 1 is exact there (Sterbenz),
// and lo carries what hi lost in rounding. float64(a*b) prevents fused
// multiply-adds (see doc.go).
func Expm1(x float64) float64 {
	const overflow = 7.09782712893383973096e+02
	switch {
	case x > overflow:
		return math.Inf(1)
	case !(x >= -40): // below, -Inf or NaN: e^x < 2^-57, so e^x − 1 rounds to −1
		if x != x {
			return x
		}
		return -1
	}
	_, k, r := reduce(x)
	p := expm1Poly(r)
	j := k & 63
	hi, lo := exp2Table[j], exp2Lo[j]
	m := k >> 6
	if m < -2 || m > 1020 {
		// |x| > 1.4 or so: e^x − 1 has no cancellation to guard against,
		// and 2^m below needs the care of Exp (subnormals, 2^1024)
		return Exp(x) - 1
	}
	scale := math.Float64frombits(uint64(1023+m) << 52) // 2^m
	return (float64(scale*hi) - 1) + float64(scale*(lo+float64(hi*p)))
}

// Exprel returns (e**x − 1)/x, 1 at 0, within three units in the last place
// (tested against 240-bit values); +Inf at +Inf, 0 at −Inf, NaN at NaN.
// Brian2's exprel computes expm1(x)/x in the same way.
func Exprel(x float64) float64 {
	switch {
	case x == 0:
		return 1
	case math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	}
	return Expm1(x) / x
}

// exp2Lo holds 2^(j/64) − exp2Table[j], rounded from 200-bit values.
var exp2Lo = func() [64]float64 {
	var t [64]float64
	for j := range t {
		x := new(big.Float).SetPrec(200).SetInt64(1)
		x.SetMantExp(x, j)
		for range 6 {
			x.Sqrt(x)
		}
		x.Sub(x, new(big.Float).SetFloat64(exp2Table[j]))
		t[j], _ = x.Float64()
	}
	return t
}()
