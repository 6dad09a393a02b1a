//go:build !(goexperiment.simd && amd64)

package rng

// pairWords computes block 0 of the streams whose counter words 1–3 are
// ctr[b] (word 0 is 0) under key, and returns the 64-bit values of the
// cells of the pairs: words 0–1 of block b for cell 2b, words 2–3 for cell
// 2b+1.
func pairWords(ctr *[8][3]uint32, key [2]uint32) [16]uint64 { return pairWordsScalar(ctr, key) }
