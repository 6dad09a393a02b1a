package catalog

// EIFCondExpIsfaIsta is PyNN's EIF_cond_exp_isfa_ista: the adaptive
// exponential integrate-and-fire cell (AdEx) of Brette & Gerstner (2005), with
// spike-triggered and subthreshold adaptation and exponentially decaying
// synaptic conductances.
//
//	dv/dt = (gL·(v_rest − v) + gL·delta_T·exp((v − v_thresh)/delta_T) + i_syn + i_offset − w)/cm   (unless refractory)
//	dw/dt = (a·(v − v_rest) − w)/tau_w
//	dgsyn_exc/dt = −gsyn_exc/tau_syn_E
//	dgsyn_inh/dt = −gsyn_inh/tau_syn_I
//	gL = cm/tau_m,  i_syn = gsyn_exc·(e_rev_E − v) + gsyn_inh·(e_rev_I − v)
//	threshold: v > v_spike;  reset: v = v_reset; w += b
//	refractory: tau_refrac, v clamped at v_reset, w and the conductances go on
//
// Parameters (PyNN defaults and units):
//
//	cm         0.281  nF   membrane capacitance
//	tau_refrac 0.1    ms   refractory period
//	v_spike    −40    mV   spike detection threshold
//	v_reset    −70.6  mV   reset potential
//	v_rest     −70.6  mV   resting (leak reversal) potential
//	tau_m      9.3667 ms   membrane time constant
//	i_offset   0      nA   constant injected current
//	a          4      nS   subthreshold adaptation conductance
//	b          0.0805 nA   spike-triggered adaptation increment
//	delta_T    2      mV   slope factor
//	tau_w      144    ms   adaptation time constant
//	v_thresh   −50.4  mV   spike initiation threshold (of the exponential term)
//	e_rev_E    0      mV   excitatory reversal potential
//	tau_syn_E  5      ms   excitatory synaptic time constant
//	e_rev_I    −80    mV   inhibitory reversal potential
//	tau_syn_I  5      ms   inhibitory synaptic time constant
//
// State (PyNN's initial values): v (−70.6 mV), w (0 nA), gsyn_exc (0 µS),
// gsyn_inh (0 µS). Receptors: excitatory → gsyn_exc, inhibitory → gsyn_inh.
//
// The equations, the refractory clamp and the method are those of PyNN's
// Brian2 backend (pyNN/brian2/standardmodels/cells.py, adexp_iaf plus
// conductance_based_exponential_synapses; pyNN/brian2/cells.py,
// AdaptiveNeuronGroup), which integrates with Brian2's "rk2" (midpoint
// Runge–Kutta); Brian2 left to itself would choose "euler", the exponential
// term not being linear in v. The threshold follows the PyNN parameter
// table and NEST's aeif_cond_exp (v_spike is V_peak): that backend instead
// cuts at v_thresh + 5·delta_T (−40.4 mV with the defaults) and ignores
// v_spike. There is no hand-fused kernel.
//
// References: Brette R, Gerstner W (2005) Adaptive exponential
// integrate-and-fire model as an effective description of neuronal
// activity. J Neurophysiol 94:3637–3642. PyNN standardmodels.cells
// .EIF_cond_exp_isfa_ista; NEST aeif_cond_exp.
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
			param("b", "0.0805 nA", "spike-triggered adaptation increment"),
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
		Method:    "rk2",
		Template: &Template{
			Equations: `dv/dt = (gL*(v_rest - v) + gL*delta_T*exp((v - v_thresh)/delta_T) + i_syn + i_offset - w)/cm : volt (unless refractory)
dw/dt = (a*(v - v_rest) - w)/tau_w : amp
dgsyn_exc/dt = -gsyn_exc/tau_syn_E : siemens
dgsyn_inh/dt = -gsyn_inh/tau_syn_I : siemens
gL = cm/tau_m : siemens
i_syn = gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) : amp`,
			Threshold: "v > v_spike", Reset: "v = v_reset; w += b", Refractory: "tau_refrac", Method: "rk2",
		},
	}
}
