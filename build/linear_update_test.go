package build

import (
	"math"
	"strings"
	"testing"

	"github.com/volleysim/volley/kernel"
)

// linearBase is the Tian 2020 network's cell model, small: linear Euler
// equations whose coefficients read per-cell parameters set per sub-group.
const linearBase = `name = "lin"
[run]
dt = "0.1 ms"
duration = "1 ms"
[constants]
tau_Es = "6 ms"
tau_Is = "5 ms"
[groups.G]
size = "10"
equations = """
dV/dt = (-V + mu + JE*sE + JI*sI)/tau : 1
dsE/dt = -sE/tau_Es : 1
dsI/dt = -sI/tau_Is : 1
tau : second (constant)
mu : 1 (constant)
JE : 1 (constant)
JI : 1 (constant)
"""
threshold = "V >= 15"
reset = "V = 0"
method = "euler"
init = { V = "i", sE = "0.5*i", sI = "0.2" }
[groups.E]
slice = "G[:8]"
init = { tau = "15 ms", mu = "9.49", JE = "0.25", JI = "-1" }
[groups.I]
slice = "G[8:]"
init = { tau = "10 ms", mu = "6.32", JE = "0.4", JI = "-1" }
`

// compileLinear compiles a model text and returns its first group.
func compileLinear(t *testing.T, text string) *Group {
	t.Helper()
	n, err := resolveText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	return plan.Groups[0]
}

// Linear Euler equations run as a linear update (two runs of coefficients,
// E and I), and each step is the Euler step x + dt·f(x) computed in Go,
// up to rounding (the coefficients 1 − dt/tau, dt·JE/tau, … are computed
// once): 1e-13 relative over 8 steps, below the threshold.
func TestLinearEuler(t *testing.T) {
	t.Parallel()
	g := compileLinear(t, linearBase)
	if form := g.Kernel.(*kernel.Kernel).Form(); form != "linear" {
		t.Fatalf("kernel form %q, want linear", form)
	}
	const dt = 1e-4
	get := func(name string) []float64 {
		v, ok := g.Var(name)
		if !ok {
			t.Fatalf("no variable %s", name)
		}
		return v.Data
	}
	V, sE, sI := get("V"), get("sE"), get("sI")
	tau, mu, JE, JI := get("tau"), get("mu"), get("JE"), get("JI")
	wantV, wantE, wantI := append([]float64(nil), V...), append([]float64(nil), sE...), append([]float64(nil), sI...)
	for step := int64(0); step < 8; step++ {
		if _, ok := g.Kernel.Step(0, 10, step, nil); !ok {
			t.Fatal("non-finite")
		}
		for i := range wantV {
			v, e, in := wantV[i], wantE[i], wantI[i]
			wantV[i] = v + dt*((-v+mu[i]+JE[i]*e+JI[i]*in)/tau[i])
			wantE[i] = e + dt*(-e/6e-3)
			wantI[i] = in + dt*(-in/5e-3)
		}
	}
	for i := range wantV {
		for _, c := range [][2]float64{{V[i], wantV[i]}, {sE[i], wantE[i]}, {sI[i], wantI[i]}} {
			if math.Abs(c[0]-c[1]) > 1e-13*math.Abs(c[1])+1e-300 {
				t.Fatalf("cell %d: %.17g, Euler in Go %.17g", i, c[0], c[1])
			}
		}
	}
}

// A parameter that something writes during the run is read every step:
// written by the reset, it makes an input term of the program (the linear
// loops are not used); read as a coefficient, it makes Euler use its
// program and "exact" refuse with the reason.
func TestLinearWrittenParameters(t *testing.T) {
	t.Parallel()
	written := strings.Replace(linearBase, `reset = "V = 0"`, `reset = "V = 0; mu += 0.1"`, 1)
	if form := compileLinear(t, written).Kernel.(*kernel.Kernel).Form(); form != "program" {
		t.Errorf("mu written by the reset: kernel form %q, want program", form)
	}
	coef := strings.Replace(linearBase, `reset = "V = 0"`, `reset = "V = 0; tau += 1*ms"`, 1)
	if form := compileLinear(t, coef).Kernel.(*kernel.Kernel).Form(); form != "program" {
		t.Errorf("tau written by the reset: kernel form %q, want program", form)
	}
	exact := strings.Replace(coef, `method = "euler"`, `method = "exact"`, 1)
	n, err := resolveText(t, exact)
	if err != nil {
		t.Fatal(err)
	}
	_, err = n.Compile(1)
	if err == nil || !strings.Contains(err.Error(), "tau") || !strings.Contains(err.Error(), "reset writes it") {
		t.Errorf("exact with tau written by the reset: %v", err)
	}
}
