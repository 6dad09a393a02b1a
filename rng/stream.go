package rng

import "fmt"

// Purpose says what a stream is for. It occupies the top 8 bits of the
// counter, so streams of different purposes never share a counter.
type Purpose uint32

// Purposes used by Volley. Values above User (up to 255) are free for
// further uses; larger values make New panic.
const (
	Connect Purpose = 1 + iota // connectivity rules
	Weight                     // per-synapse weights
	Delay                      // per-synapse delays
	Init                       // initial values of state variables
	Poisson                    // Poisson spike sources
	Noise                      // stochastic terms (xi) in equations
	User                       // first value free for other uses
)

// Field widths of the counter layout (see the package documentation).
const (
	// IndexBits is the width of the index field: indices must be < 2^IndexBits.
	IndexBits = 44
	// StepBits is the width of the step field: steps must be < 2^StepBits.
	StepBits = 44
	// MaxBlocks is the number of 4-word Philox blocks one stream can yield.
	MaxBlocks = 1 << 32
)

// Stream is a sequence of random numbers keyed by (seed, purpose, id, index,
// step). It is a small value type, cheap to create per neuron per step; the
// zero Stream is not useful, use New. A Stream is not safe for concurrent use,
// but distinct Streams are independent values.
type Stream struct {
	key   [2]uint32
	ctr   [4]uint32  // ctr[0] is the block counter of the next block
	buf   [16]uint32 // current block, or the next four blocks (see refill)
	pos   uint32     // next unread word of buf; n when buf is used up
	n     uint32     // words in buf: 4, or 16 once the stream is drawn from at length
	spent bool       // ctr[0] wrapped: all MaxBlocks blocks were drawn
}

// bulkAfter is the number of single blocks a stream draws before it computes
// four blocks at a time: most streams (one per cell per step) need one or
// two blocks, while a stream drawn from at length (a row of connectivity)
// gains from the four Philox computations overlapping in the processor.
const bulkAfter = 2

// New returns the stream of (seed, p, id, index, step), positioned at its
// first word. It panics if p > 255, index >= 2^IndexBits or step >= 2^StepBits.
func New(seed uint64, p Purpose, id uint32, index uint64, step uint64) Stream {
	var s Stream
	s.init(seed, p, id, index, step)
	return s
}

// init positions the zero Stream s at the start of a stream. Keeping it out
// of New lets New inline, so a Stream is built in place in the caller.
func (s *Stream) init(seed uint64, p Purpose, id uint32, index uint64, step uint64) {
	s.key = streamKey(seed, id)
	s.ctr[1], s.ctr[2], s.ctr[3] = streamCounter(p, index, step)
	s.pos, s.n = 4, 4
}

// Uniform01 returns New(seed, p, id, index, step).Float64() with a single
// Philox call and no Stream: the fast path for one Bernoulli trial per
// neuron per step (Poisson sources).
func Uniform01(seed uint64, p Purpose, id uint32, index, step uint64) float64 {
	c1, c2, c3 := streamCounter(p, index, step)
	k := streamKey(seed, id)
	w0, w1, _, _ := philox(0, c1, c2, c3, k[0], k[1])
	return float64((uint64(w0)<<32|uint64(w1))>>11) * 0x1p-53
}

// streamKey derives the Philox key from the seed and the id: the seed goes
// through the SplitMix64 output function (a bijection of uint64) and id is
// XORed into the high word. For one seed, distinct ids give distinct keys.
func streamKey(seed uint64, id uint32) [2]uint32 {
	z := seed + 0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	z ^= z >> 31
	return [2]uint32{uint32(z), uint32(z>>32) ^ id}
}

// streamCounter packs purpose, index and step into counter words 1..3:
//
//	word 1 = index bits 0..31
//	word 2 = index bits 32..43 | step bits 0..19 << 12
//	word 3 = step bits 20..43 | purpose << 24
func streamCounter(p Purpose, index, step uint64) (c1, c2, c3 uint32) {
	if p > 255 || index>>IndexBits != 0 || step>>StepBits != 0 {
		panic(fmt.Sprintf("rng: stream (purpose %d, index %d, step %d) is outside the counter layout (purpose <= 255, index and step < 2^44)", p, index, step))
	}
	return uint32(index), uint32(index>>32) | uint32(step)<<12, uint32(step>>20) | uint32(p)<<24
}

// refill computes the next block, or the next four blocks once the stream
// has drawn bulkAfter blocks: the words come out in the same order either
// way. It panics when the stream is exhausted.
func (s *Stream) refill() {
	if s.spent {
		panic("rng: stream exhausted: more than 2^32 blocks drawn")
	}
	c := s.ctr[0]
	if c >= bulkAfter && c <= 1<<32-1-4 {
		b := philoxBlocks4(c, s.ctr[1], s.ctr[2], s.ctr[3], s.key)
		s.buf = b
		s.ctr[0] = c + 4
		s.pos, s.n = 0, 16
		return
	}
	s.buf[0], s.buf[1], s.buf[2], s.buf[3] = philox(c, s.ctr[1], s.ctr[2], s.ctr[3], s.key[0], s.key[1])
	s.ctr[0]++
	s.spent = s.ctr[0] == 0
	s.pos, s.n = 0, 4
}

// Uint32 returns the next 32-bit word of the stream.
func (s *Stream) Uint32() uint32 {
	if s.pos >= s.n {
		s.refill()
	}
	v := s.buf[s.pos&15]
	s.pos++
	return v
}

// Uint64 returns the next two words of the stream, the first as the high half.
func (s *Stream) Uint64() uint64 {
	if s.pos+2 <= s.n {
		v := uint64(s.buf[s.pos&15])<<32 | uint64(s.buf[(s.pos+1)&15])
		s.pos += 2
		return v
	}
	hi := uint64(s.Uint32())
	return hi<<32 | uint64(s.Uint32())
}

// Float64 returns a uniform value in [0, 1) made of the top 53 bits of Uint64.
func (s *Stream) Float64() float64 {
	// The product is exact (a power of 2), so a fused multiply-add with an
	// addition in an inlining caller would give the same bits; float64(...)
	// prevents it anyway, so that tools/nofma.sh finds none.
	return float64(float64(s.Uint64()>>11) * 0x1p-53)
}

// OpenFloat64 returns a uniform value in (0, 1), on the grid (k + 1/2)·2^-52,
// from one Uint64; its logarithm is always finite.
func (s *Stream) OpenFloat64() float64 {
	return (float64(s.Uint64()>>12) + 0.5) * 0x1p-52
}

// Uniform returns a uniform value in [lo, hi) (lo + (hi-lo)·Float64()).
func (s *Stream) Uniform(lo, hi float64) float64 {
	return lo + float64((hi-lo)*s.Float64()) // float64: no fused multiply-add
}

// Hash returns the 32-bit FNV-1a hash of name, used as the stream id of a
// group or projection so that ids do not depend on declaration order.
func Hash(name string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(name); i++ {
		h ^= uint32(name[i])
		h *= 16777619
	}
	return h
}
