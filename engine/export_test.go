package engine

import (
	"context"

	"github.com/volleysim/volley/build"
)

// RunEpoch is Run with at most epoch steps between the workers' barriers,
// for tests that compare epochs.
func RunEpoch(ctx context.Context, plan *build.Plan, opts Options, epoch int64) (*Result, error) {
	return run(ctx, plan, opts, epoch)
}

// EpochSteps is epochSteps, for tests.
func EpochSteps(plan *build.Plan) int64 { return epochSteps(plan) }
