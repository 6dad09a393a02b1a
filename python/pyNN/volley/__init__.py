"""
Volley implementation of the PyNN API (``pyNN.volley``).

The network is described with PyNN in Python, written as a Volley model file
(TOML + .npy) at ``run()``, simulated by the Volley binary (found through
$VOLLEY_BIN, ``setup(volley_binary=...)`` or ``volley`` on PATH), and the
results come back as Neo blocks.

Anything PyNN offers that Volley cannot do raises NotImplementedError.

Extra ``setup()`` arguments: ``threads`` (worker threads of the Go engine),
``rng_seeds`` / ``rng_seeds_seed`` / ``seed`` (the Volley run seed, used by
SpikeSourcePoisson), ``volley_binary``.
"""

import logging
from pyNN import common
from pyNN.common.control import DEFAULT_MAX_DELAY, DEFAULT_TIMESTEP, DEFAULT_MIN_DELAY
from pyNN.connectors import (AllToAllConnector, OneToOneConnector, FixedProbabilityConnector,
                             FixedNumberPreConnector, FixedNumberPostConnector,
                             FromListConnector, FromFileConnector, ArrayConnector,
                             IndexBasedProbabilityConnector,
                             DistanceDependentProbabilityConnector,
                             DisplacementDependentProbabilityConnector,
                             FixedTotalNumberConnector, CloneConnector, SmallWorldConnector,
                             CSAConnector)
from pyNN.recording import get_io
from pyNN.standardmodels import StandardCellType
from . import simulator
from .standardmodels import *  # noqa
from .standardmodels import StaticSynapse
from .populations import Population, PopulationView, Assembly
from .projections import Projection

logger = logging.getLogger("PyNN")


def list_standard_models():
    """Return a list of all the StandardCellType classes available for this simulator."""
    return [obj.__name__ for obj in globals().values()
            if isinstance(obj, type) and issubclass(obj, StandardCellType)
            and getattr(obj, "volley_model", None)]


def setup(timestep=DEFAULT_TIMESTEP, min_delay=DEFAULT_MIN_DELAY,
          **extra_params):
    """
    Should be called at the very beginning of a script.

    Extra parameters: `threads`, `rng_seeds` (a list: its first element is the
    Volley seed), `rng_seeds_seed` or `seed` (the Volley seed), `volley_binary`.
    """
    max_delay = extra_params.get('max_delay', DEFAULT_MAX_DELAY)
    common.setup(timestep, min_delay, **extra_params)
    if extra_params.get('num_processes', 1) != 1 or extra_params.get('rank', 0) != 0:
        raise NotImplementedError("the Volley backend runs in one process (no MPI)")
    simulator.state.clear()
    simulator.state.dt = timestep
    simulator.state.min_delay = timestep if min_delay == 'auto' else min_delay
    simulator.state.max_delay = max_delay
    simulator.state.mpi_rank = 0
    simulator.state.num_processes = 1
    simulator.state.threads = int(extra_params.get('threads', 1))
    seed = 0
    if extra_params.get('rng_seeds') is not None:
        seeds = list(extra_params['rng_seeds'])
        if seeds:
            seed = int(seeds[0])
    for key in ('rng_seeds_seed', 'seed'):
        if extra_params.get(key) is not None:
            seed = int(extra_params[key])
    if not 0 <= seed < 2 ** 63:
        raise ValueError("the Volley seed must be in [0, 2**63)")
    simulator.state.seed = seed
    simulator.state.binary = extra_params.get('volley_binary')
    return rank()


def end(compatible_output=True):
    """Do any necessary cleaning up before exiting."""
    for (population, variables, filename) in simulator.state.write_on_end:
        io = get_io(filename)
        population.write_data(io, variables)
    simulator.state.write_on_end = []
    simulator.state.end()


run, run_until = common.build_run(simulator)
run_for = run

reset = common.build_reset(simulator)

initialize = common.initialize

get_current_time, get_time_step, get_min_delay, get_max_delay, \
    num_processes, rank = common.build_state_queries(simulator)

create = common.build_create(Population)

connect = common.build_connect(Projection, FixedProbabilityConnector, StaticSynapse)

record = common.build_record(simulator)


def record_v(source, filename):
    return record(['v'], source, filename)


def record_gsyn(source, filename):
    return record(['gsyn_exc', 'gsyn_inh'], source, filename)
