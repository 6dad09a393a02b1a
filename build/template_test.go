package build_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/model"
)

// driven is a catalog model driven by Poisson input through both receptors.
const driven = `
name = "driven"
[run]
dt = "0.1 ms"
duration = "500 ms"
seed = 3
[groups.cells]
size = "20"
model = "MODEL"
params = { tau_refrac = "2 ms", v_rest = "-60 mV", v_reset = "-65 mV", v_thresh = "-52 mV", cm = "0.25 nF" }
init = { v = "uniform(-65 mV, -55 mV)" }
[groups.src]
size = "50"
model = "SpikeSourcePoisson"
params = { rate = "40 Hz" }
[projections.e]
pre = "src"
post = "cells"
connector = { rule = "fixed_probability", p = "0.5" }
weight = "WE"
delay = "1 ms"
receptor = "excitatory"
[projections.i]
pre = "src"
post = "cells"
connector = { rule = "fixed_probability", p = "0.2" }
weight = "WI"
delay = "0.5 ms"
receptor = "inhibitory"
[monitors]
spikes = ["cells"]
[monitors.state.s]
group = "cells"
vars = ["v"]
`

func runDriven(t *testing.T, text string, generic bool) *engine.Result {
	t.Helper()
	m, err := model.Decode("driven.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	n, err := build.Resolve(m)
	if err != nil {
		t.Fatal(err)
	}
	n.Generic = generic
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(context.Background(), plan, engine.Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The hand-fused kernels of IF_curr_exp and IF_cond_exp give the numbers of
// their equation templates on the generic path (design §5): the same spikes
// and v within 1e-12 relative over 500 ms of Poisson drive.
func TestFusedMatchesTemplate(t *testing.T) {
	t.Parallel()
	cases := []struct{ model, we, wi string }{
		{"IF_curr_exp", "0.12 nA", "-0.1 nA"},
		{"IF_cond_exp", "3 nS", "5 nS"},
	}
	for _, tc := range cases {
		text := strings.NewReplacer("MODEL", tc.model, "WE", tc.we, "WI", tc.wi).Replace(driven)
		fused, generic := runDriven(t, text, false), runDriven(t, text, true)
		if !slices.Equal(fused.Spikes[0].Step, generic.Spikes[0].Step) || !slices.Equal(fused.Spikes[0].Cell, generic.Spikes[0].Cell) {
			t.Fatalf("%s: spikes differ: fused %d, template %d", tc.model, len(fused.Spikes[0].Step), len(generic.Spikes[0].Step))
		}
		if len(fused.Spikes[0].Step) < 50 {
			t.Fatalf("%s: only %d spikes; the comparison is too weak", tc.model, len(fused.Spikes[0].Step))
		}
		worst := 0.0
		for k, row := range fused.Traces[0].Data[0] {
			for s, v := range row {
				g := generic.Traces[0].Data[0][k][s]
				worst = max(worst, math.Abs(v-g)/math.Abs(v))
			}
		}
		if worst > 1e-12 {
			t.Errorf("%s: v differs by up to %g relative", tc.model, worst)
		}
		t.Logf("%s: %d spikes, largest relative v difference %.3g", tc.model, len(fused.Spikes[0].Step), worst)
	}
}

// The catalog models that run only through their equations: each compiles
// with PyNN's defaults and fires under a constant current, with the
// qualitative behaviour of the model (spike-frequency adaptation for the
// AdEx cell: later intervals longer than the first).
func TestTemplateOnlyModels(t *testing.T) {
	t.Parallel()
	cases := []struct {
		model, current string
		min, max       int // spikes in 500 ms
		adapting       bool
	}{
		{"EIF_cond_exp_isfa_ista", "1 nA", 5, 200, true},
		{"HH_cond_exp", "1 nA", 5, 200, false},
		{"Izhikevich", "0.01 nA", 5, 200, false},
	}
	for _, tc := range cases {
		text := `name = "one"
[run]
dt = "0.1 ms"
duration = "500 ms"
[groups.c]
size = "1"
model = "` + tc.model + `"
params = { i_offset = "` + tc.current + `" }
[monitors]
spikes = ["c"]
`
		_, res := simulate(t, text, 1)
		steps := res.Spikes[0].Step
		if len(steps) < tc.min || len(steps) > tc.max {
			t.Errorf("%s with %s: %d spikes in 500 ms, want %d–%d", tc.model, tc.current, len(steps), tc.min, tc.max)
			continue
		}
		if tc.adapting {
			first, last := steps[1]-steps[0], steps[len(steps)-1]-steps[len(steps)-2]
			if last <= first {
				t.Errorf("%s: intervals %d then %d steps: no adaptation", tc.model, first, last)
			}
		}
	}
}
