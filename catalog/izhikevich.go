package catalog

// Izhikevich is PyNN's Izhikevich cell (Izhikevich 2003, IEEE Trans Neural
// Netw 14:1569–1572): a quadratic integrate-and-fire cell with a recovery
// variable.
//
//	dv/dt = 0.04/(ms·mV)·v² + 5/ms·v + 140 mV/ms − u + i_offset/pF
//	du/dt = a·(b·v − u)
//	threshold: v >= 30 mV;  reset: v = c; u += d
//
// Parameters and defaults are PyNN's (pyNN/standardmodels/cells.py): a
// 0.02/ms, b 0.2/ms, c −65 mV, d 2 mV/ms, i_offset 0 nA; the current enters
// as NEST's izhikevich takes I_e in pA as mV/ms (i_offset/pF). State: v (−70
// mV), u (−14 mV/ms). Synapses are voltage steps, as in PyNN: both receptors
// add their weight to v (inhibitory weights negative).
//
// Integration is Euler, Brian2's default (v² is not linear).
func Izhikevich() *Model {
	return &Model{
		Name: "Izhikevich",
		Doc:  "Izhikevich quadratic integrate-and-fire with recovery variable",
		Params: []Param{
			param("a", "0.02 kHz", "time scale of the recovery variable"),
			param("b", "0.2 kHz", "sensitivity of the recovery variable"),
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
			Equations: `dv/dt = 0.04/ms/mV*v**2 + 5/ms*v + 140*mV/ms - u + i_offset/pF : volt
du/dt = a*(b*v - u) : volt/second`,
			Threshold: "v >= 30*mV", Reset: "v = c; u += d", Method: "euler",
		},
	}
}
