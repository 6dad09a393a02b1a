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


_NO_PLASTICITY = "the Volley engine has no spike-timing-dependent plasticity " \
                 "(equation-defined and plastic synapses are not supported yet)"
STDPMechanism = _unsupported(synapses.STDPMechanism, _NO_PLASTICITY)
AdditiveWeightDependence = _unsupported(synapses.AdditiveWeightDependence, _NO_PLASTICITY)
MultiplicativeWeightDependence = _unsupported(synapses.MultiplicativeWeightDependence, _NO_PLASTICITY)
AdditivePotentiationMultiplicativeDepression = _unsupported(
    synapses.AdditivePotentiationMultiplicativeDepression, _NO_PLASTICITY)
GutigWeightDependence = _unsupported(synapses.GutigWeightDependence, _NO_PLASTICITY)
SpikePairRule = _unsupported(synapses.SpikePairRule, _NO_PLASTICITY)
ElectricalSynapse = _unsupported(synapses.ElectricalSynapse, "the Volley engine has no gap junctions")
SimpleStochasticSynapse = _unsupported(synapses.SimpleStochasticSynapse,
                                       "the Volley engine has no stochastic synapses")
