package engine_test

import (
	"math"
	"testing"
)

// TestReviewWrittenParamInCoefficient: a synaptic parameter that on_pre
// writes (w) is a coefficient of a linear clock-driven equation. Brian2
// integrates with the current w; Volley evaluates the coefficients once at
// build time, so x never moves after w changes.
//
// Reference: Brian2 2.5.1, numpy target, method='exact', same model
// (stim = SpikeGeneratorGroup(1, [0], [1*ms]); S.tau = 1*ms;
// StateMonitor(S, 'x', record=0)), /tmp/b2stale.py: x at steps 12, 15 and
// 49 = 0.09516258196404048, 0.3296799539643609, 0.9776292281438346.
func TestReviewWrittenParamInCoefficient(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "5 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["1 ms"]]

[groups.cell]
size = 1
equations = "v : 1"

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
w : 1
tau : second
dx/dt = (w - x)/tau : 1 (clock-driven)
"""
on_pre = "w += 1"
params = { tau = "1 ms" }

[monitors.synapses.x]
projection = "p"
var = "x"
`
	for _, eager := range []bool{false, true} {
		res, _, err := tryRun(t, src, 1, eager)
		if err != nil {
			t.Logf("eager %v: refused: %v (acceptable: a clear error)", eager, err)
			continue
		}
		x := res.SynapseMeans[0]
		for _, c := range []struct {
			n    int
			want float64
		}{{12, 0.09516258196404048}, {15, 0.3296799539643609}, {49, 0.9776292281438346}} {
			if math.Abs(x[c.n]-c.want) > 1e-9 {
				t.Errorf("eager %v: x at step %d = %g, Brian2 %.12g", eager, c.n, x[c.n], c.want)
			}
		}
	}
}

// TestReviewRandInCoefficient: rand() in a synaptic differential equation.
// Brian2 refuses method='exact' for it and, by default, integrates it with
// euler, drawing a new number every step (checked with Brian2 2.5.1,
// /tmp/b2rand.py). Volley does the same (the equation is not taken as
// linear): y does not decay by one frozen factor. Passes.
func TestReviewRandInCoefficient(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "2 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["5 ms"]]

[groups.cell]
size = 1
equations = "v : 1"

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "dy/dt = -y*rand()/ms : 1 (clock-driven)"
on_pre = "y += 1"
params = { y = 1 }

[monitors.synapses.y]
projection = "p"
var = "y"
`
	res, _, err := tryRun(t, src, 1, false)
	if err != nil {
		t.Logf("refused: %v (acceptable: a clear error)", err)
		return
	}
	y := res.SynapseMeans[0]
	same := true
	r0 := y[1] / y[0]
	for n := 2; n < len(y); n++ {
		if math.Abs(y[n]/y[n-1]-r0) > 1e-12 {
			same = false
		}
	}
	if same {
		t.Errorf("y decays by the same factor %.15g every step: rand() was drawn once, not every step", r0)
	}
}

// TestReviewWrittenParamInEventDriven: the same with an event-driven
// equation. Reference: Brian2 2.5.1, numpy target, /tmp/b2stale_ev.py
// (spikes at 1 and 4 ms, S.tau = 1*ms): x = 0.950212931632136, w = 2 after
// the run. Volley keeps x = 0.
func TestReviewWrittenParamInEventDriven(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "5 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["1 ms", "4 ms"]]

[groups.cell]
size = 1
equations = "v : 1"

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
w : 1
tau : second
dx/dt = (w - x)/tau : 1 (event-driven)
"""
on_pre = "w += 1"
params = { tau = "1 ms" }
`
	_, plan, err := tryRun(t, src, 1, false)
	if err != nil {
		t.Logf("refused: %v (acceptable: a clear error)", err)
		return
	}
	s := plan.Projections[0].Syn
	if x := s.Var("x")[0]; math.Abs(x-0.950212931632136) > 1e-12 {
		t.Errorf("x = %.15g, Brian2 0.950212931632136", x)
	}
}
