"""
Make ``pyNN.volley`` importable when PyNN itself lives in another directory.

PyNN is a regular package (Debian installs it in /usr/lib/python3/dist-packages),
so a ``pyNN/volley`` directory installed elsewhere (e.g. by pip into
/usr/local/lib/python3.X/dist-packages, or a --target directory) is not part of
``pyNN.__path__``.  This module installs a finder, at the end of sys.meta_path,
that resolves ``pyNN.volley`` to the first ``pyNN/volley/__init__.py`` found on
sys.path.  Its submodules are then found the ordinary way, under the name
``pyNN.volley.*``.

The finder is installed at start-up by ``volley_pynn.pth`` (site-packages
processes .pth files); elsewhere call ``volley_pynn_hook.install()``, or
``site.addsitedir(DIR)`` on the directory holding ``volley_pynn.pth``.
The module imports nothing heavy: PyNN is imported only when asked for.
"""

import importlib.abc
import importlib.util
import os
import sys

NAME = "pyNN.volley"


class _VolleyFinder(importlib.abc.MetaPathFinder):

    def find_spec(self, fullname, path=None, target=None):
        if fullname != NAME:
            return None
        for entry in sys.path:
            pkg = os.path.join(entry or os.getcwd(), "pyNN", "volley")
            init = os.path.join(pkg, "__init__.py")
            if os.path.isfile(init):
                return importlib.util.spec_from_file_location(
                    fullname, init, submodule_search_locations=[pkg])
        return None


def install():
    """Install the finder (idempotent)."""
    for f in sys.meta_path:
        if isinstance(f, _VolleyFinder) or type(f).__name__ == "_VolleyFinder":
            return
    sys.meta_path.append(_VolleyFinder())
