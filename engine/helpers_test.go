package engine_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
)

// tryRun decodes, builds (optionally eager) and runs a model, turning a
// panic into an error so that tests can tell a clear error from a crash.
func tryRun(t testing.TB, src string, threads int, eager bool) (res *engine.Result, plan *build.Plan, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("PANIC: %v", p)
		}
	}()
	m, err := model.Decode("test.toml", []byte(src))
	if err != nil {
		return nil, nil, err
	}
	net, err := build.ResolveFS(m, examples.Files())
	if err != nil {
		return nil, nil, err
	}
	net.EagerSynapses = eager
	plan, err = net.Compile(threads)
	if err != nil {
		return nil, plan, err
	}
	res, err = engine.Run(context.Background(), plan, engine.Options{Threads: threads})
	return res, plan, err
}

// buildPlan decodes and builds a model without running it.
func buildPlan(t testing.TB, src string, threads int, eager bool) *build.Plan {
	t.Helper()
	m, err := model.Decode("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	net, err := build.ResolveFS(m, examples.Files())
	if err != nil {
		t.Fatal(err)
	}
	net.EagerSynapses = eager
	plan, err := net.Compile(threads)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// stimCell returns the start of a test model with a step of 0.1 ms: a run
// of the given duration, a group "stim" of stims SpikeSourceArray cells
// firing at spikeTimes (a TOML list of lists of times) and a group "cell"
// of cells cells with equations eqs. Tests append their projections and
// monitors.
func stimCell(duration string, stims int, spikeTimes string, cells int, eqs string) string {
	return fmt.Sprintf(`
[run]
dt = "0.1 ms"
duration = %q

[groups.stim]
size = %d
model = "SpikeSourceArray"
spike_times = %s

[groups.cell]
size = %d
equations = %q
`, duration, stims, spikeTimes, cells, eqs)
}
