package integrate

import (
	"fmt"
	"strings"

	"github.com/volleysim/volley/eqn"
)

// Defaults are the methods tried, in order, when a group names none:
// Brian2's NeuronGroup and Synapses default (brian2/groups/neurongroup.py,
// method=('exact', 'euler', 'heun')).
func Defaults() []string { return []string{"exact", "euler", "heun"} }

// Choose returns the name of the method to use for s. With method == "" it
// is the first of Defaults that applies. A named method (case-insensitive,
// "linear" for "exact") must apply; if it does not, the error says why and
// lists the methods that do, for example
//
//	method "exact" does not apply: dv/dt depends on v through exp((v - VT)/DT) (not linear); methods that apply: euler, rk2, rk4, heun, milstein
func Choose(s System, method string) (string, error) {
	if err := checkNames(s); err != nil {
		return "", err
	}
	if method == "" {
		var why []string
		for _, name := range Defaults() {
			m, _ := LookupMethod(name)
			err := m.Applies(s)
			if err == nil {
				return m.name, nil
			}
			why = append(why, fmt.Sprintf("%s: %v", name, err))
		}
		return "", fmt.Errorf("no integration method applies to these equations (%s)", strings.Join(why, "; "))
	}
	m, err := LookupMethod(method)
	if err != nil {
		return "", err
	}
	if err := m.Applies(s); err != nil {
		var ok []string
		for _, o := range methods() {
			if o.Applies(s) == nil {
				ok = append(ok, o.name)
			}
		}
		list := strings.Join(ok, ", ")
		if len(ok) == 0 {
			list = "none"
		}
		return "", fmt.Errorf("method %q does not apply: %v; methods that apply: %s", m.name, err, list)
	}
	return m.name, nil
}

// Integrate returns the update program of one step of the named method
// (case-insensitive; "linear" is "exact"), which must apply to s. The
// program of "exact" refers to propagator entries that the caller binds (see
// ExactLinearProgram). The step size is the name dt and the time at the
// start of the step is t, as Program describes.
func Integrate(s System, method string) (*Program, error) {
	if err := checkNames(s); err != nil {
		return nil, err
	}
	m, err := LookupMethod(method)
	if err != nil {
		return nil, err
	}
	if err := m.Applies(s); err != nil {
		return nil, fmt.Errorf("method %q does not apply: %v", m.name, err)
	}
	p, err := m.build(s)
	if err != nil {
		return nil, err
	}
	p.Method = m.name
	if err := checkTemporaries(p); err != nil {
		return nil, err
	}
	return p, nil
}

// checkNames refuses systems whose shape is inconsistent (programmer misuse)
// or whose names start with "_", which are reserved for temporaries (as in
// Brian2).
func checkNames(s System) error {
	if len(s.Vars) != len(s.RHS) {
		panic(fmt.Sprintf("integrate: %d variables but %d right-hand sides", len(s.Vars), len(s.RHS)))
	}
	for k, v := range s.Vars {
		if strings.HasPrefix(v, "_") {
			return fmt.Errorf("variable %q: names starting with \"_\" are reserved for the integrator", v)
		}
		for _, n := range eqn.Names(s.RHS[k]) {
			if strings.HasPrefix(n, "_") {
				return fmt.Errorf("d%s/dt uses %q: names starting with \"_\" are reserved for the integrator", v, n)
			}
		}
	}
	return nil
}

// checkTemporaries makes sure that every temporary is assigned once and is
// neither a noise draw nor a name the program reads without assigning (the
// propagator entries of "exact"): a state variable called "BA_v" would
// otherwise meet exponential Euler's "_BA_v".
func checkTemporaries(p *Program) error {
	assigned := map[string]bool{}
	for _, n := range p.Noise {
		assigned[n] = true
	}
	external := map[string]bool{}
	for _, a := range p.Stmts {
		for _, n := range eqn.Names(a.Expr) {
			if strings.HasPrefix(n, "_") && !assigned[n] {
				external[n] = true
			}
		}
		if assigned[a.Name] || external[a.Name] {
			return fmt.Errorf("method %q: the temporary %q clashes with another name of the program; rename the variable it comes from", p.Method, a.Name)
		}
		assigned[a.Name] = true
	}
	return nil
}
