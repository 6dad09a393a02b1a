package eqn_test

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/units"
)

func ExampleEvalQuantity() {
	src := "2*g0 + 0*nS"
	e, _ := eqn.ParseExpr(src)
	q, _ := eqn.EvalQuantity(e, src, func(name string) (units.Quantity, bool) {
		if name == "g0" {
			return units.MustParse("1 nS"), true
		}
		return units.Quantity{}, false
	})
	fmt.Println(units.Format(q))

	src = "v + 3*ms"
	e, _ = eqn.ParseExpr(src)
	_, err := eqn.EvalQuantity(e, src, func(name string) (units.Quantity, bool) {
		return units.MustParse("-60 mV"), name == "v"
	})
	fmt.Println(err)
	// Output:
	// 2 nS
	// dimension mismatch in "v + 3*ms": left is V, right is s
	//   v + 3*ms
	//       ^
}

func ExampleParseEquations() {
	eqs, _ := eqn.ParseEquations(`
		dv/dt = (El - v)/tau : volt (unless refractory)
		El : volt (constant)`)
	for _, e := range eqs.Eqs {
		fmt.Println(e.Line, e.Kind, e.Var, e.Dim, e.Flags)
	}
	// Output:
	// 2 differential equation v V [unless refractory]
	// 3 parameter El V [constant]
}
