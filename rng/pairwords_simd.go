//go:build goexperiment.simd && amd64

package rng

import "simd/archsimd"

// avx2 reports whether the processor runs the vector Philox rounds.
var avx2 = archsimd.X86.AVX2()

// pairWords computes block 0 of the streams of eight consecutive pairs,
// whose counter words 1–3 are (c1+2b, c2, c3) for pair b (word 0 is 0), under
// key, and writes the 64-bit values of their cells: words 0–1 of block b for
// the even cell, even[b], words 2–3 for the odd cell, odd[b]. The caller
// ensures that c1+14 does not wrap.
//
// With AVX2 the blocks are the lanes of the rounds, two vectors of four at a
// time so that one's multiplications overlap the other's: each word is held
// in the low half of a 64-bit lane, where VPMULUDQ forms the 64-bit products
// of Philox's multiplications, so the words are exactly those of philox4x4.
func pairWords(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	if !avx2 {
		pairWordsScalar(c1, c2, c3, key, even, odd)
		return
	}
	lanes := [4]uint64{0, 2, 4, 6}
	var a0, b0 archsimd.Uint64x4
	a1 := archsimd.BroadcastUint64x4(uint64(c1)).Add(archsimd.LoadUint64x4(&lanes))
	b1 := a1.Add(archsimd.BroadcastUint64x4(8))
	a2, a3 := archsimd.BroadcastUint64x4(uint64(c2)), archsimd.BroadcastUint64x4(uint64(c3))
	b2, b3 := a2, a3
	low := archsimd.BroadcastUint64x4(0xffffffff)
	m0 := archsimd.BroadcastUint64x4(philoxM0).AsUint32x8()
	m1 := archsimd.BroadcastUint64x4(philoxM1).AsUint32x8()
	k0 := archsimd.BroadcastUint64x4(uint64(key[0]))
	k1 := archsimd.BroadcastUint64x4(uint64(key[1]))
	w0, w1 := archsimd.BroadcastUint64x4(philoxW0), archsimd.BroadcastUint64x4(philoxW1)
	for range 10 {
		p0 := a0.AsUint32x8().MulEvenWiden(m0)
		p1 := a2.AsUint32x8().MulEvenWiden(m1)
		q0 := b0.AsUint32x8().MulEvenWiden(m0)
		q1 := b2.AsUint32x8().MulEvenWiden(m1)
		a0, a1, a2, a3 = p1.ShiftAllRight(32).Xor(a1).Xor(k0), p1.And(low), p0.ShiftAllRight(32).Xor(a3).Xor(k1), p0.And(low)
		b0, b1, b2, b3 = q1.ShiftAllRight(32).Xor(b1).Xor(k0), q1.And(low), q0.ShiftAllRight(32).Xor(b3).Xor(k1), q0.And(low)
		// the key words pass 2^32: what carries into the upper halves
		// reaches only the upper halves of words 0 and 2, which the next
		// products ignore and the words below drop
		k0, k1 = k0.Add(w0), k1.Add(w1)
	}
	a0.ShiftAllLeft(32).Or(a1).Store((*[4]uint64)(even[:4]))
	b0.ShiftAllLeft(32).Or(b1).Store((*[4]uint64)(even[4:]))
	a2.ShiftAllLeft(32).Or(a3).Store((*[4]uint64)(odd[:4]))
	b2.ShiftAllLeft(32).Or(b3).Store((*[4]uint64)(odd[4:]))
	archsimd.ClearAVXUpperBits()
}

// pairNormals computes the values u of the sixteen cells of eight
// consecutive pairs, as pairWords does, in cell order (u[2b] = even[b],
// u[2b+1] = odd[b]), and the ziggurat's first test of each: where it
// accepts, x[h] is the cell's normal value; the bits of the result mark
// the cells it rejects, whose x[h] is meaningless. The caller ensures that
// c1+14 does not wrap.
func pairNormals(c1, c2, c3 uint32, key [2]uint32, u *[16]uint64, x *[16]float64) uint32 {
	return pairNormalsGo(c1, c2, c3, key, u, x)
}

// blocks1 computes block 1 of the eight streams with counter words
// c1[b], c2[b], c3 under key, and writes its words 0–1 (w01[b]) and 2–3
// (w23[b]) as the stream's first two Uint64 of the block.
func blocks1(c1, c2 *[8]uint32, c3 uint32, key [2]uint32, w01, w23 *[8]uint64) {
	blocks1Go(c1, c2, c3, key, w01, w23)
}
