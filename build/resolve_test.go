package build

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/volleysim/volley/model"
)

// base is a small valid model; cases replace one line of it.
const base = `name = "small"
[run]
dt = "0.1 ms"
duration = "10 ms"
seed = 1
[constants]
w = "0.5 nA"
[groups.cells]
size = "100"
model = "IF_curr_exp"
params = { tau_m = "20 ms", tau_refrac = "2 ms" }
init = { v = "uniform(-65 mV, -50 mV)" }
[groups.exc]
slice = "cells[:80]"
[projections.p]
pre = "exc"
post = "cells"
connector = { rule = "fixed_probability", p = "0.1" }
weight = "w"
delay = "1 ms"
receptor = "excitatory"
[monitors]
spikes = ["cells"]
`

func resolveText(t *testing.T, text string) (*Network, error) {
	t.Helper()
	m, err := model.Decode("small.toml", []byte(text))
	if err != nil {
		return nil, err
	}
	return Resolve(m)
}

func TestResolveBase(t *testing.T) {
	t.Parallel()
	n, err := resolveText(t, base)
	if err != nil {
		t.Fatal(err)
	}
	if n.Steps != 100 || n.DT != 1e-4 {
		t.Errorf("steps %d dt %g, want 100 and 1e-4", n.Steps, n.DT)
	}
	if len(n.Views) != 2 || n.Views[1].N != 80 || n.Views[1].Start != 0 {
		t.Errorf("views %+v", n.Views)
	}
	p := n.Projections[0]
	if p.Weight.c != 0.5e-9 || p.Delay.c != 1e-3 {
		t.Errorf("weight %g delay %g", p.Weight.c, p.Delay.c)
	}
	if want := 0.1 * 80 * 100; math.Abs(p.Expected-want) > 1e-9 {
		t.Errorf("expected synapses %g, want %g", p.Expected, want)
	}
	plan, err := n.Compile(2)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Projections[0].Delay != 10 {
		t.Errorf("delay %d steps, want 10", plan.Projections[0].Delay)
	}
	v, _ := plan.Groups[0].Var("v")
	for i, x := range v.Data {
		if x < -65e-3 || x > -50e-3 {
			t.Fatalf("v[%d] = %g outside the uniform range", i, x)
		}
	}
}

// TestResolveErrors: each bad input gives its own clear error, with the
// file, line and key of the offending value.
func TestResolveErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.npy")
	cases := []struct {
		name, old, new string
		want           []string
	}{
		{"bad unit", `w = "0.5 nA"`, `w = "0.5 nAmp"`, []string{"small.toml:7", "nAmp"}},
		{"missing unit", `delay = "1 ms"`, `delay = "1"`, []string{"small.toml:20", "expected s", "ms"}},
		{"wrong dimension", `weight = "w"`, `weight = "1 nS"`, []string{"small.toml:19", "expected A"}},
		{"unknown model", `model = "IF_curr_exp"`, `model = "IF_curr_expo"`, []string{"small.toml", "IF_curr_expo", "IF_cond_exp"}},
		{"unknown parameter", `tau_m = "20 ms"`, `tau_mm = "20 ms"`, []string{"small.toml:11", "tau_mm", "tau_m"}},
		{"p above 1", `p = "0.1"`, `p = "1.5"`, []string{"small.toml:18", "outside [0, 1]"}},
		{"p below 0", `p = "0.1"`, `p = "-0.1"`, []string{"outside [0, 1]"}},
		{"delay below dt", `delay = "1 ms"`, `delay = "0.05 ms"`, []string{"small.toml:20", "shorter than one time step"}},
		{"negative size", `size = "100"`, `size = "-5"`, []string{"small.toml:9", "whole number"}},
		{"fractional size", `size = "100"`, `size = "10.5"`, []string{"whole number"}},
		{"missing file", `connector = { rule = "fixed_probability", p = "0.1" }`,
			`connector = { rule = "from_file", file = "` + missing + `" }`, []string{"small.toml:18", "nope.npy"}},
		{"unknown constant", `weight = "w"`, `weight = "w2"`, []string{"small.toml:19", "w2"}},
		{"bad slice", `slice = "cells[:80]"`, `slice = "cellz[:80]"`, []string{"small.toml", "cellz", "cells"}},
		{"empty slice", `slice = "cells[:80]"`, `slice = "cells[80:10]"`, []string{"selects no cells"}},
		{"unknown init var", `init = { v = "uniform(-65 mV, -50 mV)" }`, `init = { u = "0 mV" }`, []string{"small.toml:12", "no state variable \"u\"", "isyn_exc"}},
		{"bad distribution", `init = { v = "uniform(-65 mV, -50 mV)" }`, `init = { v = "uniform(-65 mV)" }`, []string{"uniform takes 2 arguments"}},
		{"inhibitory sign", `receptor = "excitatory"`, `receptor = "inhibitory"`, []string{"must be <= 0"}},
		{"unknown receptor", `receptor = "excitatory"`, `receptor = "gaba"`, []string{"small.toml:21", "unknown receptor \"gaba\"", "inhibitory"}},
		{"negative dt", `dt = "0.1 ms"`, `dt = "-0.1 ms"`, []string{"small.toml:3", "positive"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(base, tc.old) {
				t.Fatalf("base has no %q", tc.old)
			}
			_, err := resolveText(t, strings.Replace(base, tc.old, tc.new, 1))
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

// A delay that is not a multiple of dt is rounded with a warning when that
// moves it by more than 1%; a zero delay is allowed.
func TestDelayRounding(t *testing.T) {
	t.Parallel()
	n, err := resolveText(t, strings.Replace(base, `delay = "1 ms"`, `delay = "1.04 ms"`, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Warnings) != 1 || !strings.Contains(n.Warnings[0], "rounded to 1 ms") {
		t.Errorf("warnings %q, want one about rounding to 1 ms", n.Warnings)
	}
	n, err = resolveText(t, strings.Replace(base, `delay = "1 ms"`, `delay = "0 ms"`, 1))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Projections[0].Delay != 0 {
		t.Errorf("zero delay compiled to %d steps", plan.Projections[0].Delay)
	}
}

// from_file reads a CSV list of (i, j, weight nA, delay ms) relative to the
// model file.
func TestFromFileCSV(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "conn.csv"), []byte("i,j,w,d\n0,1,0.5,1.0\n3,2,0.25,2.0\n0,0,1,0.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(base, `connector = { rule = "fixed_probability", p = "0.1" }`, `connector = { rule = "from_file", file = "conn.csv" }`, 1)
	m, err := model.Decode(filepath.Join(dir, "m.toml"), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	n, err := Resolve(m)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	pr := plan.Projections[0]
	if pr.Conn.Len() != 3 {
		t.Fatalf("%d synapses, want 3", pr.Conn.Len())
	}
	// CSR order: row 0 → cols 0, 1; row 3 → col 2.
	wantW := []float64{1e-9, 0.5e-9, 0.25e-9}
	wantD := []int32{1, 10, 20}
	for k := range wantW {
		if math.Abs(pr.Weights[k]-wantW[k]) > 1e-21 || pr.Delays[k] != wantD[k] {
			t.Errorf("synapse %d: weight %g delay %d, want %g and %d", k, pr.Weights[k], pr.Delays[k], wantW[k], wantD[k])
		}
	}
}

// dt longer than a fifth of a time constant gives a warning naming it.
func TestTimeConstantWarning(t *testing.T) {
	t.Parallel()
	text := strings.Replace(base, `dt = "0.1 ms"`, `dt = "1.5 ms"`, 1)
	n, err := resolveText(t, strings.Replace(text, `delay = "1 ms"`, `delay = "3 ms"`, 1))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range n.Warnings {
		found = found || (strings.Contains(w, "tau_syn_E") && strings.Contains(w, "fifth"))
	}
	if !found {
		t.Errorf("warnings %q lack one about tau_syn_E = 5 ms and dt = 1.5 ms", n.Warnings)
	}
	if n, _ := resolveText(t, base); len(n.Warnings) != 0 {
		t.Errorf("dt 0.1 ms: warnings %q", n.Warnings)
	}
}

// The same warning for equation-defined groups, from the linear coefficient,
// unless they are integrated exactly.
func TestTimeConstantWarningEquations(t *testing.T) {
	t.Parallel()
	text := `name = "e"
[run]
dt = "1 ms"
duration = "2 ms"
[constants]
tau = "3 ms"
[groups.g]
size = "1"
equations = "dv/dt = -v/tau : volt"
method = "euler"
`
	n, err := resolveText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Warnings) != 1 || !strings.Contains(n.Warnings[0], "time constant of v") {
		t.Errorf("warnings %q, want one about the time constant of v (3 ms, dt 1 ms)", n.Warnings)
	}
	n, err = resolveText(t, strings.Replace(text, "euler", "exact", 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Warnings) != 0 {
		t.Errorf("exact integration: warnings %q, want none", n.Warnings)
	}
}

// Per-synapse weights and delays as expressions of i and j (Brian2's
// S.w = '...'), evaluated for every synapse; rand() gives the same values
// for any number of threads.
func TestSynapseExpressions(t *testing.T) {
	t.Parallel()
	text := strings.Replace(base, `weight = "w"`, `weight = "w*(i + 1)"`, 1)
	text = strings.Replace(text, `delay = "1 ms"`, `delay = "0.1*ms*(1 + abs(i - j))"`, 1)
	n, err := resolveText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(1)
	if err != nil {
		t.Fatal(err)
	}
	pr := plan.Projections[0]
	for i := 0; i < pr.Conn.NPre; i++ {
		for k := pr.Conn.RowPtr[i]; k < pr.Conn.RowPtr[i+1]; k++ {
			j := int(pr.Conn.Post(k))
			if want := 0.5e-9 * float64(i+1); math.Abs(pr.Weights[k]-want) > 1e-21 {
				t.Fatalf("synapse %d→%d: weight %g, want %g", i, j, pr.Weights[k], want)
			}
			if want := int32(1 + max(i-j, j-i)); pr.Delays[k] != want {
				t.Fatalf("synapse %d→%d: delay %d steps, want %d", i, j, pr.Delays[k], want)
			}
		}
	}
	text = strings.Replace(base, `weight = "w"`, `weight = "w*rand()"`, 1)
	var ws [][]float64
	for _, threads := range []int{1, 3} {
		n, err := resolveText(t, text)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := n.Compile(threads)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, plan.Projections[0].Weights)
	}
	for k := range ws[0] {
		if ws[0][k] != ws[1][k] || ws[0][k] < 0 || ws[0][k] >= 0.5e-9 {
			t.Fatalf("synapse %d: %g and %g", k, ws[0][k], ws[1][k])
		}
	}
	if _, err := resolveText(t, strings.Replace(base, `weight = "w"`, `weight = "w*j*ms"`, 1)); err == nil || !strings.Contains(err.Error(), "expected A") {
		t.Errorf("wrong dimension: %v", err)
	}
}

// A connection probability of i and j (distance-dependent, Brian2's
// connect(p='exp(-abs(i - j)/10)')) gives a synapse count within 4 sigma of
// the sum of the probabilities, synapses between near cells, and no self
// connections when they are excluded.
func TestProbabilityExpression(t *testing.T) {
	t.Parallel()
	text := strings.Replace(base, `connector = { rule = "fixed_probability", p = "0.1" }`,
		`connector = { rule = "fixed_probability", p = "exp(-abs(i - j)/10.0)", allow_self_connections = false }`, 1)
	n, err := resolveText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := n.Compile(2)
	if err != nil {
		t.Fatal(err)
	}
	c := plan.Projections[0].Conn
	var mean, variance, far float64
	for i := 0; i < 80; i++ {
		for j := 0; j < 100; j++ {
			if i != j {
				p := math.Exp(-math.Abs(float64(i-j)) / 10)
				mean += p
				variance += p * (1 - p)
			}
		}
		for k := c.RowPtr[i]; k < c.RowPtr[i+1]; k++ {
			j := c.Post(k)
			if int(j) == i {
				t.Fatalf("self connection %d", i)
			}
			if math.Abs(float64(i-int(j))) > 60 {
				far++
			}
		}
	}
	if d := math.Abs(float64(c.Len()) - mean); d > 4*math.Sqrt(variance) {
		t.Errorf("%d synapses, expected %.0f ± %.0f", c.Len(), mean, 4*math.Sqrt(variance))
	}
	// the 970 pairs more than 60 apart have probabilities summing to 0.957:
	// more than 5 of them has probability 5e-4 (Poisson tail)
	if far > 5 {
		t.Errorf("%g synapses between cells more than 60 apart", far)
	}
	if e := n.Projections[0].Expected; math.Abs(e-mean) > 0.1*mean {
		t.Errorf("expected synapses %.0f, the probabilities sum to %.0f", e, mean)
	}
	if _, err := resolveText(t, strings.Replace(text, "exp(-abs(i - j)/10.0)", "1.5 - i/100.0", 1)); err != nil {
		t.Fatal(err)
	}
	n2, _ := resolveText(t, strings.Replace(text, "exp(-abs(i - j)/10.0)", "1.5 - i/100.0", 1))
	if _, err := n2.Compile(1); err == nil || !strings.Contains(err.Error(), "outside [0, 1]") {
		t.Errorf("p above 1: %v", err)
	}
}
