package engine

import "github.com/volleysim/volley/build"

// maxEpoch bounds the steps between barriers, so that a cancellation, a
// failing sink or a NaN stops a run within twice this many steps (the
// flags agreed at a barrier act at the end of the next epoch: see
// runner.work).
const maxEpoch = 64

// epochSteps returns how many steps the workers of a run of plan update
// between two barriers: the smallest synaptic delay, in steps, of the
// projections delivered through rings (NEST's min_delay). A spike of step
// n with delay d ≥ L acts at step n+d, after the epoch of L steps that holds
// n, so every worker can update its cells through the epoch before any
// worker delivers its spikes; the sums into every ring slot keep their
// order, and the results do not depend on the epoch. One step where a
// delay is 0, where equation-defined synapses act between the update and
// the resets of a step, or where synapse monitors read the plastic state
// that each delivery changes.
//
// The epoch depends on the plan (and, when state samples are streamed, on
// the chunk length: see chunked), not on the number of workers: a run that
// stops early (NaN, sink error) stops at the end of an epoch, at the same
// step for any number of workers.
func epochSteps(plan *build.Plan) int64 {
	if len(plan.SynapseMonitors) > 0 {
		return 1
	}
	l := int32(maxEpoch)
	for _, pr := range plan.Projections {
		if pr.Input < 0 || pr.Syn != nil {
			return 1
		}
		l = min(l, pr.MinDelay())
	}
	return int64(max(1, l))
}
