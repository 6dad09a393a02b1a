package integrate

import (
	"slices"
	"strings"
	"testing"
)

// Brian2's default choice (NeuronGroup method=('exact', 'euler', 'heun')) on
// the seed models, and its refusals. The HH equations are conditionally
// linear, yet Brian2 integrates them with euler unless exponential_euler is
// named: the default list does not contain it.
func TestChoose(t *testing.T) {
	t.Parallel()
	const (
		lif  = "dv/dt = (El - v + R*I)/tau : 1\ndI/dt = -I/tau_s : 1"
		adex = "dV/dt = (-gL*(V - EL) + gL*DT*exp((V - VT)/DT) + I_step - w)/C : 1\ndw/dt = (a*(V - EL) - w)/tau_w : 1\nI_step = I0*(t >= 50*ms) : 1"
		hh   = `dV/dt = (-gl*(V - El) - g_Na*m**3*h*(V - ENa) - g_Kd*n**4*(V - EK) + I)/Cm : 1
dm/dt = m_alpha*(1 - m) - m_beta*m : 1
dh/dt = h_alpha*(1 - h) - h_beta*h : 1
dn/dt = n_alpha*(1 - n) - n_beta*n : 1
m_alpha = 0.32*4/exprel((13*mV - V + VT)/(4*mV))/ms : 1
m_beta = 0.28*5/exprel((V - VT - 40*mV)/(5*mV))/ms : 1
h_alpha = 0.128*exp((17*mV - V + VT)/(18*mV))/ms : 1
h_beta = 4./(1 + exp(-(V - VT - 40*mV)/(5*mV)))/ms : 1
n_alpha = 0.032*5/exprel((15*mV - V + VT)/(5*mV))/ms : 1
n_beta = 0.5*exp((10*mV - V + VT)/(40*mV))/ms : 1`
		lifStep   = "dv/dt = (El - v + I_inj)/tau : 1\nI_inj = I0*(t >= 10*ms) : 1"
		ou        = "dv/dt = -v/tau + sigma*sqrt(2/tau)*xi : 1"
		gbm       = "dx/dt = mu*x + s*x*xi : 1"
		noiseNL   = "dx/dt = -x/tau + sin(xi) : 1"
		twoNoises = "dx/dt = -x/tau + xi_1*xi_2 : 1"
	)
	cases := []struct {
		name, eqs, method string
		want              string // chosen method
		err               string // the whole error message
	}{
		{name: "LIF with current", eqs: lif, want: "exact"},
		{name: "LIF, linear is exact", eqs: lif, method: "linear", want: "exact"},
		{name: "AdEx", eqs: adex, want: "euler"},
		{name: "HH", eqs: hh, want: "euler"},
		{name: "HH, named", eqs: hh, method: "exponential_euler", want: "exponential_euler"},
		{name: "LIF with a step current", eqs: lifStep, want: "euler"},
		{name: "additive noise", eqs: ou, want: "euler"},
		{name: "multiplicative noise", eqs: gbm, want: "heun"},
		{name: "multiplicative noise, milstein", eqs: gbm, method: "milstein", want: "milstein"},
		{name: "AdEx, exact", eqs: adex, method: "exact",
			err: `method "exact" does not apply: dV/dt depends on V through exp((V - VT)/DT) (not linear); methods that apply: euler, rk2, rk4, heun, milstein`},
		{name: "AdEx, exponential Euler", eqs: adex, method: "exponential_euler",
			err: `method "exponential_euler" does not apply: dV/dt depends on V through exp((V - VT)/DT) (not linear); methods that apply: euler, rk2, rk4, heun, milstein`},
		{name: "HH, exact", eqs: hh, method: "exact",
			err: `method "exact" does not apply: dV/dt depends on V, m and h through g_Na*m**3*h*(V - ENa) (not linear); methods that apply: exponential_euler, euler, rk2, rk4, heun, milstein`},
		{name: "step current, exact", eqs: lifStep, method: "exact",
			err: `method "exact" does not apply: dv/dt depends on t through t >= 10*ms (exact needs coefficients that are constant in time); methods that apply: exponential_euler, euler, rk2, rk4, heun, milstein`},
		{name: "additive noise, rk4", eqs: ou, method: "rk4",
			err: `method "rk4" does not apply: the equations are stochastic (xi) and rk4 integrates deterministic equations only; methods that apply: euler, heun, milstein`},
		{name: "multiplicative noise, euler", eqs: gbm, method: "euler",
			err: `method "euler" does not apply: the noise xi in dx/dt is multiplicative (its coefficient s*x depends on x); methods that apply: heun, milstein`},
		{name: "noise inside a function", eqs: noiseNL,
			err: `no integration method applies to these equations (exact: the equations are stochastic (xi) and exact integrates deterministic equations only; euler: dx/dt is not linear in the noise xi; heun: dx/dt is not linear in the noise xi)`},
		{name: "product of noises", eqs: twoNoises, method: "heun",
			err: `method "heun" does not apply: dx/dt multiplies the noise terms xi_1 and xi_2; methods that apply: none`},
		{name: "unknown", eqs: lif, method: "rk45",
			err: `unknown integration method "rk45"; methods: exact (or linear), exponential_euler, euler, rk2, rk4, heun, milstein`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Choose(parseSystem(t, tc.eqs), tc.method)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("Choose = %q, %v\nwant error %s", got, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Choose = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	if got := Defaults(); !slices.Equal(got, []string{"exact", "euler", "heun"}) {
		t.Errorf("Defaults() = %v", got)
	}
}

// Names starting with "_" belong to the programs' temporaries.
func TestReservedNames(t *testing.T) {
	t.Parallel()
	s := parseSystem(t, "dv/dt = -v/_tau : 1")
	if _, err := Integrate(s, "euler"); err == nil || !strings.Contains(err.Error(), `uses "_tau": names starting with "_" are reserved`) {
		t.Errorf("error %v", err)
	}
	// A variable BA_v meets exponential Euler's temporary _BA_v of v.
	s = parseSystem(t, "dv/dt = (E - v)/tau : 1\ndBA_v/dt = (E - BA_v)/tau : 1")
	if _, err := Integrate(s, "exponential_euler"); err == nil || !strings.Contains(err.Error(), `the temporary "_BA_v" clashes`) {
		t.Errorf("error %v", err)
	}
}
