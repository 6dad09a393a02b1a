package xmath

import (
	"math"
	"math/big"
)

// The reduction x = k·ln2/64 + r that Exp, Expm1 and their slice and
// vector forms share.
// float64(a*b) throughout: see "Fused multiply-add" in doc.go.
const (
	// ln2/64 in two parts: hi has 32 significant bits, so k·hi is exact
	// for |k| < 2^20
	ln2hi = 0.01083042469326756
	ln2lo = 2.9815858269852933e-12
	inv   = 92.33248261689366 // 64/ln2
	// adding and subtracting 1.5·2^52 rounds to the nearest integer
	shifter = 6755399441055744.0
)

// reduce returns k, the integer nearest to x·64/ln2, as a float64 and as an
// int64, and r = x − k·ln2/64, |r| ≤ ln2/128.
func reduce(x float64) (kf float64, k int64, r float64) {
	kf = (float64(x*inv) + shifter) - shifter
	return kf, int64(kf), (x - float64(kf*ln2hi)) - float64(kf*ln2lo)
}

// expm1Poly returns e^r − 1 for |r| ≤ ln2/128: Taylor to r^6 (truncation
// below 1e-19), evaluated in a shallow tree (Estrin) rather than one long
// chain.
func expm1Poly(r float64) float64 {
	r2 := r * r
	a := 1.0/2 + float64(r*(1.0/6))
	b := (1.0/24 + float64(r*(1.0/120))) + float64(r2*(1.0/720))
	return r + float64(r2*(a+float64(r2*b)))
}

// Exp returns e**x within one unit in the last place (tested against
// 200-bit values), with math.Exp's special cases: Exp(+Inf) = +Inf,
// Exp(NaN) = NaN, Exp(-Inf) = 0, +Inf above 709.78, subnormal and then 0
// below -708.4.
func Exp(x float64) float64 {
	const (
		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
	)
	switch {
	case x > overflow:
		return math.Inf(1)
	case !(x >= underflow): // below, -Inf or NaN
		if x != x {
			return x
		}
		return 0
	}
	_, k, r := reduce(x)
	t := exp2Table[k&63]
	y := t + float64(t*expm1Poly(r))
	m := k >> 6
	if m > -1022 && m < 1024 {
		return math.Float64frombits(math.Float64bits(y) + uint64(m)<<52)
	}
	return math.Ldexp(y, int(m)) // subnormal result, or 2^1023 < result
}

// exp2Table holds 2^(j/64), j = 0..63, each the float64 nearest to a
// 200-bit value (six square roots of 2^j).
var exp2Table = func() [64]float64 {
	var t [64]float64
	for j := range t {
		x := new(big.Float).SetPrec(200).SetInt64(1)
		x.SetMantExp(x, j) // 2^j
		for range 6 {
			x.Sqrt(x)
		}
		t[j], _ = x.Float64()
	}
	return t
}()
