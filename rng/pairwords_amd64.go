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

// pairNormals computes the values u of the sixteen cells of eight
// consecutive pairs, as pairWords does, in cell order (u[2b] = even[b],
// u[2b+1] = odd[b]), and the ziggurat's first test of each: where it
// accepts, x[h] is the cell's normal value; the bits of the result mark
// the cells it rejects, whose x[h] is meaningless. The caller ensures that
// c1+14 does not wrap.
//
// With AVX2 the test runs four cells at a time in pairNormalsAVX2, with
// the operations of pairNormalsGo.
func pairNormals(c1, c2, c3 uint32, key [2]uint32, u *[16]uint64, x *[16]float64) uint32 {
	if !avx2 {
		return pairNormalsGo(c1, c2, c3, key, u, x)
	}
	return pairNormalsAVX2(c1, c2, c3, key, u, x, nzig)
}

// pairNormalsAVX2 is pairNormals in AVX2 assembly: pairWordsAVX2's rounds,
// then the test of four cells at a time with the entries of z gathered
// from its tables.
//
//go:noescape
func pairNormalsAVX2(c1, c2, c3 uint32, key [2]uint32, u *[16]uint64, x *[16]float64, z *normalZiggurat) uint32

// blocks1 computes block 1 of the eight streams with counter words
// c1[b], c2[b], c3 under key, and writes its words 0–1 (w01[b]) and 2–3
// (w23[b]) as the stream's first two Uint64 of the block.
//
// With AVX2 the eight blocks are the lanes of blocks1AVX2's rounds.
func blocks1(c1, c2 *[8]uint32, c3 uint32, key [2]uint32, w01, w23 *[8]uint64) {
	if !avx2 {
		blocks1Go(c1, c2, c3, key, w01, w23)
		return
	}
	blocks1AVX2(c1, c2, c3, key, w01, w23)
}

// blocks1AVX2 is blocks1 in AVX2 assembly, the rounds of pairWordsAVX2 on
// any counters.
//
//go:noescape
func blocks1AVX2(c1, c2 *[8]uint32, c3 uint32, key [2]uint32, w01, w23 *[8]uint64)
