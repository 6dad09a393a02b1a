//go:build goexperiment.simd && amd64

package rng

import (
	"math"
	"simd/archsimd"
	"testing"
)

// The vector rounds give philox4x4's words for any counters and keys, up to
// the largest first counter word that does not wrap.
func TestPairWords(t *testing.T) {
	t.Parallel()
	if !archsimd.X86.AVX2() {
		t.Skip("no AVX2")
	}
	s := New(9, User, 0, 0, 0)
	for n := range 20000 {
		c1, c2, c3 := uint32(s.Uint64()), uint32(s.Uint64()), uint32(s.Uint64())
		if n == 0 {
			c1 = math.MaxUint32 - 14
		}
		c1 = min(c1, math.MaxUint32-14)
		key := [2]uint32{uint32(s.Uint64()), uint32(s.Uint64())}
		var even, odd, evenS, oddS [8]uint64
		pairWords(c1, c2, c3, key, &even, &odd)
		pairWordsScalar(c1, c2, c3, key, &evenS, &oddS)
		if even != evenS || odd != oddS {
			t.Fatalf("counters %d %d %d key %v: %x %x, scalar %x %x", c1, c2, c3, key, even, odd, evenS, oddS)
		}
	}
}
