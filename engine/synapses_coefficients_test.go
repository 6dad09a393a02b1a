package engine_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// A synaptic parameter that on_pre writes (w) is a coefficient of a linear
// clock-driven or event-driven equation. Brian2 re-solves such an equation
// with the current w; Volley solves these equations exactly only with
// constant coefficients, so it refuses them with a message naming w. A
// clock-driven one runs with method = "euler": x then follows the Euler
// recurrence x ← x + dt·(w − x)/tau with the current w, which becomes 1 at
// the spike (step 10, after that step's clock update), so x = 1 − 0.9^(n−11)
// at the start of step n > 11 (dt/tau = 0.1).
func TestWrittenParamInCoefficient(t *testing.T) {
	t.Parallel()
	model := func(kind, method string) string {
		return stimCell("5 ms", 1, `[["1 ms"]]`, 1, "v : 1") + fmt.Sprintf(`
[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
w : 1
tau : second
dx/dt = (w - x)/tau : 1 (%s)
"""
on_pre = "w += 1"
params = { tau = "1 ms" }
%s
[monitors.synapses.x]
projection = "p"
var = "x"
`, kind, method)
	}
	for _, kind := range []string{"clock-driven", "event-driven"} {
		_, _, err := tryRun(t, model(kind, ""), 1, false)
		if err == nil || !strings.Contains(err.Error(), kind+" equations read w, which on_pre or on_post changes") {
			t.Errorf("%s: error %v, want one saying that the equations read w, which on_pre changes", kind, err)
		}
	}
	for _, eager := range []bool{false, true} {
		res, _, err := tryRun(t, model("clock-driven", `method = "euler"`), 1, eager)
		if err != nil {
			t.Fatalf("eager %v: euler: %v", eager, err)
		}
		x := res.SynapseMeans[0]
		for n := 0; n < len(x); n++ {
			want := 0.0
			if n > 11 {
				want = 1 - math.Pow(0.9, float64(n-11))
			}
			if math.Abs(x[n]-want) > 1e-12 {
				t.Errorf("eager %v: x at step %d = %.16g, Euler recurrence %.16g", eager, n, x[n], want)
			}
		}
	}
}

// rand() in a synaptic differential equation makes it stochastic: like
// Brian2, which refuses method 'exact' for it and integrates it with euler
// by default, Volley draws a new number every step, so y does not decay by
// one frozen factor.
func TestRandInSynapticEquation(t *testing.T) {
	t.Parallel()
	src := stimCell("2 ms", 1, `[["5 ms"]]`, 1, "v : 1") + `

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "dy/dt = -y*rand()/ms : 1 (clock-driven)"
on_pre = "y += 1"
params = { y = 1 }

[monitors.synapses.y]
projection = "p"
var = "y"
`
	res, _, err := tryRun(t, src, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	y := res.SynapseMeans[0]
	same := true
	r0 := y[1] / y[0]
	for n := 2; n < len(y); n++ {
		if math.Abs(y[n]/y[n-1]-r0) > 1e-12 {
			same = false
		}
	}
	if same {
		t.Errorf("y decays by the same factor %.15g every step: rand() was drawn once, not every step", r0)
	}
}
