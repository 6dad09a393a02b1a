package catalog

// HHCondExp is PyNN's HH_cond_exp: a single-compartment Hodgkin–Huxley cell
// with the sodium and potassium kinetics of Traub & Miles (1991), as NEST's
// hh_cond_exp_traub, and exponentially decaying synaptic conductances.
//
//	dv/dt = (g_leak·(e_rev_leak − v) − gbar_Na·m³·h·(v − e_rev_Na) − gbar_K·n⁴·(v − e_rev_K) + i_syn + i_offset)/cm
//	dm/dt = αm·(1 − m) − βm·m
//	dh/dt = αh·(1 − h) − βh·h
//	dn/dt = αn·(1 − n) − βn·n
//	dgsyn_exc/dt = −gsyn_exc/tau_syn_E
//	dgsyn_inh/dt = −gsyn_inh/tau_syn_I
//	i_syn = gsyn_exc·(e_rev_E − v) + gsyn_inh·(e_rev_I − v)
//
// with u = v − v_offset and rates in 1/ms (u in mV):
//
//	αm = 0.32·(13 − u)/(exp((13 − u)/4) − 1)    βm = 0.28·(u − 40)/(exp((u − 40)/5) − 1)
//	αh = 0.128·exp((17 − u)/18)                 βh = 4/(1 + exp((40 − u)/5))
//	αn = 0.032·(15 − u)/(exp((15 − u)/5) − 1)   βn = 0.5·exp((10 − u)/40)
//
// The quotients x/(exp(x/k) − 1) are written k/exprel(x/k), equal away from
// x = 0 and finite at it, where PyNN's form is 0/0.
//
//	threshold: v > −40 mV;  no reset;  refractory while v > −40 mV
//
// Parameters (PyNN defaults and units):
//
//	gbar_Na    20   µS   maximal sodium conductance
//	gbar_K     6    µS   maximal potassium conductance
//	g_leak     0.01 µS   leak conductance
//	cm         0.2  nF   membrane capacitance
//	v_offset   −63  mV   offset of the rate functions (NEST's V_T)
//	e_rev_Na   50   mV   sodium reversal potential
//	e_rev_K    −90  mV   potassium reversal potential
//	e_rev_leak −65  mV   leak reversal potential
//	e_rev_E    0    mV   excitatory reversal potential
//	e_rev_I    −80  mV   inhibitory reversal potential
//	tau_syn_E  0.2  ms   excitatory synaptic time constant
//	tau_syn_I  2    ms   inhibitory synaptic time constant
//	i_offset   0    nA   constant injected current
//
// State (PyNN's initial values): v (−65 mV), m (0), h (1), n (0), gsyn_exc
// (0 µS), gsyn_inh (0 µS). Receptors: excitatory → gsyn_exc, inhibitory →
// gsyn_inh.
//
// The equations and the threshold are those of PyNN's Brian2 backend
// (pyNN/brian2/standardmodels/cells.py, HH_cond_exp; pyNN/brian2/cells.py,
// BiophysicalNeuronGroup: threshold v > −40 mV, no reset). That backend sets
// no refractoriness, so Brian2 emits a spike on every step that v is above
// −40 mV; here the cell is refractory while v > −40 mV (Brian2's idiom for
// Hodgkin–Huxley cells), so one action potential is one spike. No state
// variable is clamped.
//
// Integration is exponential Euler, as in Brian2's COBAHH example: every
// equation is linear in its own variable. Here the backend differs: it names
// no method, and Brian2's default ("exact", "euler", "heun") picks forward
// Euler, which diverges at PyNN's default dt = 0.1 ms (the Na activation time
// constant falls below 0.04 ms at the peak of the action potential; a
// 0.1 nA step gives +Inf in h within 20 ms). The two methods converge to the
// same trajectories as dt shrinks (at 0.01 ms, 1 nA: 64 spikes in 500 ms
// with either). To integrate as that backend does, write these equations as
// an equation group with method "euler" and dt ≤ 0.05 ms.
//
// References: Traub RD, Miles R (1991) Neuronal Networks of the Hippocampus,
// Cambridge University Press. PyNN standardmodels.cells.HH_cond_exp; NEST
// hh_cond_exp_traub.
func HHCondExp() *Model {
	return &Model{
		Name: "HH_cond_exp",
		Doc:  "Hodgkin-Huxley (Traub & Miles), exponential conductance synapses",
		Params: []Param{
			param("gbar_Na", "20 uS", "maximal sodium conductance"),
			param("gbar_K", "6 uS", "maximal potassium conductance"),
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
			state("h", "1", "sodium inactivation"),
			state("n", "0", "potassium activation"),
			state("gsyn_exc", "0 uS", "excitatory synaptic conductance"),
			state("gsyn_inh", "0 uS", "inhibitory synaptic conductance"),
		},
		Receptors: []Receptor{{"excitatory", "gsyn_exc"}, {"inhibitory", "gsyn_inh"}},
		Method:    "exponential_euler",
		Template: &Template{
			Equations: `dv/dt = (g_leak*(e_rev_leak - v) - gbar_Na*(m*m*m)*h*(v - e_rev_Na) - gbar_K*(n*n*n*n)*(v - e_rev_K) + i_syn + i_offset)/cm : volt
dm/dt = alpham*(1 - m) - betam*m : 1
dn/dt = alphan*(1 - n) - betan*n : 1
dh/dt = alphah*(1 - h) - betah*h : 1
alpham = 0.32*4/exprel((13*mV - v + v_offset)/(4*mV))/ms : hertz
betam = 0.28*5/exprel((v - v_offset - 40*mV)/(5*mV))/ms : hertz
alphah = 0.128*exp((17*mV - v + v_offset)/(18*mV))/ms : hertz
betah = 4/(1 + exp((40*mV - v + v_offset)/(5*mV)))/ms : hertz
alphan = 0.032*5/exprel((15*mV - v + v_offset)/(5*mV))/ms : hertz
betan = 0.5*exp((10*mV - v + v_offset)/(40*mV))/ms : hertz
dgsyn_exc/dt = -gsyn_exc/tau_syn_E : siemens
dgsyn_inh/dt = -gsyn_inh/tau_syn_I : siemens
i_syn = gsyn_exc*(e_rev_E - v) + gsyn_inh*(e_rev_I - v) : amp`,
			Threshold: "v > -40*mV", Refractory: "v > -40*mV", Method: "exponential_euler",
		},
	}
}
