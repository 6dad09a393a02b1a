package eqn_test

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/units"
)

func ExampleSimplify() {
	e, _ := eqn.ParseExpr("2*(3*x) + 0*y - x/tau + x/tau")
	fmt.Println(eqn.String(eqn.Simplify(e)))
	// Output:
	// 6*x
}

func ExampleDiff() {
	e, _ := eqn.ParseExpr("(El - v)/tau + gL*DT*exp((v - VT)/DT)")
	fmt.Println(eqn.String(eqn.Diff(e, "v")))
	// Output:
	// -1/tau + gL*exp((v - VT)/DT)
}

func ExampleLinear() {
	e, _ := eqn.ParseExpr("(El - v)/tau + ge*(Ee - v)/C")
	a, b, ok := eqn.Linear(e, "v")
	fmt.Println(ok, eqn.String(a), "|", eqn.String(b))
	e, _ = eqn.ParseExpr("exp((v - VT)/DT)")
	_, _, ok = eqn.Linear(e, "v")
	fmt.Println(ok)
	// Output:
	// true -1/tau - ge/C | El/tau + ge*Ee/C
	// false
}

func ExampleLinearSystem() {
	var rhs []eqn.Expr
	for _, s := range []string{"(El - v + R*I)/tau", "-I/tau_s"} {
		e, _ := eqn.ParseExpr(s)
		rhs = append(rhs, e)
	}
	A, b, ok, _ := eqn.LinearSystem(rhs, []string{"v", "I"}, []string{"t"})
	fmt.Println(ok, eqn.String(A[0]), eqn.String(A[1]), eqn.String(A[2]), eqn.String(A[3]), eqn.String(b[0]), eqn.String(b[1]))
	v, _ := eqn.ParseExpr("(El - v)/tau + v*I")
	_, _, ok, reason := eqn.LinearSystem([]eqn.Expr{v, rhs[1]}, []string{"v", "I"}, nil)
	fmt.Println(ok, reason)
	// Output:
	// true -1/tau R/tau 0 -1/tau_s El/tau 0
	// false dv/dt depends on v and I through v*I
}

func ExampleEquations_Check() {
	q, _ := eqn.ParseEquations(`dv/dt = (El - v)/tau + I : volt
I : amp`)
	err := q.Check(func(name string) (units.Dim, bool) {
		switch name {
		case "El":
			return units.Volt, true
		case "tau":
			return units.Second, true
		}
		return units.Dim{}, false
	})
	fmt.Println(err)
	// Output:
	// line 1: dimension mismatch in dv/dt: the term I has dimension A, expected V s^-1 (the dimension of v per second, like the term (El - v)/tau)
	//   dv/dt = (El - v)/tau + I : volt
	//                          ^
}

func ExampleEquations_Inline() {
	q, _ := eqn.ParseEquations(`dv/dt = (El - v + R*I)/tau : volt
I = g*(E - v) : amp`)
	in, _ := q.Inline()
	fmt.Println(eqn.String(in.Eqs[0].Expr))
	// Output:
	// (El - v + R*(g*(E - v)))/tau
}
