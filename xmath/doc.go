// Package xmath holds the elementary functions whose speed decides the cost
// of a simulation step, written in Go so that they give the same bits on
// every platform.
//
// Exp is the exponential of every kernel, of constant folding and of the
// catalog cells: the standard library's math.Exp runs an assembly routine on
// amd64 and s390x and Go code elsewhere, and takes about 8 ns on amd64. Exp
// here takes a third of that and its results do not depend on the machine.
// No library offers a portable, faster exp for Go (the usual ones, SLEEF and
// VDT, are C); this one follows the textbook table method (Tang 1989): x =
// (64·m + j)·ln2/64 + r with |r| ≤ ln2/128, exp(x) = 2^m · 2^(j/64) · e^r,
// e^r from a degree-6 polynomial, 2^(j/64) from a table rounded correctly
// from 200-bit values.
//
// Log is the natural logarithm by the same kind of table method (Tang
// 1990), within one unit in the last place: the standard library's math.Log
// is an assembly routine on amd64 and s390x and Go code elsewhere, fused
// into multiply-adds on some platforms, so its bits depend on the machine.
// Its table of log(1 + j/128) is a literal, which TestLogTable computes
// again from 200-bit values.
//
// ExpTo and ExprelTo, the slice forms, give the bits of Exp and Exprel at
// every value. The GOEXPERIMENT=simd build adds Exp4 and Exprel4, which
// compute four values at once with AVX2 by the same operations in the same
// order (no fused multiply-add). The default amd64 build runs the same
// four-value loops in Go assembly inside ExpTo and ExprelTo, where the
// processor has AVX2, and eight-value ones with AVX-512 where it has that
// (the same operations in every lane again); `-tags purego` selects the
// plain Go loops, which the other architectures run.
//
// # Fused multiply-add
//
// The Go specification lets the compiler fuse x*y + z into one fused
// multiply-add, which rounds once instead of twice and so changes bits; Go
// does so on arm64, ppc64le, s390x and riscv64, and on amd64 built with
// GOAMD64=v3 or higher. An explicit conversion rounds the product and
// prevents the fusion, so every product here that meets an addition or
// subtraction is written float64(x*y): every platform then computes what the
// default amd64 build, the assembly and the vector loops compute. The rest of
// the simulation follows the same rule, and tools/nofma.sh checks it.
package xmath
