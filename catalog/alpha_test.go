package catalog_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/model"
)

// TestAlphaSynapses sends one spike of weight w into an IF_curr_alpha and an
// IF_cond_alpha cell and checks the synaptic current or conductance against
// the alpha function w·(s/tau)·exp(1 − s/tau) of the time s since the spike
// arrived: it peaks at w at s = tau (PyNN's normalisation, NEST's
// iaf_psc_alpha and iaf_cond_alpha).
func TestAlphaSynapses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		model, v, w string
		tau, weight float64
		tol         float64 // relative to the weight
	}{
		{"IF_curr_alpha", "isyn_exc", "0.7 nA", 2e-3, 0.7e-9, 1e-9},   // exact integration
		{"IF_cond_alpha", "gsyn_exc", "0.004 uS", 0.3e-3, 4e-9, 1e-3}, // rk4 at tau = 3 dt; NEST's gsl_error_tol is 1e-3
	} {
		src := fmt.Sprintf(`
[run]
dt = "0.1 ms"
duration = "30 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["5 ms"]]

[groups.cell]
size = 1
model = %q
params = { tau_syn_E = "%g ms" }

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
weight = %q
delay = "1 ms"

[monitors.state.syn]
group = "cell"
vars = [%q]
`, c.model, c.tau*1e3, c.w, c.v)
		m, err := model.Decode("alpha.toml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		net, err := build.Resolve(m)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := net.Compile(1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := engine.Run(context.Background(), plan, engine.Options{Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		g := res.Traces[0].Data[0][0]
		// the spike at step 50 arrives at step 60; the monitor shows the step's
		// input at the start of the next step
		const arrival = 61
		var peak float64
		for n, x := range g {
			want := 0.0
			if n >= arrival {
				s := float64(n-arrival) * 1e-4
				want = c.weight * s / c.tau * math.Exp(1-s/c.tau)
			}
			if math.Abs(x-want) > c.tol*c.weight {
				t.Fatalf("%s: step %d: %s = %.12g, alpha function %.12g", c.model, n, c.v, x, want)
			}
			peak = max(peak, x)
		}
		if math.Abs(peak-c.weight) > c.tol*c.weight {
			t.Errorf("%s: peak %g, want the weight %g", c.model, peak, c.weight)
		}
	}
}
