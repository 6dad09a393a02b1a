"""
Populations whose cells have different parameter values are written with
per-cell parameters (init_files); every cell must behave exactly as the same
cell alone in a homogeneous population (which runs the hand-fused kernel).
"""

import numpy as np
from pyNN.parameters import Sequence

DT = 0.1
I_OFFSET = [0.5, 0.8, 0.5, 1.2, 0.8, 0.5]
TAU_M = [20.0, 20.0, 10.0, 20.0, 20.0, 20.0]
V0 = [-65.0, -60.0, -55.0, -70.0, -62.0, -58.0]


def _run(sim, i_offset, tau_m, v0, n):
    sim.setup(timestep=DT, min_delay=0.1)
    src = sim.Population(1, sim.SpikeSourceArray(spike_times=[Sequence([5.0, 15.0, 40.0])]), label="src")
    cells = sim.Population(n, sim.IF_curr_exp(i_offset=i_offset, tau_m=tau_m, tau_refrac=2.0), label="cells")
    cells.initialize(v=v0)
    sim.Projection(src, cells, sim.AllToAllConnector(), sim.StaticSynapse(weight=1.0, delay=1.0))
    out = sim.Population(2, sim.IF_curr_exp(), label="out")
    prj = sim.Projection(cells, out, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.3, delay=0.5))
    cells.record(["spikes", "v"])
    out.record("isyn_exc")
    sim.run(60.0)
    seg = cells.get_data().segments[0]
    v = np.asarray(seg.filter(name="v")[0].magnitude)
    spikes = [np.asarray(s.magnitude) for s in seg.spiketrains]
    isyn = np.asarray(out.get_data().segments[0].filter(name="isyn_exc")[0].magnitude)
    return v, spikes, isyn, prj.size()


def test_per_cell_parameters(sim):
    v, spikes, isyn, size = _run(sim, I_OFFSET, TAU_M, V0, 6)
    assert size == 12
    assert sum(len(s) for s in spikes) > 6
    for k in range(6):
        v1, s1, _, _ = _run(sim, I_OFFSET[k], TAU_M[k], V0[k], 1)
        np.testing.assert_array_equal(v[:, k], v1[:, 0])
        np.testing.assert_array_equal(spikes[k], s1[0])
    # the outgoing projection sums the spikes of all six cells
    all_spikes = np.concatenate(spikes)
    jumps = np.round(np.diff(isyn[:, 0]) / 0.3)
    assert jumps[jumps > 0].sum() == all_spikes.size
