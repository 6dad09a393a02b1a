package units

import (
	"math"
	"strings"
	"testing"
)

func TestDimAlgebra(t *testing.T) {
	t.Parallel()
	must := func(d Dim, err error) Dim {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name      string
		got, want Dim
	}{
		{"V/ohm=A", Volt.Div(Ohm), Amp},
		{"A/V=S", Amp.Div(Volt), Siemens},
		{"F/S=s", Farad.Div(Siemens), Second},
		{"C/V=F", Coulomb.Div(Volt), Farad},
		{"V*A=W", Volt.Mul(Amp), Watt},
		{"W*s=J", Watt.Mul(Second), Joule},
		{"1/s=Hz", Dimensionless.Div(Second), Hertz},
		{"s*Hz=1", Second.Mul(Hertz), Dimensionless},
		{"s^2", must(Second.Pow(2)), Second.Mul(Second)},
		{"s^-1", must(Second.Pow(-1)), Hertz},
		{"sqrt(s)^2", must(must(Second.Sqrt()).Pow(2)), Second},
		{"sqrt(m^2)", must(Metre.Mul(Metre).Sqrt()), Metre},
		{"1^0.3", must(Dimensionless.Pow(0.3)), Dimensionless},
		{"S^1.5", must(must(Siemens.Pow(3)).Sqrt()), must(Siemens.Pow(1.5))},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if !Dimensionless.IsDimensionless() || Second.IsDimensionless() {
		t.Error("IsDimensionless wrong")
	}
	if e := must(Second.Sqrt()).Exponent(2); e != 0.5 {
		t.Errorf("Exponent(s) of sqrt(s) = %v, want 0.5", e)
	}
}

func TestDimErrors(t *testing.T) {
	t.Parallel()
	half, _ := Second.Sqrt()
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"quarter", func() error { _, err := half.Sqrt(); return err }, "would not be a multiple of 1/2"},
		{"third", func() error { _, err := Second.Pow(1.0 / 3); return err }, "would not be a multiple of 1/2"},
		{"nan", func() error { _, err := Second.Pow(math.NaN()); return err }, "cannot raise s"},
		{"range", func() error { _, err := Second.Pow(64); return err }, "out of range"},
		{"mul", func() error {
			d, _ := Second.Pow(40)
			_, err := d.CheckedMul(d)
			return err
		}, "exponent of s out of range"},
		{"div", func() error {
			d, _ := Second.Pow(40)
			_, err := d.CheckedDiv(Dimensionless.Div(d))
			return err
		}, "exponent of s out of range"},
	}
	for _, tc := range tests {
		err := tc.run()
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "units: ") {
			t.Errorf("%s: got error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
	if d, err := Second.CheckedMul(Volt); err != nil || d != Second.Mul(Volt) {
		t.Errorf("CheckedMul(s, V) = %v, %v", d, err)
	}
}

func TestDimString(t *testing.T) {
	t.Parallel()
	half, _ := Second.Sqrt()
	tests := []struct {
		d    Dim
		want string
	}{
		{Dimensionless, "1"},
		{Second, "s"},
		{Metre, "m"},
		{Kilogram, "kg"},
		{Volt, "V"},
		{Amp, "A"},
		{Siemens, "S"},
		{Farad, "F"},
		{Ohm, "ohm"},
		{Hertz, "Hz"},
		{Coulomb, "C"},
		{Watt, "W"},
		{Joule, "J"},
		{Mole, "mol"},
		{half, "s^0.5"},
		{Dimensionless.Div(half), "s^-0.5"},
		{half.Mul(Amp), "s^0.5 A"},
		{Volt.Div(Second), "V s^-1"},
		{Siemens.Div(Metre.Mul(Metre)), "S m^-2"},
		{Farad.Div(Metre.Mul(Metre)), "F m^-2"},
		{Amp.Div(Metre.Mul(Metre)), "A m^-2"},
		{Metre.Mul(Metre).Div(Second), "m^2 s^-1"},
		{Volt.Mul(Volt).Mul(Volt).Mul(Volt), "m^8 kg^4 s^-12 A^-4"},
		{dimMolar, "m^-3 mol"},
		{Kelvin.Mul(Candela), "K cd"},
	}
	for _, tc := range tests {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("%v: String() = %q, want %q", [7]int8(tc.d), got, tc.want)
		}
		// Every String output parses back to the same dimension.
		q, err := Parse(tc.d.String())
		if err != nil || q.Dim != tc.d || q.Value != 1 {
			t.Errorf("Parse(%q) = %v, %v; want 1 %v", tc.d.String(), q, err, tc.d)
		}
	}
}
