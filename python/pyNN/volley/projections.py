"""
Projections of the Volley backend.

The connectivity is drawn in Python by PyNN's own connector code (with the
connector's rng and the synapse type's RandomDistributions), exactly as the
other backends draw it, and kept as arrays.  At run() each Projection is
written as one Volley ``from_file`` projection per (pre population, post
population) pair, with one row (i, j, weight, delay) per synapse.
"""

import numpy as np
from pyNN import common, errors, connectors
from pyNN.random import NativeRNG, RandomDistribution
from pyNN.space import Space
from pyNN.standardmodels import StandardSynapseType
from . import simulator

_NO_EXPORT = ("this Projection's connections were drawn by Volley's native rng (NativeRNG), "
              "inside the engine, so the Volley backend cannot %s")


def _is_native(value):
    return isinstance(value, RandomDistribution) and isinstance(value.rng, NativeRNG)


class NativeSpec(object):
    """A projection whose connectivity (and random weights/delays) Volley draws itself:
    the connector is a Volley connector rule, the values constants or Volley distributions."""

    def __init__(self, rule, keys, values):
        self.rule = rule          # Volley connector rule
        self.keys = keys          # its keys (Python values)
        self.values = values      # name -> float or RandomDistribution (NativeRNG)
        self.size = None          # number of synapses, once Volley has built them
        self.table = None         # (pre, post, attrs) as Volley drew them, once read back


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
        self.native = self._native_spec(connector)
        if self.native is None:
            connector.connect(self)
        self.volley_index = len(state.projections)
        state.projections.append(self)

    def _native_spec(self, connector):
        """Return a NativeSpec if the connector or the synapse values ask for the simulator's
        native rng (pyNN.random.NativeRNG), else None (PyNN draws the connections in Python)."""
        ps = self.synapse_type.native_parameters
        ps.shape = self.shape
        values = {name: ps[name].base_value for name in ps.keys()}
        native_values = [name for name, v in values.items() if _is_native(v)]
        if not (isinstance(getattr(connector, "rng", None), NativeRNG) or native_values):
            return None

        def refuse(what):
            raise NotImplementedError("with NativeRNG, Volley draws the connections itself; " + what)

        for name, v in values.items():
            if _is_native(v):
                from .populations import VOLLEY_DISTRIBUTIONS
                if name not in ("weight", "delay"):
                    refuse("only weights and delays may be Volley distributions, not %s" % name)
                if ps[name].operations:
                    refuse("operations on a RandomDistribution are not supported")
                if v.name not in VOLLEY_DISTRIBUTIONS:
                    refuse("Volley draws %s, not %r" % (", ".join(sorted(VOLLEY_DISTRIBUTIONS)), v.name))
            elif not ps[name].is_homogeneous or isinstance(v, RandomDistribution) or callable(v):
                refuse("%s must be a constant or a RandomDistribution with NativeRNG" % name)
            else:
                values[name] = float(ps[name].evaluate(simplify=True))
        self_conn = getattr(connector, "allow_self_connections", True)
        if self_conn not in (True, False):
            refuse("allow_self_connections=%r is not a Volley option" % (self_conn,))
        if isinstance(connector, connectors.FixedProbabilityConnector):
            rule, keys = "fixed_probability", {"p": connector.p_connect, "allow_self_connections": self_conn}
        elif isinstance(connector, connectors.AllToAllConnector):
            rule, keys = "all_to_all", {"allow_self_connections": self_conn}
        elif isinstance(connector, connectors.OneToOneConnector):
            rule, keys = "one_to_one", {}
        elif isinstance(connector, (connectors.FixedNumberPreConnector, connectors.FixedNumberPostConnector)):
            if isinstance(connector.n, RandomDistribution) or int(connector.n) != connector.n:
                refuse("n must be a whole number")
            rule = "fixed_number_pre" if isinstance(connector, connectors.FixedNumberPreConnector) \
                else "fixed_number_post"
            keys = {"n": int(connector.n), "allow_self_connections": self_conn,
                    "with_replacement": bool(connector.with_replacement)}
        else:
            refuse("Volley has no counterpart of %s (use a NumpyRNG to draw it in Python)"
                   % type(connector).__name__)
        for end in (self.pre, self.post):
            if not (isinstance(end, common.Population) or
                    (isinstance(end, common.PopulationView) and _contiguous(end) is not None)):
                refuse("pre and post must be Populations or PopulationViews of contiguous cells "
                       "(slices with step 1), not %r" % (end,))
        return NativeSpec(rule, keys, values)

    def _guess_receptor_type(self):
        w = self.synapse_type.native_parameters["weight"].base_value
        if _is_native(w) and len(self.post.receptor_types) > 1:
            # PyNN's version draws a weight, which a NativeRNG cannot do in Python
            first = {"uniform": "low", "normal": "mu", "normal_clipped": "mu",
                     "normal_clipped_to_boundary": "mu", "exponential": "beta"}.get(w.name)
            positive = first is None or w.parameters[first] >= 0
            self.receptor_type = self.post.receptor_types[0 if positive else 1]
        else:
            common.Projection._guess_receptor_type(self)

    # --- storage ---------------------------------------------------------

    def _check_exportable(self, what):
        """Connections Volley drew are read back from its synapse table (outputs.synapses),
        building the network once if it has not run yet; they cannot be changed."""
        if self.native is None:
            return
        if what.startswith("set"):
            raise NotImplementedError(_NO_EXPORT % what)
        if self.native.table is None:
            simulator.state.count_native_synapses()

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
        if self.native is not None and self.native.table is not None:
            return self.native.table
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
        if self.native is not None:
            if self.native.size is None:
                simulator.state.count_native_synapses()
            return int(self.native.size)
        return int(self._pre_idx().size)

    def __getitem__(self, i):
        self._check_exportable("return single connections")
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
        self._check_exportable("return connection attributes")
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
        self._check_exportable("return connection attributes")
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
        self._check_exportable("set connection attributes")
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


def _contiguous(view):
    """(root Population, start, stop) if `view` is a step-1 slice of a Population, else None."""
    idx = np.asarray(view.index_in_grandparent(np.arange(view.size)))
    if idx.size == 0 or not np.all(np.diff(idx) == 1):
        return None
    return view.grandparent, int(idx[0]), int(idx[-1]) + 1
