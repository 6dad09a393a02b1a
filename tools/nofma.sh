#!/usr/bin/env bash
# nofma.sh: fail if Go fuses a multiply and an add anywhere in the simulation.
#
# The Go specification lets the compiler fuse x*y + z into one fused
# multiply-add (FMA), which rounds once instead of twice and so changes bits.
# Go does so on arm64, ppc64le, s390x and riscv64, and on amd64 built with
# GOAMD64=v3 or higher; the default amd64 build (GOAMD64=v1), the AVX2
# assembly and the GOEXPERIMENT=simd vector loops never fuse. Volley gives
# the same bits on every platform only if no fusion happens, which the code
# prevents by rounding products explicitly: float64(x*y) + z.
#
# This script compiles the packages with -gcflags=-S for GOARCH=arm64, for
# GOARCH=amd64 GOAMD64=v3 and for GOARCH=amd64 GOAMD64=v3 GOEXPERIMENT=simd
# (the files behind build tags of each), and lists every fused instruction
# by file:line. Only the packages named are listed, not their dependencies.
#
# Usage: tools/nofma.sh [package ...]
#   Packages as go build takes them, relative to the module root (./xmath,
#   ./build/...), from any directory. They default to every package of the
#   module except plot/ and cmd/ (drawing and timing code, whose arithmetic
#   does not reach results). Takes about 10 s on two cores when nothing is
#   cached.
# Exit status: 0 none found, 1 fused instructions found (listed on stdout),
# 2 a build failed.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd -P)

if [ $# -gt 0 ]; then
	pkgs=("$@")
else
	mod=$(go list -m)
	mapfile -t pkgs < <(go list ./... | grep -v -E "^$mod/(plot|cmd)(/|\$)")
fi

arm64='\b(FMADDD|FMSUBD|FNMADDD|FNMSUBD|FMADDS|FMSUBS|FNMADDS|FNMSUBS)\b'
amd64='\bVFN?M(ADD|SUB)[0-9A-Z]*\b'

out=$(mktemp)
hits=$(mktemp)
trap 'rm -f "$out" "$hits"' EXIT

# check NAME REGEX ENV...: one -S build (the cache replays the listing when
# nothing changed); appends "file:line: INSTR (NAME)" to $hits.
check() {
	local name=$1 re=$2
	shift 2
	if ! env "$@" go build -o /dev/null -gcflags=-S "${pkgs[@]}" >"$out" 2>&1; then
		# the errors again, without the listings of the packages that compiled
		env "$@" go build -o /dev/null "${pkgs[@]}" >&2 || true
		echo "nofma: the $name build failed" >&2
		exit 2
	fi
	# "\t0x0010 00016 (/path/file.go:23)\tFMADDD\tF3, ..." -> "file.go:23 FMADDD name"
	grep -E "$re" "$out" |
		sed -E "s#^.*\\(($root/)?([^)]*:[0-9]+)\\)[[:space:]]+([A-Z0-9]+).*\$#\\2 \\3 $name#" >>"$hits" || true
}

check arm64 "$arm64" GOARCH=arm64
check amd64-v3 "$amd64" GOARCH=amd64 GOAMD64=v3
check amd64-v3-simd "$amd64" GOARCH=amd64 GOAMD64=v3 GOEXPERIMENT=simd

if [ -s "$hits" ]; then
	echo "nofma: fused multiply-adds (write float64(x*y) + z to prevent them):"
	# one line per file:line: its instructions and the builds that fuse there
	sort -u "$hits" | awk '
		{ if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
		  if (!(($1, $2) in si)) { si[$1, $2] = 1; ins[$1] = ins[$1] (ins[$1] ? ", " : "") $2 }
		  if (!(($1, $3) in sb)) { sb[$1, $3] = 1; bld[$1] = bld[$1] (bld[$1] ? ", " : "") $3 } }
		END { for (i = 1; i <= n; i++) printf "%s: %s (%s)\n", order[i], ins[order[i]], bld[order[i]] }' |
		sort -t: -k1,1 -k2,2n
	exit 1
fi
echo "nofma: no fused multiply-add in ${#pkgs[@]} packages"
