package rng

import (
	"fmt"
	"math"
	"math/bits"
)

// Geometric returns the number of failures before the first success of
// Bernoulli trials with success probability p, given logq = log(1-p)
// (computed once by the caller, e.g. math.Log1p(-p)), as floor(E/-logq)
// with E = Exp(). logq = 0 (p = 0) returns math.MaxInt, logq = -Inf (p = 1)
// returns 0; it panics if logq > 0 or NaN.
func (s *Stream) Geometric(logq float64) int {
	if !(logq < 0) {
		if logq == 0 {
			return math.MaxInt
		}
		panic(fmt.Sprintf("rng: geometric: logq = %v must be <= 0", logq))
	}
	x := s.Exp() / -logq
	if x >= 1<<62 {
		return math.MaxInt
	}
	return int(x)
}

// Intn returns a uniform integer in [0, n) without bias (Lemire's
// multiply-and-reject method; rejections are rare and consume further
// words). It panics if n <= 0.
func (s *Stream) Intn(n int) int {
	if n <= 0 {
		panic(fmt.Sprintf("rng: intn: n = %d must be positive", n))
	}
	if uint64(n) <= math.MaxUint32 {
		return int(s.uint32n(uint32(n)))
	}
	return int(s.uint64n(uint64(n)))
}

// uint32n is Lemire's method for a 32-bit bound n > 0.
func (s *Stream) uint32n(n uint32) uint32 {
	m := uint64(s.Uint32()) * uint64(n)
	if uint32(m) < n {
		t := -n % n
		for uint32(m) < t {
			m = uint64(s.Uint32()) * uint64(n)
		}
	}
	return uint32(m >> 32)
}

// uint64n is Lemire's method for a 64-bit bound n > 0.
func (s *Stream) uint64n(n uint64) uint64 {
	hi, lo := bits.Mul64(s.Uint64(), n)
	if lo < n {
		t := -n % n
		for lo < t {
			hi, lo = bits.Mul64(s.Uint64(), n)
		}
	}
	return hi
}
