package units_test

import (
	"fmt"

	"github.com/volleysim/volley/units"
)

func ExampleParse() {
	tau, _ := units.Parse("0.2 ms")
	sigma, _ := units.Parse("8 pA*sqrt(second)")
	_, err := units.Parse("20 mv")
	fmt.Println(tau.Value, tau.Dim)
	fmt.Println(sigma)
	fmt.Println(err)
	// Output:
	// 0.0002 s
	// 8e-12 s^0.5 A
	// units: "20 mv": unknown unit "mv" at column 4 (did you mean mV, ms, uV?)
}

func ExampleFormat() {
	fmt.Println(units.Format(units.MustParse("-0.06 volt")))
	fmt.Println(units.Format(units.Quantity{Value: 4e-9, Dim: units.Siemens}))
	// Output:
	// -60 mV
	// 4 nS
}
