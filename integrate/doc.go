// Package integrate turns the right-hand sides of ordinary differential
// equations into update rules for one time step.
//
// Values are SI floats (seconds for dt). Integration methods are data: a
// method is described once and applied to any system it accepts.
//
// Exact integration of linear systems with constant coefficients,
//
//	dx/dt = A·x + b,
//
// uses the matrix exponential of the augmented matrix [[A, b], [0, 0]]·dt,
// whose upper blocks are the propagator P = exp(A·dt) and the input term
// q = ∫₀^dt exp(A·s) ds · b, so that x(t+dt) = P·x(t) + q holds for every
// linear system, singular A included, without hand-derived formulas per model.
package integrate
