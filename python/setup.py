"""
Install the PyNN backend for Volley: the package ``pyNN.volley`` and a .pth
hook that makes it importable next to a PyNN installed elsewhere (Debian's
python3-pynn lives in /usr/lib/python3/dist-packages).  See README.md.

No pyproject.toml on purpose: pip then builds with the setuptools already
installed (no build isolation, nothing downloaded), so `pip install ./python`
works offline with Debian's python3-setuptools and python3-wheel.
"""

import os
from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
PTH = "volley_pynn.pth"


class build_py_with_pth(build_py):
    """Also put volley_pynn.pth at the root of the build (it lands in site-packages)."""

    def run(self):
        super().run()
        self.copy_file(os.path.join(HERE, PTH), os.path.join(self.build_lib, PTH),
                       preserve_mode=0)

    def get_outputs(self, include_bytecode=1):
        return super().get_outputs(include_bytecode) + [os.path.join(self.build_lib, PTH)]


setup(
    name="volley-pynn",
    version="0.1.0",
    description="PyNN backend (pyNN.volley) for the Volley spiking network simulator",
    license="CeCILL-compatible; see the repository",
    packages=["pyNN.volley"],
    py_modules=["volley_pynn_hook"],
    python_requires=">=3.9",
    # PyNN, neo, numpy and quantities come from Debian (python3-pynn) or pip;
    # they are not declared so that `pip install` never tries to fetch them.
    install_requires=[],
    cmdclass={"build_py": build_py_with_pth},
    zip_safe=False,
)
