package integrate_test

import (
	"fmt"

	"github.com/volleysim/volley/eqn"
	"github.com/volleysim/volley/integrate"
	"github.com/volleysim/volley/units"
)

func Example() {
	rhs, _ := eqn.ParseExpr("(-gL*(V - EL) + gL*DT*exp((V - VT)/DT) - w)/C")
	s := integrate.System{Vars: []string{"V"}, RHS: []eqn.Expr{rhs}}
	_, err := integrate.Choose(s, "exact")
	fmt.Println(err)
	method, _ := integrate.Choose(s, "")
	p, _ := integrate.Integrate(s, method)
	for _, a := range append(p.Stmts, p.Updates...) {
		fmt.Printf("%s = %s\n", a.Name, eqn.String(a.Expr))
	}
	// Output:
	// method "exact" does not apply: dV/dt depends on V through exp((V - VT)/DT) (not linear); methods that apply: euler, rk2, rk4, heun, milstein
	// _V = V + dt*((-gL*(V - EL) + gL*DT*exp((V - VT)/DT) - w)/C)
	// V = _V
}

func ExampleExactLinearProgram() {
	v, _ := eqn.ParseExpr("(El - v + R*I)/tau")
	i, _ := eqn.ParseExpr("-I/tau_s")
	s := integrate.System{Vars: []string{"v", "I"}, RHS: []eqn.Expr{v, i}}
	p, c, _ := integrate.ExactLinearProgram(s)
	for _, a := range p.Stmts {
		fmt.Printf("%s = %s\n", a.Name, eqn.String(a.Expr))
	}
	// The kernel compiler evaluates the coefficients and binds _P_i_j, _q_i.
	vals := map[string]float64{"El": -0.07, "R": 1e8, "tau": 0.02, "tau_s": 0.005}
	l, _ := c.Propagator(func(e eqn.Expr) (float64, error) {
		q, err := eqn.EvalQuantity(e, eqn.String(e), func(name string) (units.Quantity, bool) {
			x, ok := vals[name]
			return units.Quantity{Value: x}, ok
		})
		return q.Value, err
	}, 1e-4)
	fmt.Printf("%s = %.6f\n", integrate.PropagatorName(0, 0), l.P[0])
	// Output:
	// _v = _P_0_0*v + _P_0_1*I + _q_0
	// _I = _P_1_1*I
	// _P_0_0 = 0.995012
}
