//go:build amd64 && !goexperiment.simd && !purego

package rng

import "golang.org/x/sys/cpu"

// avx2 reports whether the processor runs the vector Philox rounds.
var avx2 = cpu.X86.HasAVX2

// pairWords computes block 0 of the streams of eight consecutive pairs,
// whose counter words 1–3 are (c1+2b, c2, c3) for pair b (word 0 is 0), under
// key, and writes the 64-bit values of their cells: words 0–1 of block b for
// the even cell, even[b], words 2–3 for the odd cell, odd[b]. The caller
// ensures that c1+14 does not wrap.
//
// With AVX2 the eight blocks are the lanes of pairWordsAVX2's rounds, with
// exactly the words of philox4x4.
func pairWords(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	if !avx2 {
		pairWordsScalar(c1, c2, c3, key, even, odd)
		return
	}
	pairWordsAVX2(c1, c2, c3, key, even, odd)
}

// pairWordsAVX2 is pairWords in AVX2 assembly: the eight blocks are the
// 64-bit lanes of two vectors of four, each word in the low half of its
// lane, where VPMULUDQ forms the 64-bit products of Philox's
// multiplications.
//
//go:noescape
func pairWordsAVX2(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64)
