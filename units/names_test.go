package units

import (
	"math"
	"slices"
	"testing"
)

func TestLookup(t *testing.T) {
	t.Parallel()
	um2 := Metre.Mul(Metre)
	tests := []struct {
		name string
		val  float64
		dim  Dim
	}{
		{"second", 1, Second}, {"s", 1, Second}, {"ms", 1e-3, Second}, {"msecond", 1e-3, Second},
		{"us", 1e-6, Second}, {"µs", 1e-6, Second}, {"μs", 1e-6, Second}, {"usecond", 1e-6, Second},
		{"volt", 1, Volt}, {"V", 1, Volt}, {"mV", 1e-3, Volt}, {"mvolt", 1e-3, Volt}, {"uV", 1e-6, Volt},
		{"amp", 1, Amp}, {"ampere", 1, Amp}, {"A", 1, Amp}, {"nA", 1e-9, Amp}, {"pA", 1e-12, Amp},
		{"uA", 1e-6, Amp}, {"mA", 1e-3, Amp}, {"namp", 1e-9, Amp}, {"pamp", 1e-12, Amp},
		{"siemens", 1, Siemens}, {"S", 1, Siemens}, {"nS", 1e-9, Siemens}, {"uS", 1e-6, Siemens},
		{"mS", 1e-3, Siemens}, {"msiemens", 1e-3, Siemens},
		{"farad", 1, Farad}, {"F", 1, Farad}, {"pF", 1e-12, Farad}, {"nF", 1e-9, Farad}, {"uF", 1e-6, Farad},
		{"ohm", 1, Ohm}, {"Ω", 1, Ohm}, {"Mohm", 1e6, Ohm}, {"kohm", 1e3, Ohm}, {"mohm", 1e-3, Ohm},
		{"hertz", 1, Hertz}, {"Hz", 1, Hertz}, {"kHz", 1e3, Hertz}, {"MHz", 1e6, Hertz}, {"khertz", 1e3, Hertz},
		{"metre", 1, Metre}, {"meter", 1, Metre}, {"m", 1, Metre}, {"cm", 1e-2, Metre}, {"mm", 1e-3, Metre},
		{"um", 1e-6, Metre}, {"cmetre", 1e-2, Metre}, {"umeter", 1e-6, Metre}, {"dametre", 10, Metre},
		{"metre2", 1, um2}, {"cm2", 1e-4, um2}, {"um2", 1e-12, um2}, {"meter2", 1, um2},
		{"metre3", 1, um2.Mul(Metre)}, {"cm3", 1e-6, um2.Mul(Metre)}, {"mm3", 1e-9, um2.Mul(Metre)},
		{"mole", 1, Mole}, {"mol", 1, Mole}, {"mmol", 1e-3, Mole}, {"umole", 1e-6, Mole},
		{"kilogram", 1, Kilogram}, {"kg", 1, Kilogram}, {"gram", 1e-3, Kilogram}, {"g", 1e-3, Kilogram},
		{"mg", 1e-6, Kilogram}, {"kgram", 1, Kilogram}, {"gramme", 1e-3, Kilogram},
		{"kelvin", 1, Kelvin}, {"K", 1, Kelvin}, {"candela", 1, Candela}, {"cd", 1, Candela},
		{"coulomb", 1, Coulomb}, {"C", 1, Coulomb}, {"nC", 1e-9, Coulomb},
		{"watt", 1, Watt}, {"W", 1, Watt}, {"joule", 1, Joule}, {"J", 1, Joule},
		{"molar", 1e3, dimMolar}, {"M", 1e3, dimMolar}, {"mM", 1, dimMolar}, {"uM", 1e-3, dimMolar},
		{"nM", 1e-6, dimMolar}, {"mmolar", 1, dimMolar}, {"litre", 1e-3, dimVolume}, {"liter", 1e-3, dimVolume},
		{"newton", 1, Newton}, {"pascal", 1, dimPascal}, {"tesla", 1, dimTesla}, {"henry", 1, dimHenry},
		{"weber", 1, dimWeber}, {"radian", 1, Dimensionless}, {"becquerel", 1, Hertz},
		{"ysecond", 1e-24, Second}, {"zsecond", 1e-21, Second}, {"asecond", 1e-18, Second},
		{"fsecond", 1e-15, Second}, {"psecond", 1e-12, Second}, {"nsecond", 1e-9, Second},
		{"csecond", 1e-2, Second}, {"dsecond", 1e-1, Second}, {"dasecond", 10, Second},
		{"hsecond", 1e2, Second}, {"ksecond", 1e3, Second}, {"Msecond", 1e6, Second},
		{"Gsecond", 1e9, Second}, {"Tsecond", 1e12, Second}, {"Psecond", 1e15, Second},
		{"Esecond", 1e18, Second}, {"Zsecond", 1e21, Second}, {"Ysecond", 1e24, Second},
		{"damp", 0.1, Amp}, {"daamp", 10, Amp}, {"msecond2", 1e-6, Second.Mul(Second)},
	}
	for _, tc := range tests {
		q, ok := Lookup(tc.name)
		if !ok || q.Dim != tc.dim || math.Abs(q.Value-tc.val) > 1e-15*tc.val {
			t.Errorf("Lookup(%q) = %v, %v; want %v %v", tc.name, q, ok, tc.val, tc.dim)
		}
	}
}

func TestLookupUnknown(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "mv", "MV2x", "kkilogram", "mkilogram", "Ms2s", "xs", "2", "sec",
		"volts", "celsius", "Pa", "N", "T", "da", "m4", "µ", "seconds", "mmm"} {
		if q, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %v, want not found", name, q)
		}
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want string // must be among the suggestions
	}{
		{"mv", "mV"}, {"MV", "mV"}, {"ns", "nS"}, {"secnd", "second"}, {"siemen", "siemens"},
		{"pf", "pF"}, {"hz", "Hz"}, {"mvolts", "mvolt"}, {"ohms", "ohm"}, {"Mohms", "Mohm"},
		{"uvolts", "uvolt"},
	}
	for _, tc := range tests {
		got := Suggest(tc.name)
		if !slices.Contains(got, tc.want) || len(got) > 3 {
			t.Errorf("Suggest(%q) = %q, want it to contain %q", tc.name, got, tc.want)
		}
	}
	if got := Suggest("qqqqqqqqq"); got != nil {
		t.Errorf("Suggest(qqqqqqqqq) = %q, want none", got)
	}
}
