"""
Populations of the Volley backend.

A Population keeps its (native = standard) parameters and the initial values
of its state variables as arrays in PyNN units; they are written into the
model file at run().  Random initial values are drawn in Python, with the
RandomDistribution's own rng, when ``initialize()`` is called -- the same
moment and order as the NEURON and NEST backends draw them, so a NumpyRNG
seed gives the same values as there.
"""

import numpy as np
from pyNN import common, errors
from pyNN.standardmodels import StandardCellType
from pyNN.parameters import ParameterSpace, LazyArray, simplify
from pyNN.random import RandomDistribution, NativeRNG
from . import simulator
from .recording import Recorder


class Assembly(common.Assembly):
    _simulator = simulator

    @property
    def local_size(self):
        # missing from PyNN 0.10.1's common.Assembly; connectors with a progress
        # callback (VAbenchmarks.py --use-assembly) need it
        return sum(p.local_size for p in self.populations)


def _evaluate_initial(initial_values, mask_local):
    """Evaluate a LazyArray of initial values to a full float array (drawing random values
    with the distribution's own rng, for all cells, as PyNN's parallel-safe backends do)."""
    if initial_values.is_homogeneous:
        value = initial_values.evaluate(simplify=True)
        return np.full(initial_values.shape, float(value))
    return np.asarray(initial_values.evaluate(), dtype=float)


#: PyNN distributions that Volley draws itself (docs/model-format.md), with their parameters
VOLLEY_DISTRIBUTIONS = {
    'uniform': ('low', 'high'),
    'normal': ('mu', 'sigma'),
    'normal_clipped': ('mu', 'sigma', 'low', 'high'),
    'normal_clipped_to_boundary': ('mu', 'sigma', 'low', 'high'),
    'exponential': ('beta',),
}


def _refuse_native_parameters(parameter_space):
    for name in parameter_space.keys():
        bv = parameter_space[name].base_value
        if isinstance(bv, RandomDistribution) and isinstance(bv.rng, NativeRNG):
            raise NotImplementedError(
                "the Volley backend cannot draw parameter %s with Volley's native rng (its catalog "
                "models take one value per parameter and group); use a NumpyRNG" % name)


def _native_distribution(initial_values):
    """The RandomDistribution if `initial_values` asks for the simulator's native rng, else None."""
    bv = initial_values.base_value
    if not (isinstance(bv, RandomDistribution) and isinstance(bv.rng, NativeRNG)):
        return None
    if initial_values.operations:
        raise NotImplementedError("the Volley backend cannot apply operations to a RandomDistribution "
                                  "with a NativeRNG (Volley draws it itself)")
    if bv.name not in VOLLEY_DISTRIBUTIONS:
        raise NotImplementedError("Volley's native rng draws %s, not %r"
                                  % (", ".join(sorted(VOLLEY_DISTRIBUTIONS)), bv.name))
    return bv


class PopulationView(common.PopulationView):
    _assembly_class = Assembly
    _simulator = simulator

    def _get_parameters(self, *names):
        """
        return a ParameterSpace containing native parameters
        """
        gp = self.grandparent
        idx = self.index_in_grandparent(np.arange(self.size))
        parameter_dict = {}
        for name in names:
            value = gp._parameters[name]
            if isinstance(value, np.ndarray):
                value = value[idx]
            parameter_dict[name] = simplify(value)
        return ParameterSpace(parameter_dict, shape=(self.size,))

    def _set_parameters(self, parameter_space):
        """parameter_space should contain native parameters"""
        gp = self.grandparent
        gp._check_parameter_change(parameter_space.keys())
        _refuse_native_parameters(parameter_space)
        idx = self.index_in_grandparent(np.arange(self.size))
        parameter_space.evaluate(simplify=False)
        for name, value in parameter_space.items():
            gp._parameters[name][idx] = value
        gp._record_spike_epoch()

    def _set_initial_value_array(self, variable, initial_values):
        self._simulator.state.check_not_running("initialize()")
        if _native_distribution(initial_values) is not None:
            raise NotImplementedError("the Volley backend draws initial values with its native rng "
                                      "only for whole Populations, not PopulationViews")
        gp = self.grandparent
        if variable in gp._init_native:
            raise NotImplementedError("the Volley backend cannot set %s of part of a Population whose "
                                      "%s Volley draws with its native rng" % (variable, variable))
        idx = self.index_in_grandparent(np.arange(self.size))
        gp._init_values[variable][idx] = _evaluate_initial(initial_values, None)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)

    def initialize(self, **initial_values):
        # PyNN 0.10.1's common.PopulationView.initialize stores the values in
        # self.initial_values, which raises NotImplementedError for views in
        # every backend; the values go to the parent's arrays here instead.
        for variable, value in initial_values.items():
            self._set_initial_value_array(variable, LazyArray(value, shape=(self.size,), dtype=float))


class Population(common.Population):
    __doc__ = common.Population.__doc__
    _simulator = simulator
    _recorder_class = Recorder
    _assembly_class = Assembly

    def __init__(self, *args, **kwargs):
        # refuse before common.Population registers a recorder
        simulator.state.check_not_running("create a Population")
        common.Population.__init__(self, *args, **kwargs)

    def _create_cells(self):
        state = simulator.state
        if not getattr(self.celltype, "volley_model", None):
            raise NotImplementedError(
                "the Volley backend supports only its standard cell types "
                "(pyNN.volley.IF_curr_exp, IF_cond_exp, EIF_cond_exp_isfa_ista, HH_cond_exp, "
                "Izhikevich, SpikeSourcePoisson, SpikeSourceArray), not %s"
                % type(self.celltype).__name__)
        id_range = np.arange(state.id_counter, state.id_counter + self.size)
        self.all_cells = np.array([simulator.ID(id) for id in id_range], dtype=simulator.ID)
        self._mask_local = np.ones((self.size,), bool)

        parameter_space = self.celltype.native_parameters
        _refuse_native_parameters(parameter_space)
        parameter_space.shape = (self.size,)
        parameter_space.evaluate(mask=self._mask_local, simplify=False)
        self._parameters = parameter_space.as_dict()
        self._init_values = {name: np.zeros(self.size)
                             for name in self.celltype.default_initial_values}
        self._init_native = {}  # variable -> RandomDistribution drawn by Volley (NativeRNG)
        if self.celltype.volley_model == "SpikeSourceArray":
            self._spike_epochs = [(0.0, np.array(self._parameters["spike_times"], dtype=object))]

        for id in self.all_cells:
            id.parent = self
        state.id_counter += self.size
        self.volley_index = len(state.populations)
        state.populations.append(self)

    def _set_initial_value_array(self, variable, initial_values):
        self._simulator.state.check_not_running("initialize()")
        if variable not in self._init_values:
            raise errors.NonExistentParameterError(variable, self.celltype.__class__.__name__,
                                                   list(self._init_values))
        native = _native_distribution(initial_values)
        if native is not None:
            # drawn by Volley, from its counter-based streams (seed, group, variable, cell)
            self._init_native[variable] = native
            return
        self._init_native.pop(variable, None)
        self._init_values[variable][:] = _evaluate_initial(initial_values, self._mask_local)

    def _get_view(self, selector, label=None):
        return PopulationView(self, selector, label)

    def _get_parameters(self, *names):
        """
        return a ParameterSpace containing native parameters
        """
        parameter_dict = {}
        for name in names:
            parameter_dict[name] = simplify(self._parameters[name])
        return ParameterSpace(parameter_dict, shape=(self.local_size,))

    def _set_parameters(self, parameter_space):
        """parameter_space should contain native parameters"""
        self._check_parameter_change(parameter_space.keys())
        _refuse_native_parameters(parameter_space)
        parameter_space.evaluate(simplify=False, mask=self._mask_local)
        for name, value in parameter_space.items():
            self._parameters[name] = value
        self._record_spike_epoch()

    # SpikeSourceArray: new spike times between run() calls.  Each run()
    # re-simulates from t = 0, so the backend keeps every set of spike times
    # with the time it was set: a cell replays the times of set k that fall
    # in [t_k, t_k+1), as a NEURON VecStim given a new vector at t_k would.

    def _check_parameter_change(self, names):
        state = self._simulator.state
        if state.t > 0 and not (self.celltype.volley_model == "SpikeSourceArray"
                                and set(names) <= {"spike_times"}):
            state.check_not_running("change parameters")

    def _record_spike_epoch(self):
        if self.celltype.volley_model != "SpikeSourceArray":
            return
        t = self._simulator.state.t
        current = np.array(self._parameters["spike_times"], dtype=object, copy=True)
        self._spike_epochs = [(t0, v) for (t0, v) in self._spike_epochs if t0 < t] + [(t, current)]

    def _reset_spike_epochs(self):
        """After reset(): the latest spike times, from t = 0."""
        if self.celltype.volley_model == "SpikeSourceArray":
            self._spike_epochs = [(0.0, self._spike_epochs[-1][1])]

    def spike_times_for_run(self):
        """Per cell, the spike times to replay in a run from t = 0."""
        epochs = self._spike_epochs
        out = []
        for cell in range(self.size):
            parts = []
            for k, (t0, values) in enumerate(epochs):
                t1 = epochs[k + 1][0] if k + 1 < len(epochs) else np.inf
                seq = values[cell]
                times = np.asarray(getattr(seq, "value", seq), dtype=float).ravel()
                parts.append(times[(times >= t0) & (times < t1)] if len(epochs) > 1 else times)
            out.append(np.concatenate(parts) if parts else np.zeros(0))
        return out
