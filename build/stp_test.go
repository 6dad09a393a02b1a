package build

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestSTPResolve(t *testing.T) {
	t.Parallel()
	stp := func(receptor, params string) string {
		return strings.Replace(strings.Replace(base, `receptor = "excitatory"`, `receptor = "`+receptor+`"
synapse = "TsodyksMarkramSynapse"
params = `+params, 1), `tau_refrac = "2 ms"`, `tau_refrac = "2 ms", tau_syn_E = "3 ms", tau_syn_I = "7 ms"`, 1)
	}
	for _, c := range []struct {
		receptor, params, weight string
		want                     stpSpec
	}{
		// PyNN's defaults; tau_syn is the receptor's time constant of the post cells
		{"excitatory", "{}", "w", stpSpec{U: 0.5, TauRec: 0.1, TauSyn: 0.003}},
		{"inhibitory", `{ U = 0.04, tau_facil = "1 s" }`, "-w", stpSpec{U: 0.04, TauRec: 0.1, TauFacil: 1, TauSyn: 0.007}},
		{"excitatory", `{ tau_rec = "800 ms", tau_syn = "2 ms" }`, "w", stpSpec{U: 0.5, TauRec: 0.8, TauSyn: 0.002}},
	} {
		text := strings.Replace(stp(c.receptor, c.params), `weight = "w"`, `weight = "`+c.weight+`"`, 1)
		n, err := resolveText(t, text)
		if err != nil {
			t.Fatalf("%s %s: %v", c.receptor, c.params, err)
		}
		if got := *n.Projections[0].stp; got != c.want {
			t.Errorf("%s %s: %+v, want %+v", c.receptor, c.params, got, c.want)
		}
		want := fmt.Sprintf("TsodyksMarkramSynapse(U=%g, tau_rec=%g ms", c.want.U, c.want.TauRec*1e3)
		if got := n.Projections[0].Synapse(); !strings.HasPrefix(got, want) {
			t.Errorf("Synapse() = %q, want it to start with %q", got, want)
		}
		plan, err := n.Compile(1)
		if err != nil {
			t.Fatal(err)
		}
		if s := plan.Projections[0].STP; s == nil || len(s.Y) != plan.Projections[0].Conn.Len() {
			t.Errorf("%s %s: plastic state not allocated for every synapse", c.receptor, c.params)
		}
	}
	for _, c := range []struct{ params, want string }{
		{"{ V = 0.5 }", `no parameter "V"; valid: U, tau_rec, tau_facil, tau_syn`},
		{"{ U = 1.5 }", "U = 1.5 is outside (0, 1]"},
		{`{ tau_rec = "0 ms" }`, "tau_rec = 0 s must be > 0"},
		{`{ tau_rec = "5 mV" }`, "dimension"},
		{`{ tau_facil = "-1 ms" }`, "tau_facil = -0.001 s must be ≥ 0"},
	} {
		if _, err := resolveText(t, stp("excitatory", c.params)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("params %s: error %v, want one containing %q", c.params, err, c.want)
		}
	}
	eqs := strings.Replace(base, `model = "IF_curr_exp"
params = { tau_m = "20 ms", tau_refrac = "2 ms" }
init = { v = "uniform(-65 mV, -50 mV)" }`, `equations = "dI/dt = -I/(5*ms) : amp"`, 1)
	eqs = strings.Replace(eqs, `receptor = "excitatory"`, `target = "I"
synapse = "TsodyksMarkramSynapse"`, 1)
	if _, err := resolveText(t, eqs); err == nil || !strings.Contains(err.Error(), "give params.tau_syn") {
		t.Errorf("equation group without tau_syn: %v", err)
	}
	if _, err := resolveText(t, strings.Replace(eqs, `synapse = "TsodyksMarkramSynapse"`,
		`synapse = "TsodyksMarkramSynapse"
params = { tau_syn = "5 ms" }`, 1)); err != nil {
		t.Errorf("equation group with tau_syn: %v", err)
	}
}

// TestSTPEqualTimeConstants checks the limit tau_syn = tau_rec of the
// inactive resources against nearby unequal time constants.
func TestSTPEqualTimeConstants(t *testing.T) {
	t.Parallel()
	release := func(tauSyn float64) []float64 {
		s := (&stpSpec{U: 0.3, TauRec: 0.02, TauFacil: 0.05, TauSyn: tauSyn}).newSTP(1, 1e-4)
		var out []float64
		for _, n := range []int64{10, 60, 90, 300, 310} {
			out = append(out, s.Release(0, n))
		}
		return out
	}
	eq, near := release(0.02), release(0.02*(1+1e-7))
	for k := range eq {
		if math.Abs(eq[k]-near[k]) > 1e-7*near[k] {
			t.Errorf("spike %d: %.12g with equal time constants, %.12g with tau_syn 1e-7 larger", k, eq[k], near[k])
		}
	}
}
