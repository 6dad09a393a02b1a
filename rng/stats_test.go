package rng

import (
	"math"
	"testing"
)

// Helpers for the statistical tests of this package.
//
// Statistical checks use fixed seeds, so they are deterministic; the bounds
// are 5 standard deviations so that a correct generator passes for almost
// any seed, while a wrong mean, variance or shape fails clearly.
const nSigma = 5

// sampleMoments returns the mean and the (population) variance of n draws.
func sampleMoments(n int, draw func() float64) (mean, variance float64) {
	var sum, sum2 float64
	for i := 0; i < n; i++ {
		x := draw()
		sum += x
		sum2 += x * x
	}
	mean = sum / float64(n)
	return mean, sum2/float64(n) - mean*mean
}

// checkMoments compares the sample mean and variance of n draws with the
// exact mean, variance and fourth central moment mu4: the standard error of
// the mean is sqrt(var/n), that of the variance sqrt((mu4 - var²)/n).
func checkMoments(t *testing.T, name string, n int, draw func() float64, mean, variance, mu4 float64) {
	t.Helper()
	m, v := sampleMoments(n, draw)
	seMean := math.Sqrt(variance / float64(n))
	seVar := varianceError(n, variance, mu4)
	if d := math.Abs(m - mean); d > nSigma*seMean {
		t.Errorf("%s: mean = %.6g, want %.6g (diff %.3g > %d·%.3g)", name, m, mean, d, nSigma, seMean)
	}
	if d := math.Abs(v - variance); d > nSigma*seVar {
		t.Errorf("%s: variance = %.6g, want %.6g (diff %.3g > %d·%.3g)", name, v, variance, d, nSigma, seVar)
	}
}

// varianceError is the standard error of the sample variance of n draws,
// sqrt((mu4 - var²)/n), plus the second-order term nSigma·var/n (the bias of
// subtracting the squared sample mean) that dominates for two-point laws,
// whose mu4 equals var².
func varianceError(n int, variance, mu4 float64) float64 {
	return math.Sqrt(math.Max(mu4-variance*variance, 0)/float64(n)) + nSigma*variance/float64(n)
}

// chiSquareBound is an upper bound for a chi-square statistic with df
// degrees of freedom: mean df plus nSigma standard deviations sqrt(2 df).
func chiSquareBound(df int) float64 { return float64(df) + nSigma*math.Sqrt(2*float64(df)) }

// pmfMoments returns the mean, variance and fourth central moment of a
// distribution on 0..kmax given by its pmf.
func pmfMoments(pmf func(k int) float64, kmax int) (mean, variance, mu4 float64) {
	for k := 0; k <= kmax; k++ {
		mean += float64(k) * pmf(k)
	}
	for k := 0; k <= kmax; k++ {
		d := float64(k) - mean
		variance += d * d * pmf(k)
		mu4 += d * d * d * d * pmf(k)
	}
	return mean, variance, mu4
}

// checkDiscrete runs a moment check and a chi-square goodness-of-fit test of
// n draws against pmf on 0..kmax (bins merged until each expects >= 5).
func checkDiscrete(t *testing.T, name string, n int, draw func() int, pmf func(k int) float64, kmax int) {
	t.Helper()
	counts := make([]int, kmax+2) // last bin: > kmax
	var sum, sum2 float64
	for i := 0; i < n; i++ {
		k := draw()
		if k < 0 {
			t.Fatalf("%s: negative draw %d", name, k)
		}
		x := float64(k)
		sum += x
		sum2 += x * x
		counts[min(k, kmax+1)]++
	}
	mean, variance, mu4 := pmfMoments(pmf, kmax)
	m := sum / float64(n)
	v := sum2/float64(n) - m*m
	if se := math.Sqrt(variance / float64(n)); math.Abs(m-mean) > nSigma*se {
		t.Errorf("%s: mean = %.6g, want %.6g (se %.3g)", name, m, mean, se)
	}
	if se := varianceError(n, variance, mu4); math.Abs(v-variance) > nSigma*se {
		t.Errorf("%s: variance = %.6g, want %.6g (se %.3g)", name, v, variance, se)
	}
	chi2, bins := 0.0, 0
	var obs, exp float64
	tail := 1.0
	for k := 0; k <= kmax+1; k++ {
		p := 0.0
		if k <= kmax {
			p = pmf(k)
			tail -= p
		} else {
			p = math.Max(tail, 0)
		}
		obs += float64(counts[k])
		exp += p * float64(n)
		if exp >= 5 || k == kmax+1 {
			if exp > 0 {
				chi2 += (obs - exp) * (obs - exp) / exp
				bins++
			} else if obs > 0 {
				t.Errorf("%s: %v draws where none are possible", name, obs)
			}
			obs, exp = 0, 0
		}
	}
	if df := bins - 1; df > 0 && chi2 > chiSquareBound(df) {
		t.Errorf("%s: chi-square = %.1f with %d degrees of freedom exceeds %.1f", name, chi2, df, chiSquareBound(df))
	}
}
