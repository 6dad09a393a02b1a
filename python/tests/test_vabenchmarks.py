"""
End to end: PyNN's VAbenchmarks.py, unchanged (tests/data/VAbenchmarks.py),
run with `volley` as the simulator in a subprocess, as
`python VAbenchmarks.py volley CUBA` would; its printed rates must be within
15% of the reference (NEURON via PyNN and Brian2), and its Results/*.pkl Neo
files must be readable.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys

import neo
import pytest

from conftest import DATA, PYTHON_DIR, volley_binary

REF = json.load(open(os.path.join(DATA, "va_reference.json")))


def run_va(benchmark, tmp_path, *options):
    volley_binary()
    script = tmp_path / "VAbenchmarks.py"
    shutil.copy(os.path.join(DATA, "VAbenchmarks.py"), script)
    # the import path of pyNN.volley: the installed copy run_tests.sh made, else the source tree
    site_dir = os.environ.get("VOLLEY_PYNN_SITE", PYTHON_DIR)
    boot = ("import site, sys, runpy; site.addsitedir(%r); sys.argv = sys.argv[1:]; "
            "runpy.run_path(sys.argv[0], run_name='__main__')" % site_dir)
    proc = subprocess.run([sys.executable, "-c", boot, str(script), "volley", benchmark, *options],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    report = out[out.index("--- Vogels-Abbott Network Simulation ---"):]
    print(report)
    rates = {k: float(re.search(r"%s rate\s*:\s*([0-9.eE+-]+) Hz" % name, report).group(1))
             for k, name in (("exc", "Excitatory"), ("inh", "Inhibitory"))}
    return report, rates


@pytest.mark.parametrize("benchmark,options", [("CUBA", ()), ("COBA", ()),
                                               ("CUBA", ("--use-assembly",)), ("COBA", ("--use-views",))])
def test_vabenchmarks(benchmark, options, tmp_path):
    report, rates = run_va(benchmark, tmp_path, *options)
    assert "Simulation type        : %s" % benchmark in report
    if options:
        assert re.search(r"Number of Synapses\s*: \d+ e→e,i  \d+ i→e,i", report)
    else:
        assert re.search(r"Number of Synapses\s*: \d+ e→e  \d+ e→i  \d+ i→e  \d+ i→i", report)
    for ref_name, ref in REF[benchmark].items():
        for pop in ("exc", "inh"):
            assert abs(rates[pop] / ref[pop] - 1) < 0.15, (benchmark, pop, rates[pop], ref_name, ref[pop])
    files = sorted(glob.glob(str(tmp_path / "Results" / "*" / "*.pkl")))
    assert len(files) == 2, files
    for f in files:
        blk = neo.io.PickleIO(f).read_block()
        seg = blk.segments[0]
        assert blk.annotations["simulator"] == "Volley"
        assert blk.annotations["script_name"].endswith("VAbenchmarks.py")
        if "_exc_" in os.path.basename(f):
            assert len(seg.spiketrains) == 3200
            (v,) = seg.analogsignals
            assert v.name == "v" and v.shape == (10001, 2) and str(v.units.dimensionality) == "mV"
        else:
            assert len(seg.spiketrains) == 800 and seg.analogsignals == []
        n = sum(len(s) for s in seg.spiketrains)
        rate = n / len(seg.spiketrains)  # spikes per cell in 1 s
        assert rate == pytest.approx(rates["exc" if "_exc_" in f else "inh"], rel=1e-4)
