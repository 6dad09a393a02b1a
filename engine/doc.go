// Package engine runs a compiled build.Plan: the time loop.
//
// Every step n (time n·dt) follows Brian2's default schedule:
//
//  1. state and synapse monitors sample the state at the start of the step;
//  2. equation-defined synapses (build.Synapses) write their summed variables
//     into the post cells and advance their clock-driven variables;
//  3. every group updates its state from n·dt to (n+1)·dt;
//  4. thresholds find the cells that spike at step n;
//  5. spikes are propagated: the weight of a synapse with a delay of d > 0
//     steps is added to slot n+d of its target's ring buffer, that of a
//     synapse with no delay straight to its target variable, as Brian2's
//     on_pre does, and the slot of step n is then added to the target
//     variables (what arrives in a step is therefore summed in a fixed
//     order: the zero-delay synapses one by one, then the slot's sum);
//     a short-term plastic synapse (build.STP) first advances its own state
//     to step n and scales its weight by the fraction it releases;
//     equation-defined synapses queue the spike for step n+d and run on_pre
//     for the synapses whose spike arrives at step n, then on_post for the
//     synapses of the cells that fired;
//  6. resets apply to the cells that spiked; spike counts and spike monitors
//     are updated; state variables are checked for NaN and Inf.
//
// Threads: the cells of every root group are split into contiguous blocks,
// one per worker, whose bounds follow the workers' measured speeds during
// the run (balancer); there are as many workers as threads asked, but no
// more than one per 3 µs of estimated work per step (Workers, build.Coster). A
// worker updates, thresholds and resets its own cells and is the only one
// to write synaptic input into them and to update the state of the plastic
// and equation-defined synapses onto them (those are stored by post cell),
// reading every worker's spike list in ascending cell order. Input into a
// cell is therefore summed in the same order (projection order, then
// ascending source, then synapse order) for any number of threads, and
// every output is bit-for-bit the same.
// Workers meet at a barrier between thresholds and propagation, once per
// epoch of steps: as NEST does over its min_delay, when the smallest delay
// of a network's synapses is L ≥ 2 steps, no spike of steps n…n+L−1 acts
// before step n+L, so every worker updates, thresholds and resets its cells
// through L steps, then all deliver the spikes of those steps (epochSteps;
// at most 64 steps, one where a delay is 0, where equation-defined synapses
// act within the step or synapse monitors read the plastic state). What
// every ring slot receives is summed in the same order as with a barrier per
// step, so the epoch changes no result. Spike lists are kept for three
// epochs (the one delivered, the one updated, the first step of the next) so
// that no second barrier is needed, except around the statements of synapses
// that read presynaptic cells (which another worker may be resetting). A
// worker announces itself at the barrier as soon as its spikes are published
// and waits after what it can do meanwhile: the epoch's last resets, for
// worker 0, whose spikes come first in every sum, the delivery of its own
// spikes where that keeps every sum's order (ownFirst), and with several
// workers and epochs of several steps the update of the next epoch's first
// step, which no spike of the epoch reaches before that step's finish (the
// rings' application) (lookahead, see runner.work). The flags agreed at a
// barrier (stop, new blocks) therefore act at the end of the next epoch, for
// one worker too: a run that stops early (NaN, interrupt, failing sink)
// stops at the end of the epoch after the one where the stop was asked, the
// same for any number of threads. What a worker writes every step is padded
// to pairs of cache lines and allocated on its own, on pairs no other worker
// writes (pairBytes, perWorker); a worker's few spikes of a step lie in its
// list's own pair (spikeList), and each worker but the first prefetches for
// writing the first lines of its blocks before it writes them, which the
// previous worker's prefetcher takes copies of (claim.go); a worker asks for
// the other workers' spike lists of an epoch all at once (askSpikes), and
// before it delivers, for the lines of its parts of the rows that spiked
// (spikingParts), which for short rows it keeps in a table made for its
// block (rowSpans); what it needs of each projection for its block is found
// once per block, and a projection whose presynaptic group did not spike
// is skipped at once (route). Block bounds lie on pages of the state variables where
// one is near the even split, else on pairs of cache lines (blockBound).
// Projections onto up to 65536 cells, other than equation-defined synapses,
// keep their columns in 16 bits (connect.CSR.Narrow), which halves what the
// delivery reads; its loops are generic over the column type (column).
package engine
