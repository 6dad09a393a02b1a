//go:build !amd64 || (purego && !goexperiment.simd)

package rng

// pairWords computes block 0 of the streams of eight consecutive pairs,
// whose counter words 1–3 are (c1+2b, c2, c3) for pair b (word 0 is 0), under
// key, and writes the 64-bit values of their cells: words 0–1 of block b for
// the even cell, even[b], words 2–3 for the odd cell, odd[b]. The caller
// ensures that c1+14 does not wrap.
func pairWords(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	pairWordsScalar(c1, c2, c3, key, even, odd)
}
