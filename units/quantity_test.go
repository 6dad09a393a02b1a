package units

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestQuantityString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    Quantity
		want string
	}{
		{Quantity{0.0002, Second}, "0.0002 s"},
		{Quantity{-0.06, Volt}, "-0.06 V"},
		{Quantity{5, Dimensionless}, "5"},
		{Quantity{4e-9, Siemens}, "4e-09 S"},
		{Quantity{1, Volt.Div(Second)}, "1 V s^-1"},
	}
	for _, tc := range tests {
		if got := tc.q.String(); got != tc.want {
			t.Errorf("String(%v %v) = %q, want %q", tc.q.Value, [7]int8(tc.q.Dim), got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	sqrtS, _ := Second.Sqrt()
	tests := []struct {
		q    Quantity
		want string
	}{
		{Quantity{-0.06, Volt}, "-60 mV"},
		{Quantity{0.0002, Second}, "0.2 ms"},
		{Quantity{4e-9, Siemens}, "4 nS"},
		{Quantity{16.2e-12, Amp}, "16.2 pA"},
		{Quantity{2.5e-10, Farad}, "250 pF"},
		{Quantity{0.02, Second}, "20 ms"},
		{Quantity{1.5, Second}, "1.5 s"},
		{Quantity{2e-6, Second}, "2 us"},
		{Quantity{1e-9, Second}, "1 ns"},
		{Quantity{0, Volt}, "0 V"},
		{Quantity{10, Hertz}, "10 Hz"},
		{Quantity{2500, Hertz}, "2.5 kHz"},
		{Quantity{7e7, Ohm}, "70 Mohm"},
		{Quantity{1, dimMolar}, "1 mM"},
		{Quantity{1e-3, Kilogram}, "1 g"},
		{Quantity{5, Dimensionless}, "5"},
		{Quantity{1e-6, Metre}, "1 um"},
		{Quantity{8e-12, Amp.Mul(sqrtS)}, "8e-12 s^0.5 A"},
		{Quantity{1e30, Volt}, "1e+06 YV"},
		{Quantity{math.Inf(1), Volt}, "+Inf V"},
	}
	for _, tc := range tests {
		if got := Format(tc.q); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

// TestFormatRoundTrip checks Parse(Format(q)) and Parse(q.String()) on random
// values over 24 decades and every display dimension.
func TestFormatRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	sqrtS, _ := Second.Sqrt()
	dims := []Dim{Dimensionless, sqrtS, Siemens.Div(Metre.Mul(Metre)), Volt.Div(Second)}
	for _, d := range displays {
		dims = append(dims, d.dim)
	}
	for i := 0; i < 5000; i++ {
		v := (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(24)-16))
		if i%3 == 0 {
			v = math.Round(v*1e6) / 1e6 // short decimals, as users write them
		}
		q := Quantity{v, dims[rng.IntN(len(dims))]}
		for _, s := range []string{Format(q), q.String()} {
			got, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q) of %v: %v", s, q, err)
			}
			if got.Dim != q.Dim || math.Abs(got.Value-v) > math.Abs(v)*1e-15 {
				t.Fatalf("Parse(%q) = %v, want %v", s, got, q)
			}
		}
	}
}
