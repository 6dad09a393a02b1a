package rng

import (
	"math"
	"testing"
)

// pairWordsRef is pairWords from its definition: philox on each block.
func pairWordsRef(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	for b := range 8 {
		w0, w1, w2, w3 := philox(0, c1+uint32(2*b), c2, c3, key[0], key[1])
		even[b] = uint64(w0)<<32 | uint64(w1)
		odd[b] = uint64(w2)<<32 | uint64(w3)
	}
}

// pairWords (the vector rounds, in the builds and on the processors that
// have them) gives philox's words and pairWordsScalar's for any counters and
// keys, up to the largest first counter word that does not wrap, including
// all-zero and all-one words and keys whose round keys wrap.
func TestPairWords(t *testing.T) {
	t.Parallel()
	counterCases(0, 20000, func(c1, c2, c3 uint32, key [2]uint32) {
		t.Helper()
		var even, odd, evenR, oddR, evenS, oddS [8]uint64
		pairWords(c1, c2, c3, key, &even, &odd)
		pairWordsRef(c1, c2, c3, key, &evenR, &oddR)
		pairWordsScalar(c1, c2, c3, key, &evenS, &oddS)
		if even != evenR || odd != oddR {
			t.Fatalf("counters %#x %#x %#x key %#x: %x %x, philox %x %x", c1, c2, c3, key, even, odd, evenR, oddR)
		}
		if evenS != evenR || oddS != oddR {
			t.Fatalf("counters %#x %#x %#x key %#x: scalar %x %x, philox %x %x", c1, c2, c3, key, evenS, oddS, evenR, oddR)
		}
	})
}

// edgeWords returns counter and key words at the ends of their range and
// of its halves.
func edgeWords() []uint32 {
	return []uint32{0, 1, 0x7fffffff, 0x80000000, math.MaxUint32 - 1, math.MaxUint32}
}

// counterCases calls check with every combination of first counter words
// up to the largest that does not wrap (and near it), edgeWords for the
// other counters and the key, then with n random counters and keys drawn
// from a stream of the given id.
func counterCases(id uint32, n int, check func(c1, c2, c3 uint32, key [2]uint32)) {
	firsts := []uint32{0, 1, 0x7ffffff1, 0xfffffff0, math.MaxUint32 - 15, math.MaxUint32 - 14}
	edges := edgeWords()
	for _, c1 := range firsts {
		for _, c2 := range edges {
			for _, c3 := range edges {
				for _, k0 := range edges {
					for _, k1 := range edges {
						check(c1, c2, c3, [2]uint32{k0, k1})
					}
				}
			}
		}
	}
	s := New(9, User, id, 0, 0)
	for range n {
		c1, c2, c3 := uint32(s.Uint64()), uint32(s.Uint64()), uint32(s.Uint64())
		key := [2]uint32{uint32(s.Uint64()), uint32(s.Uint64())}
		check(min(c1, math.MaxUint32-14), c2, c3, key)
	}
}
