package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Base dimension indices into a Dim.
const (
	idxMetre = iota
	idxKilogram
	idxSecond
	idxAmp
	idxKelvin
	idxMole
	idxCandela
	numBase
)

// baseSymbols are the SI symbols of the seven base units, in Dim order.
var baseSymbols = [numBase]string{"m", "kg", "s", "A", "K", "mol", "cd"}

// Dim is a physical dimension: the exponents of the seven SI base units
// (m, kg, s, A, K, mol, cd), each stored multiplied by two so that
// half-integer exponents such as those of sqrt(second) are exact.
// The zero value is dimensionless. Dims are comparable with ==.
type Dim [numBase]int8

// Dimensionless is the dimension of pure numbers (the zero Dim).
var Dimensionless Dim

// Common dimensions. They are values: copying one and changing the copy never
// affects them.
var (
	Metre    = Dim{idxMetre: 2}
	Kilogram = Dim{idxKilogram: 2}
	Second   = Dim{idxSecond: 2}
	Amp      = Dim{idxAmp: 2}
	Kelvin   = Dim{idxKelvin: 2}
	Mole     = Dim{idxMole: 2}
	Candela  = Dim{idxCandela: 2}
	Hertz    = Dim{idxSecond: -2}
	Newton   = Dim{idxMetre: 2, idxKilogram: 2, idxSecond: -4}
	Joule    = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -4}
	Watt     = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -6}
	Coulomb  = Dim{idxSecond: 2, idxAmp: 2}
	Volt     = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -6, idxAmp: -2}
	Ohm      = Dim{idxMetre: 4, idxKilogram: 2, idxSecond: -6, idxAmp: -4}
	Siemens  = Dim{idxMetre: -4, idxKilogram: -2, idxSecond: 6, idxAmp: 4}
	Farad    = Dim{idxMetre: -4, idxKilogram: -2, idxSecond: 8, idxAmp: 4}
)

// Mul returns the dimension of a product. Exponents beyond ±63.5 wrap; use
// CheckedMul for dimensions computed from user input.
func (d Dim) Mul(e Dim) Dim {
	for i := range d {
		d[i] += e[i]
	}
	return d
}

// Div returns the dimension of a quotient. Exponents beyond ±63.5 wrap; use
// CheckedDiv for dimensions computed from user input.
func (d Dim) Div(e Dim) Dim {
	for i := range d {
		d[i] -= e[i]
	}
	return d
}

// CheckedMul is Mul with an error instead of wrap-around when an exponent
// leaves the representable range ±63.5.
func (d Dim) CheckedMul(e Dim) (Dim, error) {
	for i := range d {
		s := int(d[i]) + int(e[i])
		if s > math.MaxInt8 || s < math.MinInt8 {
			return Dim{}, fmt.Errorf("units: exponent of %s out of range in (%s)*(%s)", baseSymbols[i], d, e)
		}
		d[i] = int8(s)
	}
	return d, nil
}

// CheckedDiv is Div with an error instead of wrap-around when an exponent
// leaves the representable range ±63.5.
func (d Dim) CheckedDiv(e Dim) (Dim, error) {
	for i := range d {
		s := int(d[i]) - int(e[i])
		if s > math.MaxInt8 || s < math.MinInt8 {
			return Dim{}, fmt.Errorf("units: exponent of %s out of range in (%s)/(%s)", baseSymbols[i], d, e)
		}
		d[i] = int8(s)
	}
	return d, nil
}

// Pow returns d raised to the power p. It fails when a resulting exponent is
// not a multiple of 1/2 or leaves the range ±63.5. Any power of
// Dimensionless is Dimensionless.
func (d Dim) Pow(p float64) (Dim, error) {
	if d == Dimensionless {
		return d, nil
	}
	var r Dim
	for i, e := range d {
		x := float64(e) * p
		if math.IsNaN(x) || math.IsInf(x, 0) || x != math.Trunc(x) {
			return Dim{}, fmt.Errorf("units: cannot raise %s to the power %s: exponent of %s would not be a multiple of 1/2",
				d, strconv.FormatFloat(p, 'g', -1, 64), baseSymbols[i])
		}
		if x > math.MaxInt8 || x < math.MinInt8 {
			return Dim{}, fmt.Errorf("units: cannot raise %s to the power %s: exponent of %s out of range",
				d, strconv.FormatFloat(p, 'g', -1, 64), baseSymbols[i])
		}
		r[i] = int8(x)
	}
	return r, nil
}

// Sqrt returns the dimension of a square root (all exponents halved). It
// fails when an exponent would become a quarter.
func (d Dim) Sqrt() (Dim, error) { return d.Pow(0.5) }

// IsDimensionless reports whether d is the dimension of a pure number.
func (d Dim) IsDimensionless() bool { return d == Dimensionless }

// Exponent returns the exponent of base unit i (0 = m, 1 = kg, 2 = s, 3 = A,
// 4 = K, 5 = mol, 6 = cd), which may be a half-integer.
func (d Dim) Exponent(i int) float64 {
	if i < 0 || i >= numBase {
		panic("units: base index out of range")
	}
	return float64(d[i]) / 2
}

// namedDims are coherent SI units displayed by name when a Dim equals them
// exactly (or up to a power of metre or second). Every symbol here is accepted by
// Lookup, so String output can be parsed back.
var namedDims = [...]struct {
	sym string
	dim Dim
}{
	{"V", Volt},
	{"S", Siemens},
	{"F", Farad},
	{"ohm", Ohm},
	{"A", Amp},
	{"Hz", Hertz},
	{"C", Coulomb},
	{"W", Watt},
	{"J", Joule},
}

// String formats d like Brian2: a named coherent unit when one matches
// exactly ("V", "S", "Hz"), a named unit times an integer power of metre or
// second up to 3 ("S m^-2", "V s^-1"),
// else the base units with exponents ("m^2 kg s^-3 A^-1", "s^0.5").
// Dimensionless prints as "1".
func (d Dim) String() string {
	if d == Dimensionless {
		return "1"
	}
	for _, n := range namedDims {
		if d == n.dim {
			return n.sym
		}
	}
	for _, n := range namedDims {
		if n.dim == Hertz {
			continue // "m^2 s^-1" reads better than "Hz m^2"
		}
		r := d.Div(n.dim)
		for _, i := range [...]int{idxMetre, idxSecond} {
			var pure Dim
			pure[i] = r[i]
			if k := r[i]; k != 0 && k%2 == 0 && k >= -6 && k <= 6 && r == pure {
				return n.sym + " " + baseString(r)
			}
		}
	}
	return baseString(d)
}

// baseString writes d in base units only.
func baseString(d Dim) string {
	var b strings.Builder
	for i, e := range d {
		if e == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(baseSymbols[i])
		if e != 2 {
			b.WriteByte('^')
			b.WriteString(strconv.FormatFloat(float64(e)/2, 'g', -1, 64))
		}
	}
	return b.String()
}
