"""TsodyksMarkramSynapse against a direct Volley run of the same model; STDP against an
event-by-event computation."""

import math

import numpy as np
import pytest

from conftest import run_toml

DT = 0.1
TIMES = [10.0 + 50.0 * k for k in range(10)]  # 20 Hz


def test_tsodyks_markram_depressing(sim, tmp_path):
    sim.setup(timestep=DT)
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=TIMES), label="src")
    post = sim.Population(1, sim.IF_curr_exp(tau_syn_E=3.0, v_thresh=0.0), label="post")
    syn = sim.TsodyksMarkramSynapse(weight=0.5, delay=1.0, U=0.5, tau_rec=800.0, tau_facil=0.0)
    prj = sim.Projection(src, post, sim.AllToAllConnector(), syn, receptor_type="excitatory")
    assert prj.get("U", format="list", with_address=False) == [0.5]
    post.record(["isyn_exc", "v"])
    sim.run(520.0)
    i_syn = np.asarray(post.get_data().segments[0].filter(name="isyn_exc")[0].magnitude)[:, 0]
    text = """
[run]
dt = "0.1 ms"
duration = "520 ms"
[groups.src]
size = 1
model = "SpikeSourceArray"
spike_times = [[%s]]
[groups.post]
size = 1
model = "IF_curr_exp"
params = { tau_syn_E = "3 ms", v_thresh = "0 mV" }
[projections.tm]
pre = "src"
post = "post"
connector = { rule = "all_to_all" }
weight = "0.5 nA"
delay = "1 ms"
synapse = "TsodyksMarkramSynapse"
params = { U = 0.5, tau_rec = "800 ms", tau_facil = "0 ms" }
[monitors.state.m]
group = "post"
vars = ["isyn_exc"]
""" % ", ".join('"%g ms"' % t for t in TIMES)
    res = run_toml(text, tmp_path)
    np.testing.assert_allclose(i_syn[:-1], res["m"]["isyn_exc"][0] * 1e9, rtol=1e-9, atol=1e-12)
    # depression: each PSC jump is smaller than the one before
    jumps = [i_syn[int(round((t + 1.0) / DT)) + 1] - i_syn[int(round((t + 1.0) / DT))] for t in TIMES]
    assert abs(jumps[0] - 0.5 * 0.5) < 1e-9  # first spike: weight * U
    assert all(b < a for a, b in zip(jumps, jumps[1:]))


def _stdp_reference(pre_arrivals, post_spikes, w, rule, wd):
    """The weight after pair-based STDP, computed event by event from the spike times:
    traces P (pre) and M (post) +1 per spike, decaying with tau_plus and tau_minus;
    at a presynaptic arrival w -= A_minus*M*f-, at a postsynaptic spike w += A_plus*P*f+,
    clipped to [w_min, w_max]; arrivals before spikes of the same step (Brian2's order)."""
    events = sorted([(t, 0) for t in pre_arrivals] + [(t, 1) for t in post_spikes])
    P = M = 0.0
    last = 0.0
    for t, kind in events:
        P *= math.exp(-(t - last) / rule["tau_plus"])
        M *= math.exp(-(t - last) / rule["tau_minus"])
        last = t
        if kind == 0:
            P += 1
            dep = wd["w_max"] if wd["kind"] == "additive" else w - wd["w_min"]
            w = min(max(w - rule["A_minus"] * M * dep, wd["w_min"]), wd["w_max"])
        else:
            M += 1
            pot = wd["w_max"] if wd["kind"] == "additive" else wd["w_max"] - w
            w = min(max(w + rule["A_plus"] * P * pot, wd["w_min"]), wd["w_max"])
    return w


@pytest.mark.parametrize("kind", ["additive", "multiplicative"])
def test_stdp_weights_read_back(sim, kind):
    """Pre spikes at 20 Hz onto a cell that fires on its own: the weights after the run,
    read back from Volley (Projection.get), equal the event-by-event computation from the
    recorded spike times; a second run() continues the learning."""
    sim.setup(timestep=DT)
    times = [5.0 + 37.0 * k for k in range(8)]
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=times), label="src")
    cell = sim.Population(1, sim.IF_curr_exp(i_offset=1.0, tau_refrac=2.0), label="cell")
    rule = dict(tau_plus=16.8, tau_minus=33.7, A_plus=0.03, A_minus=0.02)
    wd = dict(w_min=0.0, w_max=0.4)
    dep = sim.AdditiveWeightDependence(**wd) if kind == "additive" else sim.MultiplicativeWeightDependence(**wd)
    stdp = sim.STDPMechanism(timing_dependence=sim.SpikePairRule(**rule), weight_dependence=dep,
                             weight=0.2, delay=1.5, dendritic_delay_fraction=0)
    prj = sim.Projection(src, cell, sim.AllToAllConnector(), stdp, receptor_type="excitatory")
    cell.record("spikes")
    sim.run(150.0)
    sim.run(150.0)
    post = np.asarray(cell.get_data().segments[0].spiketrains[0].magnitude)
    assert len(post) >= 8
    arrivals = [t + 1.5 for t in times if t + 1.5 < 300.0]
    want = _stdp_reference(arrivals, list(post), 0.2, rule, dict(wd, kind=kind))
    got = prj.get("weight", format="list", with_address=False)[0]
    assert got != 0.2
    assert got == pytest.approx(want, rel=1e-9)


def test_stdp_refuses_dendritic_delays(sim):
    sim.setup(timestep=DT)
    with pytest.raises(NotImplementedError, match="dendritic_delay_fraction=0"):
        sim.STDPMechanism(timing_dependence=sim.SpikePairRule(),
                          weight_dependence=sim.AdditiveWeightDependence())
