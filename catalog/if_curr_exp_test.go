package catalog

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// simulate drives a one-group kernel through Brian2's schedule for steps
// steps and returns the sampled values of v at the start of each step and the
// spike steps. inject, if not nil, adds input before each step's update.
func simulate(t *testing.T, m *Model, params map[string]float64, init map[string]float64, n int, dt float64, steps int) (v [][]float64, spikes [][]int64) {
	t.Helper()
	p := map[string]float64{}
	for _, q := range m.Params {
		p[q.Name] = q.Default.Value
	}
	for k, x := range params {
		if _, ok := m.Param(k); !ok {
			t.Fatalf("%s has no parameter %q", m.Name, k)
		}
		p[k] = x
	}
	state := map[string][]float64{}
	for _, s := range m.State {
		a := make([]float64, n)
		x, ok := init[s.Name]
		if !ok {
			x = s.Init.Value
		}
		for i := range a {
			a[i] = x
		}
		state[s.Name] = a
	}
	k, err := m.New(Instance{N: n, DT: dt, Params: p, State: state, Seed: 1, ID: 1})
	if err != nil {
		t.Fatal(err)
	}
	v = make([][]float64, n)
	spikes = make([][]int64, n)
	var out []int32
	for step := int64(0); step < int64(steps); step++ {
		for i := 0; i < n; i++ {
			v[i] = append(v[i], state["v"][i])
		}
		out, _ = k.Step(0, n, step, out[:0])
		k.Reset(out, step)
		for _, i := range out {
			spikes[i] = append(spikes[i], step)
		}
	}
	return v, spikes
}

// cubaLIF is the single-cell case of shared/refs/single/summary.json ("lif"):
// the CUBA cell driven by 0.1 nA.
var cubaLIF = map[string]float64{
	"cm": 0.2e-9, "tau_m": 20e-3, "v_rest": -49e-3, "v_reset": -60e-3, "v_thresh": -50e-3,
	"tau_refrac": 5e-3, "i_offset": 0.1e-9,
}

// TestIFCurrExpClosedForm compares the subthreshold trace with the closed form
// v(t) = V∞ + (v_reset − V∞)·exp(−(t − t₀)/tau_m), V∞ = v_rest + I·tau_m/cm = −39 mV,
// restarting at the end of each refractory period, checks that v is clamped
// at v_reset while refractory, and that spikes fall on the grid every 17.9 ms
// (analytic ISI 5 + 20·ln(21/11) = 17.9325 ms).
func TestIFCurrExpClosedForm(t *testing.T) {
	t.Parallel()
	const dt = 1e-4
	v, spikes := simulate(t, IFCurrExp(), cubaLIF, map[string]float64{"v": -60e-3}, 1, dt, 2000)
	const vinf, vreset, tau = -39e-3, -60e-3, 20e-3
	const refSteps = 50
	start := int64(0) // step from which v integrates freely
	next := 0
	for n, x := range v[0] {
		step := int64(n)
		if next < len(spikes[0]) && step > spikes[0][next] {
			start = spikes[0][next] + refSteps
			next++
		}
		if step <= start {
			if x != vreset {
				t.Fatalf("step %d: v = %.17g, want v_reset (clamped)", n, x)
			}
			continue
		}
		want := vinf + (vreset-vinf)*math.Exp(-float64(step-start)*dt/tau)
		if d := math.Abs(x-want) / math.Abs(want); d > 1e-12 {
			t.Fatalf("step %d: v = %.17g, closed form %.17g, rel diff %g", n, x, want, d)
		}
	}
	if len(spikes[0]) != 11 {
		t.Fatalf("got %d spikes, want 11 in 200 ms", len(spikes[0]))
	}
	if spikes[0][0] != 129 {
		t.Errorf("first spike at step %d, want 129 (12.9 ms; analytic 12.93 ms)", spikes[0][0])
	}
	for i := 1; i < len(spikes[0]); i++ {
		if isi := spikes[0][i] - spikes[0][i-1]; isi != 179 {
			t.Errorf("ISI %d = %d steps, want 179 (17.9 ms)", i, isi)
		}
	}
}

// TestIFCurrExpBrian2 compares v sample by sample with Brian2 2.5.1's exact
// integration of the same cell (testdata/lif_cuba_I0.1nA_dt0.1.csv) and the
// spike times with its spike file.
func TestIFCurrExpBrian2(t *testing.T) {
	t.Parallel()
	ref := readCSV(t, "testdata/lif_cuba_I0.1nA_dt0.1.csv")
	refSpikes := readCSV(t, "testdata/lif_cuba_I0.1nA_dt0.1_spikes.csv")
	v, spikes := simulate(t, IFCurrExp(), cubaLIF, map[string]float64{"v": -60e-3}, 1, 1e-4, len(ref))
	for n, row := range ref {
		want := row[1] * 1e-3
		if d := math.Abs(v[0][n]-want) / math.Abs(want); d > 1e-9 {
			t.Fatalf("t = %g ms: v = %.15g mV, Brian2 %.15g mV (rel %g)", row[0], v[0][n]*1e3, row[1], d)
		}
	}
	if len(spikes[0]) != len(refSpikes) {
		t.Fatalf("%d spikes, Brian2 %d", len(spikes[0]), len(refSpikes))
	}
	for i, s := range refSpikes {
		if want := int64(math.Round(s[0] / 0.1)); spikes[0][i] != want {
			t.Errorf("spike %d at step %d, Brian2 at %g ms", i, spikes[0][i], s[0])
		}
	}
}

// TestIFCurrExpSynapticDecay checks that the synaptic currents decay as
// exp(−t/tau_syn) and keep decaying during the refractory period.
func TestIFCurrExpSynapticDecay(t *testing.T) {
	t.Parallel()
	m := IFCurrExp()
	params := map[string]float64{"tau_syn_E": 5e-3, "tau_syn_I": 10e-3, "tau_refrac": 5e-3}
	k, state := newKernel(t, m, params, 1e-4)
	state["isyn_exc"][0], state["isyn_inh"][0] = 1e-9, -2e-9
	k.Reset([]int32{0}, 0) // refractory from step 0
	for n := int64(1); n <= 100; n++ {
		k.Step(0, 1, n, nil)
		tt := float64(n) * 1e-4
		if d := math.Abs(state["isyn_exc"][0]-1e-9*math.Exp(-tt/5e-3)) / 1e-9; d > 1e-12 {
			t.Fatalf("step %d: isyn_exc off by %g", n, d)
		}
		if d := math.Abs(state["isyn_inh"][0]+2e-9*math.Exp(-tt/10e-3)) / 2e-9; d > 1e-12 {
			t.Fatalf("step %d: isyn_inh off by %g", n, d)
		}
	}
}

func newKernel(t *testing.T, m *Model, params map[string]float64, dt float64) (Kernel, map[string][]float64) {
	t.Helper()
	p := map[string]float64{}
	for _, q := range m.Params {
		p[q.Name] = q.Default.Value
	}
	for k, x := range params {
		p[k] = x
	}
	state := map[string][]float64{}
	for _, s := range m.State {
		state[s.Name] = []float64{s.Init.Value}
	}
	k, err := m.New(Instance{N: 1, DT: dt, Params: p, State: state})
	if err != nil {
		t.Fatal(err)
	}
	return k, state
}

// readCSV reads a numeric CSV file with one header line.
func readCSV(t *testing.T, path string) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		var row []float64
		for _, s := range strings.Split(sc.Text(), ",") {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			row = append(row, x)
		}
		rows = append(rows, row)
	}
	return rows
}
