package build

import (
	"strings"
	"testing"
)

// eqBase is a small valid equation-defined group; cases replace one line.
const eqBase = `name = "eq"
[run]
dt = "0.1 ms"
duration = "1 ms"
[constants]
tau = "10 ms"
El = "-65 mV"
[groups.g]
size = "10"
equations = """
dv/dt = (El - v)/tau + I/C : volt (unless refractory)
I : amp
C : farad
"""
threshold = "v > -50*mV"
reset = "v = El"
refractory = "2 ms"
method = "exact"
params = { C = "200 pF", I = "0.1 nA" }
`

func TestEquationGroup(t *testing.T) {
	t.Parallel()
	n, err := resolveText(t, eqBase)
	if err != nil {
		t.Fatal(err)
	}
	g := n.Groups[0]
	if g.Kind != "equations" || g.Method != "exact" || len(g.Vars) != 3 {
		t.Errorf("group %+v", g)
	}
	if _, err := n.Compile(1); err != nil {
		t.Fatal(err)
	}
}

// Every user error in an equation-defined group is reported with the file,
// the line and what is wrong; none panics.
func TestEquationGroupErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"dimension of a right-hand side", "dv/dt = (El - v)/tau + I/C", "dv/dt = (El - v) + I/C", []string{"small.toml:8", "dv/dt", "^"}},
		{"unknown name", "dv/dt = (El - v)/tau + I/C", "dv/dt = (Ex - v)/tau + I/C", []string{"Ex"}},
		{"syntax", "dv/dt = (El - v)/tau + I/C", "dv/dt = (El - v/tau + I/C", []string{"small.toml:8", "^"}},
		{"threshold dimension", `threshold = "v > -50*mV"`, `threshold = "v"`, []string{"threshold", "dimension V"}},
		{"reset dimension", `reset = "v = El"`, `reset = "v = tau"`, []string{"reset", "needs V"}},
		{"reset unknown variable", `reset = "v = El"`, `reset = "u = El"`, []string{"reset", "u"}},
		{"refractory dimension", `refractory = "2 ms"`, `refractory = "2 mV"`, []string{"refractory", "time"}},
		{"unknown method", `method = "exact"`, `method = "rk45"`, []string{"rk45", "exact"}},
		{"not a parameter", `params = { C = "200 pF", I = "0.1 nA" }`, `params = { C = "200 pF", J = "0.1 nA" }`, []string{"J", "parameters: C, I"}},
		{"parameter unit", `params = { C = "200 pF", I = "0.1 nA" }`, `params = { C = "200 pF", I = "0.1 nS" }`, []string{"expected A"}},
		{"variable named like a constant", "I : amp", "tau : amp", []string{"tau", "constant"}},
		{"exact refused", "dv/dt = (El - v)/tau + I/C", "dv/dt = (El - v)/tau + I/C + v**2/(tau*volt)", []string{"does not apply", "euler"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(eqBase, tc.old) {
				t.Fatalf("base has no %q", tc.old)
			}
			_, err := resolveText(t, strings.Replace(eqBase, tc.old, tc.new, 1))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

// A named method that does not apply is refused with the methods that do.
func TestEquationGroupMethodRefused(t *testing.T) {
	t.Parallel()
	text := strings.Replace(eqBase, "dv/dt = (El - v)/tau + I/C", "dv/dt = (El - v)/tau + I/C + exp(v/mV)*mV/tau", 1)
	text = strings.Replace(text, `method = "exact"`, `method = "exponential_euler"`, 1)
	_, err := resolveText(t, text)
	if err == nil || !strings.Contains(err.Error(), "does not apply") || !strings.Contains(err.Error(), "methods that apply: euler") {
		t.Errorf("error %v, want a refusal listing the methods that apply", err)
	}
}
