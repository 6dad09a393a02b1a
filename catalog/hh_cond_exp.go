package catalog

// HHCondExp is PyNN's HH_cond_exp: a single-compartment Hodgkin–Huxley cell
// with the Traub & Miles (1991) sodium and potassium kinetics (NEST's
// hh_cond_exp_traub) and exponentially decaying synaptic conductances.
//
//	dv/dt = (g_leak·(e_rev_leak − v) − gbar_Na·m³·h·(v − e_rev_Na) − gbar_K·n⁴·(v − e_rev_K) + i_syn + i_offset)/cm
//	dm/dt = αm·(1 − m) − βm·m,  dh/dt = αh·(1 − h) − βh·h,  dn/dt = αn·(1 − n) − βn·n
//	αm = 0.32·(13 mV − u)/(exp((13 mV − u)/4 mV) − 1)/(mV·ms),  βm = 0.28·(u − 40 mV)/(exp((u − 40 mV)/5 mV) − 1)/(mV·ms)
//	αh = 0.128·exp((17 mV − u)/18 mV)/ms,  βh = 4/(1 + exp((40 mV − u)/5 mV))/ms
//	αn = 0.032·(15 mV − u)/(exp((15 mV − u)/5 mV) − 1)/(mV·ms),  βn = 0.5·exp((10 mV − u)/40 mV)/ms
//	with u = v − v_offset; the quotients are written with exprel, exact at 0.
//	i_syn = gsyn_exc·(e_rev_E − v) + gsyn_inh·(e_rev_I − v)
//	threshold: upward crossing of 0 mV (v > 0 mV, refractory while v > 0 mV)
//
// Parameters and defaults are PyNN's (pyNN/standardmodels/cells.py):
// gbar_Na 20 µS, gbar_K 6 µS, g_leak 0.01 µS, cm 0.2 nF, v_offset −63 mV,
// e_rev_Na 50 mV, e_rev_K −90 mV, e_rev_leak −65 mV, e_rev_E 0 mV, e_rev_I
// −80 mV, tau_syn_E 0.2 ms, tau_syn_I 2 ms, i_offset 0 nA. State: v (−65
// mV), m, h, n (0, as Brian2 starts every variable), gsyn_exc, gsyn_inh (0
// µS). Receptors: excitatory → gsyn_exc, inhibitory → gsyn_inh.
//
// Integration is exponential Euler (every equation is conditionally linear),
// as for the COBA-HH benchmark. The spike criterion is an assumption: PyNN
// leaves it to the simulator; the upward crossing of 0 mV is NEST's.
func HHCondExp() *Model {
	return &Model{
		Name: "HH_cond_exp",
		Doc:  "Hodgkin-Huxley (Traub & Miles), exponential conductance synapses",
		Params: []Param{
			param("gbar_Na", "20 uS", "sodium conductance"),
			param("gbar_K", "6 uS", "potassium conductance"),
			param("g_leak", "0.01 uS", "leak conductance"),
			param("cm", "0.2 nF", "membrane capacitance"),
			param("v_offset", "-63 mV", "offset of the rate functions"),
			param("e_rev_Na", "50 mV", "sodium reversal potential"),
			param("e_rev_K", "-90 mV", "potassium reversal potential"),
			param("e_rev_leak", "-65 mV", "leak reversal potential"),
			param("e_rev_E", "0 mV", "excitatory reversal potential"),
			param("e_rev_I", "-80 mV", "inhibitory reversal potential"),
			param("tau_syn_E", "0.2 ms", "excitatory synaptic time constant"),
			param("tau_syn_I", "2 ms", "inhibitory synaptic time constant"),
			param("i_offset", "0 nA", "constant injected current"),
		},
		State: []StateVar{
			state("v", "-65 mV", "membrane potential"),
			state("m", "0", "sodium activation"),
			state("h", "0", "sodium inactivation"),
			state("n", "0", "potassium activation"),
			state("gsyn_exc", "0 uS", "excitatory synaptic conductance"),
			state("gsyn_inh", "0 uS", "inhibitory synaptic conductance"),
		},
		Receptors: []Receptor{{"excitatory", "gsyn_exc"}, {"inhibitory", "gsyn_inh"}},
		Method:    "exponential_euler",
		Template: &Template{
			Equations: `dv/dt = (g_leak*(e_rev_leak - v) - gbar_Na*m**3*h*(v - e_rev_Na) - gbar_K*n**4*(v - e_rev_K) + i_syn + i_offset)/cm : volt
i_syn = gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) : amp
dm/dt = alpham*(1 - m) - betam*m : 1
dh/dt = alphah*(1 - h) - betah*h : 1
dn/dt = alphan*(1 - n) - betan*n : 1
alpham = 0.32*4/exprel((13*mV - v + v_offset)/(4*mV))/ms : Hz
betam = 0.28*5/exprel((v - v_offset - 40*mV)/(5*mV))/ms : Hz
alphah = 0.128*exp((17*mV - v + v_offset)/(18*mV))/ms : Hz
betah = 4/(1 + exp((40*mV - v + v_offset)/(5*mV)))/ms : Hz
alphan = 0.032*5/exprel((15*mV - v + v_offset)/(5*mV))/ms : Hz
betan = 0.5*exp((10*mV - v + v_offset)/(40*mV))/ms : Hz
dgsyn_exc/dt = -gsyn_exc/tau_syn_E : siemens
dgsyn_inh/dt = -gsyn_inh/tau_syn_I : siemens`,
			Threshold: "v > 0*mV", Refractory: "v > 0*mV", Method: "exponential_euler",
		},
	}
}
