package engine

import (
	"context"

	"github.com/volleysim/volley/build"
)

// RunEpoch is Run with at most epoch steps between the workers' barriers,
// for tests that compare epochs.
func RunEpoch(ctx context.Context, plan *build.Plan, opts Options, epoch int64) (*Result, error) {
	return run(ctx, plan, opts, func(r *runner) { r.epoch = min(r.epoch, epoch) })
}

// RunBalanced is Run with the workers' shares changed at every measured
// epoch to what shares returns (nil: no change), for tests that move the
// bounds between the workers' blocks.
func RunBalanced(ctx context.Context, plan *build.Plan, opts Options, shares func(workers int) []float64) (*Result, error) {
	return run(ctx, plan, opts, func(r *runner) {
		r.bal.interval, r.bal.minEpochs, r.bal.costRatio = 0, 1, 0
		r.bal.shares = func(busy []int64, _ []float64) []float64 { return shares(len(busy)) }
	})
}

// EpochSteps is epochSteps, for tests.
func EpochSteps(plan *build.Plan) int64 { return epochSteps(plan) }
