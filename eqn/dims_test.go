package eqn

import (
	"errors"
	"strings"
	"testing"

	"github.com/volleysim/volley/units"
)

func TestDims(t *testing.T) {
	t.Parallel()
	xi := units.Dimensionless.Div(units.MustParse("sqrt(second)").Dim)
	vars := map[string]units.Dim{
		"v": units.Volt, "El": units.Volt, "ge": units.Siemens, "C": units.Farad, "tau": units.Second,
		"I": units.Amp, "xi": xi, "sigma": units.Volt, "n": units.Dimensionless, "flag": units.Dimensionless,
	}
	dimOf := func(n string) (units.Dim, bool) { d, ok := vars[n]; return d, ok }
	tests := []struct{ in, want string }{
		{"(El - v)/tau", "V s^-1"},
		{"(ge*(El - v) + I)/C", "V s^-1"},
		{"sigma*xi*tau**-0.5", "V s^-1"},
		{"sigma*sqrt(2/tau)*xi", "V s^-1"},
		{"v**2", "m^4 kg^2 s^-6 A^-2"},
		{"v**(4/2)/v", "V"},
		{"n**n", "1"},
		{"exp(-v/(2*mV))", "1"},
		{"v > -50*mV and not flag", "1"},
		{"rand() < 0.5", "1"},
		{"randn()*mV", "V"},
		{"clip(v, El, 0*mV)", "V"},
		{"abs(I)*1000", "A"},
		{"(v - El)/(1*ms)", "V s^-1"},
		{"pi*exprel(v/mV)", "1"},
		{"C", "F"}, // a variable shadows the coulomb symbol
		{"ms", "s"},
	}
	for _, tc := range tests {
		e, err := ParseExpr(tc.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tc.in, err)
			continue
		}
		d, err := Dims(e, dimOf)
		if err != nil || d.String() != tc.want {
			t.Errorf("Dims(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
		}
	}
	errs := []struct{ in, want string }{
		{"v + tau", "dimension mismatch in \"v + tau\": left is V, right is s"},
		{"v**n", "the exponent of a quantity with dimension V must be a constant number"},
		{"exp(v)", "exp needs a dimensionless argument, got V"},
		{"w + 1", `unknown name "w"`},
		{"v < I", "left is V, right is A"},
	}
	for _, tc := range errs {
		e, err := ParseExpr(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Dims(e, dimOf)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Dims(%q): error %v, want %q without caret", tc.in, err, tc.want)
		}
	}
	// With Src filled in, the caret appears.
	src := "v + tau"
	e, _ := ParseExpr(src)
	_, err := Dims(e, dimOf)
	var de *DimensionError
	if !errors.As(err, &de) {
		t.Fatal(err)
	}
	de.Src = src
	if want := "  v + tau\n      ^"; !strings.HasSuffix(de.Error(), want) {
		t.Errorf("got %q, want suffix %q", de.Error(), want)
	}
}
