//go:build goexperiment.simd && amd64

package rng

import (
	"simd/archsimd"
	"testing"
)

// The vector rounds give philox4x4's words for any counters and keys.
func TestPairWords(t *testing.T) {
	t.Parallel()
	if !archsimd.X86.AVX2() {
		t.Skip("no AVX2")
	}
	s := New(9, User, 0, 0, 0)
	for range 20000 {
		var ctr [8][3]uint32
		for b := range ctr {
			for w := range ctr[b] {
				ctr[b][w] = uint32(s.Uint64())
			}
		}
		key := [2]uint32{uint32(s.Uint64()), uint32(s.Uint64())}
		if got, want := pairWords(&ctr, key), pairWordsScalar(&ctr, key); got != want {
			t.Fatalf("counters %v key %v: %x, scalar %x", ctr, key, got, want)
		}
	}
}
