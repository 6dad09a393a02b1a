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
//
// # Methods
//
// One table (methods.go) lists the methods with Brian2's names, in the order
// of Brian2's documentation; the explicit Runge–Kutta methods are Butcher
// tableaux (explicit.go). Each reproduces the update Brian2 2.5 generates
// (brian2/stateupdaters), so traces can be compared with Brian2's step by
// step:
//
//	method             applies to                                  update
//	exact (linear)     linear, constant coefficients, no noise     x ← P·x + q (ExactLinearProgram)
//	exponential_euler  each dx/dt = A·x + B with A, B free of x    _BA_x = B/A; x ← −_BA_x + (_BA_x + x)·exp(A·dt)
//	euler              any; additive noise (Euler–Maruyama)        x ← x + dt·f + Σ g_j·dW_j
//	rk2                any, no noise                               k = dt·f(x, t); x ← x + dt·f(x + k/2, t + dt/2)
//	rk4                any, no noise                               classical k_1 … k_4; x ← x + k_1/6 + k_2/3 + k_3/3 + k_4/6
//	heun               any; any noise (Stratonovich)               stochastic Heun; forward Euler drift
//	milstein           any; diagonal noise (Stratonovich)          derivative-free Milstein; forward Euler drift
//
// Exponential Euler writes x·exp(A·dt) when B is the literal 0 and x + dt·B
// when A is. As in Brian2 these tests are symbolic: an A that evaluates to 0
// at run time (a conductance parameter set to 0) divides by zero, and the
// engine stops the run on the resulting NaN.
//
// Brian2's heun and milstein take a forward Euler step for the drift f, so
// they are first-order methods on deterministic equations, not Heun's
// second-order predictor–corrector.
//
// # Noise
//
// A right-hand side is f + Σ_j g_j·xi_j, linear in each noise term xi or
// xi_<name> (dimension second**-0.5), with no product of two noise terms.
// Noise is additive when no g_j depends on a state variable or on t, and
// multiplicative otherwise (Brian2's Equations.stochastic_type). Brian2 reads
// stochastic equations in the Stratonovich sense: heun and milstein converge
// to the Stratonovich solution (for dx = mu·x dt + s·x·dW the mean grows as
// exp((mu + s²/2)·t)), and euler, which would converge to the Itô one, is
// refused for multiplicative noise. milstein needs diagonal noise: at most one
// noise term per equation, each in one equation.
//
// # Choosing a method
//
// With no method named, Choose takes the first of Defaults — exact, euler,
// heun — that applies, as Brian2's NeuronGroup and Synapses do: linear
// equations are integrated exactly, other deterministic equations and
// additive noise with euler (Hodgkin–Huxley too: exponential_euler is used
// only when named), multiplicative noise with heun. A named method that does
// not apply is refused with the reason and the methods that do apply:
//
//	method "exact" does not apply: dV/dt depends on V through exp((V - VT)/DT) (not linear); methods that apply: euler, rk2, rk4, heun, milstein
//
// Method names are case-insensitive; "linear" is "exact"; Brian2's GSL
// methods and "independent" are refused by name. Volley's exact differs from
// Brian2's sympy solution in two ways that can change the default choice:
// it accepts singular systems (dv/dt = I/C with constant I, Brian2 #1010) and
// systems whose solution sympy writes with complex numbers (the undamped
// oscillator dx/dt = y, dy/dt = -w**2*x), which Brian2 refuses and then
// integrates with euler. For a constant right-hand side both give the same
// numbers; otherwise compare such models with Brian2 under a named method.
//
// # Programs
//
// Integrate returns a Program (program.go). Its conventions:
//   - the new value of a state variable v is the temporary "_v", and
//     Updates lists v ← _v for every variable, in System order;
//   - intermediate temporaries start with "__", as in Brian2: "__k_1_v"
//     (stage 1 of v), "__x_support_v_xi", "__g_support_v_xi", "__k_v_xi"
//     (Heun and Milstein support values for noise xi), "__dW_xi" (the Wiener
//     increment); exponential Euler's "_BA_v" keeps Brian2's name;
//   - the noise term xi_<name> is the standard normal draw "_xi_<name>" in
//     Noise, and every stochastic program starts with
//     __dW_xi_<name> = sqrt(dt)*_xi_<name>;
//   - the program of exact reads "_P_<i>_<j>" and "_q_<i>", the entries of
//     the propagator and input term, which the kernel compiler binds (see
//     ExactLinearProgram);
//   - names starting with "_" are reserved: a System that uses one is
//     refused, and a temporary that clashes with another is an error.
package integrate
