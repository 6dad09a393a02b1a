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

// # Methods
//
// Methods are data (one table in methods.go; the explicit Runge–Kutta methods
// as Butcher tableaux) and follow Brian2's names and rules:
//
//	exact              linear equations with constant coefficients (alias "linear")
//	exponential_euler  conditionally linear equations: x ← −B/A + (x + B/A)·exp(A·dt)
//	euler              forward Euler; Euler–Maruyama for additive noise
//	rk2, rk4           explicit Runge–Kutta (midpoint, classical)
//	heun               Heun's predictor–corrector; Stratonovich for noise
//	milstein           one multiplicative noise term (Ito)
//
// With no method named, Choose takes the first of exact, euler and heun that
// applies, as Brian2's NeuronGroup does. A named method that does not apply
// is refused with the reason and the list of methods that do.
//
// Noise terms xi and xi_<name> (dimension second**-0.5) become standard
// normal draws named _xi, _xi_<name> in the program, scaled by sqrt(dt).
// A coefficient A that is 0 in exponential Euler (no dependence on the
// variable) gives the Euler step x + dt·B; an A that is zero only at run time
// gives NaN, which the engine reports.
