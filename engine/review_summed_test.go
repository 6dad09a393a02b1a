package engine_test

import (
	"testing"
)

// TestReviewSummedIntoDisjointSubgroups: two projections sum into I of two
// sub-groups of one root group that do not overlap. Brian2 2.5.1 accepts
// this (brian2/core/network.py, _check_multiple_summed_updaters, refuses
// only the same target or overlapping sub-groups; /tmp/b2disj.py prints
// I = [2, 2, 4, 4] for this model); Volley refuses it with a
// message saying that Brian2 refuses it too.
func TestReviewSummedIntoDisjointSubgroups(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "2 ms"

[groups.stim]
size = 2
model = "SpikeSourceArray"
spike_times = [["0.5 ms"], ["1 ms"]]

[groups.G]
size = 4
equations = "I : 1"

[groups.lo]
slice = "G[:2]"

[groups.hi]
slice = "G[2:]"

[projections.a]
pre = "stim"
post = "lo"
connector = { rule = "all_to_all" }
equations = """
w : 1
I_post = w : 1 (summed)
"""
params = { w = 1 }

[projections.b]
pre = "stim"
post = "hi"
connector = { rule = "all_to_all" }
equations = """
w : 1
I_post = w : 1 (summed)
"""
params = { w = 2 }

[monitors.state.I]
group = "G"
vars = ["I"]
`
	res, _, err := tryRun(t, src, 1, false)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	tr := res.Traces[0].Data[0]
	for c, want := range []float64{2, 2, 4, 4} { // 2 synapses each
		if got := tr[c][len(tr[c])-1]; got != want {
			t.Errorf("I[%d] = %g, want %g", c, got, want)
		}
	}
}
