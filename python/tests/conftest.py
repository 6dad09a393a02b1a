"""
Test set-up for the PyNN backend pyNN.volley.

The backend must be importable as pyNN.volley: either installed (pip, see
../README.md) or from this source tree, for which the import hook is
installed here.  The Volley binary comes from $VOLLEY_BIN (run_tests.sh
builds it).
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

# run_tests.sh installs the package with pip into a directory and names it in
# $VOLLEY_PYNN_SITE; addsitedir processes its volley_pynn.pth (the import hook).
# Without it, the source tree (this directory's parent) is used.
SITE_DIR = os.environ.get("VOLLEY_PYNN_SITE") or PYTHON_DIR
import site  # noqa: E402
site.addsitedir(SITE_DIR)
import volley_pynn_hook  # noqa: E402
volley_pynn_hook.install()


def volley_binary():
    b = os.environ.get("VOLLEY_BIN")
    if not b or not os.access(b, os.X_OK):
        pytest.skip("VOLLEY_BIN is not set to the volley binary (run python/run_tests.sh)")
    return b


@pytest.fixture
def sim():
    volley_binary()
    import pyNN.volley as sim
    yield sim
    sim.end()


def run_toml(text, tmp_path, name="direct"):
    """Run a model text directly with the volley binary; return {file stem: dict of arrays}."""
    d = tmp_path / name
    d.mkdir()
    model = d / "model.toml"
    model.write_text(text)
    out = d / "out"
    proc = subprocess.run([volley_binary(), "run", str(model), "--out", str(out), "--force",
                           "--no-plots", "--quiet"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    res = {}
    for f in os.listdir(out):
        if f.endswith(".npz"):
            with np.load(out / f) as z:
                res[f[:-4]] = {k: z[k] for k in z.files}
        elif f == "summary.json":
            res["summary"] = json.loads((out / f).read_text())
    return res


def last_summary(sim):
    """summary.json of the backend's latest run."""
    st = sim.simulator.state
    runs = sorted((d for d in os.listdir(st.workdir) if d.startswith("run")), key=lambda d: int(d[3:]))
    with open(os.path.join(st.workdir, runs[-1], "out", "summary.json")) as f:
        return json.load(f)
