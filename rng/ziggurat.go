package rng

import "github.com/volleysim/volley/xmath"

// Ziggurat for the standard exponential distribution (G. Marsaglia and W. W.
// Tsang, "The ziggurat method for generating random variables", J. Stat.
// Softw. 5(8), 2000), with 256 layers of equal area zigV under f(x) = e^-x.
// Each draw takes one Uint64: the low 8 bits pick the layer and the top 53
// bits the abscissa, so the two are independent.
const (
	zigR = 7.69711747013104972     // right edge of the base layer (Marsaglia & Tsang)
	zigV = 3.949659822581572e-3    // area of each layer: (zigR + 1)·e^-zigR
	zigM = 1 << 53                 // scale of the 53-bit abscissa
	zigN = 256                     // number of layers
	_    = uint(zigN - 1 - 0xFF)   // the layer index is the low 8 bits
	_    = uint(0xFF - (zigN - 1)) // (both ways: zigN is exactly 256)
)

// expZiggurat holds the layer tables; it is computed once at package
// initialisation and never written afterwards, with xmath's Exp and Log so
// that its entries have the same bits on every platform (see
// normalZiggurat).
type expZiggurat struct {
	k [zigN]uint64  // k[i] = zigM · x[i+1]/x[i]: below it, accept at once
	w [zigN]float64 // w[i] = x[i]/zigM: abscissa per unit of the 53-bit value
	f [zigN + 1]float64
}

// zig is the table of the exponential ziggurat.
var zig = newExpZiggurat()

// newExpZiggurat computes the layer edges x[0] = zigV/f(zigR) (the base
// layer as a rectangle including the tail), x[1] = zigR, and
// x[i+1] = f⁻¹(zigV/x[i] + f(x[i])) up to x[zigN] = 0.
func newExpZiggurat() *expZiggurat {
	var x [zigN + 1]float64
	x[0] = zigV / xmath.Exp(-zigR)
	x[1] = zigR
	for i := 1; i < zigN-1; i++ {
		x[i+1] = -xmath.Log(zigV/x[i] + xmath.Exp(-x[i]))
	}
	x[zigN] = 0
	z := &expZiggurat{}
	for i := 0; i < zigN; i++ {
		// float64: uint64(x) subtracts 2^63 from x on some platforms (ppc64le,
		// riscv64), which Go would fuse with the product
		z.k[i] = uint64(float64(x[i+1] / x[i] * zigM))
		z.w[i] = x[i] / zigM
	}
	for i := range x {
		z.f[i] = xmath.Exp(-x[i])
	}
	return z
}

// Exp returns an exponential value with rate 1 (mean 1) by the ziggurat
// method: one Uint64 in about 98.9% of draws, more (and a logarithm or an
// exponential, xmath's, the same bits on every platform) in the rest.
func (s *Stream) Exp() float64 {
	for {
		u := s.Uint64()
		i := u & (zigN - 1)
		j := u >> 11
		x := float64(j) * zig.w[i]
		if j < zig.k[i] {
			return x
		}
		if i == 0 {
			return zigR - xmath.Log(s.OpenFloat64()) // the tail beyond zigR
		}
		if zig.f[i]+float64(s.Float64()*(zig.f[i+1]-zig.f[i])) < xmath.Exp(-x) { // float64: no fused multiply-add
			return x
		}
	}
}
