package rng

// FirstNormals writes, for each cell k of a block, the first standard normal
// value of the stream New(seed, p, id, index, step), where index is first+k,
// or cells[k] when cells is not nil. It gives exactly what Stream.Normal
// gives, but computes the Philox blocks of four cells at once, which lets the
// processor overlap their rounds, and derives the key once.
func FirstNormals(seed uint64, p Purpose, id uint32, step uint64, first int, cells []int32, out []float64) {
	key := streamKey(seed, id)
	index := func(k int) uint64 {
		if cells != nil {
			return uint64(cells[k])
		}
		return uint64(first + k)
	}
	k := 0
	for ; k+4 <= len(out); k += 4 {
		a1, a2, a3 := streamCounter(p, index(k), step)
		b1, b2, b3 := streamCounter(p, index(k+1), step)
		c1, c2, c3 := streamCounter(p, index(k+2), step)
		d1, d2, d3 := streamCounter(p, index(k+3), step)
		a0, aw1, b0, bw1, c0, cw1, d0, dw1 := philox4Lanes(a1, a2, a3, b1, b2, b3, c1, c2, c3, d1, d2, d3, key)
		for lane, u := range [4]uint64{uint64(a0)<<32 | uint64(aw1), uint64(b0)<<32 | uint64(bw1),
			uint64(c0)<<32 | uint64(cw1), uint64(d0)<<32 | uint64(dw1)} {
			out[k+lane] = firstNormal(u, seed, p, id, index(k+lane), step)
		}
	}
	for ; k < len(out); k++ {
		s := New(seed, p, id, index(k), step)
		out[k] = s.Normal()
	}
}

// firstNormal finishes the ziggurat draw from the stream's first Uint64 u:
// the common case is decided by u alone; the rest replays the stream.
func firstNormal(u uint64, seed uint64, p Purpose, id uint32, index, step uint64) float64 {
	i := u & (nzN - 1)
	j := u >> 12
	if j < nzig.k[i] {
		x := float64(j) * nzig.w[i]
		if u&nzN != 0 {
			return -x
		}
		return x
	}
	s := New(seed, p, id, index, step)
	return s.Normal()
}

// philox4Lanes computes the first two words of block 0 of four streams
// with the same key, round by round so that the lanes overlap.
func philox4Lanes(a1, a2, a3, b1, b2, b3, c1, c2, c3, d1, d2, d3 uint32, key [2]uint32) (uint32, uint32, uint32, uint32, uint32, uint32, uint32, uint32) {
	var a0, b0, c0, d0 uint32
	k0, k1 := key[0], key[1]
	for r := 0; r < 10; r++ {
		a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
		b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
		c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
		d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
		k0, k1 = k0+philoxW0, k1+philoxW1
	}
	return a0, a1, b0, b1, c0, c1, d0, d1
}
