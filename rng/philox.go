package rng

// Philox4x32 multipliers and Weyl key increments (Salmon et al. 2011,
// Random123 philox.h: PHILOX_M4x32_0/1, PHILOX_W32_0/1).
const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9 // golden ratio
	philoxW1 = 0xBB67AE85 // sqrt(3) - 1
)

// Philox4x32 returns the Philox4x32-10 block for counter ctr under key: ten
// rounds, the key bumped by the Weyl constants between rounds, exactly as
// Random123's philox4x32 (so its kat_vectors apply word for word).
func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	c0, c1, c2, c3 := philox(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1])
	return [4]uint32{c0, c1, c2, c3}
}

// philox is Philox4x32 on scalars, so that callers pass and receive the words
// in registers.
func philox(c0, c1, c2, c3, k0, k1 uint32) (uint32, uint32, uint32, uint32) {
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	return philoxRound(c0, c1, c2, c3, k0, k1)
}

// philoxRound is one Philox4x32 S-box/permutation round.
func philoxRound(c0, c1, c2, c3, k0, k1 uint32) (uint32, uint32, uint32, uint32) {
	p0 := uint64(philoxM0) * uint64(c0)
	p1 := uint64(philoxM1) * uint64(c2)
	return uint32(p1>>32) ^ c1 ^ k0, uint32(p1), uint32(p0>>32) ^ c3 ^ k1, uint32(p0)
}

// philoxBlocks4 computes the four blocks of counters c..c+3 (words 1..3 and
// the key shared), round by round so that the four computations overlap.
func philoxBlocks4(c, c1, c2, c3 uint32, key [2]uint32) [16]uint32 {
	a0, a1, a2, a3 := c, c1, c2, c3
	b0, b1, b2, b3 := c+1, c1, c2, c3
	d0, d1, d2, d3 := c+2, c1, c2, c3
	e0, e1, e2, e3 := c+3, c1, c2, c3
	k0, k1 := key[0], key[1]
	for r := 0; r < 10; r++ {
		a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
		b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
		d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
		e0, e1, e2, e3 = philoxRound(e0, e1, e2, e3, k0, k1)
		k0, k1 = k0+philoxW0, k1+philoxW1
	}
	return [16]uint32{a0, a1, a2, a3, b0, b1, b2, b3, d0, d1, d2, d3, e0, e1, e2, e3}
}
