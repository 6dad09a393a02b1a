package engine_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/rng"
)

// padWorkers makes a model big enough for several workers: engine.Workers
// gives at most one worker per 1024 cells, so models of a few hundred
// cells (as stdpNetwork of TestEquationSynapsesResume) always run on one
// worker whatever --threads says.
const padWorkers = `
[groups.pad]
size = 8192
equations = "dummy : 1"
`

// raceModel is a recurrent projection whose on_pre reads v_pre and writes
// v_post, with a delay of 0: the worker owning cell c would write v[c] (c is
// the post cell of a synapse whose spike arrives) while another reads v[c]
// as v_pre (c fired in the same step and is the presynaptic cell of one of
// its synapses).
const raceModel = `
[run]
dt = "0.1 ms"
duration = "100 ms"

[groups.all]
size = 400
equations = "dv/dt = (1.5 - v)/(10*ms) : 1"
threshold = "v > 1"
reset = "v = 0"
init = { v = "0.9 + 0.1*rand()" }

[projections.rec]
pre = "all"
post = "all"
connector = { rule = "fixed_probability", p = 0.3 }
delay = "0 ms"
equations = "w : 1"
on_pre = "v_post -= w*v_pre"
params = { w = "0.01*rand()" }

[monitors.state.v]
group = "all"
vars = ["v"]
` + padWorkers

// A statement that reads v_pre while the same projection writes v into
// post cells in the same phase would read a value that depends on which
// worker got there first: the build refuses it, naming the statement and
// the reason, instead of giving results that depend on --threads.
func TestPreReadOfWrittenVariable(t *testing.T) {
	t.Parallel()
	_, _, err := tryRun(t, raceModel, 1, false)
	if err == nil || !strings.Contains(err.Error(), `"v_post -= w*v_pre"`) || !strings.Contains(err.Error(), "would depend on the number of threads") {
		t.Errorf("error %v, want one naming the statement and saying that v_pre would depend on the number of threads", err)
	}
}

// viewsModel has overlapping sub-group views of one root group as pre and
// post, per-synapse delays including 0, multapses, a summed variable into
// the post view, v_pre read in on_pre, STDP with on_post.
const viewsModel = `
[run]
dt = "0.1 ms"
duration = "200 ms"

[groups.all]
size = 40
equations = """
dv/dt = (I + ge - v)/(10*ms) + 0.15/ms : 1
dge/dt = -ge/(5*ms) : 1
I : 1
"""
threshold = "v > 1"
reset = "v = 0"
init = { v = "rand()" }

[groups.a]
slice = "all[3:20]"

[groups.b]
slice = "all[15:35]"

[monitors]
spikes = ["all"]

[projections.ab]
pre = "a"
post = "b"
connector = { rule = "fixed_number_post", n = 6, with_replacement = true }
delay = "j*0.1*ms"
equations = """
A : 1
dy/dt = -y/(3*ms) : 1 (clock-driven)
I_post = A*y : 1 (summed)
w : 1
dApre/dt = -Apre/(10*ms) : 1 (event-driven)
dApost/dt = -Apost/(10*ms) : 1 (event-driven)
"""
on_pre = """
y += 0.5*(1 - y)
ge_post += w*v_pre
Apre += 0.01
w = clip(w + Apost, 0, 0.3)
"""
on_post = """
Apost -= 0.012
w = clip(w + Apre, 0, 0.3)
"""
params = { A = "0.2 + 0.01*i", w = "0.1*rand()" }
` + padWorkers

// Overlapping views with equation-defined synapses give the same spikes and
// synaptic state on 1, 2, 3 and 7 workers, lazy and eager, and after a run
// stopped at several steps and resumed on another number of workers.
func TestViewsThreadsLazyResume(t *testing.T) {
	t.Parallel()
	synVars := func(plan *build.Plan) map[string][]float64 {
		m := map[string][]float64{}
		for _, v := range plan.Projections[0].Syn.Vars {
			m[v.Name] = v.Data
		}
		return m
	}
	var lazySpikes engine.Spikes
	for _, eager := range []bool{false, true} {
		full, fplan, err := tryRun(t, viewsModel, 1, eager)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Spikes[0].Step) < 100 {
			t.Fatalf("only %d spikes", len(full.Spikes[0].Step))
		}
		if !eager {
			lazySpikes = full.Spikes[0]
		} else if !slices.Equal(lazySpikes.Step, full.Spikes[0].Step) || !slices.Equal(lazySpikes.Cell, full.Spikes[0].Cell) {
			t.Errorf("lazy and eager spikes differ")
		}
		want := synVars(fplan)
		check := func(what string, res *engine.Result, syn map[string][]float64) {
			t.Helper()
			if !slices.Equal(res.Spikes[0].Step, full.Spikes[0].Step) || !slices.Equal(res.Spikes[0].Cell, full.Spikes[0].Cell) {
				t.Errorf("eager %v, %s: spikes differ (%d, want %d)", eager, what, len(res.Spikes[0].Step), len(full.Spikes[0].Step))
			}
			for name, d := range want {
				if !slices.Equal(syn[name], d) {
					t.Errorf("eager %v, %s: synaptic %s differs", eager, what, name)
				}
			}
		}
		for _, th := range []int{2, 3, 7} {
			res, plan, err := tryRun(t, viewsModel, th, eager)
			if err != nil {
				t.Fatal(err)
			}
			if w := engine.Workers(plan, th); w != th {
				t.Fatalf("%d workers for %d threads", w, th)
			}
			check(fmt.Sprintf("%d threads", th), res, synVars(plan))
		}
		for _, until := range []int64{1, 37, 1000, 1999} {
			p1 := buildPlan(t, viewsModel, 3, eager)
			r1, err := engine.Run(context.Background(), p1, engine.Options{Threads: 3, Until: until})
			if err != nil {
				t.Fatal(err)
			}
			p2 := buildPlan(t, viewsModel, 2, eager)
			r2, err := engine.Run(context.Background(), p2, engine.Options{Threads: 2, From: r1.State})
			if err != nil {
				t.Fatal(err)
			}
			check(fmt.Sprintf("checkpoint at %d, resumed", until), r2, synVars(p2))
		}
	}
}

// Moving the bounds between the workers' blocks changes no result: the
// epoch model (per-synapse delays, STP, split rows, state, spike and rate
// monitors), as it is (epochs of 3 steps) and with a zero delay (epochs of
// one step), run with the shares redrawn at random every 4 epochs, gives
// on 2 and 3 workers, bit for bit, what it gives on one.
func TestBalancingChangesNothing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		plan func(threads int) *build.Plan
	}{
		{"epochModel", func(threads int) *build.Plan { return buildPlan(t, epochModel, threads, false) }},
		{"zero delay", func(threads int) *build.Plan {
			return buildPlan(t, strings.ReplaceAll(epochModel, `delay = "0.3 ms"`, `delay = "0 ms"`), threads, false)
		}},
	} {
		ref := runPlan(t, c.plan(1), 1)
		for _, threads := range []int{2, 3} {
			plan := c.plan(threads)
			if w := engine.Workers(plan, threads); w != threads {
				t.Fatalf("%s: %d workers for %d threads", c.name, w, threads)
			}
			s := rng.New(uint64(threads), rng.User, 0, 0, 0)
			changes := 0
			res, err := engine.RunBalanced(context.Background(), plan, engine.Options{Threads: threads}, func(workers int) []float64 {
				shares := make([]float64, workers)
				var sum float64
				for w := range shares {
					shares[w] = 0.05 + s.Float64()
					sum += shares[w]
				}
				for w := range shares {
					shares[w] /= sum
				}
				changes++
				return shares
			})
			if err != nil {
				t.Fatal(err)
			}
			if d := resultDiff(res, ref); d != "" {
				t.Fatalf("%s, %d threads, shares moved %d times: %s differ from 1 thread", c.name, threads, changes, d)
			}
			if changes < 100 {
				t.Fatalf("%s, %d threads: shares moved only %d times", c.name, threads, changes)
			}
		}
	}
}
