package catalog

import (
	"fmt"

	"github.com/volleysim/volley/integrate"
)

// IFCurrExp is PyNN's IF_curr_exp: a leaky integrate-and-fire cell with
// exponentially decaying synaptic currents and a fixed threshold.
//
//	dv/dt       = (v_rest − v)/tau_m + (isyn_exc + isyn_inh + i_offset)/cm   (unless refractory)
//	disyn_exc/dt = −isyn_exc/tau_syn_E
//	disyn_inh/dt = −isyn_inh/tau_syn_I
//	threshold: v > v_thresh;  reset: v = v_reset;  refractory: tau_refrac, v clamped at v_reset
//
// Parameters (PyNN defaults and units):
//
//	cm 1 nF, tau_m 20 ms, tau_refrac 0.1 ms, tau_syn_E 5 ms, tau_syn_I 5 ms,
//	i_offset 0 nA, v_rest −65 mV, v_reset −65 mV, v_thresh −50 mV
//
// State: v (−65 mV), isyn_exc (0 nA), isyn_inh (0 nA). Receptors: excitatory →
// isyn_exc, inhibitory → isyn_inh (inhibitory weights are negative currents).
//
// Integration is exact: the system is linear with constant coefficients, and
// its propagator is the matrix exponential computed by integrate.ExactLinear
// once when the kernel is made (no per-model closed form), which also covers
// tau_syn = tau_m. References: PyNN standardmodels.cells.IF_curr_exp; NEST
// iaf_psc_exp; Rotter & Diesmann (1999) Biol Cybern 81:381–402.
func IFCurrExp() *Model {
	return &Model{
		Name: "IF_curr_exp",
		Doc:  "leaky integrate-and-fire, exponential current synapses",
		Params: []Param{
			param("cm", "1 nF", "membrane capacitance"),
			param("tau_m", "20 ms", "membrane time constant"),
			param("tau_refrac", "0.1 ms", "refractory period"),
			param("tau_syn_E", "5 ms", "excitatory synaptic time constant"),
			param("tau_syn_I", "5 ms", "inhibitory synaptic time constant"),
			param("i_offset", "0 nA", "constant injected current"),
			param("v_rest", "-65 mV", "resting potential"),
			param("v_reset", "-65 mV", "reset potential"),
			param("v_thresh", "-50 mV", "spike threshold"),
		},
		State: []StateVar{
			state("v", "-65 mV", "membrane potential"),
			state("isyn_exc", "0 nA", "excitatory synaptic current"),
			state("isyn_inh", "0 nA", "inhibitory synaptic current"),
		},
		Receptors: []Receptor{{"excitatory", "isyn_exc"}, {"inhibitory", "isyn_inh"}},
		Method:    "exact",
		New:       newIFCurrExp,
		Template: &Template{
			Equations: `dv/dt = (v_rest - v)/tau_m + (isyn_exc + isyn_inh + i_offset)/cm : volt (unless refractory)
disyn_exc/dt = -isyn_exc/tau_syn_E : amp
disyn_inh/dt = -isyn_inh/tau_syn_I : amp`,
			Threshold: "v > v_thresh", Reset: "v = v_reset", Refractory: "tau_refrac", Method: "exact",
		},
	}
}

// ifCurrExp integrates x = (v, isyn_exc, isyn_inh) with x ← P·x + q, where P
// is upper triangular: the currents decay on their own and drive v.
type ifCurrExp struct {
	v, ie, ii []float64 // [N] V, A, A
	last      []int64   // [N] step of the last spike
	ref       int64     // refractory period in steps

	pvv, pve, pvi, qv float64 // v row of the propagator
	pee, pii          float64 // current decay factors
	vThresh, vReset   float64
}

func newIFCurrExp(in Instance) (Kernel, error) {
	p := in.Params
	if err := positive(p, "cm", "tau_m", "tau_syn_E", "tau_syn_I"); err != nil {
		return nil, fmt.Errorf("IF_curr_exp: %w", err)
	}
	ref, err := refractorySteps(p["tau_refrac"], in.DT)
	if err != nil {
		return nil, fmt.Errorf("IF_curr_exp: %w", err)
	}
	cm, tau := p["cm"], p["tau_m"]
	a := []float64{
		-1 / tau, 1 / cm, 1 / cm,
		0, -1 / p["tau_syn_E"], 0,
		0, 0, -1 / p["tau_syn_I"],
	}
	b := []float64{p["v_rest"]/tau + p["i_offset"]/cm, 0, 0}
	l, err := integrate.ExactLinear(a, b, in.DT)
	if err != nil {
		return nil, fmt.Errorf("IF_curr_exp: %w", err)
	}
	if l.P[3] != 0 || l.P[5] != 0 || l.P[6] != 0 || l.P[7] != 0 || l.Q[1] != 0 || l.Q[2] != 0 {
		panic("catalog: IF_curr_exp propagator is not upper triangular")
	}
	return &ifCurrExp{
		v: in.State["v"], ie: in.State["isyn_exc"], ii: in.State["isyn_inh"],
		last: newLastSpike(in.N), ref: ref,
		pvv: l.P[0], pve: l.P[1], pvi: l.P[2], qv: l.Q[0],
		pee: l.P[4], pii: l.P[8],
		vThresh: p["v_thresh"], vReset: p["v_reset"],
	}, nil
}

// stepScalar is Step one cell at a time. float64(x*y) keeps Go from fusing a
// product and a sum into a fused multiply-add (arm64, GOAMD64=v3), so every
// platform gives the bits of the vector Steps.
func (k *ifCurrExp) stepScalar(lo, hi int, step int64, out []int32) ([]int32, bool) {
	v, ie, ii, last := k.v[lo:hi], k.ie[lo:hi], k.ii[lo:hi], k.last[lo:hi]
	ie = ie[:len(v)]
	ii = ii[:len(v)]
	last = last[:len(v)]
	// the coefficients in locals: Go would reload them from k after every
	// store into the state arrays, which it cannot prove they do not alias
	pee, pii, pvv, pve, pvi, qv := k.pee, k.pii, k.pvv, k.pve, k.pvi, k.qv
	th := k.vThresh
	since := step - k.ref // a cell whose last spike came after since is refractory
	out, cand := roomForSpikes(out, len(v))
	nc := 0
	for i := range v {
		e, in := ie[i], ii[i]
		ie[i] = pee * e
		ii[i] = pii * in
		if last[i] > since {
			continue // refractory: v stays at v_reset, no spike
		}
		x := float64(pvv*v[i]) + float64(pve*e) + float64(pvi*in) + qv
		v[i] = x
		if !(x <= th) { // above threshold, or NaN
			cand[nc] = int32(i)
			nc++
		}
	}
	return spikesAbove(out, cand[:nc], v, th, lo)
}

func (k *ifCurrExp) Reset(spikes []int32, step int64) {
	reset(k.v, k.last, k.vReset, spikes, step)
}

// Internal returns the step of each cell's last spike, for checkpoints.
func (k *ifCurrExp) Internal() (map[string][]int64, map[string][]float64) {
	return map[string][]int64{"last_spike_step": k.last}, nil
}
