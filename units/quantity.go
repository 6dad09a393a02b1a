package units

import (
	"math"
	"strconv"
	"strings"
)

// Quantity is a value in coherent SI units (seconds, volts, siemens, ...)
// together with its dimension: 0.2 ms is Quantity{Value: 0.0002, Dim: Second}.
type Quantity struct {
	Value float64 // in SI units of Dim
	Dim   Dim
}

// String formats q in SI units with the shortest exact decimal value:
// "0.0002 s", "-0.06 V", "5" for a dimensionless 5. Use Format for a
// human-friendly prefix.
func (q Quantity) String() string {
	v := strconv.FormatFloat(q.Value, 'g', -1, 64)
	if q.Dim == Dimensionless {
		return v
	}
	return v + " " + q.Dim.String()
}

// display is how Format writes one dimension: a unit symbol worth
// 10^offset SI units and the prefixes (as powers of ten, descending) that
// users of that quantity expect; nil means every engineering prefix.
type display struct {
	dim    Dim
	sym    string
	offset int
	exps   []int
}

var displays = [...]display{
	{Second, "s", 0, []int{0, -3}},
	{Volt, "V", 0, []int{0, -3}},
	{Amp, "A", 0, []int{0, -3, -6, -9, -12}},
	{Siemens, "S", 0, []int{0, -3, -6, -9, -12}},
	{Farad, "F", 0, []int{0, -3, -6, -9, -12}},
	{Ohm, "ohm", 0, []int{9, 6, 3, 0}},
	{Hertz, "Hz", 0, []int{6, 3, 0}},
	{Metre, "m", 0, []int{0, -3, -6, -9}},
	{dimMolar, "M", 3, []int{0, -3, -6, -9}},
	{Kilogram, "g", -3, nil},
	{Coulomb, "C", 0, nil},
	{Joule, "J", 0, nil},
	{Watt, "W", 0, nil},
	{Mole, "mol", 0, nil},
	{Kelvin, "K", 0, nil},
	{Candela, "cd", 0, nil},
}

var engineering = []int{24, 21, 18, 15, 12, 9, 6, 3, 0, -3, -6, -9, -12, -15, -18, -21, -24}

func prefixFor(exp10 int) string {
	if exp10 == -6 {
		return "u"
	}
	for _, p := range prefixes {
		if p.exp10 == exp10 {
			return p.p
		}
	}
	return ""
}

// Format writes q for humans, with the unit prefix a neuroscientist expects
// for its dimension: "-60 mV", "0.2 ms", "4 nS", "16.2 pA", "250 pF",
// "10 Hz". Dimensions without a display unit are written as String does.
// The decimal value is exact: Parse(Format(q)) returns q.Value up to the
// rounding of one decimal-to-binary conversion.
func Format(q Quantity) string {
	if q.Dim == Dimensionless {
		return strconv.FormatFloat(q.Value, 'g', -1, 64)
	}
	var disp *display
	for i := range displays {
		if displays[i].dim == q.Dim {
			disp = &displays[i]
			break
		}
	}
	if disp == nil {
		return q.String()
	}
	v := q.Value
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64) + " " + disp.sym
	}
	mant, e, _ := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e")
	exp, _ := strconv.Atoi(e)
	rel := exp - disp.offset // decimal exponent of v in units of disp.sym
	exps := disp.exps
	if exps == nil || rel > exps[0]+3 || rel < exps[len(exps)-1]-2 {
		exps = engineering
	}
	p := exps[len(exps)-1]
	for _, x := range exps {
		if rel >= x {
			p = x
			break
		}
	}
	x, err := strconv.ParseFloat(mant+"e"+strconv.Itoa(rel-p), 64)
	if err != nil {
		return q.String()
	}
	return strconv.FormatFloat(x, 'g', -1, 64) + " " + prefixFor(p) + disp.sym
}
