package catalog

import (
	"fmt"

	"github.com/volleysim/volley/xmath"
)

// IFCondExp is PyNN's IF_cond_exp: a leaky integrate-and-fire cell with
// exponentially decaying synaptic conductances and a fixed threshold.
//
//	dv/dt        = (v_rest − v)/tau_m + (gsyn_exc·(e_rev_E − v) + gsyn_inh·(e_rev_I − v) + i_offset)/cm   (unless refractory)
//	dgsyn_exc/dt = −gsyn_exc/tau_syn_E
//	dgsyn_inh/dt = −gsyn_inh/tau_syn_I
//	threshold: v > v_thresh;  reset: v = v_reset;  refractory: tau_refrac, v clamped at v_reset
//
// Parameters (PyNN defaults and units):
//
//	cm 1 nF, tau_m 20 ms, tau_refrac 0.1 ms, tau_syn_E 5 ms, tau_syn_I 5 ms,
//	e_rev_E 0 mV, e_rev_I −70 mV, i_offset 0 nA, v_rest −65 mV, v_reset −65 mV, v_thresh −50 mV
//
// State: v (−65 mV), gsyn_exc (0 µS), gsyn_inh (0 µS). Receptors: excitatory →
// gsyn_exc, inhibitory → gsyn_inh.
//
// Integration is exponential Euler (Brian2's "exponential_euler"; v is linear
// in itself with coefficients that depend on the conductances). PyNN's Brian2
// backend names no method, and Brian2's default ("exact", "euler", "heun")
// then picks forward Euler, "exact" needing constant coefficients. Over
// one step, with A = −1/tau_m − (gsyn_exc + gsyn_inh)/cm and
// B = v_rest/tau_m + (gsyn_exc·e_rev_E + gsyn_inh·e_rev_I + i_offset)/cm taken at
// the start of the step, v ← −B/A + (v + B/A)·exp(A·dt); the conductances decay
// exactly. Every new value is computed from the state at the start of the
// step. References: PyNN standardmodels.cells.IF_cond_exp; NEST iaf_cond_exp;
// Brian2 stateupdaters.exponential_euler.
func IFCondExp() *Model {
	return &Model{
		Name: "IF_cond_exp",
		Doc:  "leaky integrate-and-fire, exponential conductance synapses",
		Params: []Param{
			param("cm", "1 nF", "membrane capacitance"),
			param("tau_m", "20 ms", "membrane time constant"),
			param("tau_refrac", "0.1 ms", "refractory period"),
			param("tau_syn_E", "5 ms", "excitatory synaptic time constant"),
			param("tau_syn_I", "5 ms", "inhibitory synaptic time constant"),
			param("e_rev_E", "0 mV", "excitatory reversal potential"),
			param("e_rev_I", "-70 mV", "inhibitory reversal potential"),
			param("i_offset", "0 nA", "constant injected current"),
			param("v_rest", "-65 mV", "resting potential"),
			param("v_reset", "-65 mV", "reset potential"),
			param("v_thresh", "-50 mV", "spike threshold"),
		},
		State: []StateVar{
			state("v", "-65 mV", "membrane potential"),
			state("gsyn_exc", "0 uS", "excitatory synaptic conductance"),
			state("gsyn_inh", "0 uS", "inhibitory synaptic conductance"),
		},
		Receptors: []Receptor{{"excitatory", "gsyn_exc"}, {"inhibitory", "gsyn_inh"}},
		Method:    "exponential_euler",
		New:       newIFCondExp,
		Template: &Template{
			Equations: `dv/dt = (v_rest - v)/tau_m + (gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) + i_offset)/cm : volt (unless refractory)
dgsyn_exc/dt = -gsyn_exc/tau_syn_E : siemens
dgsyn_inh/dt = -gsyn_inh/tau_syn_I : siemens`,
			Threshold: "v > v_thresh", Reset: "v = v_reset", Refractory: "tau_refrac", Method: "exponential_euler",
		},
	}
}

type ifCondExp struct {
	v, ge, gi []float64 // [N] V, S, S
	last      []int64   // [N] step of the last spike
	// [N] a step's exponents (then exponentials) and values ba: per
	// cell, so that workers' blocks have their own, rather than arrays on
	// the stack, which Go clears at every call (8% of coba's run)
	expo, bas []float64
	ref       int64 // refractory period in steps

	dt              float64
	gl, bl          float64 // 1/tau_m and v_rest/tau_m + i_offset/cm
	invC, eE, eI    float64
	decE, decI      float64 // exp(−dt/tau_syn)
	vThresh, vReset float64
}

func newIFCondExp(in Instance) (Kernel, error) {
	p := in.Params
	if err := positive(p, "cm", "tau_m", "tau_syn_E", "tau_syn_I"); err != nil {
		return nil, fmt.Errorf("IF_cond_exp: %w", err)
	}
	ref, err := refractorySteps(p["tau_refrac"], in.DT)
	if err != nil {
		return nil, fmt.Errorf("IF_cond_exp: %w", err)
	}
	return &ifCondExp{
		v: in.State["v"], ge: in.State["gsyn_exc"], gi: in.State["gsyn_inh"],
		last: newLastSpike(in.N), ref: ref,
		expo: make([]float64, in.N), bas: make([]float64, in.N),
		dt: in.DT,
		gl: 1 / p["tau_m"], bl: p["v_rest"]/p["tau_m"] + p["i_offset"]/p["cm"],
		invC: 1 / p["cm"], eE: p["e_rev_E"], eI: p["e_rev_I"],
		decE: xmath.Exp(-in.DT / p["tau_syn_E"]), decI: xmath.Exp(-in.DT / p["tau_syn_I"]),
		vThresh: p["v_thresh"], vReset: p["v_reset"],
	}, nil
}

// stepScalar is Step one cell at a time.
func (k *ifCondExp) stepScalar(lo, hi int, step int64, out []int32) ([]int32, bool) {
	return inChunks(lo, hi, step, out, k.stepChunk)
}

// condChunk is the most cells stepChunk takes: a piece whose exponents and
// values ba, written in one loop and read in the next, stay in the
// first-level cache.
const condChunk = 256

// inChunks runs chunk over cells [lo, hi) in pieces of at most condChunk
// cells, in order, and reports whether every piece was finite.
func inChunks(lo, hi int, step int64, out []int32,
	chunk func(lo, hi int, step int64, out []int32) ([]int32, bool)) ([]int32, bool) {
	finite := true
	for ; lo < hi; lo += condChunk {
		var f bool
		out, f = chunk(lo, min(hi, lo+condChunk), step, out)
		finite = finite && f
	}
	return out, finite
}

// stepChunk is stepScalar for at most condChunk cells, in three loops so
// that the two without a call keep their values in registers: the decay of
// the conductances and, per cell that is not refractory, the exponent a·dt
// and the value ba; the exponentials; then v and the threshold. float64(x*y)
// keeps Go from fusing a product and a sum into a fused multiply-add (arm64,
// GOAMD64=v3), so every platform gives the bits of the vector Steps.
func (k *ifCondExp) stepChunk(lo, hi int, step int64, out []int32) ([]int32, bool) {
	v, ge, gi, last := k.v[lo:hi], k.ge[lo:hi], k.gi[lo:hi], k.last[lo:hi]
	ge = ge[:len(v)]
	gi = gi[:len(v)]
	last = last[:len(v)]
	x, b := k.expo[lo:hi], k.bas[lo:hi]
	decE, decI, gl, bl, invC, eE, eI, dt := k.decE, k.decI, k.gl, k.bl, k.invC, k.eE, k.eI, k.dt
	since := step - k.ref // a cell whose last spike came after since is refractory
	for i := range v {
		e, in := ge[i], gi[i]
		ge[i] = decE * e
		gi[i] = decI * in
		if last[i] > since {
			continue // refractory: v stays at v_reset, no spike
		}
		a := -gl - float64((e+in)*invC)
		b[i] = (bl + float64((float64(e*eE)+float64(in*eI))*invC)) / a
		x[i] = a * dt
	}
	xmath.ExpTo(x, x)
	th := k.vThresh
	out, cand := roomForSpikes(out, len(v))
	nc := 0
	for i := range v {
		if last[i] > since {
			continue
		}
		y := -b[i] + float64((v[i]+b[i])*x[i])
		v[i] = y
		if !(y <= th) { // above threshold, or NaN
			cand[nc] = int32(i)
			nc++
		}
	}
	return spikesAbove(out, cand[:nc], v, th, lo)
}

func (k *ifCondExp) Reset(spikes []int32, step int64) {
	reset(k.v, k.last, k.vReset, spikes, step)
}

// Internal returns the step of each cell's last spike, for checkpoints.
func (k *ifCondExp) Internal() (map[string][]int64, map[string][]float64) {
	return map[string][]int64{"last_spike_step": k.last}, nil
}
