package rng

import (
	"math"

	"github.com/volleysim/volley/xmath"
)

// The normal ziggurat of Marsaglia and Tsang (J. Stat. Softw. 5(8), 2000)
// for the half-normal f(x) = exp(−x²/2), with 128 layers of equal area
// nzV; the sign comes from one more bit of the same draw.
const (
	nzR = 3.442619855899      // right edge of the base layer (Marsaglia & Tsang)
	nzV = 9.91256303526217e-3 // area of each layer
	nzN = 128                 // number of layers
	nzM = 1 << 52             // scale of the 52-bit abscissa
)

// normalZiggurat holds the layer tables; it is computed once at package
// initialisation and never written afterwards. xmath's Exp and Log (and
// math.Sqrt, rounded exactly everywhere) give its entries the same bits on
// every platform, and so the same accept and reject decisions; the math
// package's Exp and Log are assembly on some platforms (with a fused
// multiply-add path on amd64 processors that have one) and Go code on
// others, and the recursion of the layer edges carries their differences
// through the table.
type normalZiggurat struct {
	k [nzN]uint64  // below k[i], accept at once
	w [nzN]float64 // abscissa per unit of the 52-bit value
	f [nzN + 1]float64

	// kw holds k[i] and the bits of w[i] side by side, for the assembly
	// that loads both with one instruction
	kw [nzN][2]uint64
}

// nzig is the table of the normal ziggurat.
var nzig = newNormalZiggurat()

func newNormalZiggurat() *normalZiggurat {
	f := func(x float64) float64 { return xmath.Exp(-0.5 * x * x) }
	var x [nzN + 1]float64
	x[0] = nzV / f(nzR)
	x[1] = nzR
	for i := 1; i < nzN-1; i++ {
		x[i+1] = math.Sqrt(-2 * xmath.Log(nzV/x[i]+f(x[i])))
	}
	x[nzN] = 0
	z := &normalZiggurat{}
	for i := 0; i < nzN; i++ {
		// float64: uint64(x) subtracts 2^63 from x on some platforms (ppc64le,
		// riscv64), which Go would fuse with the product
		z.k[i] = uint64(float64(x[i+1] / x[i] * nzM))
		z.w[i] = x[i] / nzM
		z.kw[i] = [2]uint64{z.k[i], math.Float64bits(z.w[i])}
	}
	for i := range x {
		z.f[i] = f(x[i])
	}
	return z
}

// Normal returns a standard normal value by the ziggurat method: one Uint64
// in 97.2% of draws, more (and a logarithm or an exponential, xmath's, the
// same bits on every platform) in the rest,
// of which 0.78 points are the top layer, whose inner rectangle is empty
// (k = 0), and 2.0 the wedges and the tail: (1/128)·Σ(1 − x[i+1]/x[i]).
func (s *Stream) Normal() float64 {
	return s.normalAfter(s.Uint64())
}

// normalAfter is the ziggurat draw whose first 64 bits are u; the stream
// gives the bits of the rest of the draw, if any.
func (s *Stream) normalAfter(u uint64) float64 {
	for {
		i := u & (nzN - 1)
		j := u >> 12
		x := float64(j) * nzig.w[i]
		if j >= nzig.k[i] {
			if i == 0 {
				// the tail beyond nzR (Marsaglia's method)
				for {
					a := -xmath.Log(s.OpenFloat64()) / nzR
					b := -xmath.Log(s.OpenFloat64())
					if 2*b >= a*a {
						x = nzR + a
						break
					}
				}
			} else if nzig.f[i]+float64(s.Float64()*(nzig.f[i+1]-nzig.f[i])) >= xmath.Exp(-0.5*x*x) { // float64: no fused multiply-add
				u = s.Uint64()
				continue
			}
		}
		// x >= 0: the sign bit from bit 7 of u, without a branch that would
		// be mispredicted half of the time
		return math.Float64frombits(math.Float64bits(x) | (u&nzN)<<(63-7))
	}
}
