package rng

import (
	"fmt"
	"math"
)

// float64(a*b) where a product meets an addition keeps Go from fusing the two
// into a fused multiply-add (arm64, GOAMD64=v3, ...), which would change bits
// from platform to platform.

// poissonInversionMax is the mean below which Poisson uses inversion (one
// Float64 per value); at and above it, PTRS (as numpy's random_poisson).
const poissonInversionMax = 10

// Poisson returns a Poisson value with mean lambda: sequential inversion
// for lambda < 10, otherwise Hörmann's transformed rejection PTRS (W.
// Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12, 1993). It panics if
// lambda is negative, infinite or NaN.
func (s *Stream) Poisson(lambda float64) int {
	switch {
	case !(lambda >= 0) || math.IsInf(lambda, 1):
		panic(fmt.Sprintf("rng: poisson: lambda = %v must be finite and >= 0", lambda))
	case lambda == 0:
		return 0
	case lambda < poissonInversionMax:
		return s.poissonInversion(lambda)
	}
	return s.poissonPTRS(lambda)
}

func (s *Stream) poissonInversion(lambda float64) int {
	u := s.Float64()
	p := math.Exp(-lambda)
	f := p
	k := 0
	for u > f && p > 0 {
		k++
		p = float64(p * (lambda / float64(k)))
		f += p
	}
	return k
}

func (s *Stream) poissonPTRS(lambda float64) int {
	slam := math.Sqrt(lambda)
	loglam := math.Log(lambda)
	b := 0.931 + float64(2.53*slam)
	a := -0.059 + float64(0.02483*b)
	logInvAlpha := math.Log(1.1239 + 1.1328/(b-3.4))
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := s.Float64() - 0.5
		v := s.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor(float64((2*a/us+b)*u) + lambda + 0.43)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+logInvAlpha-math.Log(a/(us*us)+b) <= -lambda+float64(k*loglam)-lg {
			return int(k)
		}
	}
}

// binomialInversionMax is the n·min(p, 1-p) below which Binomial uses
// inversion; at and above it, BTRS.
const binomialInversionMax = 10

// Binomial returns the number of successes in n trials of probability p:
// sequential inversion when n·min(p,1-p) < 10, otherwise Hörmann's BTRS
// (W. Hörmann, "The generation of binomial random variates", J. Statist.
// Comput. Simul. 46, 1993), with p > 1/2 handled as n - Binomial(n, 1-p).
// It panics if n < 0 or p is outside [0, 1].
func (s *Stream) Binomial(n int, p float64) int {
	switch {
	case n < 0 || !(p >= 0 && p <= 1):
		panic(fmt.Sprintf("rng: binomial: n = %d, p = %v: need n >= 0 and p in [0, 1]", n, p))
	case n == 0 || p == 0:
		return 0
	case p == 1:
		return n
	case p > 0.5:
		return n - s.Binomial(n, 1-p)
	case float64(n)*p < binomialInversionMax:
		return s.binomialInversion(n, p)
	}
	return s.binomialBTRS(n, p)
}

func (s *Stream) binomialInversion(n int, p float64) int {
	q := 1 - p
	ratio := p / q
	a := float64(n+1) * ratio
	r := math.Pow(q, float64(n))
	u := s.Float64()
	k := 0
	for u > r && k < n {
		u -= r
		k++
		r *= a/float64(k) - ratio
	}
	return k
}

func (s *Stream) binomialBTRS(n int, p float64) int {
	nf := float64(n)
	q := 1 - p
	spq := math.Sqrt(nf * p * q)
	b := 1.15 + float64(2.53*spq)
	a := -0.0873 + float64(0.0248*b) + float64(0.01*p)
	c := float64(nf*p) + 0.5
	vr := 0.92 - 4.2/b
	r := p / q
	alpha := (2.83 + 5.1/b) * spq
	m := math.Floor((nf + 1) * p)
	for {
		u := s.Float64() - 0.5
		v := s.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor(float64((2*a/us+b)*u) + c)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k < 0 || k > nf {
			continue
		}
		// log(f(k)/f(m)) through Stirling's series with exact tails.
		lv := math.Log(v * alpha / (a/(us*us) + b))
		bound := float64((m+0.5)*math.Log((m+1)/(r*(nf-m+1)))) +
			float64((nf+1)*math.Log((nf-m+1)/(nf-k+1))) +
			float64((k+0.5)*math.Log(r*(nf-k+1)/(k+1))) +
			stirlingTail(m) + stirlingTail(nf-m) - stirlingTail(k) - stirlingTail(nf-k)
		if lv <= bound {
			return int(k)
		}
	}
}

// stirlingTail returns log(k!) - [(k+1/2)·log(k+1) - (k+1) + log(2π)/2],
// the remainder of Stirling's approximation.
func stirlingTail(k float64) float64 {
	if k < 10 {
		lg, _ := math.Lgamma(k + 1)
		return lg - float64((k+0.5)*math.Log(k+1)) + (k + 1) - float64(0.5*math.Log(2*math.Pi))
	}
	z2 := (k + 1) * (k + 1)
	return (1.0/12 - (1.0/360-1.0/1260/z2)/z2) / (k + 1)
}
