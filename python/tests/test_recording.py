"""
Recorded data: Neo blocks with the right shapes, units, times and segments;
write_data to pickle; mean_spike_count; views and assemblies; several run()
calls; reset(); reproducibility of NumpyRNG-drawn initial values.
"""

import neo
import numpy as np
import pytest
import quantities as pq
from pyNN.random import NumpyRNG, RandomDistribution

DT = 0.1


def _net(sim, n=20, seed=5):
    sim.setup(timestep=DT, min_delay=0.2)
    cells = sim.Population(n, sim.IF_cond_exp(tau_refrac=2.0, i_offset=1.0), label="cells")
    rng = NumpyRNG(seed=seed)
    cells.initialize(v=RandomDistribution("uniform", (-65.0, -55.0), rng=rng))
    return cells, rng


def test_shapes_units_and_times(sim):
    cells, _ = _net(sim)
    cells.record("spikes")
    cells[[0, 3, 7]].record(["v", "gsyn_exc"])
    other = sim.Population(4, sim.IF_cond_exp(), label="other")
    other[:2].record("gsyn_inh", sampling_interval=1.0)
    sim.run(50.0)
    assert sim.get_current_time() == pytest.approx(50.0)
    block = cells.get_data()
    assert isinstance(block, neo.Block)
    assert len(block.segments) == 1
    seg = block.segments[0]
    assert len(seg.spiketrains) == 20
    for st in seg.spiketrains:
        assert st.units == pq.ms
        assert st.t_start == 0 * pq.ms and st.t_stop == 50.0 * pq.ms
        assert np.all(st.magnitude >= 0) and np.all(st.magnitude <= 50.0)
    sigs = {a.name: a for a in seg.analogsignals}
    v = sigs["v"]
    assert v.shape == (501, 3)  # 0 .. t_stop inclusive, as NEURON
    assert v.units == pq.mV
    assert v.sampling_period == DT * pq.ms
    assert v.t_start == 0 * pq.ms
    assert list(v.array_annotations["channel_index"]) == [0, 3, 7]
    assert sigs["gsyn_exc"].units == pq.uS
    g = other.get_data().segments[0].analogsignals[0]
    assert g.name == "gsyn_inh"
    assert g.shape == (51, 2) and g.sampling_period == 1.0 * pq.ms
    # spikes only: no signals
    assert cells.get_data("spikes").segments[0].analogsignals == []


def test_initial_values_follow_numpy_rng(sim):
    cells, _ = _net(sim, seed=99)
    cells.record("v")
    sim.run(1.0)
    v0 = np.asarray(cells.get_data().segments[0].analogsignals[0].magnitude)[0]
    want = NumpyRNG(seed=99).uniform(-65.0, -55.0, size=20)  # what PyNN's NEURON/NEST backends draw
    np.testing.assert_allclose(v0, want, rtol=0, atol=1e-12)
    # initial values on a view
    sim.setup(timestep=DT)
    p = sim.Population(6, sim.IF_curr_exp())
    p[2:5].initialize(v=-50.0)
    p.record("v")
    sim.run(0.5)
    v0 = np.asarray(p.get_data().segments[0].analogsignals[0].magnitude)[0]
    np.testing.assert_allclose(v0, [-65, -65, -50, -50, -50, -65])


def test_mean_spike_count_write_data_and_reset(sim, tmp_path):
    cells, _ = _net(sim)
    cells.record(["spikes", "v"])
    sim.run(100.0)
    counts = cells.get_spike_counts()
    st = cells.get_data().segments[0].spiketrains
    assert sum(counts.values()) == sum(len(s) for s in st) > 0
    assert cells.mean_spike_count() == pytest.approx(sum(len(s) for s in st) / 20)
    f = str(tmp_path / "cells.pkl")
    cells.write_data(f, annotations={"script_name": "test"})
    blk = neo.io.PickleIO(f).read_block()
    assert blk.annotations["script_name"] == "test"
    assert blk.annotations["simulator"] == "Volley"
    assert len(blk.segments[0].spiketrains) == 20
    first = [np.asarray(s.magnitude).copy() for s in st]
    sim.reset()
    assert sim.get_current_time() == 0
    sim.run(100.0)
    block = cells.get_data()
    assert len(block.segments) == 2
    # same network, same initial values: same spikes again
    for a, b in zip(first, block.segments[1].spiketrains):
        np.testing.assert_allclose(a, np.asarray(b.magnitude))


def test_run_twice_equals_one_long_run(sim):
    sim.setup(timestep=DT, rng_seeds_seed=3)
    src = sim.Population(10, sim.SpikeSourcePoisson(rate=50.0), label="src")
    cells = sim.Population(5, sim.IF_curr_exp(), label="cells")
    sim.Projection(src, cells, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.5, delay=1.0))
    cells.record(["spikes", "v"])
    sim.run(30.0)
    extended = sim.simulator.state.extended_runs
    sim.run(40.0)
    assert sim.get_current_time() == pytest.approx(70.0)
    # the second run() continued the first from its checkpoint, not from t = 0
    assert sim.simulator.state.extended_runs == extended + 1
    seg = cells.get_data().segments[0]
    v_two = np.asarray(seg.analogsignals[0].magnitude)
    s_two = [np.asarray(s.magnitude) for s in seg.spiketrains]
    sim.setup(timestep=DT, rng_seeds_seed=3)
    src = sim.Population(10, sim.SpikeSourcePoisson(rate=50.0), label="src")
    cells = sim.Population(5, sim.IF_curr_exp(), label="cells")
    sim.Projection(src, cells, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.5, delay=1.0))
    cells.record(["spikes", "v"])
    sim.run(70.0)
    seg = cells.get_data().segments[0]
    np.testing.assert_array_equal(v_two, np.asarray(seg.analogsignals[0].magnitude))
    for a, b in zip(s_two, seg.spiketrains):
        np.testing.assert_array_equal(a, np.asarray(b.magnitude))
    assert sum(len(s) for s in s_two) > 0


def test_assembly_record_and_get_data(sim):
    sim.setup(timestep=DT)
    a = sim.Population(3, sim.IF_curr_exp(i_offset=1.0), label="a")
    b = sim.Population(2, sim.IF_curr_exp(i_offset=1.0), label="b")
    asm = a + b
    asm.record("spikes")
    sim.run(50.0)
    blk = asm.get_data()
    assert len(blk.segments[0].spiketrains) == 5
    assert all(len(s) > 0 for s in blk.segments[0].spiketrains)
    assert asm.mean_spike_count() > 0


def test_get_data_clear(sim):
    cells, _ = _net(sim)
    cells.record(["spikes", "v"])
    sim.run(20.0)
    cells.get_data(clear=True)
    sim.run(20.0)
    seg = cells.get_data().segments[-1]
    for st in seg.spiketrains:
        assert np.all(st.magnitude >= 20.0)
    v = seg.analogsignals[0]
    assert v.t_start == 20.0 * pq.ms
    assert v.shape[0] == 201


def test_native_rng_initial_values_drawn_by_volley(sim):
    from pyNN.random import NativeRNG

    def v0(seed):
        sim.setup(timestep=DT, rng_seeds_seed=seed)
        p = sim.Population(200, sim.IF_curr_exp(), label="cells")
        p.initialize(v=RandomDistribution("uniform", (-70.0, -60.0), rng=NativeRNG()))
        p.record("v")
        sim.run(0.1)
        return np.asarray(p.get_data().segments[0].analogsignals[0].magnitude)[0]

    a, b, c = v0(1), v0(1), v0(2)
    assert np.all((a >= -70.0) & (a < -60.0)) and np.unique(a).size == 200
    assert abs(a.mean() + 65.0) < 1.0
    np.testing.assert_array_equal(a, b)  # Volley's seed decides
    assert not np.array_equal(a, c)
    sim.reset()
    with pytest.raises(NotImplementedError, match="native rng"):
        sim.Population(3, sim.IF_curr_exp()).initialize(
            v=RandomDistribution("gamma", (2.0, 1.0), rng=NativeRNG()))
