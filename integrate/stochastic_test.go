package integrate

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// paths runs n independent paths of a one-variable program from x0 over
// steps steps and returns the mean and variance of the final values.
func paths(t *testing.T, s System, method string, params map[string]float64, x0, dt float64, steps, n int, seed uint64) (mean, variance float64) {
	t.Helper()
	p, vals := program(t, s, method, dt, params)
	v := s.Vars[0]
	vals[v] = x0
	m := newMachine(t, p, dt, vals)
	rng := rand.New(rand.NewPCG(seed, 0x766f6c6c6579)) // "volley"
	var m1, m2 float64
	for k := 0; k < n; k++ {
		m.set(v, x0)
		m.set("t", 0)
		m.run(steps, rng.NormFloat64)
		x := m.get(v)
		m1 += x
		m2 += x * x
	}
	mean = m1 / float64(n)
	return mean, m2/float64(n) - mean*mean
}

// Ornstein–Uhlenbeck, dx/dt = -x/tau + sigma*sqrt(2/tau)*xi from x = 0: the
// mean stays 0 and the variance reaches sigma². The Euler–Maruyama chain
// x ← (1 − h)·x + sigma·sqrt(2h)·ξ, h = dt/tau, has the variance
// sigma²/(1 − h/2)·(1 − (1 − h)^(2N)) after N steps (0.5% above sigma² here),
// which the sample variance of 4000 paths must match within 4 standard
// errors (sqrt(2/n) relative). With additive noise heun and milstein take the
// same step.
func TestOrnsteinUhlenbeck(t *testing.T) {
	t.Parallel()
	s := parseSystem(t, "dx/dt = -x/tau + sigma*sqrt(2/tau)*xi : 1")
	const (
		tau, sigma, dt = 0.01, 0.5, 1e-4
		steps, n       = 1000, 4000
	)
	h := dt / tau
	want := sigma * sigma / (1 - h/2) * (1 - math.Pow(1-h, 2*steps))
	for i, method := range []string{"euler", "heun", "milstein"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			mean, variance := paths(t, s, method, map[string]float64{"tau": tau, "sigma": sigma}, 0, dt, steps, n, uint64(i+1))
			if se := sigma / math.Sqrt(n); math.Abs(mean) > 4*se {
				t.Errorf("mean %g, want 0 ± %g", mean, 4*se)
			}
			if tol := 4 * want * math.Sqrt(2.0/n); math.Abs(variance-want) > tol {
				t.Errorf("variance %g, want %g ± %g (sigma² = %g)", variance, want, tol, sigma*sigma)
			}
		})
	}
}

// Geometric Brownian motion dx/dt = mu*x + s*x*xi in Brian2's (Stratonovich)
// reading has E[x(T)] = x0·exp((mu + s²/2)·T); the Itô reading would give
// x0·exp(mu·T), 12% lower here, far outside the bound of 4 standard errors
// (the standard deviation of x(T) is x0·exp((mu + s²/2)T)·sqrt(exp(s²T) − 1)).
func TestGeometricBrownianMotion(t *testing.T) {
	t.Parallel()
	s := parseSystem(t, "dx/dt = mu*x + s*x*xi : 1")
	const (
		mu, sig, x0, T = 0.5, 0.5, 1.0, 1.0
		dt             = 1e-3
		n              = 4000
	)
	want := x0 * math.Exp((mu+sig*sig/2)*T)
	sd := want * math.Sqrt(math.Exp(sig*sig*T)-1)
	for i, method := range []string{"milstein", "heun"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			mean, _ := paths(t, s, method, map[string]float64{"mu": mu, "s": sig}, x0, dt, int(T/dt), n, uint64(10+i))
			if tol := 4 * sd / math.Sqrt(n); math.Abs(mean-want) > tol {
				t.Errorf("mean %g, want %g ± %g (Itô: %g)", mean, want, tol, x0*math.Exp(mu*T))
			}
		})
	}
}

// Brian2's test_pure_noise_deterministic: with every draw equal to 0.5,
// dx/dt = sigma*xi/sqrt(ms) gives x = sqrt(dt)*sigma*0.5/sqrt(ms)*10 after
// 10 steps for euler, heun and milstein.
func TestPureNoiseDeterministic(t *testing.T) {
	t.Parallel()
	const sigma, dt, ms = 3.0, 1e-4, 1e-3
	s := parseSystem(t, "dx/dt = sigma*xi/sqrt(ms) : 1")
	want := math.Sqrt(dt) * sigma * 0.5 / math.Sqrt(ms) * 10
	for _, method := range []string{"euler", "heun", "milstein"} {
		p, vals := program(t, s, method, dt, map[string]float64{"sigma": sigma, "ms": ms, "x": 0})
		m := newMachine(t, p, dt, vals)
		m.run(10, func() float64 { return 0.5 })
		if got := m.get("x"); math.Abs(got-want) > 1e-14*want {
			t.Errorf("%s: x = %.17g, want %.17g", method, got, want)
		}
	}
}

// Brian2's test_multiple_noise_variables_deterministic_noise: with every draw
// equal to 0.5, the noise terms xi_k equal 0.5/sqrt(dt), and the stochastic
// step equals the deterministic Euler step of the equations with xi_k
// replaced by that constant.
func TestMultipleNoiseDeterministic(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	cases := []struct{ noisy, plain string }{
		{"dx/dt = y : 1\ndy/dt = -y/(10*ms) + xi_1*ms**-1.5 + xi_2*ms**-1.5 : 1",
			"dx/dt = y : 1\ndy/dt = -y/(10*ms) + dt**-.5*0.5*ms**-1.5 + dt**-.5*0.5*ms**-1.5 : 1"},
		{"dx/dt = y + xi_1*ms**-0.5 : 1\ndy/dt = -y/(10*ms) + xi_2*ms**-1.5 : 1",
			"dx/dt = y + dt**-.5*0.5*ms**-0.5 : 1\ndy/dt = -y/(10*ms) + dt**-.5*0.5*ms**-1.5 : 1"},
	}
	params := map[string]float64{"ms": 1e-3, "x": 5, "y": 25}
	for _, tc := range cases {
		pp, pv := program(t, parseSystem(t, tc.plain), "euler", dt, params)
		ref := newMachine(t, pp, dt, pv)
		ref.run(100, nil)
		for _, method := range []string{"euler", "heun", "milstein"} {
			s := parseSystem(t, tc.noisy)
			m, _ := LookupMethod(method)
			if m.Applies(s) != nil {
				continue // milstein: the first system has two noise terms in one equation
			}
			p, vals := program(t, s, method, dt, params)
			mm := newMachine(t, p, dt, vals)
			mm.run(100, func() float64 { return 0.5 })
			for _, v := range []string{"x", "y"} {
				if got, want := mm.get(v), ref.get(v); math.Abs(got-want) > 1e-12*math.Abs(want) {
					t.Errorf("%s on %q: %s = %.17g, want %.17g", method, tc.noisy, v, got, want)
				}
			}
		}
	}
}

// The stochastic programs follow Brian2's descriptions (explicit.py) term by
// term; Wiener increments are computed once per noise term.
func TestStochasticProgramText(t *testing.T) {
	t.Parallel()
	cases := []struct{ method, eqs, want string }{
		{"euler", "dv/dt = (El - v)/tau + sigma*xi_a + s2*xi_b : 1", `
__dW_xi_a = sqrt(dt)*_xi_a
__dW_xi_b = sqrt(dt)*_xi_b
_v = v + dt*((El - v)/tau) + sigma*__dW_xi_a + s2*__dW_xi_b
v = _v`},
		{"heun", "dv/dt = -v/tau + s*v*xi : 1", `
__dW_xi = sqrt(dt)*_xi
__x_support_v_xi = v + s*v*__dW_xi
__g_support_v_xi = s*__x_support_v_xi
_v = v + dt*(-v/tau) + 0.5*__dW_xi*(s*v + __g_support_v_xi)
v = _v`},
		{"milstein", "dv/dt = -v/tau + s*v*xi : 1", `
__dW_xi = sqrt(dt)*_xi
__x_support_v_xi = v + dt*(-v/tau) + sqrt(dt)*(s*v)
__g_support_v_xi = s*__x_support_v_xi
__k_v_xi = 1/(2*sqrt(dt))*(__g_support_v_xi - s*v)*__dW_xi**2
_v = v + dt*(-v/tau) + s*v*__dW_xi + __k_v_xi
v = _v`},
	}
	for _, tc := range cases {
		p, err := Integrate(parseSystem(t, tc.eqs), tc.method)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(listing(p)); got != strings.TrimSpace(tc.want) {
			t.Errorf("%s on %q:\n%s\nwant:\n%s", tc.method, tc.eqs, got, strings.TrimSpace(tc.want))
		}
	}
}
