#!/usr/bin/env bash
# crossarch.sh: the seed examples give the same bits on arm64 as on amd64.
#
# Volley promises the same outputs on every platform: no fused multiply-add
# in its Go code (tools/nofma.sh), its own exp, exprel and log, and the
# amd64 assembly making the scalar operations in their order. This script
# checks the promise end to end: it builds volley for amd64 and for arm64,
# runs the arm64 binary under qemu's user-mode emulation, and compares every
# output file (.npz, .npy) of each example byte for byte. At the commit
# before these guarantees, cuba's and coba's traces and tsodyks2000's x_ee
# differed on arm64.
#
# Usage: tools/crossarch.sh [example ...]   (default: cuba coba coba_hh
#   tian2020 tsodyks2000; about 15 s under qemu on two cores)
# Needs qemu-aarch64-static or qemu-aarch64 (Debian: qemu-user-static) on an
# amd64 host; without them, or on another host, it says so and exits 0.
# Exit status: 0 the same bits (or skipped), 1 a file differs or a run
# failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(go env GOHOSTARCH)" != amd64 ]; then
  echo "crossarch: the host is not amd64; skipped"
  exit 0
fi
qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
if [ -z "$qemu" ]; then
  echo "crossarch: no qemu-aarch64 (Debian: qemu-user-static); skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOARCH=amd64 go build -o "$tmp/volley-amd64" ./cmd/volley
GOARCH=arm64 go build -o "$tmp/volley-arm64" ./cmd/volley

models=("$@")
[ ${#models[@]} -gt 0 ] || models=(cuba coba coba_hh tian2020 tsodyks2000)
fail=0
for m in "${models[@]}"; do
  # the models' warnings go to the log, shown only when a run fails
  if ! "$tmp/volley-amd64" run "$m" --no-plots --quiet --out "$tmp/amd64/$m" >/dev/null 2>"$tmp/log" ||
    ! "$qemu" "$tmp/volley-arm64" run "$m" --no-plots --quiet --out "$tmp/arm64/$m" >/dev/null 2>"$tmp/log"; then
    cat "$tmp/log"
    echo "crossarch: $m did not run"
    exit 1
  fi
  n=0
  for f in "$tmp/amd64/$m"/*.np*; do
    n=$((n + 1))
    if ! cmp -s "$f" "$tmp/arm64/$m/$(basename "$f")"; then
      echo "crossarch: $m/$(basename "$f") differs between amd64 and arm64"
      fail=1
    fi
  done
  echo "crossarch: $m: $n output files compared"
done
if [ $fail = 0 ]; then
  echo "crossarch: the same bits on amd64 and arm64 (${models[*]})"
fi
exit $fail
