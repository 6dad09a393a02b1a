"""TsodyksMarkramSynapse against a direct Volley run of the same model."""

import numpy as np

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
