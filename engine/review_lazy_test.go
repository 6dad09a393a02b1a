package engine_test

import (
	"math"
	"testing"
)

// TestReviewLazyFirstEvent: a clock-driven variable that does not start at
// its fixed point (y = 1, decaying) is read by on_pre. Eagerly it has been
// stepped n+1 times when on_pre runs at step n (the clock step of step n
// comes first, as in Brian2). Lazily (Synapses.Lazy, the default here: no
// summed variable, no monitor of y) the first event advances it from
// LastUpdate = 0 by n steps only: one step short. Later events are right
// (n - m steps after an event at m on both paths).
//
// Reference: Brian2 2.5.1, numpy target, /tmp/b2lazy.py (stim at 1 and 2 ms,
// S.y = 1, on_pre='v_post += y', method='exact', StateMonitor of v):
// v at steps 11 and 21 = 0.6930406200864416 and 1.1896259238778513.
func TestReviewLazyFirstEvent(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "3 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["1 ms", "2 ms"]]

[groups.cell]
size = 1
equations = "v : 1"

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "dy/dt = -y/(3*ms) : 1 (clock-driven)"
on_pre = "v_post += y"
params = { y = 1 }

[monitors.state.v]
group = "cell"
vars = ["v"]
`
	for _, eager := range []bool{false, true} {
		res, plan, err := tryRun(t, src, 1, eager)
		if err != nil {
			t.Fatal(err)
		}
		v := res.Traces[0].Data[0][0]
		for _, c := range []struct {
			n    int
			want float64
		}{{11, 0.6930406200864416}, {21, 1.1896259238778513}} {
			if math.Abs(v[c.n]-c.want) > 1e-12 {
				t.Errorf("lazy %v: v at step %d = %.16g, Brian2 %.16g", plan.Projections[0].Syn.Lazy, c.n, v[c.n], c.want)
			}
		}
	}
}
