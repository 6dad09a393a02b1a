package rng

import "testing"

// TestPhilox4x32KnownAnswers checks the philox4x32 10-round lines of
// Random123's tests/kat_vectors (columns: CTR[4] KEY[2] EXPECTED[4]).
func TestPhilox4x32KnownAnswers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{"zeros", [4]uint32{}, [2]uint32{}, [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{"ones",
			[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
			[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{"pi",
			[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
			[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	}
	for _, c := range cases {
		if got := Philox4x32(c.ctr, c.key); got != c.want {
			t.Errorf("%s: Philox4x32(%08x, %08x) = %08x, want %08x", c.name, c.ctr, c.key, got, c.want)
		}
	}
}

func BenchmarkPhilox(b *testing.B) {
	var acc uint32
	ctr := [4]uint32{0, 1, 2, 3}
	key := [2]uint32{5, 7}
	for i := 0; b.Loop(); i++ {
		ctr[0] = uint32(i)
		out := Philox4x32(ctr, key)
		acc ^= out[0] ^ out[3]
	}
	b.SetBytes(16)
	sink32 = acc
}

var (
	sink32 uint32
	sinkF  float64
	sinkI  int
)
