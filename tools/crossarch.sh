#!/usr/bin/env bash
# crossarch.sh: the seed examples give the same bits on arm64 and on 32-bit
# arm (ARMv7) as on amd64.
#
# Volley promises the same outputs on every platform: no fused multiply-add
# in its Go code (tools/nofma.sh), its own exp, exprel and log, and the
# amd64 assembly making the scalar operations in their order. This script
# checks the promise end to end: it builds volley for amd64, arm64 and arm,
# runs the arm binaries under qemu's user-mode emulation, and compares every
# output file (.npz, .npy) of each example byte for byte. At the commit
# before these guarantees, cuba's and coba's traces and tsodyks2000's x_ee
# differed on arm64.
#
# Usage: tools/crossarch.sh [example ...]   (default: cuba coba coba_hh
#   tian2020 tsodyks2000; about 15 s per architecture under qemu on two
#   cores)
# Needs qemu-aarch64-static or qemu-aarch64, and qemu-arm-static or
# qemu-arm (Debian: qemu-user-static), on an amd64 host; an architecture
# whose qemu is missing, or another host, is skipped with a message.
# Exit status: 0 the same bits (or skipped), 1 a file differs or a run
# failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(go env GOHOSTARCH)" != amd64 ]; then
  echo "crossarch: the host is not amd64; skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOARCH=amd64 go build -o "$tmp/volley-amd64" ./cmd/volley

models=("$@")
[ ${#models[@]} -gt 0 ] || models=(cuba coba coba_hh tian2020 tsodyks2000)
for m in "${models[@]}"; do
  # the models' warnings go to the log, shown only when a run fails
  if ! "$tmp/volley-amd64" run "$m" --no-plots --quiet --out "$tmp/amd64/$m" >/dev/null 2>"$tmp/log"; then
    cat "$tmp/log"
    echo "crossarch: $m did not run on amd64"
    exit 1
  fi
done

fail=0
checked=()
for arch in arm64 arm; do
  case $arch in
  arm64) qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true) ;;
  arm) qemu=$(command -v qemu-arm-static || command -v qemu-arm || true) ;;
  esac
  if [ -z "$qemu" ]; then
    echo "crossarch: no qemu for $arch (Debian: qemu-user-static); $arch skipped"
    continue
  fi
  GOARCH=$arch GOARM=7 go build -o "$tmp/volley-$arch" ./cmd/volley
  for m in "${models[@]}"; do
    if ! "$qemu" "$tmp/volley-$arch" run "$m" --no-plots --quiet --out "$tmp/$arch/$m" >/dev/null 2>"$tmp/log"; then
      cat "$tmp/log"
      echo "crossarch: $m did not run on $arch"
      exit 1
    fi
    n=0
    for f in "$tmp/amd64/$m"/*.np*; do
      n=$((n + 1))
      if ! cmp -s "$f" "$tmp/$arch/$m/$(basename "$f")"; then
        echo "crossarch: $m/$(basename "$f") differs between amd64 and $arch"
        fail=1
      fi
    done
    echo "crossarch: $m: $n output files compared on $arch"
  done
  checked+=("$arch")
done
if [ $fail = 0 ] && [ ${#checked[@]} -gt 0 ]; then
  echo "crossarch: the same bits on amd64, $(IFS=,; echo "${checked[*]}" | sed 's/,/, /g') (${models[*]})"
fi
exit $fail
