package units

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	sqrtS, _ := Second.Sqrt()
	m2 := Metre.Mul(Metre)
	tests := []struct {
		in  string
		val float64
		dim Dim
		tol float64 // relative; 0 means exact
	}{
		{"20*mV", 0.02, Volt, 0},
		{"0.2 ms", 0.0002, Second, 0},
		{"-0.8*nS", -0.8e-9, Siemens, 0},
		{"8 pA*sqrt(second)", 8e-12, Amp.Mul(sqrtS), 0},
		{"1e-3 * nA", 1e-12, Amp, 0},
		{"100 Hz", 100, Hertz, 0},
		{"5", 5, Dimensionless, 0},
		{"-5", -5, Dimensionless, 0},
		{"+2.5", 2.5, Dimensionless, 0},
		{"3 mV/ms", 3, Volt.Div(Second), 0},
		{"4*nS", 4e-9, Siemens, 0},
		{"10 nS / (100*0.05)", 2e-9, Siemens, 1e-15},
		{"ms", 1e-3, Second, 0},
		{"-mV", -1e-3, Volt, 0},
		{".5 ms", 5e-4, Second, 0},
		{"1.E3 ms", 1, Second, 0},
		{"1.5e+2 mV", 0.15, Volt, 0},
		{"  20   mV  ", 0.02, Volt, 0},
		{"20\tmV", 0.02, Volt, 0},
		{"2*3", 6, Dimensionless, 0},
		{"siemens/meter**2", 1, Siemens.Div(m2), 0},
		{"1 msiemens/cm**2", 10, Siemens.Div(m2), 0},
		{"1 uF/cm2", 0.01, Farad.Div(m2), 0},
		{"1 ufarad*cm**-2", 0.01, Farad.Div(m2), 0},
		{"m^2 kg s^-3 A^-1", 1, Volt, 0},
		{"2 s^0.5", 2, sqrtS, 0},
		{"sqrt(s)", 1, sqrtS, 0},
		{"second**-0.5", 1, Dimensionless.Div(sqrtS), 0},
		{"second**(-1/2)", 1, Dimensionless.Div(sqrtS), 0},
		{"s**(+2)", 1, Second.Mul(Second), 0},
		{"(mV)**2", 1e-6, Volt.Mul(Volt), 0},
		{"1 (mV*ms)/ms", 1e-3, Volt, 0},
		{"70 Mohm", 7e7, Ohm, 0},
		{"250 pF", 2.5e-10, Farad, 0},
		{"2 µs", 2e-6, Second, 0},
		{"1 mM", 1, dimMolar, 0},
		{"0.1 nA*Mohm", 0.1e-3, Volt, 0},
		{"1 kg", 1, Kilogram, 0},
		{"1 mV/mV", 1, Dimensionless, 0},
		{"4 (2 ms)", 8e-3, Second, 0},
		{"1e-300 s**-2", 1e-300, Hertz.Mul(Hertz), 0},
		{"10**-3 s", 1e-3, Second, 0},
		{"2^2 mV", 4e-3, Volt, 0},
	}
	for _, tc := range tests {
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		diff := math.Abs(q.Value - tc.val)
		if q.Dim != tc.dim || diff > tc.tol*math.Abs(tc.val) {
			t.Errorf("Parse(%q) = %v, want %v %v (diff %g)", tc.in, q, tc.val, tc.dim, diff)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		off  int
		want string
	}{
		{"", 0, "empty quantity"},
		{"   ", 0, "empty quantity"},
		{"3 mv", 2, `unknown unit "mv"`},
		{"20 mV x", 6, `unknown unit "x"`},
		{"20 mV 5", 6, `unexpected '5'`},
		{"20 mV)", 5, `unexpected ')'`},
		{"5 5", 2, `unexpected '5'`},
		{"20*", 3, `missing unit after "*"`},
		{"20 *", 4, `missing unit after "*"`},
		{"20 mV/", 6, "unexpected end of text, want a unit"},
		{"s**", 3, "want a number as exponent"},
		{"s**x", 3, "want a number as exponent"},
		{"s**(1/3)", 1, "would not be a multiple of 1/2"},
		{"s**(1/0)", 6, "division by zero in exponent"},
		{"s**(2", 5, `want ")"`},
		{"(ms", 3, `want ")"`},
		{"sqrt(sqrt(s))", 0, "would not be a multiple of 1/2"},
		{"1 mV/0", 4, "division by zero"},
		{"1e500 s", 0, "not a finite number"},
		{"1e9999999 s", 0, "out of range"},
		{"mV**64", 2, "out of range"},
		{"(-2)**0.5", 1, `unexpected '-'`},
		{"0**-1", 0, "not a finite number"},
		{"10**400 s", 0, "not a finite number"},
		{"s**40 s**40", 6, "exponent of s out of range"},
		{"s**40/s**-40", 5, "exponent of s out of range"},
		{"@", 0, `unexpected '@'`},
		{"20 mV # c", 6, `unexpected '#'`},
		{"--5", 1, `unexpected '-'`},
		{"1..2", 2, `unexpected '.'`},
		{strings.Repeat("(", 200) + "s" + strings.Repeat(")", 200), 100, "nested too deeply"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): error %v, want *ParseError", tc.in, err)
			continue
		}
		if pe.Off != tc.off || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "units: ") {
			t.Errorf("Parse(%q): error %q at %d, want %q at %d", tc.in, err, pe.Off, tc.want, tc.off)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := Parse("3 mv")
	want := `units: "3 mv": unknown unit "mv" at column 3 (did you mean mV, ms, uV?)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestMustParse(t *testing.T) {
	t.Parallel()
	if q := MustParse("-60 mV"); q != (Quantity{-0.06, Volt}) {
		t.Errorf("MustParse(-60 mV) = %v", q)
	}
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.HasPrefix(s, "units: ") {
			t.Errorf("MustParse(bad) panicked with %v, want a units: message", r)
		}
	}()
	MustParse("3 mv")
}

// TestParseExact checks that power-of-ten unit scales are applied in decimal:
// "x ms" gives exactly the float64 nearest to x/1000.
func TestParseExact(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0.1", "0.2", "0.3", "1.7", "60", "-70.6", "16.2", "0.07"} {
		q := MustParse(s + " ms")
		want, _ := strconv.ParseFloat(s+"e-3", 64)
		if q.Value != want {
			t.Errorf("Parse(%q ms) = %v, want %v", s, q.Value, want)
		}
	}
}
