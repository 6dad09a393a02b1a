"""
Writing the PyNN network as a Volley model file, and reading the results.

The mapping (see docs/model-format.md of the Volley repository):

- every Population is a root group ``p<k>`` with its catalog model and its
  parameters as constants with units;
- initial values: a value common to all cells is written as the group's
  ``init``; per-cell values (e.g. drawn from a RandomDistribution with a
  NumpyRNG) are written exactly, as ``init_files``: an .npy array per group
  and variable, in the variable's PyNN unit;
- every Projection becomes one ``from_file`` projection per pair of
  populations it connects, with an .npy list ``i, j, weight, delay`` in PyNN
  units (nA or uS, ms);
- recorded spikes: ``[monitors] spikes``; recorded state variables: one state
  monitor per population and variable, with the recorded cells and
  ``every`` = the sampling interval.

The run lasts one step more than PyNN's t_stop so that, as in PyNN's NEURON
backend, a recorded signal has its last sample at t_stop; spikes of that
extra step are dropped.
"""

import json
import math
import os
from collections import namedtuple

import numpy as np

#: factor from SI to PyNN units, by PyNN unit string
SI_TO_PYNN = {
    'mV': 1e3, 'nA': 1e9, 'uS': 1e6, 'nS': 1e9, 'nF': 1e9, 'ms': 1e3, 'Hz': 1.0,
    'mV/ms': 1.0, '/ms': 1e-3, '': 1.0, 'dimensionless': 1.0,
}


class PopulationResults(object):
    """Results of one population: spikes as (step, cell) arrays, signals by variable."""

    def __init__(self):
        self.spike_steps = None
        self.spike_cells = None
        self.signals = {}  # variable -> (recorded cell indices, data (samples, cells) in PyNN units)


Model = namedtuple("Model", "text n_steps dt monitors spike_groups plastic")


def _q(value, unit):
    """A quantity literal for the model file."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("non-finite value %r" % value)
    text = repr(value)
    if unit in ('', 'dimensionless'):
        return '"%s"' % text
    # "0.02 /ms" is 0.02/ms and "2.0 mV/ms" is (2.0 mV)/ms: a unit binds tighter than operators
    return '"%s %s"' % (text, unit)


def _toml_str(s):
    return json.dumps(s)  # a JSON string is a valid TOML basic string


def _homogeneous(values):
    """Return the single value of `values` if all equal, else None."""
    arr = np.asarray(values)
    if arr.size == 0:
        return None
    if arr.dtype == object:
        return None
    first = arr.flat[0]
    if np.all(arr == first):
        return first
    return None


def group_name(pop):
    return "p%d" % pop.volley_index


#: most root groups one Population may be split into (one per distinct set of parameter values)
MAX_GROUPS_PER_POPULATION = 64


class Layout(object):
    """How a Population's cells are laid out on Volley root groups.

    A Population is one root group; parameters whose values differ between its
    cells are written per cell (``init_files``, ``per_cell``). Spike sources
    take one value per parameter, so a source Population whose cells differ is
    split into one root group per distinct set of values (``p<k>g<m>``);
    ``cells[m]`` lists the Population indices of group m in ascending order."""

    def __init__(self, pop):
        self.pop = pop
        n = pop.size
        ct = pop.celltype
        self.params = {}     # name -> single value (all groups) or array (per cell)
        self.per_cell = []   # parameters written per cell (one group, cells with equations)
        varying = []
        if ct.volley_model != "SpikeSourceArray":
            for name in sorted(pop._parameters):
                value = np.asarray(pop._parameters[name])
                single = _homogeneous(value)
                if single is None:
                    if value.dtype == object:
                        raise NotImplementedError(
                            "the Volley backend cannot write per-cell values of %s" % name)
                    value = np.broadcast_to(value.astype(float), (n,))
                    varying.append(name)
                    self.params[name] = value
                else:
                    self.params[name] = float(single)
        if varying and not ct.volley_model.startswith("SpikeSource"):
            self.per_cell = varying
            varying = []
        if not varying:
            self.names = [group_name(pop)]
            self.cells = [np.arange(n)]
            self.group_of = np.zeros(n, np.int64)
        else:
            table = np.column_stack([self.params[name] for name in varying])
            uniq, inverse = np.unique(table, axis=0, return_inverse=True)
            inverse = np.asarray(inverse).ravel()
            if len(uniq) > MAX_GROUPS_PER_POPULATION:
                raise NotImplementedError(
                    "Population %r has %d distinct values of %s; the Volley backend writes one "
                    "Volley group per distinct set of parameter values and allows at most %d "
                    "(Volley's catalog models take one value per parameter and group; per-cell "
                    "parameter values are not supported by the engine yet)"
                    % (pop.label, len(uniq), "/".join(varying), MAX_GROUPS_PER_POPULATION))
            # number the groups by their first cell, so that groups follow cell order
            first = np.array([np.argmax(inverse == g) for g in range(len(uniq))])
            order = np.argsort(first)
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            self.group_of = rank[inverse]
            self.names = ["%sg%d" % (group_name(pop), m) for m in range(len(uniq))]
            self.cells = [np.nonzero(self.group_of == m)[0] for m in range(len(uniq))]
        self.local_of = np.empty(n, np.int64)
        for cells in self.cells:
            self.local_of[cells] = np.arange(cells.size)

    def param_value(self, name, m):
        v = self.params[name]
        return v if np.isscalar(v) else float(v[self.cells[m][0]])


def _duration_line(total_steps, dt):
    return 'duration = "%s"' % _duration_value(total_steps, dt)


def _duration_value(total_steps, dt):
    return "%d * %s ms" % (total_steps, repr(float(dt)))


def duration_text(model):
    """The duration of a model's run, as volley's --duration flag takes it."""
    return _duration_value(model.n_steps + 1, model.dt)


def without_duration(text):
    """A model's text without its duration: equal for runs of the same network."""
    return "\n".join(line for line in text.split("\n") if not line.startswith("duration = "))


def build_model(state, n_steps, rundir):
    """Return the Model (TOML text and what to read back) for a run of n_steps steps."""
    dt = state.dt
    # one more step than asked, for the sample at t_stop
    total_steps = n_steps + 1
    lines = []
    w = lines.append
    w("# generated by the PyNN backend pyNN.volley")
    w('name = "pynn"')
    w("")
    w("[run]")
    w('dt = %s' % _q(dt, 'ms'))
    w(_duration_line(total_steps, dt))
    w("seed = %d" % int(state.seed))
    w("")

    # --- groups --------------------------------------------------------------
    layouts = [Layout(pop) for pop in state.populations]
    spike_groups = []  # (group name, population, layout, m)
    monitors = []      # (monitor name, population, layout, m, variable, every steps, unit)
    for pop, lay in zip(state.populations, layouts):
        ct = pop.celltype
        units = ct.units
        rec = pop.recorder
        for m, (g, cells) in enumerate(zip(lay.names, lay.cells)):
            w("# Population %s%s" % (_toml_str(pop.label),
                                     "" if len(lay.names) == 1 else ", cells %s" % _cells_text(cells)))
            w("[groups.%s]" % g)
            w("size = %d" % cells.size)
            w("model = %s" % _toml_str(ct.volley_model))
            if ct.volley_model == "SpikeSourceArray":
                all_times = pop.spike_times_for_run()
                texts = []
                for cell in cells:
                    times = all_times[cell]
                    if np.any(times < 0):
                        raise ValueError("SpikeSourceArray spike times must be >= 0")
                    texts.append("[" + ", ".join('"%r ms"' % float(t) for t in times) + "]")
                w("spike_times = [" + ", ".join(texts) + "]")
            else:
                w("params = { %s }" % ", ".join(
                    "%s = %s" % (name, _q(lay.param_value(name, m), units.get(name, '')))
                    for name in sorted(lay.params) if name not in lay.per_cell))
            # initial values: constants in init, per-cell values in .npy files
            inits, per_cell = [], []
            for var in sorted(pop._init_values):
                if var in pop._init_native:
                    inits.append("%s = %s" % (var, _distribution(pop._init_native[var], units.get(var, ''))))
                    continue
                values = pop._init_values[var][cells]
                single = _homogeneous(values)
                if single is not None:
                    inits.append("%s = %s" % (var, _q(single, units.get(var, ''))))
                else:
                    per_cell.append(var)
            if inits:
                w("init = { %s }" % ", ".join(inits))
            files = []
            for var, values in ([(name, lay.params[name][cells]) for name in lay.per_cell] +
                                [(var, pop._init_values[var][cells]) for var in per_cell]):
                fname = "i_%s_%s.npy" % (g, var)
                np.save(os.path.join(rundir, fname), np.asarray(values, np.float64))
                unit = units.get(var, '')
                unit = "" if unit in ('', 'dimensionless') else unit
                files.append('%s = { file = "%s", unit = "%s" }' % (var, fname, unit))
            if files:
                w("init_files = { %s }" % ", ".join(files))
            w("")
            # recording
            if rec.recorded.get('spikes'):
                spike_groups.append((g, pop, lay, m))
            for var in sorted(rec.recorded):
                if var == 'spikes' or not rec.recorded[var]:
                    continue
                ids = np.array(sorted(int(i) - int(pop.first_id) for i in rec.recorded[var]), np.int64)
                in_group = ids[lay.group_of[ids] == m]
                if in_group.size == 0:
                    continue
                every = int(round(rec.sampling_interval / dt))
                monitors.append(("%s_%s" % (g, var), pop, lay, m, var, every, units.get(var, ''),
                                 np.sort(lay.local_of[in_group])))

    # --- projections ---------------------------------------------------------------
    # global group numbers, by absolute cell ID (IDs are consecutive across populations)
    names = [g for lay in layouts for g in lay.names]
    offsets = np.cumsum([0] + [len(lay.names) for lay in layouts])
    glob_group = np.concatenate([lay.group_of + off for lay, off in zip(layouts, offsets)]) \
        if layouts else np.zeros(0, np.int64)
    glob_local = np.concatenate([lay.local_of for lay in layouts]) if layouts else np.zeros(0, np.int64)
    n_groups = len(names)
    group_pop = [pop for pop, lay in zip(state.populations, layouts) for _ in lay.names]
    declared_views = set()
    plastic = []  # (Volley projection name, Projection, the synapses it holds, weight unit)
    exported = []  # Volley projection names whose synapse tables are read back
    for prj in state.projections:
        if prj.native is not None:
            _write_native_projection(w, prj, layouts, declared_views)
            exported.append(native_projection_name(prj))
            continue
        pre_ids, post_ids, attrs = prj.absolute_synapses()
        if pre_ids.size == 0:
            continue
        gpre, gpost = glob_group[pre_ids], glob_group[post_ids]
        syn = prj.synapse_type
        extra_params = []
        if syn.volley_synapse == "TsodyksMarkramSynapse":
            for name, unit in (("U", ""), ("tau_rec", "ms"), ("tau_facil", "ms")):
                single = _homogeneous(attrs[name])
                if single is None:
                    raise NotImplementedError(
                        "the Volley backend needs one value of %s for all synapses of Projection %r "
                        "(Volley's TsodyksMarkramSynapse parameters are per projection; per-synapse "
                        "values are not supported by the engine yet)" % (name, prj.label))
                extra_params.append("%s = %s" % (name, _q(single, unit)))
        stdp = syn.volley_synapse == "STDPMechanism"
        if stdp:
            stdp_values = {}
            for name in ("tau_plus", "tau_minus", "A_plus", "A_minus", "w_min", "w_max"):
                single = _homogeneous(attrs[name])
                if single is None:
                    raise NotImplementedError(
                        "the Volley backend needs one value of %s for all synapses of Projection %r"
                        % (name, prj.label))
                stdp_values[name] = single
        pair = gpre * n_groups + gpost
        order = np.argsort(pair, kind="stable")
        pair_sorted = pair[order]
        bounds = np.flatnonzero(np.diff(pair_sorted)) + 1
        for sel in np.split(order, bounds):
            a, b = divmod(int(pair[sel[0]]), n_groups)
            pre_local = glob_local[pre_ids[sel]]
            post_local = glob_local[post_ids[sel]]
            weights = attrs["weight"][sel]
            delays = attrs["delay"][sel]
            w_single, d_single = _homogeneous(weights), _homogeneous(delays)
            const_lines = []
            if w_single is not None and d_single is not None and not stdp:
                # indices only (Volley reads a small integer file much faster than a float
                # table), the common weight and delay as values with units
                itype = np.int32 if max(pre_local.max(), post_local.max()) < 2 ** 31 else np.int64
                table = np.column_stack((pre_local, post_local)).astype(itype)
                const_lines = ["weight = %s" % _q(w_single, _weight_unit(group_pop[b].celltype)),
                               "delay = %s" % _q(d_single, "ms")]
            else:
                # i, j, weight, delay in PyNN units (nA / uS / mV, ms)
                table = np.column_stack((pre_local, post_local, weights, delays)).astype(np.float64)
            pname = "j%d_%s_%s" % (prj.volley_index, names[a], names[b])
            fname = pname + ".npy"
            np.save(os.path.join(rundir, fname), table)
            w("# Projection %s" % _toml_str(prj.label or ""))
            w("[projections.%s]" % pname)
            w('pre = "%s"' % names[a])
            w('post = "%s"' % names[b])
            w('connector = { rule = "from_file", file = %s }' % _toml_str(fname))
            for line in const_lines:
                w(line)
            if stdp:
                for line in stdp_synapse(syn, stdp_values, group_pop[b].celltype, prj.receptor_type):
                    w(line)
                plastic.append((pname, prj, sel, _weight_unit(group_pop[b].celltype)))
            else:
                w('receptor = "%s"' % prj.receptor_type)
            if syn.volley_synapse not in ("StaticSynapse", "STDPMechanism"):
                w('synapse = "%s"' % syn.volley_synapse)
                w("params = { %s }" % ", ".join(extra_params))
            w("")

    # --- monitors -----------------------------------------------------------------
    if spike_groups:
        w("[monitors]")
        w("spikes = [%s]" % ", ".join('"%s"' % sg[0] for sg in spike_groups))
        w("")
    for mname, pop, lay, m, var, every, unit, local in monitors:
        w("[monitors.state.%s]" % mname)
        w('group = "%s"' % lay.names[m])
        w('vars = ["%s"]' % var)
        if local.size == lay.cells[m].size:
            w('indices = "all"')
        else:
            w("indices = [%s]" % ", ".join(str(int(i)) for i in local))
        if every != 1:
            w('every = "%d * %s ms"' % (every, repr(float(dt))))
        w("")
    exported += [p[0] for p in plastic]
    if exported:
        # connections Volley drew, and the weights STDP changed, are read back after the run
        w("[outputs]")
        w("synapses = [%s]" % ", ".join('"%s"' % name for name in exported))
        w("")
    return Model("\n".join(lines) + "\n", n_steps, dt, monitors, spike_groups, plastic)


def native_projection_name(prj):
    return "n%d" % prj.volley_index


def _write_native_projection(w, prj, layouts, declared_views):
    """A projection whose connections Volley draws (NativeRNG): Volley's own connector rule."""
    from pyNN import common
    from .projections import _contiguous

    def endpoint(end):
        if isinstance(end, common.Population):
            pop, a, b = end, 0, end.size
        else:
            pop, a, b = _contiguous(end)
        lay = layouts[pop.volley_index]
        if len(lay.names) != 1:
            raise NotImplementedError(
                "Projection %r draws its connections with Volley's native rng, which needs "
                "Population %r to be one Volley group (one value per parameter)" % (prj.label, pop.label))
        g = lay.names[0]
        if a == 0 and b == pop.size:
            return g, pop
        name = "%s_s%d_%d" % (g, a, b)
        if name not in declared_views:
            declared_views.add(name)
            w("[groups.%s]" % name)
            w('slice = "%s[%d:%d]"' % (g, a, b))
            w("")
        return name, pop

    pre, _ = endpoint(prj.pre)
    post, post_pop = endpoint(prj.post)
    spec = prj.native
    keys = ['rule = "%s"' % spec.rule]
    for k, v in spec.keys.items():
        keys.append("%s = %s" % (k, ("true" if v else "false") if isinstance(v, bool) else repr(v)))

    def value(v, unit):
        return _distribution(v, unit) if not isinstance(v, float) else _q(v, unit)

    w("# Projection %s (connections drawn by Volley)" % _toml_str(prj.label or ""))
    w("[projections.%s]" % native_projection_name(prj))
    w('pre = "%s"' % pre)
    w('post = "%s"' % post)
    w("connector = { %s }" % ", ".join(keys))
    w("weight = %s" % value(spec.values["weight"], _weight_unit(post_pop.celltype)))
    w("delay = %s" % value(spec.values["delay"], "ms"))
    w('receptor = "%s"' % prj.receptor_type)
    syn = prj.synapse_type
    if syn.volley_synapse != "StaticSynapse":
        w('synapse = "%s"' % syn.volley_synapse)
        w("params = { %s }" % ", ".join("%s = %s" % (name, _q(spec.values[name], unit)) for name, unit in
                                        (("U", ""), ("tau_rec", "ms"), ("tau_facil", "ms"))))
    w("")


def _distribution(rd, unit):
    """A Volley distribution value for a PyNN RandomDistribution (NativeRNG)."""
    from .populations import VOLLEY_DISTRIBUTIONS
    args = []
    for name in VOLLEY_DISTRIBUTIONS[rd.name]:
        args.append(_q(rd.parameters[name], unit)[1:-1])
    return '"%s(%s)"' % (rd.name, ", ".join(args))


# the variable of each catalog cell that a receptor's weights are added to
RECEPTOR_VARS = {
    "IF_curr_exp": ("isyn_exc", "isyn_inh"), "IF_cond_exp": ("gsyn_exc", "gsyn_inh"),
    "IF_curr_alpha": ("xsyn_exc", "xsyn_inh"), "IF_cond_alpha": ("xsyn_exc", "xsyn_inh"),
    "EIF_cond_exp_isfa_ista": ("gsyn_exc", "gsyn_inh"), "HH_cond_exp": ("gsyn_exc", "gsyn_inh"),
    "Izhikevich": ("v", "v"),
}

# the dimension of a PyNN weight unit, as Volley's equations write it
_UNIT_DIM = {"nA": "amp", "uS": "siemens", "mV": "volt"}

_TRIPLE = '"' * 3


def stdp_synapse(syn, values, ct, receptor):
    """The model-file lines of an STDPMechanism: an equation-defined synapse whose weight w comes
    from the connection list's weight column (see standardmodels.STDPMechanism)."""
    wu = _weight_unit(ct)
    target = RECEPTOR_VARS[ct.volley_model][0 if receptor == "excitatory" else 1]
    wd = syn.weight_dependence

    def q(name):
        return "(%r*%s)" % (float(values[name]), wu)

    def factor(text):
        return text.replace("w_max", q("w_max")).replace("w_min", q("w_min"))

    clip = "clip(w %%s, %s, %s)" % (q("w_min"), q("w_max"))
    return [
        "equations = " + _TRIPLE,
        "w : %s" % _UNIT_DIM[wu],
        "dP/dt = -P/(%r*ms) : 1 (event-driven)" % float(values["tau_plus"]),
        "dM/dt = -M/(%r*ms) : 1 (event-driven)" % float(values["tau_minus"]),
        _TRIPLE,
        "on_pre = " + _TRIPLE,
        "P += 1",
        "w = " + clip % ("- %r*M*%s" % (float(values["A_minus"]), factor(wd.depression))),
        "%s_post += w" % target,
        _TRIPLE,
        "on_post = " + _TRIPLE,
        "M += 1",
        "w = " + clip % ("+ %r*P*%s" % (float(values["A_plus"]), factor(wd.potentiation))),
        _TRIPLE,
    ]


def _weight_unit(ct):
    """PyNN's unit of weights onto cells of type ct: the unit of the receptor's target variable."""
    if getattr(ct, "voltage_based_synapses", False):
        return "mV"  # Izhikevich: the weight is added to v
    return "uS" if ct.conductance_based else "nA"


def _cells_text(cells):
    if cells.size and cells[-1] - cells[0] + 1 == cells.size:
        return "%d..%d" % (cells[0], cells[-1])
    return "%d cells from %d" % (cells.size, cells[0])


def read_synapse_table(path, prj):
    """The synapses of a projection Volley drew, from its synapse table: (pre, post, attrs)
    with indices within the projection's pre and post, weights and delays in PyNN units and
    the synapse type's other parameters."""
    with np.load(path) as z:
        pre, post = z["i"].astype(np.int64), z["j"].astype(np.int64)
        attrs = {"weight": z["weight"] * SI_TO_PYNN[_weight_unit(prj.post.celltype)],
                 "delay": z["delay"] * 1e3}
    for name, v in prj.native.values.items():
        if name not in attrs:
            attrs[name] = np.full(pre.size, float(v))
    return pre, post, attrs


def read_results(model, outdir, state):
    """Read the outputs of a run into {population index: PopulationResults}, and the
    weights plastic synapses ended with into their Projections."""
    for pname, prj, sel, unit in model.plastic:
        with np.load(os.path.join(outdir, "synapses_%s.npz" % pname)) as z:
            w = z["w"] * SI_TO_PYNN.get(unit, 1.0)  # in the connection list's order
        prj._attributes()["weight"][sel] = w
    results = {}
    dt_s = model.dt * 1e-3
    if model.spike_groups:
        parts = {}
        with np.load(os.path.join(outdir, "spikes.npz")) as z:
            for g, pop, lay, m in model.spike_groups:
                t = z[g + "_t"]
                i = z[g + "_i"].astype(np.int64)
                steps = np.rint(t / dt_s).astype(np.int64)
                keep = steps < model.n_steps  # drop the extra step
                parts.setdefault(pop.volley_index, []).append((steps[keep], lay.cells[m][i[keep]]))
        for k, chunks in parts.items():
            steps = np.concatenate([c[0] for c in chunks])
            cells = np.concatenate([c[1] for c in chunks])
            order = np.argsort(steps, kind="stable")
            r = results.setdefault(k, PopulationResults())
            r.spike_steps, r.spike_cells = steps[order], cells[order]
    signal_parts = {}
    for mname, pop, lay, m, var, every, unit, local in model.monitors:
        with np.load(os.path.join(outdir, mname + ".npz")) as z:
            index = z["index"].astype(np.int64)
            data = z[var]  # (cells, samples), SI
        n_samples = model.n_steps // every + 1
        data = data[:, :n_samples].T * SI_TO_PYNN.get(unit, 1.0)
        signal_parts.setdefault((pop.volley_index, var), []).append((lay.cells[m][index], data))
    for (k, var), chunks in signal_parts.items():
        index = np.concatenate([c[0] for c in chunks])
        data = np.hstack([c[1] for c in chunks])
        order = np.argsort(index)
        r = results.setdefault(k, PopulationResults())
        r.signals[var] = (index[order], np.ascontiguousarray(data[:, order]))
    return results
