"""
Connections drawn by Volley itself: a connector or synapse values with PyNN's
NativeRNG ("the simulator's own rng") become Volley connector rules and
distributions.  Sizes come from Volley's summary, the connections themselves
from the synapse tables Volley writes (outputs.synapses); they cannot be set.
"""

import numpy as np
import pytest
from pyNN.random import NativeRNG, NumpyRNG, RandomDistribution

from conftest import last_summary

DT = 0.1


def test_fixed_probability_native(sim):
    def build(seed):
        sim.setup(timestep=DT, rng_seeds_seed=seed)
        a = sim.Population(200, sim.SpikeSourcePoisson(rate=5.0), label="a")
        b = sim.Population(150, sim.IF_curr_exp(), label="b")
        return sim.Projection(a, b, sim.FixedProbabilityConnector(0.1, rng=NativeRNG()),
                              sim.StaticSynapse(weight=0.1, delay=0.5))
    prj = build(1)
    n = prj.size()  # Volley builds the network once to count
    assert abs(n - 3000) < 5 * np.sqrt(3000 * 0.9)
    sim.run(5.0)
    assert prj.size() == n == last_summary(sim)["projections"][0]["synapses"]
    conns = prj.get(["weight", "delay"], format="list")
    assert len(conns) == n
    assert all(w == pytest.approx(0.1) and d == pytest.approx(0.5) for _, _, w, d in conns)
    assert len(set((i, j) for i, j, _, _ in conns)) == n  # no multapses with fixed_probability
    with pytest.raises(NotImplementedError, match="cannot"):
        prj.set(weight=0.2)
    assert build(1).size() == n
    assert build(2).size() != n


def test_native_counts_views_and_fixed_number(sim):
    sim.setup(timestep=DT)
    a = sim.Population(50, sim.SpikeSourcePoisson(rate=5.0), label="a")
    b = sim.Population(40, sim.IF_cond_exp(), label="b")
    p1 = sim.Projection(a[10:20], b, sim.AllToAllConnector(),
                        sim.StaticSynapse(weight=RandomDistribution("uniform", (0.001, 0.002), rng=NativeRNG())))
    p2 = sim.Projection(a, b[5:25], sim.FixedNumberPreConnector(7, rng=NativeRNG()), sim.StaticSynapse(weight=0.01))
    p3 = sim.Projection(a, b, sim.FixedNumberPostConnector(3, rng=NativeRNG()),
                        sim.StaticSynapse(weight=0.01))
    assert (p1.size(), p2.size(), p3.size()) == (10 * 40, 7 * 20, 3 * 50)
    sim.run(2.0)


def test_native_weights_reach_the_cells(sim):
    sim.setup(timestep=DT)
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[5.0]), label="src")
    post = sim.Population(100, sim.IF_curr_exp(tau_syn_E=1e9, v_thresh=1000.0), label="post")
    prj = sim.Projection(src, post, sim.AllToAllConnector(),
                         sim.StaticSynapse(weight=RandomDistribution("uniform", (0.1, 0.2), rng=NativeRNG()),
                                           delay=1.0))
    post.record("isyn_exc")
    sim.run(10.0)
    i_end = np.asarray(post.get_data().segments[0].analogsignals[0].magnitude)[-1]
    assert np.all((i_end >= 0.1) & (i_end < 0.2)) and np.unique(i_end).size == 100
    # the weights Volley drew, read back, are those the cells received (the current does not decay)
    w = prj.get("weight", format="array")[0]
    np.testing.assert_allclose(w, i_end, rtol=1e-8)  # tau_syn_E = 1e9 ms: 4e-9 of decay


def test_native_refusals(sim):
    sim.setup(timestep=DT)
    a = sim.Population(5, sim.SpikeSourcePoisson(rate=5.0))
    b = sim.Population(5, sim.IF_curr_exp())
    with pytest.raises(NotImplementedError, match="no counterpart"):
        sim.Projection(a, b, sim.DistanceDependentProbabilityConnector("d<2", rng=NativeRNG()),
                       sim.StaticSynapse(weight=0.1))
    with pytest.raises(NotImplementedError, match="constant or a RandomDistribution with NativeRNG"):
        sim.Projection(a, b, sim.FixedProbabilityConnector(0.5, rng=NativeRNG()),
                       sim.StaticSynapse(weight=RandomDistribution("uniform", (0.1, 0.2), rng=NumpyRNG(1))))
    with pytest.raises(NotImplementedError, match="contiguous"):
        sim.Projection(a[::2], b, sim.FixedProbabilityConnector(0.5, rng=NativeRNG()),
                       sim.StaticSynapse(weight=0.1))
