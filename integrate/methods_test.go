package integrate

import (
	"slices"
	"strings"
	"testing"
)

// The method names are Brian2's (docs_sphinx/user/numerical_integration.rst),
// "linear" is "exact", and names are case-insensitive as in Brian2's
// StateUpdateMethod.
func TestLookupMethod(t *testing.T) {
	t.Parallel()
	want := []string{"exact", "exponential_euler", "euler", "rk2", "rk4", "heun", "milstein"}
	if got := Methods(); !slices.Equal(got, want) {
		t.Errorf("Methods() = %v, want %v", got, want)
	}
	cases := []struct {
		name, want, errHas string
	}{
		{"exact", "exact", ""},
		{"linear", "exact", ""},
		{"Euler", "euler", ""},
		{"RK4", "rk4", ""},
		{"rk45", "", `unknown integration method "rk45"; methods: exact (or linear), exponential_euler, euler, rk2, rk4, heun, milstein`},
		{"gsl_rk4", "", `integration method "gsl_rk4": the GSL integrators (adaptive time step) are not supported; methods: exact`},
		{"independent", "", `"independent" method is not supported; use exact`},
	}
	for _, tc := range cases {
		m, err := LookupMethod(tc.name)
		switch {
		case tc.errHas != "":
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.errHas)
			}
		case err != nil || m.Name() != tc.want:
			t.Errorf("%s: %q, %v; want %q", tc.name, m.Name(), err, tc.want)
		}
		if err == nil && m.Doc() == "" {
			t.Errorf("%s: no doc", tc.name)
		}
	}
}

// TestApplies reproduces the applicability matrix of Brian2's
// test_stateupdaters.py (test_priority, test_determination,
// test_multiplicative_noise), where Volley follows Brian2. Two entries
// differ on purpose: Brian2's exact refuses dv/dt = 10*Hz (sympy cannot
// solve the singular system, #1010), Volley's matrix exponential accepts it.
func TestApplies(t *testing.T) {
	t.Parallel()
	all := Methods()
	cases := []struct {
		eqs   string
		apply []string
	}{
		{"dv/dt = -v/(10*ms) : 1", all},
		{"dv/dt = -param*v/(10*ms) : 1", all},
		{"dv/dt = 10*Hz : 1\ndw/dt = -v/(10*ms) : 1", all},
		{"dv/dt = (ge + gi - (v + 49*mV))/(20*ms) : 1\ndge/dt = -ge/(5*ms) : 1\ndgi/dt = Dgi/(5*ms) : 1\ndDgi/dt = ((-2./5)*Dgi - (1./5**2)*gi)/(10*ms) : 1", all},
		{"dv/dt = -v/(10*ms) + xi/(10*ms)**.5 : 1", []string{"euler", "heun", "milstein"}},
		{"dv/dt = -v/(10*ms) + v*xi/(10*ms)**.5 : 1", []string{"heun", "milstein"}},
		{"dv/dt = (t/ms)*xi*(5*ms)**-0.5 : 1", []string{"heun", "milstein"}},
		{"dv/dt = w*xi*(5*ms)**-0.5 : 1\ndw/dt = -w/(10*ms) : 1", []string{"heun", "milstein"}},
		{"dv/dt = xi_1*(5*ms)**-0.5 : 1\ndw/dt = v*xi_2*(5*ms)**-0.5 : 1", []string{"heun", "milstein"}},
		// Non-diagonal noise: milstein refuses (Brian2's diagonal_noise).
		{"dv/dt = -v/(10*ms) + (xi_1 + xi_2)*ms**-0.5 : 1", []string{"euler", "heun"}},
		{"dv/dt = -v/(10*ms) + xi*ms**-0.5 : 1\ndw/dt = -w/(10*ms) + xi*ms**-0.5 : 1", []string{"euler", "heun"}},
		{"dv/dt = -(v + w**2)/(10*ms) : 1\ndw/dt = -w/(10*ms) : 1", []string{"exponential_euler", "euler", "rk2", "rk4", "heun", "milstein"}},
		{"dv/dt = -sqrt(v)/(10*ms) : 1", []string{"euler", "rk2", "rk4", "heun", "milstein"}},
		{"dv/dt = sin(2*pi*100*Hz*t)/(10*ms) : 1", []string{"exponential_euler", "euler", "rk2", "rk4", "heun", "milstein"}},
	}
	for _, tc := range cases {
		s := parseSystem(t, tc.eqs)
		var got []string
		for _, name := range all {
			m, _ := LookupMethod(name)
			if m.Applies(s) == nil {
				got = append(got, name)
			}
		}
		if !slices.Equal(got, tc.apply) {
			t.Errorf("%q: methods that apply %v, want %v", tc.eqs, got, tc.apply)
		}
	}
}

// Every method's program assigns each temporary once, before it is read,
// and updates every state variable from its own temporary.
func TestProgramShape(t *testing.T) {
	t.Parallel()
	systems := []string{
		"dv/dt = (ge - v)/tau : 1\ndge/dt = -ge/taue : 1",
		"dv/dt = -v/tau + sigma*xi_1 : 1\ndw/dt = -w/tau + sigma*w*xi_2 : 1",
	}
	for _, src := range systems {
		s := parseSystem(t, src)
		for _, name := range Methods() {
			m, _ := LookupMethod(name)
			if m.Applies(s) != nil {
				continue
			}
			p, err := Integrate(s, name)
			if err != nil {
				t.Fatalf("%s on %q: %v", name, src, err)
			}
			if p.Method != name {
				t.Errorf("%s: Program.Method = %q", name, p.Method)
			}
			if err := checkTemporaries(p); err != nil {
				t.Errorf("%s on %q: %v", name, src, err)
			}
			if len(p.Updates) != len(s.Vars) {
				t.Fatalf("%s: %d updates for %d variables", name, len(p.Updates), len(s.Vars))
			}
			for k, u := range p.Updates {
				if u.Name != s.Vars[k] || listing(&Program{Stmts: []Assign{u}}) != u.Name+" = _"+u.Name+"\n" {
					t.Errorf("%s: update %d is %s", name, k, listing(&Program{Stmts: []Assign{u}}))
				}
			}
			for i, n := range s.Noise {
				if p.Noise[i] != "_"+n {
					t.Errorf("%s: noise draw %d is %q, want %q", name, i, p.Noise[i], "_"+n)
				}
			}
		}
	}
}
