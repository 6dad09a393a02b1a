package catalog

// IFCurrAlpha is PyNN's IF_curr_alpha: a leaky integrate-and-fire cell with
// alpha-function synaptic currents. A spike of weight w makes the current
// w·(t/tau_syn)·exp(1 − t/tau_syn), which peaks at w at t = tau_syn (NEST's
// iaf_psc_alpha, PyNN's NEURON backend). The alpha function is the solution
// of two linear equations, with the weight added to the auxiliary xsyn:
//
//	dv/dt        = (v_rest − v)/tau_m + (isyn_exc + isyn_inh + i_offset)/cm   (unless refractory)
//	disyn_exc/dt = (e·xsyn_exc − isyn_exc)/tau_syn_E
//	dxsyn_exc/dt = −xsyn_exc/tau_syn_E                 (and the same for inh)
//	threshold: v > v_thresh;  reset: v = v_reset;  refractory: tau_refrac
//
// Parameters (PyNN defaults): cm 1 nF, tau_m 20 ms, tau_refrac 0.1 ms,
// tau_syn_E 0.5 ms, tau_syn_I 0.5 ms, i_offset 0 nA, v_rest −65 mV, v_reset
// −65 mV, v_thresh −50 mV. Integrated exactly (the system is linear); it runs
// through its equations, without a hand-fused kernel.
func IFCurrAlpha() *Model {
	return &Model{
		Name: "IF_curr_alpha",
		Doc:  "leaky integrate-and-fire, alpha-function current synapses",
		Params: []Param{
			param("cm", "1 nF", "membrane capacitance"),
			param("tau_m", "20 ms", "membrane time constant"),
			param("tau_refrac", "0.1 ms", "refractory period"),
			param("tau_syn_E", "0.5 ms", "rise time of the excitatory synaptic current"),
			param("tau_syn_I", "0.5 ms", "rise time of the inhibitory synaptic current"),
			param("i_offset", "0 nA", "constant injected current"),
			param("v_rest", "-65 mV", "resting potential"),
			param("v_reset", "-65 mV", "reset potential"),
			param("v_thresh", "-50 mV", "spike threshold"),
		},
		State: []StateVar{
			state("v", "-65 mV", "membrane potential"),
			state("isyn_exc", "0 nA", "excitatory synaptic current"),
			state("isyn_inh", "0 nA", "inhibitory synaptic current"),
			state("xsyn_exc", "0 nA", "auxiliary variable of the excitatory alpha function (receives the weights)"),
			state("xsyn_inh", "0 nA", "auxiliary variable of the inhibitory alpha function (receives the weights)"),
		},
		Receptors: []Receptor{{"excitatory", "xsyn_exc"}, {"inhibitory", "xsyn_inh"}},
		Method:    "exact",
		Template: &Template{
			Equations: `dv/dt = (v_rest - v)/tau_m + (isyn_exc + isyn_inh + i_offset)/cm : volt (unless refractory)
disyn_exc/dt = (e*xsyn_exc - isyn_exc)/tau_syn_E : amp
disyn_inh/dt = (e*xsyn_inh - isyn_inh)/tau_syn_I : amp
dxsyn_exc/dt = -xsyn_exc/tau_syn_E : amp
dxsyn_inh/dt = -xsyn_inh/tau_syn_I : amp`,
			Threshold: "v > v_thresh", Reset: "v = v_reset", Refractory: "tau_refrac", Method: "exact",
		},
	}
}

// IFCondAlpha is PyNN's IF_cond_alpha: a leaky integrate-and-fire cell with
// alpha-function synaptic conductances, each peaking at the weight at t =
// tau_syn (NEST's iaf_cond_alpha). The conductances and their auxiliary
// variables are as IF_curr_alpha's currents; the membrane equation is
// IF_cond_exp's. The system is not linear (g·v), and exponential Euler,
// which holds x constant over a step, would make the alpha function 20%
// wrong at its peak for tau_syn = 3·dt: it is integrated with rk4 (error
// 7e-4 of the peak at tau_syn = 0.3 ms, dt = 0.1 ms, less at longer tau_syn;
// NEST integrates iaf_cond_alpha with adaptive RK45 to a relative tolerance
// of 1e-3).
//
// Parameters (PyNN defaults): cm 1 nF, tau_m 20 ms, tau_refrac 0.1 ms,
// tau_syn_E 0.3 ms, tau_syn_I 0.5 ms, e_rev_E 0 mV, e_rev_I −70 mV,
// i_offset 0 nA, v_rest −65 mV, v_reset −65 mV, v_thresh −50 mV.
func IFCondAlpha() *Model {
	return &Model{
		Name: "IF_cond_alpha",
		Doc:  "leaky integrate-and-fire, alpha-function conductance synapses",
		Params: []Param{
			param("cm", "1 nF", "membrane capacitance"),
			param("tau_m", "20 ms", "membrane time constant"),
			param("tau_refrac", "0.1 ms", "refractory period"),
			param("tau_syn_E", "0.3 ms", "rise time of the excitatory synaptic conductance"),
			param("tau_syn_I", "0.5 ms", "rise time of the inhibitory synaptic conductance"),
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
			state("xsyn_exc", "0 uS", "auxiliary variable of the excitatory alpha function (receives the weights)"),
			state("xsyn_inh", "0 uS", "auxiliary variable of the inhibitory alpha function (receives the weights)"),
		},
		Receptors: []Receptor{{"excitatory", "xsyn_exc"}, {"inhibitory", "xsyn_inh"}},
		Method:    "rk4",
		Template: &Template{
			Equations: `dv/dt = (v_rest - v)/tau_m + (gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) + i_offset)/cm : volt (unless refractory)
dgsyn_exc/dt = (e*xsyn_exc - gsyn_exc)/tau_syn_E : siemens
dgsyn_inh/dt = (e*xsyn_inh - gsyn_inh)/tau_syn_I : siemens
dxsyn_exc/dt = -xsyn_exc/tau_syn_E : siemens
dxsyn_inh/dt = -xsyn_inh/tau_syn_I : siemens`,
			Threshold: "v > v_thresh", Reset: "v = v_reset", Refractory: "tau_refrac", Method: "rk4",
		},
	}
}
