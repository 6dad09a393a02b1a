"""
Projections of the Volley backend.

The connectivity is drawn in Python by PyNN's own connector code (with the
connector's rng and the synapse type's RandomDistributions), exactly as the
other backends draw it, and kept as arrays.  At run() each Projection is
written as one Volley ``from_file`` projection per (pre population, post
population) pair, with one row (i, j, weight, delay) per synapse.
"""

import numpy as np
from pyNN import common, errors
from pyNN.space import Space
from pyNN.standardmodels import StandardSynapseType
from . import simulator


class Connection(common.Connection):
    """A single connection, as returned by Projection[i]."""

    def __init__(self, projection, i):
        self.projection = projection
        self.i = i

    @property
    def presynaptic_index(self):
        return int(self.projection._pre_idx()[self.i])

    @property
    def postsynaptic_index(self):
        return int(self.projection._post_idx()[self.i])

    def __getattr__(self, name):
        if name in ("projection", "i"):
            raise AttributeError(name)
        values = self.projection._attributes()
        if name in values:
            return values[name][self.i]
        if name in ("weights", "delays"):
            return values[name[:-1]][self.i]
        raise AttributeError(name)

    def as_tuple(self, *attribute_names):
        return tuple(getattr(self, name) for name in attribute_names)


class Projection(common.Projection):
    __doc__ = common.Projection.__doc__
    _simulator = simulator

    def __init__(self, presynaptic_population, postsynaptic_population,
                 connector, synapse_type=None, source=None, receptor_type=None,
                 space=Space(), label=None):
        state = simulator.state
        state.check_not_running("create a Projection")
        common.Projection.__init__(self, presynaptic_population, postsynaptic_population,
                                   connector, synapse_type, source, receptor_type,
                                   space, label)
        if source not in (None, "spike"):
            raise NotImplementedError("the Volley backend connects only from spikes (source=%r)" % source)
        if not getattr(self.synapse_type, "volley_synapse", None):
            raise NotImplementedError(
                "the Volley backend supports StaticSynapse and TsodyksMarkramSynapse, not %s"
                % type(self.synapse_type).__name__)
        if self.receptor_type not in ("excitatory", "inhibitory"):
            raise NotImplementedError("the Volley backend supports the receptor types 'excitatory' "
                                      "and 'inhibitory', not %r" % self.receptor_type)
        self._pre_ids = np.asarray(self.pre.all_cells, dtype=np.int64)
        self._post_ids = np.asarray(self.post.all_cells, dtype=np.int64)
        self._chunks_pre = []
        self._chunks_post = []
        self._chunks_attr = {}
        self._cache = None
        connector.connect(self)
        self.volley_index = len(state.projections)
        state.projections.append(self)

    # --- storage ---------------------------------------------------------

    def _convergent_connect(self, presynaptic_indices, postsynaptic_index,
                            **connection_parameters):
        pre = np.asarray(presynaptic_indices, dtype=np.int64).ravel()
        n = pre.size
        if n == 0:
            return
        self._chunks_pre.append(pre)
        self._chunks_post.append(np.full(n, int(postsynaptic_index), dtype=np.int64))
        for name, value in connection_parameters.items():
            arr = np.asarray(value, dtype=float)
            if arr.ndim == 0:
                arr = np.full(n, float(arr))
            elif arr.size != n:
                arr = np.broadcast_to(arr, (n,))
            self._chunks_attr.setdefault(name, []).append(arr)
        self._cache = None

    def _consolidate(self):
        if self._cache is None:
            if self._chunks_pre:
                pre = np.concatenate(self._chunks_pre)
                post = np.concatenate(self._chunks_post)
                attrs = {k: np.concatenate(v) for k, v in self._chunks_attr.items()}
            else:
                pre = np.zeros(0, np.int64)
                post = np.zeros(0, np.int64)
                attrs = {k: np.zeros(0) for k in self.synapse_type.get_parameter_names()}
            self._chunks_pre, self._chunks_post = [pre], [post]
            self._chunks_attr = {k: [v] for k, v in attrs.items()}
            self._cache = (pre, post, attrs)
        return self._cache

    def _pre_idx(self):
        return self._consolidate()[0]

    def _post_idx(self):
        return self._consolidate()[1]

    def _attributes(self):
        return self._consolidate()[2]

    # --- PyNN API --------------------------------------------------------------

    def __len__(self):
        return int(self._pre_idx().size)

    def __getitem__(self, i):
        if isinstance(i, int):
            if i < 0:
                i += len(self)
            if not 0 <= i < len(self):
                raise IndexError(i)
            return Connection(self, i)
        elif isinstance(i, slice):
            return [Connection(self, j) for j in range(*i.indices(len(self)))]
        raise TypeError("Projection indices must be integers or slices")

    def _get_attributes_as_list(self, names):
        pre, post, attrs = self._consolidate()
        columns = []
        for name in names:
            if name == "presynaptic_index":
                columns.append(pre)
            elif name == "postsynaptic_index":
                columns.append(post)
            else:
                if name not in attrs:
                    raise errors.NonExistentParameterError(
                        name, self.synapse_type.__class__.__name__, list(attrs))
                columns.append(attrs[name])
        return [tuple(row) for row in zip(*[c.tolist() for c in columns])]

    def _get_attributes_as_arrays(self, names, multiple_synapses='sum'):
        pre, post, attrs = self._consolidate()
        all_values = []
        for name in names:
            if name[-1] == "s" and name not in attrs:
                name = name[:-1]
            values = np.full((self.pre.size, self.post.size), np.nan)
            vals = attrs[name]
            if multiple_synapses == 'last':
                values[pre, post] = vals
            elif multiple_synapses == 'first':
                values[pre[::-1], post[::-1]] = vals[::-1]
            else:
                flat = pre * self.post.size + post
                uniq, inverse = np.unique(flat, return_inverse=True)
                if multiple_synapses == 'sum':
                    red = np.zeros(uniq.size)
                    np.add.at(red, inverse, vals)
                elif multiple_synapses == 'min':
                    red = np.full(uniq.size, np.inf)
                    np.minimum.at(red, inverse, vals)
                elif multiple_synapses == 'max':
                    red = np.full(uniq.size, -np.inf)
                    np.maximum.at(red, inverse, vals)
                else:
                    raise ValueError(multiple_synapses)
                values.flat[uniq] = red
            all_values.append(values)
        return all_values

    def _set_attributes(self, parameter_space):
        simulator.state.check_not_running("change synaptic attributes")
        pre, post, attrs = self._consolidate()
        parameter_space.evaluate(simplify=False)
        for name, value in parameter_space.items():
            if name not in attrs:
                raise errors.NonExistentParameterError(
                    name, self.synapse_type.__class__.__name__, list(attrs))
            value = np.asarray(value, dtype=float) if not np.isscalar(value) else value
            if np.isscalar(value) or np.ndim(value) == 0:
                attrs[name][:] = float(value)
            else:
                attrs[name][:] = value[pre, post]

    def _set_initial_value_array(self, variable, initial_value):
        if variable == 'u' and isinstance(self.synapse_type, StandardSynapseType) \
                and initial_value.is_homogeneous and float(initial_value.evaluate(simplify=True)) == 0.0:
            return  # Volley's TsodyksMarkramSynapse starts with u = 0, PyNN's default
        raise NotImplementedError(
            "the Volley backend cannot set initial values of synaptic state variables "
            "(%s); its TsodyksMarkramSynapse starts with u = 0 and all resources recovered" % variable)

    # --- model file ----------------------------------------------------------

    def absolute_synapses(self):
        """Return (pre population index array, pre local index, post population index,
        post local index, attrs) for every synapse."""
        pre, post, attrs = self._consolidate()
        pre_ids = self._pre_ids[pre]
        post_ids = self._post_ids[post]
        return pre_ids, post_ids, attrs
