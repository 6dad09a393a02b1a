"""
Simulator state of the Volley backend.

PyNN objects (populations, projections, recorders) register themselves here.
At every ``run()`` the whole network is written as a Volley model file (TOML
plus .npy connection lists, see ``modelfile.py``) and simulated by the Go
binary; the results are read back from the output directory.  A run is
written with a checkpoint at its end (``--keep-checkpoint``): when the next
``run()`` finds the same model, Volley extends the previous run from that
checkpoint (``volley resume --duration``) instead of simulating from t = 0.
Either way the result is the same, bit for bit: Volley's random streams are
counter-based (keyed by seed, group, cell and step) and its checkpoints hold
the whole state, so a run to 2 T repeats the first T of a run to T step for
step.

:copyright: the Volley authors.  Built on PyNN's mock backend (CeCILL).
"""

import json
import logging
import os
import shutil
import subprocess
import tempfile
import time

from pyNN import common

name = "Volley"
logger = logging.getLogger("PyNN")

#: environment variable naming the volley binary
BINARY_ENV = "VOLLEY_BIN"


class ID(int, common.IDMixin):

    def __init__(self, n):
        """Create an ID object with numerical value `n`."""
        int.__init__(n)
        common.IDMixin.__init__(self)


def find_binary(explicit=None):
    """Return the path of the volley binary: `explicit`, $VOLLEY_BIN, or `volley` on PATH."""
    candidates = []
    if explicit:
        candidates.append(explicit)
    if os.environ.get(BINARY_ENV):
        candidates.append(os.environ[BINARY_ENV])
    for c in candidates:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
        raise RuntimeError("volley binary %r (from %s) is not an executable file"
                           % (c, "setup(volley_binary=...)" if c == explicit else "$" + BINARY_ENV))
    found = shutil.which("volley")
    if found:
        return found
    raise RuntimeError(
        "cannot find the volley binary: build it with `go build -o /some/dir/volley ./cmd/volley` "
        "in the Volley repository and set $%s to its path (or put it on PATH, "
        "or pass setup(volley_binary=...))" % BINARY_ENV)


class VolleyError(RuntimeError):
    """The volley binary refused the model or failed."""


class State(common.control.BaseState):

    def __init__(self):
        common.control.BaseState.__init__(self)
        self.mpi_rank = 0
        self.num_processes = 1
        self.dt = 0.1
        self.min_delay = 0.1
        self.max_delay = 10.0
        self.threads = 1
        self.seed = 0
        self.binary = None
        self.workdir = None
        self.keep_files = bool(os.environ.get("VOLLEY_PYNN_KEEP"))
        self.run_count = 0
        self.last_run_seconds = None
        self.last_run = None  # (model text without its duration, run directory, output directory)
        self.extended_runs = 0  # run() calls served by extending the previous run
        self.clear()

    # --- network registry -------------------------------------------------

    def clear(self):
        self.recorders = set([])
        self.populations = []
        self.projections = []
        self.id_counter = 0
        self.segment_counter = -1
        self.results = None
        self._cleanup_workdir()
        self.reset()

    def reset(self):
        """Reset the state of the current network to time t = 0."""
        for pop in getattr(self, "populations", []):
            pop._reset_spike_epochs()
        self.running = False
        self.t = 0
        self.t_start = 0
        self.segment_counter += 1
        self.results = None

    def check_not_running(self, what):
        """Volley cannot change the network in the middle of a simulation."""
        if self.t > 0:
            raise NotImplementedError(
                "the Volley backend cannot %s after run() (t = %g ms) without reset(): "
                "a run() continues the network of the runs before it, which must not change "
                "in between; call reset() first" % (what, self.t))

    # --- running ----------------------------------------------------------

    def _cleanup_workdir(self):
        if self.workdir and os.path.isdir(self.workdir) and not self.keep_files:
            shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir = None

    def ensure_workdir(self):
        if self.workdir is None or not os.path.isdir(self.workdir):
            self.workdir = tempfile.mkdtemp(prefix="pynn-volley-")
        return self.workdir

    def run(self, simtime):
        self.run_until(self.t + simtime)

    def _execute(self, n_steps, label, extend=False):
        """Write the model for a run of n_steps steps and run volley on it, or
        extend the previous run if `extend` and its model is the same;
        return (model, outdir, rundir)."""
        from . import modelfile  # late import: modelfile imports populations
        binary = find_binary(self.binary)
        workdir = self.ensure_workdir()
        self.run_count += 1
        rundir = os.path.join(workdir, "%s%03d" % (label, self.run_count))
        os.makedirs(rundir)
        model = modelfile.build_model(self, n_steps, rundir)
        key = modelfile.without_duration(model.text)
        threads = ["--threads", str(max(1, int(self.threads)))]
        last = self.last_run
        if (extend and last is not None and last[0] == key
                and os.path.isdir(os.path.join(last[2], "checkpoint"))):
            # the same network, continued: resume the previous run to the new end
            shutil.rmtree(rundir, ignore_errors=True)
            rundir, outdir = last[1], last[2]
            cmd = [binary, "resume", outdir, "--duration", modelfile.duration_text(model),
                   "--keep-checkpoint", "--no-plots", "--quiet"] + threads
            self.extended_runs += 1
        else:
            model_path = os.path.join(rundir, "model.toml")
            with open(model_path, "w") as f:
                f.write(model.text)
            outdir = os.path.join(rundir, "out")
            cmd = [binary, "run", model_path, "--out", outdir, "--force", "--no-plots", "--quiet",
                   "--keep-checkpoint"] + threads
        logger.debug("running %s", " ".join(cmd))
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.last_run_seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            raise VolleyError("volley %s failed (exit %d) in %s:\n%s%s"
                              % (cmd[1], proc.returncode, rundir, proc.stdout, proc.stderr))
        if proc.stderr.strip():
            for line in proc.stderr.strip().splitlines():
                logger.warning("volley: %s", line)
        self._read_native_counts(outdir)
        self.last_run = (key, rundir, outdir)
        return model, outdir, rundir

    def _read_native_counts(self, outdir):
        """Synapse counts of the projections Volley drew (NativeRNG), from summary.json, and
        their synapses, from the synapse tables the model asks Volley to write."""
        from . import modelfile
        native = {modelfile.native_projection_name(p): p for p in self.projections if p.native is not None}
        if not native:
            return
        with open(os.path.join(outdir, "summary.json")) as f:
            summary = json.load(f)
        for entry in summary.get("projections", []):
            if entry["name"] in native:
                native[entry["name"]].native.size = int(entry["synapses"])
        for name, prj in native.items():
            path = os.path.join(outdir, "synapses_%s.npz" % name)
            if os.path.exists(path):
                prj.native.table = modelfile.read_synapse_table(path, prj)

    def count_native_synapses(self):
        """Build the network (one step) to learn how many synapses Volley draws."""
        self._execute(0, "count")

    def _drop_old_runs(self, keep):
        if not self.keep_files:
            for name in os.listdir(self.workdir):
                p = os.path.join(self.workdir, name)
                if p != keep:
                    shutil.rmtree(p, ignore_errors=True)

    def run_until(self, tstop):
        from . import modelfile
        if tstop < self.t - self.dt / 2:
            raise ValueError("Time %g is in the past (current time %g)" % (tstop, self.t))
        n_steps = int(round(tstop / self.dt))
        if n_steps == 0:
            self.t = tstop
            self.running = True
            return
        model, outdir, rundir = self._execute(n_steps, "run", extend=self.t > 0 and self.results is not None)
        self.results = modelfile.read_results(model, outdir, self)
        self.t = tstop
        self.running = True
        self._drop_old_runs(rundir)

    def end(self):
        self._cleanup_workdir()


state = State()
