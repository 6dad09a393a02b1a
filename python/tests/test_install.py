"""The backend is importable as pyNN.volley (what pyNN.utility.get_simulator imports)."""

import importlib
import os


def test_pynn_volley_importable_from_the_tested_location():
    sim = importlib.import_module("pyNN.volley")
    site_dir = os.environ.get("VOLLEY_PYNN_SITE")
    if site_dir:  # run_tests.sh: the pip-installed copy is the one under test
        assert os.path.realpath(sim.__file__).startswith(os.path.realpath(site_dir))
    assert sim.simulator.name == "Volley"
    assert importlib.import_module("pyNN.volley.simulator") is sim.simulator
    for name in ("setup", "run", "run_until", "end", "reset", "num_processes", "rank",
                 "get_current_time", "Population", "PopulationView", "Assembly", "Projection",
                 "initialize", "record", "IF_curr_exp", "IF_cond_exp", "EIF_cond_exp_isfa_ista",
                 "HH_cond_exp", "Izhikevich", "SpikeSourcePoisson", "SpikeSourceArray",
                 "StaticSynapse", "TsodyksMarkramSynapse", "AllToAllConnector", "OneToOneConnector",
                 "FixedProbabilityConnector", "FixedNumberPreConnector",
                 "FixedNumberPostConnector", "FromListConnector"):
        assert hasattr(sim, name), name
