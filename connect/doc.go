// Package connect turns connectivity rules into tables of synapses.
//
// A table is a CSR (compressed sparse rows) by presynaptic neuron with 32-bit
// post indices, ascending within each row; multapses (the same pair more than
// once) are adjacent entries. Indices are local to the pre and post groups
// (views), 0 … n-1.
//
// # Rules
//
//   - FixedProbability: every candidate pair independently with probability
//     P, drawn by geometric skipping (one draw per synapse plus one per row,
//     never one per candidate).
//   - AllToAll: every candidate pair.
//   - OneToOne: pre i to post i; the sizes must be equal.
//   - FixedNumberPost: each pre neuron gets exactly N post neurons; without
//     replacement (PyNN's default) they are distinct, drawn by Floyd's
//     algorithm; with replacement, N independent uniform draws (multapses
//     possible).
//   - FixedNumberPre: each post neuron gets exactly N pre neurons, likewise.
//   - FromList: exactly the given (pre, post) pairs, with multiplicity.
//
// Candidates exclude self connections when Spec.SameRoot is set and
// Spec.AllowSelf is not: pre i and post j are the same neuron when
// PreOffset+i == PostOffset+j (sub-groups of one root group), as with PyNN's
// allow_self_connections = False or NEST's allow_autapses = False. This
// applies to every rule except FromList, which keeps its list as given.
// Note that the zero Spec excludes self connections; the model layer sets
// AllowSelf from the user's setting (PyNN's default is to allow them).
//
// # Determinism
//
// The row of pre neuron i is drawn from its own stream
// rng.New(seed, rng.Connect, id, i, 0), in ascending post order; for
// FixedNumberPre, the column of post neuron j from the stream of index j,
// then transposed. The table is therefore a function of (spec, sizes, seed,
// id) alone, identical for any number of threads, which only split the rows
// (or columns) among goroutines.
//
// # Memory
//
// Peak memory is about the final table plus per-thread buffers: by-pre rules
// generate blocks of consecutive rows (about 32k synapses, at least one row)
// into per-worker buffers and append them to a table pre-sized to its
// expected size (exact for AllToAll and FixedNumber*, mean + 8 standard
// deviations for FixedProbability). FixedNumberPre draws its columns twice,
// first counting the synapses of each bucket of consecutive rows per thread
// (one int64 per bucket and thread), then writing them in place through
// their buckets (with a copy of one bucket, about 256 KiB, per thread).
// FromList uses
// O(pairs + nPre + nPost) temporary space.
//
// # Per-synapse values
//
// Synapse k of a table is the k-th entry of Col (of Col16 once narrowed).
// For FromList, CSR.Perm maps each synapse to its position in Spec.Pairs,
// so values given per pair are reordered with csrW[k] = listW[Perm()[k]]. CSR.Transpose gives the same
// synapses by postsynaptic neuron, with the by-pre index of each.
//
// Invalid input (p outside [0, 1] or NaN, negative N or sizes, N larger than
// the candidates without replacement, pairs out of range) is a returned
// error, never a panic.
package connect
