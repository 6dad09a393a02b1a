// Package kernel compiles equation-defined cell dynamics into kernels that
// run over blocks of cells: the last stage of the equation pipeline
// (text → AST → checked equations → update program → kernel).
//
// An update program (integrate.Program), a threshold condition, reset
// statements and a refractory rule are compiled into short instruction lists
// for a small vector machine. Every instruction works on a whole block of
// cells (up to BlockSize) at once, so the cost of decoding it is paid once per
// block, not per cell: there is no tree walk and no interface call per cell.
// Compilation folds constant subexpressions, shares common subexpressions and
// reuses block registers once their values are dead. A division by a
// number is compiled as a multiplication by its reciprocal (within an ulp;
// Brian2's C++ is compiled with -ffast-math, which does the same).
//
// A Linear update (the exact solution or the Euler step of linear equations
// whose coefficients are numbers over runs of cells) skips the machine: its
// loops keep the coefficients of a run in registers and give the numbers
// the exact program gives on the machine.
//
// Operands are state arrays (SI values, one per cell), block registers, or
// constants. Names resolve, in order, to: temporaries of the program; state
// variables and per-cell parameters (arrays); constants of the model's
// namespace; t, dt, i, N, lastspike and not_refractory; noise names; unit
// names; pi, e, inf, True and False.
//
// Semantics follow Brian2:
//   - every new value is computed from the state at the start of the step;
//     variables flagged (unless refractory) keep their value in refractory cells;
//   - a cell spikes when its threshold condition holds on the new state and it
//     is not refractory;
//   - reset statements run in order for the cells that spiked, each seeing the
//     assignments before it; the step of the spike is recorded;
//   - refractoriness is a time (a constant or an expression per cell,
//     compared as timestep(t − lastspike, dt) ≥ timestep(refractory, dt)) or a
//     condition: a cell that spiked stays refractory until the condition is
//     false;
//   - lastspike is −1e4 s before the first spike, as in Brian2.
//
// On amd64 the machine's arithmetic loops, the linear loops, Chain and the
// stores run four lanes at a time with AVX2, each lane with the scalar
// operation and no fused multiply-add, so every build gives the same bits:
// the default build runs them in Go assembly (vm_amd64.s; eight lanes at a
// time where the processor has AVX-512, see xmath.AVX512), a build with
// GOEXPERIMENT=simd with simd/archsimd (vm_simd.go, which also takes exp and
// exprel four lanes at a time). The plain Go loops (vm_loops.go) run on
// other processors, without AVX2, and in a build with -tags purego; the
// tests compare the vector loops with them bit for bit. The default amd64
// build also scans a threshold of the form "variable > number" and makes
// the constant and conditional refractory tests of contiguous blocks four
// cells at a time in Go assembly (threshold_amd64.s; eight with AVX-512),
// finding the same
// cells in the same order and writing the same values as the Go loops,
// which the other builds, GOEXPERIMENT=simd included, run.
//
// Random numbers come from counter-based streams keyed by (seed, purpose,
// group, cell, step), one stream per cell and step for each of the update,
// threshold and reset programs, with the draws of a program's call sites in
// program order (a single noise term of the update takes rng.Normals, which
// gives two neighbouring cells one Philox block). Results therefore do not depend on how cells are split into
// blocks or threads.
package kernel
