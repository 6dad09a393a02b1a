package catalog

// Izhikevich is PyNN's Izhikevich cell (Izhikevich 2003): a quadratic
// integrate-and-fire cell with a recovery variable, and synapses that make
// the membrane potential jump.
//
//	dv/dt = 0.04/(ms·mV)·v² + 5/ms·v + 140 mV/ms − u + i_offset/pF
//	du/dt = a·(b·v − u)
//	threshold: v >= 30 mV;  reset: v = c; u += d;  no refractory period
//
// Parameters (PyNN defaults and units):
//
//	a        0.02 /ms     time scale of the recovery variable
//	b        0.2  /ms     sensitivity of the recovery variable to v
//	c        −65  mV      reset potential
//	d        2    mV/ms   reset increment of the recovery variable
//	i_offset 0    nA      constant injected current
//
// State (PyNN's initial values): v (−70 mV), u (−14 mV/ms). Receptors:
// excitatory → v, inhibitory → v: a synaptic weight is a voltage (mV in
// PyNN) added to v when the spike arrives, as PyNN's Brian2 backend does
// (post_synaptic_variables, voltage_based_synapses) and as NEST's izhikevich
// takes its weights; inhibitory weights are negative.
//
// Currents enter as NEST's izhikevich takes I_e, 1 pA as 1 mV/ms: the
// equation divides by 1 pF, so i_offset = 0.01 nA is the I = 10 of
// Izhikevich's paper. There is no capacitance parameter.
//
// The equations, threshold, reset and method are those of PyNN's Brian2
// backend (pyNN/brian2/standardmodels/cells.py, Izhikevich;
// pyNN/brian2/cells.py, IzhikevichNeuronGroup). Its refractory period is
// 0 ms, so its "(unless refractory)" flags have no effect and are left out.
// It names no method: Brian2's default ("exact", "euler", "heun") picks
// forward Euler, v² not being linear. There is no hand-fused kernel.
//
// References: Izhikevich EM (2003) Simple model of spiking neurons. IEEE
// Trans Neural Netw 14:1569–1572. PyNN standardmodels.cells.Izhikevich; NEST
// izhikevich.
func Izhikevich() *Model {
	return &Model{
		Name: "Izhikevich",
		Doc:  "Izhikevich quadratic integrate-and-fire with recovery variable, voltage-jump synapses",
		Params: []Param{
			param("a", "0.02 /ms", "time scale of the recovery variable"),
			param("b", "0.2 /ms", "sensitivity of the recovery variable"),
			param("c", "-65 mV", "reset potential"),
			param("d", "2 mV/ms", "reset increment of the recovery variable"),
			param("i_offset", "0 nA", "constant injected current"),
		},
		State: []StateVar{
			state("v", "-70 mV", "membrane potential"),
			state("u", "-14 mV/ms", "recovery variable"),
		},
		Receptors: []Receptor{{"excitatory", "v"}, {"inhibitory", "v"}},
		Method:    "euler",
		Template: &Template{
			Equations: `dv/dt = (0.04/ms/mV)*v*v + (5/ms)*v + 140*mV/ms - u + i_offset/pF : volt
du/dt = a*(b*v - u) : volt/second`,
			Threshold: "v >= 30*mV", Reset: "v = c; u += d", Method: "euler",
		},
	}
}
