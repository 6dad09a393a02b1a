package rng

import "math"

// Normals writes, for each cell k of a block, the standard normal value of
// cell index first+k (or cells[k] when cells is not nil) at step, for one
// noise term per cell per step. Two neighbouring cells share one Philox
// block, which holds the 64 bits that a ziggurat draw needs in 97.2% of
// draws for each of them (see Stream.Normal):
//
//   - cells 2m and 2m+1 take words 0–1 and 2–3 of block 0 of the stream
//     (seed, p, id, 2m, step);
//   - a draw the ziggurat rejects continues in the cell's own stream
//     (seed, p, id, cell, step) from block 1, which no other draw reads.
//
// The value of a cell depends only on (seed, p, id, cell, step), never on
// the block or the thread that computes it. Eight pairs are computed at
// once, which lets the processor overlap their Philox rounds (or run them
// in vector registers, on amd64 with AVX2).
func Normals(seed uint64, p Purpose, id uint32, step uint64, first int, cells []int32, out []float64) {
	key := streamKey(seed, id)
	if cells != nil {
		for k, c := range cells {
			w := pairBlock(seed, p, id, key, uint64(c), step)
			out[k] = pairNormal(w[c&1], seed, p, id, uint64(c), step)
		}
		return
	}
	k := 0
	if first&1 == 1 && len(out) > 0 {
		c := uint64(first)
		out[0] = pairNormal(pairBlock(seed, p, id, key, c, step)[1], seed, p, id, c, step)
		k = 1
	}
	// sixteen cells (eight pairs) at a time, and the last few together too
	// unless they are one pair or less
	for ; len(out)-k > 2; k += 16 {
		c := uint64(first + k)
		o := out[k:min(k+16, len(out))]
		c1, c2, c3 := streamCounter(p, c, step)
		if c1 > math.MaxUint32-14 {
			// the pairs' counters do not share words 2–3: index bit 32 changes
			for h := range o {
				o[h] = pairNormal(pairBlock(seed, p, id, key, c+uint64(h), step)[h&1], seed, p, id, c+uint64(h), step)
			}
			continue
		}
		var w [2][8]uint64 // even and odd cells
		pairWords(c1, c2, c3, key, &w[0], &w[1])
		for h := range o {
			u := w[h&1][(h>>1)&7]
			i := u & (nzN - 1)
			j := u >> 12
			if j >= nzig.k[i] {
				o[h] = pairNormal(u, seed, p, id, c+uint64(h), step)
				continue
			}
			// the sign bit from bit 7 of u, without a branch that would be
			// mispredicted half of the time
			x := float64(j) * nzig.w[i]
			o[h] = math.Float64frombits(math.Float64bits(x) | (u&nzN)<<(63-7))
		}
	}
	for ; k < len(out); k++ {
		c := uint64(first + k)
		out[k] = pairNormal(pairBlock(seed, p, id, key, c, step)[c&1], seed, p, id, c, step)
	}
}

// pairBlock returns block 0 of the stream of the pair of cell c as two
// Uint64: the even cell's and the odd cell's.
func pairBlock(seed uint64, p Purpose, id uint32, key [2]uint32, c, step uint64) [2]uint64 {
	c1, c2, c3 := streamCounter(p, c&^1, step)
	w0, w1, w2, w3 := philox(0, c1, c2, c3, key[0], key[1])
	return [2]uint64{uint64(w0)<<32 | uint64(w1), uint64(w2)<<32 | uint64(w3)}
}

// pairNormal finishes the ziggurat draw of cell c from its 64 bits u: the
// common case is decided by u alone; otherwise the draw continues in the
// cell's stream from block 1, as Stream.Normal would after rejecting u.
func pairNormal(u uint64, seed uint64, p Purpose, id uint32, c, step uint64) float64 {
	i := u & (nzN - 1)
	j := u >> 12
	if j < nzig.k[i] {
		x := float64(j) * nzig.w[i]
		if u&nzN != 0 {
			return -x
		}
		return x
	}
	s := New(seed, p, id, c, step)
	s.ctr[0] = 1
	return s.normalAfter(u)
}

// pairWordsScalar is pairWords from philox4x4, four blocks at a time.
func pairWordsScalar(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	for half := range 2 {
		b := c1 + uint32(8*half)
		w := philox4x4(b, c2, c3, b+2, c2, c3, b+4, c2, c3, b+6, c2, c3, key)
		for h := range 4 {
			even[4*half+h] = uint64(w[4*h])<<32 | uint64(w[4*h+1])
			odd[4*half+h] = uint64(w[4*h+2])<<32 | uint64(w[4*h+3])
		}
	}
}

// philox4x4 computes block 0 of four streams with the same key, round by
// round so that the lanes overlap, and returns their words lane by lane.
// The ten rounds are written out: as a loop, Go kept its counter and some
// of the sixteen words on the stack, and the noise took 9.45 instead of
// 8.56 ns per value (`go test ./rng -bench Normals`, plain Go rounds).
func philox4x4(a1, a2, a3, b1, b2, b3, c1, c2, c3, d1, d2, d3 uint32, key [2]uint32) [16]uint32 {
	var a0, b0, c0, d0 uint32
	k0, k1 := key[0], key[1]
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	k0, k1 = k0+philoxW0, k1+philoxW1
	a0, a1, a2, a3 = philoxRound(a0, a1, a2, a3, k0, k1)
	b0, b1, b2, b3 = philoxRound(b0, b1, b2, b3, k0, k1)
	c0, c1, c2, c3 = philoxRound(c0, c1, c2, c3, k0, k1)
	d0, d1, d2, d3 = philoxRound(d0, d1, d2, d3, k0, k1)
	return [16]uint32{a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3, d0, d1, d2, d3}
}
