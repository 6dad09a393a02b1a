package catalog

// EIFCondExpIsfaIsta is PyNN's EIF_cond_exp_isfa_ista: the adaptive exponential
// integrate-and-fire cell of Brette & Gerstner (2005), J Neurophysiol
// 94:3637–3642, with exponentially decaying synaptic conductances.
//
//	dv/dt = (−gL·(v − v_rest) + gL·delta_T·exp((v − v_thresh)/delta_T) + i_syn + i_offset − w)/cm   (unless refractory)
//	dw/dt = (a·(v − v_rest) − w)/tau_w
//	gL = cm/tau_m,  i_syn = gsyn_exc·(e_rev_E − v) + gsyn_inh·(e_rev_I − v)
//	dgsyn_exc/dt = −gsyn_exc/tau_syn_E,  dgsyn_inh/dt = −gsyn_inh/tau_syn_I
//	threshold: v > v_spike;  reset: v = v_reset; w += b;  refractory: tau_refrac
//
// Parameters and defaults are PyNN's (pyNN/standardmodels/cells.py): cm 0.281
// nF, tau_refrac 0.1 ms, v_spike −40 mV, v_reset −70.6 mV, v_rest −70.6 mV,
// tau_m 9.3667 ms, i_offset 0 nA, a 4 nS, b 0.0805 nA, delta_T 2 mV, tau_w
// 144 ms, v_thresh −50.4 mV, e_rev_E 0 mV, tau_syn_E 5 ms, e_rev_I −80 mV,
// tau_syn_I 5 ms. State: v (−70.6 mV), w (0 nA), gsyn_exc, gsyn_inh (0 µS).
// Receptors: excitatory → gsyn_exc, inhibitory → gsyn_inh.
//
// Integration is Euler, Brian2's default for these equations (the
// exponential term is not linear in v). There is no hand-fused kernel: the
// model runs through its equations.
func EIFCondExpIsfaIsta() *Model {
	return &Model{
		Name: "EIF_cond_exp_isfa_ista",
		Doc:  "adaptive exponential integrate-and-fire (AdEx), exponential conductance synapses",
		Params: []Param{
			param("cm", "0.281 nF", "membrane capacitance"),
			param("tau_refrac", "0.1 ms", "refractory period"),
			param("v_spike", "-40 mV", "spike detection threshold"),
			param("v_reset", "-70.6 mV", "reset potential"),
			param("v_rest", "-70.6 mV", "resting potential"),
			param("tau_m", "9.3667 ms", "membrane time constant"),
			param("i_offset", "0 nA", "constant injected current"),
			param("a", "4 nS", "subthreshold adaptation conductance"),
			param("b", "0.0805 nA", "spike-triggered adaptation"),
			param("delta_T", "2 mV", "slope factor"),
			param("tau_w", "144 ms", "adaptation time constant"),
			param("v_thresh", "-50.4 mV", "spike initiation threshold"),
			param("e_rev_E", "0 mV", "excitatory reversal potential"),
			param("tau_syn_E", "5 ms", "excitatory synaptic time constant"),
			param("e_rev_I", "-80 mV", "inhibitory reversal potential"),
			param("tau_syn_I", "5 ms", "inhibitory synaptic time constant"),
		},
		State: []StateVar{
			state("v", "-70.6 mV", "membrane potential"),
			state("w", "0 nA", "adaptation current"),
			state("gsyn_exc", "0 uS", "excitatory synaptic conductance"),
			state("gsyn_inh", "0 uS", "inhibitory synaptic conductance"),
		},
		Receptors: []Receptor{{"excitatory", "gsyn_exc"}, {"inhibitory", "gsyn_inh"}},
		Method:    "euler",
		Template: &Template{
			Equations: `dv/dt = (-gL*(v - v_rest) + gL*delta_T*exp((v - v_thresh)/delta_T) + i_syn + i_offset - w)/cm : volt (unless refractory)
dw/dt = (a*(v - v_rest) - w)/tau_w : amp
gL = cm/tau_m : siemens
i_syn = gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) : amp
dgsyn_exc/dt = -gsyn_exc/tau_syn_E : siemens
dgsyn_inh/dt = -gsyn_inh/tau_syn_I : siemens`,
			Threshold: "v > v_spike", Reset: "v = v_reset; w += b", Refractory: "tau_refrac", Method: "euler",
		},
	}
}
