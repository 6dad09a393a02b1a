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
		receptor, params, weight    string
		U, tauRec, tauFacil, tauSyn float64
	}{
		// PyNN's defaults; tau_syn is the receptor's time constant of the post cells
		{"excitatory", "{}", "w", 0.5, 0.1, 0, 0.003},
		{"inhibitory", `{ U = 0.04, tau_facil = "1 s" }`, "-w", 0.04, 0.1, 1, 0.007},
		{"excitatory", `{ tau_rec = "800 ms", tau_syn = "2 ms" }`, "w", 0.5, 0.8, 0, 0.002},
	} {
		text := strings.Replace(stp(c.receptor, c.params), `weight = "w"`, `weight = "`+c.weight+`"`, 1)
		n, err := resolveText(t, text)
		if err != nil {
			t.Fatalf("%s %s: %v", c.receptor, c.params, err)
		}
		s := n.Projections[0].stp
		if got, want := [4]float64{s.U.c, s.TauRec.c, s.TauFacil.c, s.TauSyn}, [4]float64{c.U, c.tauRec, c.tauFacil, c.tauSyn}; got != want {
			t.Errorf("%s %s: U, tau_rec, tau_facil, tau_syn = %v, want %v", c.receptor, c.params, got, want)
		}
		want := fmt.Sprintf("TsodyksMarkramSynapse(U=%g, tau_rec=%g ms", c.U, c.tauRec*1e3)
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
	// per-synapse parameters: a truncated normal (the Tsodyks 2000 seed's) and an expression of j
	n, err := resolveText(t, stp("excitatory", `{ U = "normal_clipped(0.5, 0.25, 0.1, 0.9)", tau_rec = "(100 + j) * ms" }`))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(2)
	if err != nil {
		t.Fatal(err)
	}
	pr := plan.Projections[0]
	if pr.STP.Us == nil || pr.STP.TauRecs == nil || pr.STP.TauFacils != nil {
		t.Fatalf("per-synapse U %v, tau_rec %v, tau_facil %v: want the first two only", pr.STP.Us != nil, pr.STP.TauRecs != nil, pr.STP.TauFacils != nil)
	}
	var mean float64
	for k, u := range pr.STP.Us {
		if u < 0.1 || u > 0.9 {
			t.Fatalf("U of synapse %d is %g, outside [0.1, 0.9]", k, u)
		}
		mean += u / float64(len(pr.STP.Us))
		if want := (100 + float64(pr.Conn.Post(int64(k)))) * 1e-3; math.Abs(pr.STP.TauRecs[k]-want) > 1e-15 {
			t.Fatalf("tau_rec of synapse %d is %g, want %g", k, pr.STP.TauRecs[k], want)
		}
	}
	// the distribution is symmetric about 0.5 on [0.1, 0.9]; sd of the mean < 0.25/sqrt(700)
	if math.Abs(mean-0.5) > 4*0.25/math.Sqrt(float64(len(pr.STP.Us))) {
		t.Errorf("mean U %g of %d synapses, want 0.5", mean, len(pr.STP.Us))
	}
	n, err = resolveText(t, stp("excitatory", `{ U = "uniform(0.5, 1.5)" }`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.Compile(1); err == nil || !strings.Contains(err.Error(), "it is outside (0, 1]") {
		t.Errorf("U drawn above 1: %v", err)
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
		s := &STP{U: 0.3, TauRec: 0.02, TauFacil: 0.05, TauSyn: tauSyn, DT: 1e-4,
			Y: make([]float64, 1), Z: make([]float64, 1), UT: make([]float64, 1), Last: make([]int64, 1)}
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

func TestSynapseMonitorErrors(t *testing.T) {
	t.Parallel()
	stp := strings.Replace(base, `receptor = "excitatory"`, `receptor = "excitatory"
synapse = "TsodyksMarkramSynapse"`, 1)
	stp = strings.Replace(stp, `tau_refrac = "2 ms"`, `tau_refrac = "2 ms", tau_syn_E = "3 ms"`, 1)
	mon := func(text, projection, v, every string) string {
		return text + "[monitors.synapses.m]\nprojection = \"" + projection + "\"\nvar = \"" + v + "\"\nevery = \"" + every + "\"\n"
	}
	n, err := resolveText(t, mon(stp, "p", "x", "0.5 ms"))
	if err != nil {
		t.Fatal(err)
	}
	if m := n.SynapseMonitors; len(m) != 1 || m[0].Every != 5 || m[0].Var != "x" || m[0].Projection != 0 {
		t.Errorf("monitor %+v, want x of projection 0 every 5 steps", m)
	}
	for _, c := range []struct{ text, want string }{
		{mon(base, "p", "x", "1 ms"), `projection "p" has static synapses`},
		{mon(stp, "q", "x", "1 ms"), `unknown projection "q"`},
		{mon(stp, "p", "z", "1 ms"), `unknown variable "z"; valid: x (recovered), y (active), u (utilisation)`},
		{mon(stp, "p", "x", "0.05 ms"), `every = "0.05 ms" must be a whole number of steps of dt`},
	} {
		if _, err := resolveText(t, c.text); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}
