// Package build compiles a model.Model into a Plan that the engine runs.
//
// Building has two stages. Resolve evaluates every value of the model against
// its constants and the unit names, checks dimensions, looks up catalog
// models, parameters, receptors and sub-groups, parses and checks the
// equations of equation-defined groups and chooses their integration method
// (catalog models are compiled from their equation templates too, and use
// their hand-fused kernel unless Network.Generic is set), and returns a Network: the
// model with every name resolved and every number in SI units, with the
// expected synapse count and memory of each part, but no connectivity drawn
// and no state allocated (what `volley check` prints). Network.Compile then
// draws connectivity and initial values from the counter-based random streams,
// allocates state, makes the kernels and returns the Plan.
//
// Conventions:
//   - every value is SI float64 (seconds, volts, siemens, amperes, farads);
//   - delays are whole steps: d/dt rounded to the nearest step; a delay
//     between 0 and one step is an error, a zero delay acts in the same step
//     (Brian2), and rounding by more than 1% gives a warning; a projection
//     without a delay gets one step (PyNN's default, min_delay = dt), an
//     equation-defined one none (Brian2's);
//   - equation-defined synapses (synapse_model.go resolves them, synapses.go
//     runs them) are stored by post cell; their linear equations are solved
//     exactly, through an eigen decomposition when triangular
//     (synapse_eigen.go), and summed variables of a decaying variable are
//     kept as running sums (see Synapses);
//   - random streams are keyed by purpose and by the FNV hash of the name of
//     the group or projection (rng.Hash), so that adding or reordering parts of
//     a model does not change the others' draws; connectivity and per-synapse
//     values are drawn per presynaptic cell, initial values per cell of the
//     root group;
//   - a user error is a *model.Error naming the file, line and key.
package build
