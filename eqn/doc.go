// Package eqn reads Brian2's expression language: it lexes and parses
// expressions into a small AST (Num, Ident, Unary, Binary, Call), prints
// them back in canonical form, evaluates constant expressions with units and
// infers dimensions, as the first stage of the equation pipeline
// (text → AST → checked equations → update program → kernel). It also
// parses Brian2 equation strings (ParseEquations) and reset/on_pre
// statements (ParseStatements).
//
// # Syntax
//
// Expressions follow Python, as in Brian2. Precedence, loosest first: or,
// and, not, comparisons (< <= > >= == !=, not chained), + -, * / %, unary
// + -, and ** (right-associative; -x**2 is -(x**2), 2**-1 is 2**(-1)).
// Numbers are decimal: 1, 1.5, .5, 1e-3, 1.E3; a number directly followed
// by a name ("3ms") is an error that suggests 3*ms. White space, including
// newlines, may appear anywhere between tokens.
//
// # Names and units
//
// EvalQuantity resolves a name through the caller's Lookup, then as a unit
// (units.Lookup: mV, ms, nS, siemens, ...), then as one of the constants
// pi, e, inf, True, False. Dims does the same with a function giving only
// dimensions. Values are SI float64 throughout (see package units).
//
// # Dimension rules (Brian2's)
//
//   - + - % and comparisons need operands of equal dimension;
//   - * and / multiply and divide dimensions;
//   - ** needs a dimensionless exponent, and a constant one unless the base
//     is dimensionless; the result's exponents must be multiples of 1/2;
//   - not, and, or need dimensionless operands; comparisons and logic give
//     dimensionless 0 or 1;
//   - exp, log, log10, sin, cos, tan, sinh, cosh, tanh, arcsin, arccos,
//     arctan, exprel and int need a dimensionless argument; sqrt halves
//     exponents; abs, floor and ceil keep the dimension; sign drops it;
//     clip(x, low, high) needs one dimension for all three; rand() and
//     randn() are dimensionless and not constant.
//
// There is no exception for the literal 0: write 0*mV.
//
// # Quantity literals and floor division
//
// A number followed by a unit name is a quantity literal that binds tighter
// than any operator: "-65 mV" is -(65*mV), "1/2 ms" is 1/(2*ms). Numbers
// directly followed by a name ("3ms") remain an error. // is Python's floor
// division.
//
// # Symbolic tools
//
// The later stages (integration methods, the kernel compiler) work on trees
// with these functions; all are pure and never modify their input.
//
//   - Simplify folds numbers (not unit names), writes products as one
//     number times factors over factors ("2*(3*x)" → 6*x, "x/1" → x,
//     "x*0" → 0, equal factors above and below cancel), flattens sums and
//     combines terms that differ by a number ("2*x + 3*x" → 5*x,
//     "x - x" → 0), and removes double signs and powers 0 and 1. As in
//     sympy, which Brian2 uses, x*0, x - x and x/x become numbers even where
//     x is infinite or NaN. It is idempotent and keeps the spelling of
//     numbers it leaves alone.
//   - Diff(e, x) is the simplified derivative, with the rules of + - * / **
//     and of every function (exprel's derivative is written to be finite at
//     0; abs, clip, %, floor, comparisons follow their pieces); tested
//     against finite differences on random trees.
//   - Names, DependsOn and Substitute (one pass, sharing unchanged
//     subtrees) work on identifiers; function names are not identifiers.
//   - Linear(e, x) splits e = a*x + b with a and b free of x (Brian2's
//     conditional linearity, for exponential Euler): e is linear when
//     Diff(e, x) is free of x and x does not enter a piecewise function or a
//     comparison; then b is e at x = 0.
//   - LinearSystem(rhs, vars, varying) returns A and b of rhs = A·vars + b
//     when the coefficients are free of vars, of the varying names (t), of
//     noise (xi, xi_*) and of rand()/randn() (the "exact" method), else a
//     reason such as "dv/dt depends on v through exp(v)".
//   - Equations.Inline substitutes subexpressions in dependency order (a
//     cycle is an *EquationError naming it: "a -> b -> a");
//     Equations.Check checks every equation's dimension (dx/dt = f : U
//     needs f in U/second; noise xi has dimension second**-0.5, as in
//     Brian2, and may appear in differential equations only), naming the
//     term at fault; Equations.Noise lists the noise names.
//
// ParseEquations accepts an equation continued over several lines while a
// parenthesis is open or a line ends with an operator.
//
// # Errors
//
// Nothing here panics on user input. Errors are typed and carry the source
// and byte offset: *SyntaxError, *DimensionError (with Got and Want),
// *NameError, *EvalError and *EquationError. Their Error method prints the
// message, the source line and a caret under the fault; for multi-line
// sources the message starts with the 1-based line number.
//
// # Invariants
//
// For every tree p returned by ParseExpr, ParseExpr(String(p)) returns a tree
// equal to p apart from offsets, and String is a fixed point of that round
// trip. Trees are never modified after construction; functions that build
// new trees may share subtrees with their inputs.
package eqn
