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
