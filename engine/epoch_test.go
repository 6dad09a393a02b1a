package engine_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/volleysim/volley/engine"
)

// epochModel is a recurrent conductance-based network whose smallest delay
// is 3 steps: per-synapse delays (uniform 0.3–2 ms), a plastic
// (Tsodyks–Markram) projection, Poisson input through rows long enough for
// the bounds between the workers' parts to be kept (see newSplits), and
// state, spike and rate monitors. padWorkers lets it run on several workers.
const epochModel = `
[run]
dt = "0.1 ms"
duration = "150 ms"
seed = 4

[groups.cells]
size = 1000
model = "IF_cond_exp"
params = { tau_refrac = "2 ms" }
init = { v = "uniform(-65 mV, -50 mV)" }

[groups.exc]
slice = "cells[:800]"

[groups.inh]
slice = "cells[800:]"

[groups.ext]
size = 20
model = "SpikeSourcePoisson"
params = { rate = "200 Hz", start = "0 ms", duration = "60 ms" }

[projections.e2e]
pre = "exc"
post = "exc"
connector = { rule = "fixed_probability", p = 0.05 }
weight = "2 nS"
delay = "uniform(0.3 ms, 2 ms)"
receptor = "excitatory"

[projections.e2i]
pre = "exc"
post = "inh"
connector = { rule = "fixed_probability", p = 0.05 }
weight = "8 nS"
delay = "0.5 ms"
receptor = "excitatory"
synapse = "TsodyksMarkramSynapse"
params = { U = 0.2, tau_rec = "100 ms", tau_facil = "300 ms", tau_syn = "5 ms" }

[projections.i2e]
pre = "inh"
post = "exc"
connector = { rule = "fixed_probability", p = 0.05 }
weight = "200 nS"
delay = "0.3 ms"
receptor = "inhibitory"

[projections.ext2e]
pre = "ext"
post = "exc"
connector = { rule = "fixed_probability", p = 0.4 }
weight = "15 nS"
delay = "1 ms"
receptor = "excitatory"

[monitors]
spikes = ["exc", "inh"]

[monitors.state.v]
group = "cells"
vars = ["v", "gsyn_exc", "gsyn_inh"]
indices = [0, 1, 799, 800, 999]

[monitors.rate.exc]
group = "exc"
bin = "1 ms"
` + padWorkers

// The workers meet once per epoch of min-delay steps, and what they compute
// is the same as with a barrier at every step, bit for bit, on 1, 2 and 3
// workers: every spike, sample, count and rate bin.
func TestEpochsChangeNothing(t *testing.T) {
	t.Parallel()
	var ref *engine.Result
	for _, threads := range []int{1, 2, 3} {
		for _, epoch := range []int64{1, 2, 3} {
			plan := buildPlan(t, epochModel, threads, false) // a run changes its plan's state
			if e := engine.EpochSteps(plan); e != 3 {
				t.Fatalf("%d steps between barriers, want 3 (the 0.3 ms delay of i2e)", e)
			}
			if w := engine.Workers(plan, threads); w != threads {
				t.Fatalf("%d workers for %d threads", w, threads)
			}
			res, err := engine.RunEpoch(context.Background(), plan, engine.Options{Threads: threads}, epoch)
			if err != nil {
				t.Fatal(err)
			}
			if ref == nil {
				ref = res
				continue
			}
			if d := resultDiff(res, ref); d != "" {
				t.Fatalf("%d threads, epochs of %d steps: %s differ from 1 thread, 1 step", threads, epoch, d)
			}
		}
	}
	if n := len(ref.Spikes[0].Step); n < 2000 {
		t.Fatalf("only %d spikes: the comparison is too weak", n)
	}
	t.Logf("%d spikes", len(ref.Spikes[0].Step))
}

// resultDiff names the first part of two results that differs, "" if none.
func resultDiff(a, b *engine.Result) string {
	if a.Completed != b.Completed {
		return "completed steps"
	}
	for g := range a.Spikes {
		if !slices.Equal(a.Spikes[g].Step, b.Spikes[g].Step) || !slices.Equal(a.Spikes[g].Cell, b.Spikes[g].Cell) {
			return "spikes"
		}
	}
	for g := range a.Counts {
		if !slices.Equal(a.Counts[g], b.Counts[g]) {
			return "spike counts"
		}
	}
	for m := range a.Traces {
		for v := range a.Traces[m].Data {
			for k := range a.Traces[m].Data[v] {
				x, y := a.Traces[m].Data[v][k], b.Traces[m].Data[v][k]
				if !slices.EqualFunc(x, y, func(p, q float64) bool { return math.Float64bits(p) == math.Float64bits(q) }) {
					return "state samples"
				}
			}
		}
	}
	for m := range a.Rates {
		if !slices.Equal(a.Rates[m], b.Rates[m]) {
			return "rates"
		}
	}
	return ""
}

// State samples streamed in chunks shorter than two epochs come out as
// those kept in memory: the epoch is shortened to half a chunk, so that
// the workers, sampling an epoch ahead of the worker that hands a full
// chunk to the sink, never write into the chunk it hands over.
func TestEpochsStreamedChunks(t *testing.T) {
	t.Parallel()
	want := runPlan(t, buildPlan(t, epochModel, 1, false), 1).Traces[0]
	for _, threads := range []int{2, 3} {
		for _, chunk := range []int64{1, 2, 5, 6, 7, 64} {
			var c collect
			plan := buildPlan(t, epochModel, threads, false)
			if _, err := engine.Run(context.Background(), plan, engine.Options{Threads: threads, Sink: c.sink, ChunkSamples: chunk}); err != nil {
				t.Fatal(err)
			}
			for v := range want.Data {
				for k := range want.Data[v] {
					if !slices.Equal(c.data[v][k], want.Data[v][k]) {
						t.Fatalf("%d threads, chunks of %d: samples of var %d, cell %d differ (%d and %d samples)",
							threads, chunk, v, k, len(c.data[v][k]), len(want.Data[v][k]))
					}
				}
			}
		}
	}
}
