#!/bin/sh
# Tests of the PyNN backend pyNN.volley.
#
# Builds the volley binary, installs the Python package with pip into a
# temporary directory (offline: --no-deps --no-build-isolation, Debian's
# setuptools), points the tests at both, and runs them with /usr/bin/python3.
# Exit status: nonzero on failure; 0 with "skipping: ..." when /usr/bin/python3,
# PyNN (Debian: python3-pynn), neo, pytest or pip is missing.
#
# Usage: python/run_tests.sh [pytest arguments, paths relative to python/]
set -eu

PY=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

if [ ! -x "$PY" ]; then
    echo "skipping: $PY not found"; exit 0
fi
if ! (cd / && "$PY" -c "import pyNN, neo, numpy, quantities" 2>/dev/null); then
    echo "skipping: PyNN is not importable by $PY (apt-get install python3-pynn)"; exit 0
fi
if ! (cd / && "$PY" -c "import pytest" 2>/dev/null); then
    echo "skipping: pytest is not importable by $PY (apt-get install python3-pytest)"; exit 0
fi
if ! (cd / && "$PY" -m pip --version >/dev/null 2>&1); then
    echo "skipping: pip is not available for $PY (apt-get install python3-pip)"; exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/volley-pynn-tests.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "building volley ..."
(cd "$root" && go build -o "$tmp/volley" ./cmd/volley)

echo "installing the Python package into $tmp/site ..."
# from a copy, so that setuptools' build/ and *.egg-info stay out of the repository
mkdir -p "$tmp/src"
cp -R "$here/setup.py" "$here/volley_pynn_hook.py" "$here/volley_pynn.pth" "$here/pyNN" "$tmp/src/"
(cd "$tmp" && PIP_DISABLE_PIP_VERSION_CHECK=1 "$PY" -m pip install --quiet --no-deps \
    --no-build-isolation --no-index --target "$tmp/site" "$tmp/src") 2>&1 \
    | grep -v "Running pip as the 'root' user" || true
if [ ! -f "$tmp/site/pyNN/volley/__init__.py" ] || [ ! -f "$tmp/site/volley_pynn.pth" ]; then
    echo "pip install did not produce $tmp/site/pyNN/volley and volley_pynn.pth" >&2; exit 1
fi

export VOLLEY_BIN="$tmp/volley"
export VOLLEY_PYNN_SITE="$tmp/site"
cd "$here"
# -P: do not put the current directory (the source tree) on sys.path, so that
# the pip-installed copy is the one tested
[ $# -gt 0 ] || set -- tests
"$PY" -P -m pytest -q -p no:cacheprovider "$@"
