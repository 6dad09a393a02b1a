// Package output writes the results of a run in the layout other tools read
// (design §6):
//
//	DIR/summary.json      model, seed, dt, duration, threads, groups (size,
//	                      spikes, rate_hz), projections (synapses), timings (s)
//	DIR/spikes.npz        G_t (float64, s) and G_i (int64) for every group G
//	                      with recorded spikes, in time order
//	DIR/<monitor>.npz     t (s), index (recorded cells) and one
//	                      (cells × samples) float64 array per variable, SI
//
// Every file is written to a temporary name and renamed, so that a crash never
// leaves a half-written file under its final name.
package output
