package rng

import (
	"math"
	"testing"
)

func TestStreamFollowsPhiloxBlocks(t *testing.T) {
	t.Parallel()
	const seed, id, index, step = 42, 0xdeadbeef, 123456789, 987654
	s := New(seed, Noise, id, index, step)
	key := streamKey(seed, id)
	c1, c2, c3 := streamCounter(Noise, index, step)
	for block := uint32(0); block < 3; block++ {
		want := Philox4x32([4]uint32{block, c1, c2, c3}, key)
		for w := range want {
			if got := s.Uint32(); got != want[w] {
				t.Fatalf("block %d word %d: got %08x, want %08x", block, w, got, want[w])
			}
		}
	}
}

func TestUint64MatchesWordPairs(t *testing.T) {
	t.Parallel()
	a := New(1, User, 2, 3, 4)
	b := New(1, User, 2, 3, 4)
	a.Uint32() // misalign so that some Uint64 straddle a block boundary
	b.Uint32()
	for i := 0; i < 20; i++ {
		hi := uint64(b.Uint32())
		want := hi<<32 | uint64(b.Uint32())
		if got := a.Uint64(); got != want {
			t.Fatalf("draw %d: Uint64 = %016x, want %016x", i, got, want)
		}
	}
}

func TestUniform01MatchesStream(t *testing.T) {
	t.Parallel()
	for i := uint64(0); i < 1000; i++ {
		s := New(7, Poisson, Hash("ext"), i, 3*i)
		want := s.Float64()
		if got := Uniform01(7, Poisson, Hash("ext"), i, 3*i); got != want {
			t.Fatalf("index %d: Uniform01 = %v, want %v", i, got, want)
		}
	}
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	a := New(99, Weight, 5, 1<<40, 1<<41)
	b := New(99, Weight, 5, 1<<40, 1<<41)
	for i := 0; i < 1000; i++ {
		x, y := a.Normal(), b.Normal()
		if x != y {
			t.Fatalf("draw %d: %v != %v", i, x, y)
		}
	}
}

// TestCounterLayoutInjective checks that neighbouring values of every field,
// including the bits next to each field boundary, give distinct counters.
func TestCounterLayoutInjective(t *testing.T) {
	t.Parallel()
	type key struct {
		p           Purpose
		index, step uint64
	}
	vals := []uint64{0, 1, 2, 1<<12 - 1, 1 << 12, 1<<20 - 1, 1 << 20, 1<<32 - 1, 1 << 32, 1 << 40, 1<<44 - 1}
	seen := map[[3]uint32]key{}
	for _, p := range []Purpose{0, Connect, Weight, Delay, Init, Poisson, Noise, User, 255} {
		for _, i := range vals {
			for _, st := range vals {
				c1, c2, c3 := streamCounter(p, i, st)
				k := key{p, i, st}
				if prev, ok := seen[[3]uint32{c1, c2, c3}]; ok {
					t.Fatalf("%+v and %+v share counter %08x %08x %08x", prev, k, c1, c2, c3)
				}
				seen[[3]uint32{c1, c2, c3}] = k
			}
		}
	}
}

func TestDistinctKeysGiveDistinctStreams(t *testing.T) {
	t.Parallel()
	base := New(1, Connect, 10, 20, 30)
	cases := []struct {
		name string
		s    Stream
	}{
		{"seed", New(2, Connect, 10, 20, 30)},
		{"purpose", New(1, Weight, 10, 20, 30)},
		{"id", New(1, Connect, 11, 20, 30)},
		{"index", New(1, Connect, 10, 21, 30)},
		{"step", New(1, Connect, 10, 20, 31)},
		{"index/step swap", New(1, Connect, 10, 30, 20)},
	}
	first := base.Uint64()
	for _, c := range cases {
		if got := c.s.Uint64(); got == first {
			t.Errorf("%s: first word %016x equals the base stream's", c.name, got)
		}
	}
}

func TestNewPanicsOutsideLayout(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		p           Purpose
		index, step uint64
	}{
		{"purpose", 256, 0, 0},
		{"index", Connect, 1 << IndexBits, 0},
		{"step", Connect, 0, 1 << StepBits},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: New did not panic", c.name)
				}
			}()
			New(0, c.p, 0, c.index, c.step)
		}()
	}
}

func TestStreamExhaustion(t *testing.T) {
	t.Parallel()
	s := New(0, User, 0, 0, 0)
	s.ctr[0] = math.MaxUint32
	s.Uint32() // the last block
	defer func() {
		if recover() == nil {
			t.Error("drawing past 2^32 blocks did not panic")
		}
	}()
	for i := 0; i < 4; i++ {
		s.Uint32()
	}
}

func TestHash(t *testing.T) {
	t.Parallel()
	// FNV-1a 32-bit reference values (offset basis 0x811c9dc5; "a" and
	// "foobar" from the FNV test suite).
	cases := []struct {
		in   string
		want uint32
	}{
		{"", 0x811c9dc5},
		{"a", 0xe40c292c},
		{"foobar", 0xbf9cf968},
	}
	for _, c := range cases {
		if got := Hash(c.in); got != c.want {
			t.Errorf("Hash(%q) = %08x, want %08x", c.in, got, c.want)
		}
	}
}

func TestFloat64Range(t *testing.T) {
	t.Parallel()
	s := New(3, User, 0, 0, 0)
	for i := 0; i < 100000; i++ {
		if u := s.Float64(); !(u >= 0 && u < 1) {
			t.Fatalf("Float64 = %v outside [0, 1)", u)
		}
		if u := s.OpenFloat64(); !(u > 0 && u < 1) {
			t.Fatalf("OpenFloat64 = %v outside (0, 1)", u)
		}
		if u := s.Uniform(-2, 3); !(u >= -2 && u < 3) {
			t.Fatalf("Uniform(-2, 3) = %v outside [-2, 3)", u)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	var acc float64
	for i := 0; b.Loop(); i++ {
		s := New(1, Noise, 2, uint64(i), 5)
		acc += s.Float64()
	}
	sinkF = acc
}

func BenchmarkUniform01(b *testing.B) {
	var acc float64
	for i := 0; b.Loop(); i++ {
		acc += Uniform01(1, Poisson, 2, uint64(i), 5)
	}
	sinkF = acc
}

func BenchmarkUint64(b *testing.B) {
	s := New(1, User, 2, 3, 4)
	var acc uint64
	for b.Loop() {
		acc ^= s.Uint64()
	}
	sink32 = uint32(acc)
}

func TestFloat64Uniformity(t *testing.T) {
	t.Parallel()
	const n, bins = 1_000_000, 100
	counts := make([]int, bins)
	s := New(11, User, 1, 0, 0)
	for i := 0; i < n; i++ {
		counts[int(s.Float64()*bins)]++
	}
	chi2 := 0.0
	e := float64(n) / bins
	for _, c := range counts {
		chi2 += (float64(c) - e) * (float64(c) - e) / e
	}
	df := bins - 1
	if lo, hi := float64(df)-nSigma*math.Sqrt(2*float64(df)), chiSquareBound(df); chi2 < lo || chi2 > hi {
		t.Errorf("chi-square = %.1f for %d bins, want in [%.1f, %.1f]", chi2, bins, lo, hi)
	}
	checkMoments(t, "Float64", n, s.Float64, 0.5, 1.0/12, 1.0/80)
}

func TestUniformityAcrossIndices(t *testing.T) {
	t.Parallel()
	// The first value of many streams (the per-neuron per-step pattern) must
	// be as uniform as one long stream.
	const n, bins = 500_000, 50
	counts := make([]int, bins)
	for i := 0; i < n; i++ {
		counts[int(Uniform01(5, Poisson, 77, uint64(i%1000), uint64(i/1000))*bins)]++
	}
	chi2 := 0.0
	e := float64(n) / bins
	for _, c := range counts {
		chi2 += (float64(c) - e) * (float64(c) - e) / e
	}
	if b := chiSquareBound(bins - 1); chi2 > b {
		t.Errorf("chi-square = %.1f exceeds %.1f", chi2, b)
	}
}

// TestStreamWordsAreTheBlocks checks that a stream yields the Philox blocks
// of its counters in order, word by word, also once it computes four
// blocks at a time, and whatever mix of 32- and 64-bit draws reads it.
func TestStreamWordsAreTheBlocks(t *testing.T) {
	s := New(42, Connect, 7, 123, 0)
	c1, c2, c3 := streamCounter(Connect, 123, 0)
	key := streamKey(42, 7)
	var want []uint32
	for b := uint32(0); b < 100; b++ {
		w := Philox4x32([4]uint32{b, c1, c2, c3}, key)
		want = append(want, w[:]...)
	}
	for k := 0; k < len(want); {
		if k%3 == 0 && k+1 < len(want) {
			got := s.Uint64()
			if exp := uint64(want[k])<<32 | uint64(want[k+1]); got != exp {
				t.Fatalf("words %d-%d: %#x, want %#x", k, k+1, got, exp)
			}
			k += 2
			continue
		}
		if got := s.Uint32(); got != want[k] {
			t.Fatalf("word %d: %#x, want %#x", k, got, want[k])
		}
		k++
	}
}
