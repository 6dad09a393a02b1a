// Package rng provides counter-based random streams for Volley.
//
// Every random number in a simulation is a pure function of
// (seed, purpose, id, index, step, position in the stream), never of the
// order in which threads happen to draw, so results are bit-for-bit the same
// for any number of threads (design §4).
//
// # Generator
//
// Philox4x32-10 (J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw,
// "Parallel random numbers: as easy as 1, 2, 3", SC11, 2011), implemented
// here and checked against the Random123 known-answer vectors. One call maps a
// 128-bit counter and a 64-bit key to a block of four 32-bit words.
//
// # Stream keying
//
// New(seed, purpose, id, index, step) fixes the key and counter words 1..3;
// counter word 0 counts blocks within the stream (0, 1, 2, …), so one stream
// yields up to 2^32 blocks (2^34 words) and panics beyond.
//
//	key[0]  = low  32 bits of m(seed)
//	key[1]  = high 32 bits of m(seed) XOR id
//	ctr[0]  = block counter
//	ctr[1]  = index bits 0..31
//	ctr[2]  = index bits 32..43 | (step bits 0..19) << 12
//	ctr[3]  = step bits 20..43  | purpose << 24
//
// where m is the SplitMix64 output function (seed + 0x9E3779B97F4A7C15, then
// the xor-shift-multiply finaliser), a bijection of uint64. The counter holds
// purpose (8 bits, at most 255), index (44 bits) and step (44 bits) side by
// side, so for a given seed and id distinct (purpose, index, step) never share
// a counter, and for a given seed distinct ids never share a key: no two
// streams of one simulation overlap. (The 128-bit counter cannot also hold a
// 32-bit id next to 88 bits of index and step and the block counter, so the
// id goes into the key. Across seeds, (seed, id) and (seed', id') share a
// key only if m(seed) XOR m(seed') equals (id XOR id') << 32; m scatters
// nearby or structured seeds, so for seeds people choose this has
// probability about 2^-64 per pair.)
//
// Index and step each go up to 2^44 ≈ 1.8·10^13; New panics beyond, or for a
// purpose above 255.
//
// Conventions: index is a neuron or presynaptic-neuron index (connectivity,
// per-synapse values are drawn row by row from the stream of the presynaptic
// neuron), step is the time step for per-step draws and 0 otherwise, id is
// Hash of the group or projection name.
//
// # Derived values
//
// Uint64 is two consecutive words, the first as the high half. Float64 takes
// the top 53 bits of a Uint64; OpenFloat64 is in (0, 1) for logarithms.
// Normal and Exp are Marsaglia and Tsang's ziggurats (one Uint64 in ~99% of
// draws, so one Philox block gives two values) and Geometric is floor(Exp()/-log(1-p)), the skip length for
// Bernoulli sampling. Intn is Lemire's unbiased method. Poisson and Binomial
// use inversion for small means and Hörmann's transformed rejection (PTRS,
// BTRS) for large ones. Uniform01 is the single-call fast path equal to
// New(...).Float64().
//
// Normals is the batch form for one noise term per cell per step: two
// neighbouring cells share one Philox block (64 bits each), and a rejected
// ziggurat draw continues in the cell's own stream from block 1. On amd64
// processors with AVX2 it computes eight such blocks at once in vector
// registers, with the same words: in Go assembly in the default build, with
// simd/archsimd in a GOEXPERIMENT=simd build. The default build's assembly
// also makes the ziggurat's first test four cells at a time and computes
// block 1 of eight rejected draws at once, with the bits of the Go code.
// In the default build, -tags purego selects the plain Go rounds and
// tests, as on other architectures.
//
// Normal, Normals and Exp give the same bits on every platform: their
// ziggurat tables are computed with xmath's Exp and Log (and math.Sqrt,
// rounded exactly everywhere), and so are their wedge tests and tails,
// because the math package's Exp and Log are assembly on some platforms
// (amd64's Exp with a fused multiply-add path on processors that have one)
// and Go code, fused into multiply-adds, on others. Poisson and Binomial
// still use math's Exp, Log, Pow and Lgamma, so their draws may differ
// between platforms in rare cases.
//
// Every method consumes a number of words that depends only on the values
// drawn, so a stream is reproducible however it is interleaved with others.
// Distribution methods panic on invalid parameters (programmer errors: the
// model layer validates user input first).
//
// Streams are values; the package has no global state.
package rng
