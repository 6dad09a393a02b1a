"""
Standard cell and synapse types of the Volley backend.

Volley's catalog models take PyNN's parameter names and PyNN's units, so every
translation is the identity: native parameters are the standard ones, in
PyNN units (ms, mV, nA, nF, uS, Hz).  Unit strings are written into the model
file (see ``modelfile.py``).

Models that Volley's engine does not have are defined so that using them
raises NotImplementedError with a clear message, never a silently different
model.
"""

from pyNN.standardmodels import cells, synapses, electrodes, build_translations, StandardCurrentSource
from pyNN.standardmodels import StandardCellType
from .simulator import state


def _identity(cls):
    return build_translations(*[(n, n) for n in cls.default_parameters])


class _VolleyCell(object):
    #: Volley catalog model name
    volley_model = None


class IF_curr_exp(_VolleyCell, cells.IF_curr_exp):
    __doc__ = cells.IF_curr_exp.__doc__
    translations = _identity(cells.IF_curr_exp)
    volley_model = "IF_curr_exp"
    recordable = ['spikes', 'v', 'isyn_exc', 'isyn_inh']


class IF_cond_exp(_VolleyCell, cells.IF_cond_exp):
    __doc__ = cells.IF_cond_exp.__doc__
    translations = _identity(cells.IF_cond_exp)
    volley_model = "IF_cond_exp"


class IF_curr_alpha(_VolleyCell, cells.IF_curr_alpha):
    __doc__ = cells.IF_curr_alpha.__doc__
    translations = _identity(cells.IF_curr_alpha)
    volley_model = "IF_curr_alpha"
    recordable = ['spikes', 'v', 'isyn_exc', 'isyn_inh']


class IF_cond_alpha(_VolleyCell, cells.IF_cond_alpha):
    __doc__ = cells.IF_cond_alpha.__doc__
    translations = _identity(cells.IF_cond_alpha)
    volley_model = "IF_cond_alpha"


class EIF_cond_exp_isfa_ista(_VolleyCell, cells.EIF_cond_exp_isfa_ista):
    __doc__ = cells.EIF_cond_exp_isfa_ista.__doc__
    translations = _identity(cells.EIF_cond_exp_isfa_ista)
    volley_model = "EIF_cond_exp_isfa_ista"


class HH_cond_exp(_VolleyCell, cells.HH_cond_exp):
    __doc__ = cells.HH_cond_exp.__doc__
    translations = _identity(cells.HH_cond_exp)
    volley_model = "HH_cond_exp"
    recordable = ['spikes', 'v', 'gsyn_exc', 'gsyn_inh', 'm', 'h', 'n']
    # Volley has no gap junctions ('source_section.gap')
    receptor_types = ('excitatory', 'inhibitory')


class Izhikevich(_VolleyCell, cells.Izhikevich):
    __doc__ = cells.Izhikevich.__doc__
    translations = _identity(cells.Izhikevich)
    volley_model = "Izhikevich"


class SpikeSourcePoisson(_VolleyCell, cells.SpikeSourcePoisson):
    __doc__ = cells.SpikeSourcePoisson.__doc__
    translations = _identity(cells.SpikeSourcePoisson)
    volley_model = "SpikeSourcePoisson"


class SpikeSourceArray(_VolleyCell, cells.SpikeSourceArray):
    __doc__ = cells.SpikeSourceArray.__doc__
    translations = _identity(cells.SpikeSourceArray)
    volley_model = "SpikeSourceArray"


# --- PyNN models that Volley does not have -----------------------------------

def _unsupported(base, reason):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("%s is not available in the Volley backend: %s"
                                  % (base.__name__, reason))
    return type(base.__name__, (base,), {"__init__": __init__, "__doc__": base.__doc__,
                                         "translations": {}})


_NO_CELL = "the Volley engine's catalog has no such model (it has IF_curr_exp, IF_cond_exp, " \
           "IF_curr_alpha, IF_cond_alpha, EIF_cond_exp_isfa_ista, HH_cond_exp, Izhikevich, " \
           "SpikeSourcePoisson, SpikeSourceArray)"

IF_curr_delta = _unsupported(cells.IF_curr_delta, _NO_CELL)
IF_cond_exp_gsfa_grr = _unsupported(cells.IF_cond_exp_gsfa_grr, _NO_CELL)
IF_facets_hardware1 = _unsupported(cells.IF_facets_hardware1, _NO_CELL)
EIF_cond_alpha_isfa_ista = _unsupported(cells.EIF_cond_alpha_isfa_ista, _NO_CELL)
GIF_cond_exp = _unsupported(cells.GIF_cond_exp, _NO_CELL)
SpikeSourceGamma = _unsupported(cells.SpikeSourceGamma, _NO_CELL)
SpikeSourceInhGamma = _unsupported(cells.SpikeSourceInhGamma, _NO_CELL)
SpikeSourcePoissonRefractory = _unsupported(cells.SpikeSourcePoissonRefractory, _NO_CELL)

_NO_SOURCE = "the Volley engine has no current sources (only the constant i_offset parameter)"
DCSource = _unsupported(electrodes.DCSource, _NO_SOURCE)
StepCurrentSource = _unsupported(electrodes.StepCurrentSource, _NO_SOURCE)
ACSource = _unsupported(electrodes.ACSource, _NO_SOURCE)
NoisyCurrentSource = _unsupported(electrodes.NoisyCurrentSource, _NO_SOURCE)


# --- synapses ------------------------------------------------------------------

class _VolleySynapse(object):

    def _get_minimum_delay(self):
        d = state.min_delay
        if d == 'auto':
            d = state.dt
        return d


class StaticSynapse(_VolleySynapse, synapses.StaticSynapse):
    __doc__ = synapses.StaticSynapse.__doc__
    translations = build_translations(('weight', 'weight'), ('delay', 'delay'))
    volley_synapse = "StaticSynapse"


class TsodyksMarkramSynapse(_VolleySynapse, synapses.TsodyksMarkramSynapse):
    __doc__ = synapses.TsodyksMarkramSynapse.__doc__
    translations = build_translations(
        ('weight', 'weight'),
        ('delay', 'delay'),
        ('U', 'U'),
        ('tau_rec', 'tau_rec'),
        ('tau_facil', 'tau_facil'),
    )
    volley_synapse = "TsodyksMarkramSynapse"


class STDPMechanism(_VolleySynapse, synapses.STDPMechanism):
    """PyNN's STDPMechanism, run as a Volley equation-defined synapse (see
    modelfile.stdp_synapse): pair-based traces P (pre) and M (post), each
    +1 per spike, decaying with tau_plus and tau_minus; at a presynaptic spike
    the weight is depressed by A_minus·M·f−(w) and then transmitted, at a
    postsynaptic spike potentiated by A_plus·P·f+(w), clipped to [w_min,
    w_max] (NEST's stdp_synapse). The delay is axonal
    (dendritic_delay_fraction = 0): the synapse sees the presynaptic spike
    after the delay and the postsynaptic spike at once."""

    base_translations = build_translations(('weight', 'weight'), ('delay', 'delay'),
                                           ('dendritic_delay_fraction', 'dendritic_delay_fraction'))
    volley_synapse = "STDPMechanism"

    def __init__(self, timing_dependence=None, weight_dependence=None,
                 voltage_dependence=None, dendritic_delay_fraction=1.0,
                 weight=0.0, delay=None):
        if voltage_dependence is not None:
            raise NotImplementedError("the Volley backend has no voltage-dependent STDP")
        if dendritic_delay_fraction != 0:
            raise NotImplementedError(
                "the Volley backend runs STDP with axonal delays only: pass "
                "dendritic_delay_fraction=0 (the synapse then sees the presynaptic spike after "
                "the delay and the postsynaptic spike at once); a dendritic delay would need "
                "delayed postsynaptic events, which the engine does not have")
        if not isinstance(timing_dependence, SpikePairRule):
            raise NotImplementedError("the Volley backend supports the timing dependence SpikePairRule, "
                                      "not %s" % type(timing_dependence).__name__)
        if not isinstance(weight_dependence, (AdditiveWeightDependence, MultiplicativeWeightDependence,
                                              AdditivePotentiationMultiplicativeDepression)):
            raise NotImplementedError(
                "the Volley backend supports the weight dependences AdditiveWeightDependence, "
                "MultiplicativeWeightDependence and AdditivePotentiationMultiplicativeDepression, not %s"
                % type(weight_dependence).__name__)
        synapses.STDPMechanism.__init__(self, timing_dependence, weight_dependence, voltage_dependence,
                                        dendritic_delay_fraction, weight, delay)


class AdditiveWeightDependence(synapses.AdditiveWeightDependence):
    __doc__ = synapses.AdditiveWeightDependence.__doc__
    translations = _identity(synapses.AdditiveWeightDependence)
    #: the factors of A_plus·P (potentiation) and A_minus·M (depression)
    potentiation, depression = "w_max", "w_max"


class MultiplicativeWeightDependence(synapses.MultiplicativeWeightDependence):
    __doc__ = synapses.MultiplicativeWeightDependence.__doc__
    translations = _identity(synapses.MultiplicativeWeightDependence)
    potentiation, depression = "(w_max - w)", "(w - w_min)"


class AdditivePotentiationMultiplicativeDepression(synapses.AdditivePotentiationMultiplicativeDepression):
    __doc__ = synapses.AdditivePotentiationMultiplicativeDepression.__doc__
    translations = _identity(synapses.AdditivePotentiationMultiplicativeDepression)
    potentiation, depression = "w_max", "(w - w_min)"


class SpikePairRule(synapses.SpikePairRule):
    __doc__ = synapses.SpikePairRule.__doc__
    translations = _identity(synapses.SpikePairRule)


_NO_PLASTICITY = "the Volley backend supports STDPMechanism with SpikePairRule and the additive, " \
                 "multiplicative and additive-potentiation/multiplicative-depression weight dependences"
GutigWeightDependence = _unsupported(synapses.GutigWeightDependence, _NO_PLASTICITY)
ElectricalSynapse = _unsupported(synapses.ElectricalSynapse, "the Volley engine has no gap junctions")
SimpleStochasticSynapse = _unsupported(synapses.SimpleStochasticSynapse,
                                       "the Volley engine has no stochastic synapses")
