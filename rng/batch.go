package rng

import (
	"math"
	"math/bits"

	"github.com/volleysim/volley/xmath"
)

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
// in vector registers, on amd64 with AVX2, where the ziggurat's first test
// runs four cells at a time too), and up to eight rejected draws are
// finished together (see rejections.finish).
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
	var u [16]uint64
	var x [16]float64
	var rej rejections
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
		var rejected uint32
		if len(o) == 16 {
			rejected = pairNormals(c1, c2, c3, key, &u, (*[16]float64)(o))
		} else {
			rejected = pairNormals(c1, c2, c3, key, &u, &x) & (1<<len(o) - 1)
			copy(o, x[:])
		}
		// Cell c+h's stream has counter words c1+h, c2, c3 (c1 is even, so
		// c1+15 does not wrap) and the key of the pairs.
		for ; rejected != 0; rejected &= rejected - 1 {
			h := bits.TrailingZeros32(rejected)
			if rej.n == rejectBatch {
				rej.finish(out, key)
			}
			rej.at[rej.n], rej.u[rej.n] = k+h, u[h]
			rej.c1[rej.n], rej.c2[rej.n], rej.c3 = c1+uint32(h), c2, c3
			rej.n++
		}
	}
	rej.finish(out, key)
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

// pairNormalsGo is pairNormals in Go: pairWords, then the ziggurat's
// first test of each cell.
func pairNormalsGo(c1, c2, c3 uint32, key [2]uint32, u *[16]uint64, x *[16]float64) uint32 {
	var w [2][8]uint64 // even and odd cells
	pairWords(c1, c2, c3, key, &w[0], &w[1])
	var rejected uint32
	for h := range 16 {
		v := w[h&1][h>>1]
		u[h] = v
		i := v & (nzN - 1)
		j := v >> 12
		if j >= nzig.k[i] {
			rejected |= 1 << h
			continue
		}
		// the sign bit from bit 7 of v, without a branch that would be
		// mispredicted half of the time
		x[h] = math.Float64frombits(math.Float64bits(float64(j)*nzig.w[i]) | (v&nzN)<<(63-7))
	}
	return rejected
}

// rejectBatch is the number of draws rejected by the ziggurat's first test
// that Normals finishes together: the eight blocks of blocks1.
const rejectBatch = 8

// rejections holds the draws of Normals that the ziggurat's first test
// rejected, to be finished together: for q < n, out[at[q]] is the value of
// the cell whose first 64 bits are u[q] and whose stream has counter words
// c1[q], c2[q], c3 (the same for all: step and purpose) and the key of
// Normals.
type rejections struct {
	n      int
	at     [rejectBatch]int
	u      [rejectBatch]uint64
	c1, c2 [rejectBatch]uint32
	c3     uint32
}

// finish sets out[at[q]] for every draw of r, as pairNormal would, and
// empties r. A rejected draw continues in block 1 of the cell's stream:
// words 0–1 for the wedge test, and if that fails too words 2–3 for a new
// draw, which 97.2% of the time the first test accepts. finish computes
// those blocks together, then the exponentials of the wedge tests (with
// xmath.ExpTo, xmath.Exp's bits as in Stream.normalAfter), then
// the values with as few branches as it can, so that the processor
// overlaps the draws instead of mispredicting the wedge test's outcome,
// which goes either way about as often. The rest (the tail beyond nzR, a
// third test) continues in the cell's stream, as Stream.normalAfter.
func (r *rejections) finish(out []float64, key [2]uint32) {
	n := r.n
	r.n = 0
	var w01, w23 [rejectBatch]uint64
	blocks1(&r.c1, &r.c2, r.c3, key, &w01, &w23)
	var e [rejectBatch]float64
	for q := range n {
		u := r.u[q]
		x := float64(u>>12) * nzig.w[u&(nzN-1)]
		e[q] = -0.5 * x * x
	}
	xmath.ExpTo(e[:n], e[:n])
	for q := range n {
		u := r.u[q]
		i := u & (nzN - 1)
		x := float64(u>>12) * nzig.w[i]
		// the wedge test with words 0–1 (Stream.Float64)
		f := float64(float64(w01[q]>>11) * 0x1p-53)
		fail := nzig.f[i]+float64(f*(nzig.f[i+1]-nzig.f[i])) >= e[q] // float64: no fused multiply-add
		// the next draw, from words 2–3
		u2 := w23[q]
		i2 := u2 & (nzN - 1)
		j2 := u2 >> 12
		v := math.Float64bits(x) | (u&nzN)<<(63-7)
		if fail {
			v = math.Float64bits(float64(j2)*nzig.w[i2]) | (u2&nzN)<<(63-7)
		}
		out[r.at[q]] = math.Float64frombits(v)
		if b2u(i == 0)|b2u(fail)&b2u(j2 >= nzig.k[i2]) != 0 {
			s := Stream{key: key, ctr: [4]uint32{2, r.c1[q], r.c2[q], r.c3}, pos: 0, n: 4}
			s.buf[0], s.buf[1] = uint32(w01[q]>>32), uint32(w01[q])
			s.buf[2], s.buf[3] = uint32(w23[q]>>32), uint32(w23[q])
			out[r.at[q]] = s.normalAfter(u)
		}
	}
}

// blocks1Go is blocks1 from philox4x4, four blocks at a time.
func blocks1Go(c1, c2 *[8]uint32, c3 uint32, key [2]uint32, w01, w23 *[8]uint64) {
	for half := range 2 {
		a, b := c1[4*half:], c2[4*half:]
		w := philox4x4(1, a[0], b[0], c3, a[1], b[1], c3, a[2], b[2], c3, a[3], b[3], c3, key)
		for h := range 4 {
			w01[4*half+h] = uint64(w[4*h])<<32 | uint64(w[4*h+1])
			w23[4*half+h] = uint64(w[4*h+2])<<32 | uint64(w[4*h+3])
		}
	}
}

// b2u is 1 if b is true, 0 if not, without a branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// pairWordsScalar is pairWords from philox4x4, four blocks at a time.
func pairWordsScalar(c1, c2, c3 uint32, key [2]uint32, even, odd *[8]uint64) {
	for half := range 2 {
		b := c1 + uint32(8*half)
		w := philox4x4(0, b, c2, c3, b+2, c2, c3, b+4, c2, c3, b+6, c2, c3, key)
		for h := range 4 {
			even[4*half+h] = uint64(w[4*h])<<32 | uint64(w[4*h+1])
			odd[4*half+h] = uint64(w[4*h+2])<<32 | uint64(w[4*h+3])
		}
	}
}

// philox4x4 computes block blk of four streams with the same key, round by
// round so that the lanes overlap, and returns their words lane by lane.
// The ten rounds are written out: as a loop, Go kept its counter and some
// of the sixteen words on the stack, and the noise took 9.45 instead of
// 8.56 ns per value (`go test ./rng -bench Normals`, plain Go rounds).
func philox4x4(blk, a1, a2, a3, b1, b2, b3, c1, c2, c3, d1, d2, d3 uint32, key [2]uint32) [16]uint32 {
	a0, b0, c0, d0 := blk, blk, blk, blk
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
