package catalog

import (
	"math"
	"testing"
)

// With a conductance that does not decay (tau_syn = 1e9 s), exponential Euler
// is exact: v relaxes to V∞ = (v_rest/tau_m + g·e_rev_E/cm)/(1/tau_m + g/cm)
// with rate 1/tau_m + g/cm. The reference is that closed form.
func TestIFCondExpConstantConductance(t *testing.T) {
	t.Parallel()
	const dt, g = 1e-4, 10e-9
	params := map[string]float64{"cm": 0.2e-9, "tau_m": 20e-3, "v_rest": -60e-3, "v_thresh": 1, "tau_syn_E": 1e9, "e_rev_E": 0}
	k, state := newKernel(t, IFCondExp(), params, dt)
	state["v"][0], state["gsyn_exc"][0] = -60e-3, g
	rate := 1/20e-3 + g/0.2e-9
	vinf := (-60e-3 / 20e-3) / rate
	for n := int64(0); n < 1000; n++ {
		k.Step(0, 1, n, nil)
		tt := float64(n+1) * dt
		want := vinf + (-60e-3-vinf)*math.Exp(-rate*tt)
		if d := math.Abs(state["v"][0]-want) / math.Abs(want); d > 1e-8 {
			t.Fatalf("step %d: v = %.15g, want %.15g (rel %g)", n, state["v"][0], want, d)
		}
	}
}

// The conductances decay exactly and v stays at v_reset while refractory.
func TestIFCondExpRefractory(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	params := map[string]float64{"tau_refrac": 2e-3, "v_reset": -70e-3, "tau_syn_E": 5e-3, "tau_syn_I": 10e-3}
	k, state := newKernel(t, IFCondExp(), params, dt)
	state["gsyn_exc"][0], state["gsyn_inh"][0] = 5e-9, 3e-9
	k.Reset([]int32{0}, 0)
	for n := int64(1); n < 20; n++ {
		out, _ := k.Step(0, 1, n, nil)
		if state["v"][0] != -70e-3 {
			t.Fatalf("step %d: v = %g while refractory, want v_reset", n, state["v"][0])
		}
		if len(out) != 0 {
			t.Fatalf("step %d: spike while refractory", n)
		}
		tt := float64(n) * dt
		if d := math.Abs(state["gsyn_exc"][0]-5e-9*math.Exp(-tt/5e-3)) / 5e-9; d > 1e-12 {
			t.Fatalf("step %d: gsyn_exc off by %g", n, d)
		}
	}
	k.Step(0, 1, 20, nil) // 2 ms = 20 steps after the spike: integrates again
	if state["v"][0] == -70e-3 {
		t.Fatal("v still clamped 20 steps (tau_refrac) after the spike")
	}
}
