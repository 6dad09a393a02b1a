"""
What Volley cannot do raises NotImplementedError with a clear message, never a
silently different model.
"""

import pytest
from pyNN.random import NumpyRNG, RandomDistribution

DT = 0.1


def test_too_many_distinct_parameter_values(sim):
    """Cells take per-cell parameters; spike sources take one value per parameter, so a source
    population is written as one Volley group per distinct value set, up to 64."""
    sim.setup(timestep=DT)
    sim.Population(100, sim.IF_cond_exp(tau_m=RandomDistribution("uniform", (10.0, 20.0),
                                                                 rng=NumpyRNG(seed=1))))
    sim.run(1.0)  # one group, tau_m per cell
    sim.setup(timestep=DT)
    sim.Population(100, sim.SpikeSourcePoisson(rate=RandomDistribution("uniform", (10.0, 20.0),
                                                                       rng=NumpyRNG(seed=1))))
    with pytest.raises(NotImplementedError, match="100 distinct values of rate"):
        sim.run(1.0)


def test_heterogeneous_tsodyks_markram_parameters(sim):
    sim.setup(timestep=DT)
    a = sim.Population(3, sim.SpikeSourcePoisson(rate=10.0))
    b = sim.Population(3, sim.IF_curr_exp())
    sim.Projection(a, b, sim.AllToAllConnector(),
                   sim.TsodyksMarkramSynapse(weight=0.1, U=RandomDistribution("uniform", (0.1, 0.9),
                                                                              rng=NumpyRNG(seed=2))))
    with pytest.raises(NotImplementedError, match="one value of U for all synapses"):
        sim.run(1.0)


def test_stdp_and_current_sources(sim):
    sim.setup(timestep=DT)
    with pytest.raises(NotImplementedError, match="dendritic_delay_fraction=0"):
        sim.STDPMechanism()  # PyNN's default: all the delay dendritic
    with pytest.raises(NotImplementedError, match="GutigWeightDependence"):
        sim.GutigWeightDependence()
    with pytest.raises(NotImplementedError, match="voltage-dependent"):
        sim.STDPMechanism(timing_dependence=sim.SpikePairRule(), weight_dependence=sim.AdditiveWeightDependence(),
                          voltage_dependence=object(), dendritic_delay_fraction=0)
    with pytest.raises(NotImplementedError, match="current sources"):
        sim.DCSource(amplitude=1.0)
    with pytest.raises(NotImplementedError, match="gap junctions"):
        sim.ElectricalSynapse()


def test_changes_after_run_need_reset(sim):
    sim.setup(timestep=DT)
    p = sim.Population(2, sim.IF_curr_exp())
    sim.run(1.0)
    with pytest.raises(NotImplementedError, match="reset"):
        p.set(tau_m=10.0)
    with pytest.raises(NotImplementedError, match="reset"):
        p.initialize(v=-60.0)
    with pytest.raises(NotImplementedError, match="reset"):
        sim.Population(2, sim.IF_curr_exp())
    sim.reset()
    p.set(tau_m=10.0)  # fine after reset
    sim.run(1.0)


def test_synapse_initial_values(sim):
    sim.setup(timestep=DT)
    a = sim.Population(2, sim.SpikeSourcePoisson(rate=10.0))
    b = sim.Population(2, sim.IF_curr_exp())
    prj = sim.Projection(a, b, sim.OneToOneConnector(), sim.TsodyksMarkramSynapse(weight=0.1))
    with pytest.raises(NotImplementedError, match="synaptic state"):
        prj.initialize(u=0.3)


def test_volley_refusal_is_reported(sim):
    """A model Volley refuses (here a delay shorter than one time step, which
    PyNN 0.10 does not check) stops run() with Volley's message."""
    sim.setup(timestep=DT)
    a = sim.Population(2, sim.SpikeSourceArray(spike_times=[1.0]))
    b = sim.Population(2, sim.IF_curr_exp())
    sim.Projection(a, b, sim.OneToOneConnector(), sim.StaticSynapse(weight=0.1, delay=0.05))
    with pytest.raises(sim.simulator.VolleyError, match="shorter than one time step"):
        sim.run(5.0)


def test_mpi_refused(sim):
    with pytest.raises(NotImplementedError, match="MPI"):
        sim.setup(timestep=DT, num_processes=2)


def test_native_rng_parameters_refused(sim):
    from pyNN.random import NativeRNG
    sim.setup(timestep=DT)
    with pytest.raises(NotImplementedError, match="cannot draw parameter tau_m"):
        sim.Population(3, sim.IF_curr_exp(tau_m=RandomDistribution("uniform", (10.0, 20.0), rng=NativeRNG())))


def test_nested_view_parameters(sim):
    sim.setup(timestep=DT)
    p = sim.Population(10, sim.IF_curr_exp())
    p[2:8][1:3].set(tau_m=[11.0, 12.0])
    assert list(p.get("tau_m")) == [20.0] * 3 + [11.0, 12.0] + [20.0] * 5
    assert list(p[2:8][1:3].get("tau_m")) == [11.0, 12.0]
