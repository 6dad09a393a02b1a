"""
Connectors: the backend draws connectivity with PyNN's own connector code, so
it must give exactly the connections of PyNN's mock backend for the same rng
seed; the counts must follow the connector; and the Volley run must use
exactly these synapses (indices, weights, delays), also through
PopulationViews and Assemblies.
"""

import numpy as np
import pytest
from pyNN.random import NumpyRNG, RandomDistribution

from conftest import last_summary

DT = 0.1


def _build(sim, connector_factory, synapse_factory, pre_n=30, post_n=20):
    sim.setup(timestep=DT, min_delay=0.1, max_delay=10.0)
    pre = sim.Population(pre_n, sim.SpikeSourcePoisson(rate=10.0), label="pre")
    post = sim.Population(post_n, sim.IF_cond_exp(), label="post")
    prj = sim.Projection(pre, post, connector_factory(sim), synapse_factory(sim),
                         receptor_type="excitatory")
    return prj


def _mock_list(connector_factory, synapse_factory, **kw):
    import pyNN.mock as mock
    prj = _build(mock, connector_factory, synapse_factory, **kw)
    out = prj.get(["weight", "delay"], format="list")
    mock.end()
    return sorted(tuple(float(x) for x in row) for row in out)


CASES = {
    "all_to_all": (lambda s: s.AllToAllConnector(), 30 * 20),
    "one_to_one": (lambda s: s.OneToOneConnector(), 20),
    "fixed_probability": (lambda s: s.FixedProbabilityConnector(0.2, rng=NumpyRNG(seed=42)), None),
    "fixed_number_pre": (lambda s: s.FixedNumberPreConnector(5, rng=NumpyRNG(seed=43)), 5 * 20),
    "fixed_number_post": (lambda s: s.FixedNumberPostConnector(4, rng=NumpyRNG(seed=44)), 4 * 30),
    "fixed_total_number": (lambda s: s.FixedTotalNumberConnector(50, rng=NumpyRNG(seed=45)), 50),
    "distance_dependent": (lambda s: s.DistanceDependentProbabilityConnector("exp(-d/5)",
                                                                             rng=NumpyRNG(seed=46)), None),
    "array": (lambda s: s.ArrayConnector(np.arange(600).reshape(30, 20) % 7 == 0), 86),
    "from_list": (lambda s: s.FromListConnector([(0, 1, 0.01, 0.5), (3, 2, 0.02, 1.0), (3, 2, 0.03, 2.0)],
                                                column_names=["weight", "delay"]), 3),
}


def _syn(s):
    return s.StaticSynapse(weight=RandomDistribution("uniform", (0.001, 0.01), rng=NumpyRNG(seed=7)),
                           delay=RandomDistribution("uniform", (0.1, 3.0), rng=NumpyRNG(seed=8)))


@pytest.mark.parametrize("case", sorted(CASES))
def test_connector_counts_and_same_as_mock(sim, case):
    factory, expected = CASES[case]
    want = _mock_list(factory, _syn)
    prj = _build(sim, factory, _syn)
    got = sorted(tuple(float(x) for x in row) for row in prj.get(["weight", "delay"], format="list"))
    assert got == want
    if expected is not None:
        assert prj.size() == expected
    if case in ("one_to_one", "fixed_number_pre"):
        post_counts = np.bincount([int(r[1]) for r in got], minlength=20)
        assert np.all(post_counts == (1 if case == "one_to_one" else 5))
    if case == "fixed_number_post":
        pre_counts = np.bincount([int(r[0]) for r in got], minlength=30)
        assert np.all(pre_counts == 4)
    sim.run(1.0)
    summary = last_summary(sim)
    assert sum(p["synapses"] for p in summary["projections"]) == prj.size()


def test_all_to_all_no_self_connections(sim):
    sim.setup(timestep=DT)
    p = sim.Population(10, sim.IF_curr_exp())
    prj = sim.Projection(p, p, sim.AllToAllConnector(allow_self_connections=False),
                         sim.StaticSynapse(weight=0.1))
    assert prj.size() == 90
    assert all(i != j for i, j, w in prj.get("weight", format="list"))


def test_weights_delays_and_indices_reach_volley(sim):
    """Each pre cell fires once at its own time; each synapse shows up in isyn_exc of its
    post cell at spike time + delay with its weight.  Pre and post are a view and an
    assembly, so the index mapping is exercised too."""
    sim.setup(timestep=DT, min_delay=0.1)
    from pyNN.parameters import Sequence
    src_a = sim.Population(4, sim.SpikeSourceArray(spike_times=[Sequence([10.0 + 10 * k]) for k in range(4)]),
                           label="a")
    post1 = sim.Population(3, sim.IF_curr_exp(tau_syn_E=1e9, v_thresh=1000.0), label="post1")
    post2 = sim.Population(2, sim.IF_curr_exp(tau_syn_E=1e9, v_thresh=1000.0), label="post2")
    both = post1 + post2  # Assembly, 5 cells
    view = src_a[1:4]     # cells 1, 2, 3 of a (fire at 20, 30, 40 ms)
    conns = [(0, 0, 0.1, 1.0), (0, 4, 0.2, 2.5), (1, 1, 0.3, 0.1), (2, 3, 0.4, 5.0), (2, 3, 0.5, 7.0)]
    prj = sim.Projection(view, both, sim.FromListConnector(conns, column_names=["weight", "delay"]),
                         sim.StaticSynapse(), receptor_type="excitatory")
    assert prj.size() == 5
    post1.record("isyn_exc")
    post2.record("isyn_exc")
    sim.run(60.0)
    traces = np.hstack([np.asarray(p.get_data().segments[0].analogsignals[0].magnitude) for p in (post1, post2)])
    expected = np.zeros_like(traces)
    for i, j, w, d in conns:
        t_spike = 10.0 + 10 * (i + 1)
        step = int(round((t_spike + d) / DT))
        expected[step + 1:, j] += w  # arrives during step `step`: visible in the next sample
    np.testing.assert_allclose(traces, expected, atol=1e-9)


def test_save_and_from_file_roundtrip(sim, tmp_path):
    prj = _build(sim, CASES["fixed_probability"][0], _syn)
    f = str(tmp_path / "conn.txt")
    prj.save(["weight", "delay"], f, format="list")
    first = sorted(prj.get(["weight", "delay"], format="list"))
    pre, post = prj.pre, prj.post
    prj2 = sim.Projection(pre, post, sim.FromFileConnector(f), sim.StaticSynapse())
    assert prj2.size() == prj.size()
    np.testing.assert_allclose(np.array(sorted(prj2.get(["weight", "delay"], format="list"))),
                               np.array(first), rtol=1e-6)
    sim.run(1.0)
    assert sum(p["synapses"] for p in last_summary(sim)["projections"]) == 2 * prj.size()


def test_create_and_connect(sim):
    sim.setup(timestep=DT)
    a = sim.create(sim.SpikeSourcePoisson(rate=10.0), n=5)
    b = sim.create(sim.IF_curr_exp(), n=4)
    prj = sim.connect(a, b, weight=0.1, p=1.0)
    assert prj.size() == 20
