package rng

import (
	"hash/fnv"
	"math"
	"testing"
)

// hashFloats returns the 64-bit FNV-1a hash of the bits of xs.
func hashFloats(xs ...float64) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, x := range xs {
		u := math.Float64bits(x)
		for i := range b {
			b[i] = byte(u >> (8 * i))
		}
		h.Write(b[:])
	}
	return h.Sum64()
}

// The ziggurat tables and the values drawn from them have the same bits on
// every platform: these hashes were taken on amd64, and any platform whose
// tables, tails (xmath.Log) or wedge tests (xmath.Exp) differ by one bit
// fails here. (Poisson and Binomial, which use the math package, are not
// covered.)
func TestPortableBits(t *testing.T) {
	t.Parallel()
	var tab []float64
	for i := range nzN {
		tab = append(tab, float64(nzig.k[i]), nzig.w[i])
	}
	tab = append(tab, nzig.f[:]...)
	for i := range zigN {
		tab = append(tab, float64(zig.k[i]), zig.w[i])
	}
	tab = append(tab, zig.f[:]...)
	s := New(11, User, 5, 0, 0)
	var normal, exp []float64
	for range 200000 {
		normal = append(normal, s.Normal())
		exp = append(exp, s.Exp())
	}
	batch := make([]float64, 100000)
	Normals(11, Noise, 5, 3, 1, nil, batch)
	for _, c := range []struct {
		name string
		got  uint64
		want uint64
	}{
		{"tables", hashFloats(tab...), 0x2a8fc122d11d4159},
		{"Normal", hashFloats(normal...), 0x6e5beaf1c9467e89},
		{"Exp", hashFloats(exp...), 0x9e32af0a3bc0353a},
		{"Normals", hashFloats(batch...), 0xdf30e47099e2304b},
	} {
		if c.got != c.want {
			t.Errorf("%s: hash %#x, want %#x", c.name, c.got, c.want)
		}
	}
}
