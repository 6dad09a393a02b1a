//go:build amd64 && !goexperiment.simd && !purego

package xmath

import "golang.org/x/sys/cpu"

// avx2 reports whether the processor runs the assembly of expTo4 and
// exprelTo4, avx512 whether it runs that of expTo8 and exprelTo8 (see
// AVX512).
var (
	avx2   = cpu.X86.HasAVX2
	avx512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ && cpu.X86.HasAVX512VL
)

// AVX512 reports whether the processor and the operating system run the
// eight-wide loops of Volley's assembly: AVX-512 with its F, DQ and VL
// parts, which every AVX-512 processor since Intel's Skylake-SP and AMD's
// Zen 4 has (the Xeon Phi, without DQ and VL, runs the 4-wide loops).
func AVX512() bool { return avx512 }

// ExpTo sets dst[i] = Exp(src[i]) for every i of dst (src at least as
// long; dst may be src), with the same bits as Exp, several times faster
// than a loop that calls Exp: eight values at a time with AVX-512 and four
// with AVX2 where the processor has them.
func ExpTo(dst, src []float64) {
	src = src[:len(dst)]
	if !avx2 {
		expToGo(dst, src)
		return
	}
	// The assembly stops at a group with a value out of its range, which
	// Go then computes. The loops are written out for each width, and in
	// ExprelTo again: a helper that took the assembly as a function value
	// would make dst and src escape (Go cannot see through the call), and
	// the arrays of callers such as IF_cond_exp's chunks with them.
	n := 0
	if avx512 {
		n = len(dst) &^ 7
		for i := 0; i < n; i += 8 {
			if i += expTo8(&dst[i], &src[i], n-i); i < n {
				expToGo(dst[i:i+8], src[i:i+8])
			}
		}
	}
	for i, end := n, len(dst)&^3; i < end; i += 4 {
		if i += expTo4(&dst[i], &src[i], end-i); i < end {
			expToGo(dst[i:i+4], src[i:i+4])
		}
	}
	n = len(dst) &^ 3
	expToGo(dst[n:], src[n:])
}

// ExprelTo sets dst[i] = Exprel(src[i]) for every i of dst (src at least
// as long; dst may be src), with the same bits as Exprel, several times
// faster than a loop that calls Exprel: eight values at a time with AVX-512
// and four with AVX2 where the processor has them.
func ExprelTo(dst, src []float64) {
	src = src[:len(dst)]
	if !avx2 {
		exprelToGo(dst, src)
		return
	}
	n := 0
	if avx512 {
		n = len(dst) &^ 7
		for i := 0; i < n; i += 8 {
			if i += exprelTo8(&dst[i], &src[i], n-i); i < n {
				exprelToGo(dst[i:i+8], src[i:i+8])
			}
		}
	}
	for i, end := n, len(dst)&^3; i < end; i += 4 {
		if i += exprelTo4(&dst[i], &src[i], end-i); i < end {
			exprelToGo(dst[i:i+4], src[i:i+4])
		}
	}
	n = len(dst) &^ 3
	exprelToGo(dst[n:], src[n:])
}

// expTo4 sets dst[i] = Exp(src[i]) for i = 0, 1, …, four at a time with
// Exp4's operations in AVX2, until it meets a group of four with a value
// outside [−700, 700], or n; n is a multiple of 4. It returns the number of
// values set (a multiple of 4, at most n) and sets nothing of the group it
// stopped at, so that dst may be src.
//
//go:noescape
func expTo4(dst, src *float64, n int) int

// exprelTo4 is expTo4 for Exprel, with Exprel4's operations: it stops at a
// group of four with a zero or a value outside [−40, 700].
//
//go:noescape
func exprelTo4(dst, src *float64, n int) int

// expTo8 is expTo4 with AVX-512, eight values at a time: it stops at a
// group of eight with a value outside [−700, 700]; n is a multiple of 8.
//
//go:noescape
func expTo8(dst, src *float64, n int) int

// exprelTo8 is exprelTo4 with AVX-512, eight values at a time: it stops at
// a group of eight with a zero or a value outside [−40, 700]; n is a
// multiple of 8.
//
//go:noescape
func exprelTo8(dst, src *float64, n int) int
