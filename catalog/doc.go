// Package catalog holds the standard cell models, by their PyNN names, with
// PyNN's parameter names, defaults and units.
//
// Each model is one file whose doc comment is its specification: equations,
// parameter table, state variables, receptors and the integration method.
// Parameter tables give defaults in PyNN's units (ms, mV, nF, nA, µS, Hz);
// every value handed to a kernel is SI (s, V, F, A, S, Hz), converted once
// when the kernel is made. Defaults live only in the tables.
//
// Kernels follow Brian2's schedule and semantics: Step advances a block of
// cells by one step and lists those that cross threshold, Reset applies the
// reset. Refractoriness is kept as the step of the last spike: a cell is
// refractory at step n while n − lastspike < int((tau_refrac + dt/1000)/dt), as
// Brian2's timestep(t − lastspike, dt) < timestep(refractory, dt); during that time v
// is clamped at v_reset (PyNN) and the synaptic variables go on decaying.
//
// Kernels never allocate and make no interface call per cell; derived
// constants (propagators, refractory step counts) are computed when the
// kernel is made. On amd64 with AVX2, IF_curr_exp and IF_cond_exp step four
// cells at a time, with the scalar loop's operations in its order, so that
// both give the same bits: in the default build by Go assembly
// (step_amd64.s, eight cells at a time where the processor has AVX-512,
// see xmath.AVX512; IF_cond_exp's exponentials by xmath.ExpTo), in a build with
// GOEXPERIMENT=simd by simd/archsimd (step_simd.go; the exponentials by
// xmath.Exp4). Building with -tags purego (without GOEXPERIMENT=simd)
// selects the plain Go loops (step_scalar.go).
package catalog
