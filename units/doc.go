// Package units provides SI dimensions and quantities with Brian2-compatible
// unit names, for reading parameters such as "20*mV" or "0.2 ms" and for
// checking the dimensions of equations.
//
// # Convention
//
// Every value is held in coherent SI units in a float64: seconds, volts,
// amperes, siemens, farads, ohms, hertz, metres, kilograms, moles. A
// Quantity pairs such a value with its Dim, so 0.2 ms is
// Quantity{Value: 0.0002, Dim: Second}. Conversion to and from prefixed
// units happens only when text is parsed (Parse, Lookup) or written
// (Format, Quantity.String), never in arithmetic.
//
// # Dimensions
//
// A Dim holds the exponents of the seven SI base units (m, kg, s, A, K,
// mol, cd), doubled so that half-integer exponents are exact: the
// dimension of sqrt(second), which white-noise amplitudes carry in Brian2
// (xi has unit second**-0.5), is representable and comparable with ==.
// Exponents range over ±63.5; Pow and the Checked operations report
// anything outside that range or not a multiple of 1/2 as an error.
// Radian and steradian are dimensionless, as in Brian2.
//
// # Names
//
// Lookup accepts every unit name Brian2 defines (full names with SI
// prefixes such as msecond, mvolt, nsiemens, Mohm; the short names ms, mV,
// nS, pF, Hz, cm, um, mM, ...; power suffixes as in cm2 and metre3), plus
// the SI symbols s, m, g, A, K, mol, cd, Hz, J, W, C, V, F, S, ohm and M
// (molar) with any prefix. Names are case-sensitive (mS is millisiemens,
// ms millisecond). kilogram takes no prefix; celsius is not supported
// (it is an affine scale). Every unit's scale is an exact power of ten,
// so Parse computes "0.2 ms" as the float64 nearest to 0.0002.
//
// # Invariants
//
// The package has no mutable state. Functions given user text return
// errors (*ParseError for Parse) and never panic; MustParse and
// Dim.Exponent panic only on programmer misuse. Parse(Format(q)) and
// Parse(q.String()) give back q, up to one rounding of the decimal value.
package units
