package engine_test

import (
	"bufio"
	"context"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
)

// readRows reads a CSV file of numbers after its header line.
func readRows(t *testing.T, path string) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]float64
	sc := bufio.NewScanner(f)
	sc.Scan()
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

// tmEquationModel is the synapse of shared/refs tm_depressing_20Hz_dt0.1.csv
// written as the Tsodyks 2000 seed writes it in Brian2.
var tmEquationModel = stimCell("1200 ms", 1, `[["10 ms", "60 ms", "110 ms", "160 ms", "210 ms", "260 ms", "310 ms", "360 ms", "410 ms", "460 ms", "510 ms", "560 ms", "610 ms", "660 ms", "710 ms", "760 ms", "810 ms", "860 ms", "910 ms", "960 ms"]]`, 1, "I : 1") + `

[projections.tm]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
U : 1
u : 1
tau_I : second
tau_rec : second
dx/dt = z/tau_rec : 1 (clock-driven)  # recovered
dy/dt = -y/tau_I : 1 (clock-driven)   # active
z = 1 - x - y : 1                     # inactive
I_post = y : 1 (summed)
"""
on_pre = """
y += U*x  # y first
x += -U*x
"""
params = { U = 0.5, u = 0.5, tau_I = "3 ms", tau_rec = "800 ms", x = 1 }

[monitors]
spikes = ["stim"]

[monitors.synapses.x]
projection = "tm"
var = "x"

[monitors.synapses.y]
projection = "tm"
var = "y"

[monitors.synapses.u]
projection = "tm"
var = "u"
`

// TestEquationSynapseBrian2 runs the Tsodyks–Markram synapse of the seed,
// written with equations, against Brian2's trace of it: x, y and u at the
// start of every step (Brian2's StateMonitor) to 1e-9.
func TestEquationSynapseBrian2(t *testing.T) {
	t.Parallel()
	ref := readRows(t, "testdata/tm_depressing_20Hz_dt0.1.csv")
	m, err := model.Decode("tm.toml", []byte(tmEquationModel))
	if err != nil {
		t.Fatal(err)
	}
	plan := compileModel(t, m, 1)
	res := runPlan(t, plan, 1)
	if got := len(res.Spikes[0].Step); got != 20 {
		t.Fatalf("%d presynaptic spikes, want 20", got)
	}
	x, y, u := res.SynapseMeans[0], res.SynapseMeans[1], res.SynapseMeans[2]
	if len(x) != len(ref) {
		t.Fatalf("%d samples, Brian2 %d", len(x), len(ref))
	}
	var worst float64
	for n, row := range ref {
		d := max(math.Abs(x[n]-row[1]), math.Abs(y[n]-row[2]), math.Abs(u[n]-row[3]))
		worst = max(worst, d)
		if d > 1e-9 {
			t.Fatalf("step %d (%.1f ms): x, y, u = %.12g, %.12g, %.12g; Brian2 %.12g, %.12g, %.12g",
				n, row[0], x[n], y[n], u[n], row[1], row[2], row[3])
		}
	}
	t.Logf("largest difference from Brian2 over %d steps: %.3g", len(ref), worst)
}

// decodeRun decodes a model, runs it on threads and returns its result and
// plan.
func decodeRun(t *testing.T, src string, threads int) (*engine.Result, *build.Plan) {
	t.Helper()
	m, err := model.Decode("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	plan := compileModel(t, m, threads)
	return runPlan(t, plan, threads), plan
}

// TestSummedIsExplicitSum checks a (summed) variable against the sum over
// each post cell's synapses (multapses included) of A·y, with y decaying
// exactly from 1 with a per-synapse time constant. The monitor samples at
// the start of a step, before the sum of that step: Brian2's order.
func TestSummedIsExplicitSum(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "3 ms"

[groups.src]
size = 7
equations = "dummy : 1"

[groups.cell]
size = 5
equations = "I : 1"

[projections.p]
pre = "src"
post = "cell"
connector = { rule = "fixed_number_pre", n = 6, with_replacement = true }
equations = """
A : 1
tau : second
dy/dt = -y/tau : 1 (clock-driven)
I_post = A*y : 1 (summed)
"""
params = { A = "uniform(0.5, 1.5)", tau = "1*ms + 0.25*ms*i + 0.1*ms*j", y = 1 }

[monitors.state.I]
group = "cell"
vars = ["I"]
`
	for _, threads := range []int{1, 2} {
		res, plan := decodeRun(t, src, threads)
		s := plan.Projections[0].Syn
		if s.N != 30 {
			t.Fatalf("%d synapses, want 30", s.N)
		}
		a, tau := s.Var("A"), s.Var("tau")
		tr := res.Traces[0]
		for k, n := range tr.Steps {
			for j := range 5 {
				want := 0.0
				if n > 0 {
					for syn := range s.N {
						if int(s.Post[syn]) == j {
							want += a[syn] * math.Exp(-float64(n-1)*1e-4/tau[syn])
						}
					}
				}
				if got := tr.Data[0][j][k]; math.Abs(got-want) > 1e-12*max(1, want) {
					t.Fatalf("%d threads, step %d, cell %d: I = %.15g, explicit sum %.15g", threads, n, j, got, want)
				}
			}
		}
	}
}

// TestStatementOrder checks that on_pre statements run in the written order,
// on synaptic and postsynaptic variables.
func TestStatementOrder(t *testing.T) {
	t.Parallel()
	src := stimCell("5 ms", 1, `[["1 ms", "3 ms"]]`, 1, "v : 1") + `

[projections.double_first]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "x : 1"
on_pre = "x = x*2; x += 1"
params = { x = 1 }

[projections.add_first]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "x : 1"
on_pre = "x += 1; x = x*2"
params = { x = 1 }

[projections.halving]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "w : 1"
on_pre = """
v_post += w
w *= 0.5
"""
params = { w = 1 }

[monitors.synapses.double_first]
projection = "double_first"
var = "x"

[monitors.synapses.add_first]
projection = "add_first"
var = "x"

[monitors.state.v]
group = "cell"
vars = ["v"]
`
	res, _ := decodeRun(t, src, 1)
	end := len(res.SynapseMeans[0]) - 1
	// x = 1 → 2·1 + 1 = 3 → 7; and (1 + 1)·2 = 4 → 10
	if a, b := res.SynapseMeans[0][end], res.SynapseMeans[1][end]; a != 7 || b != 10 {
		t.Errorf("x after two spikes: %g and %g, want 7 (x = x*2; x += 1) and 10 (x += 1; x = x*2)", a, b)
	}
	v := res.Traces[0].Data[0][0]
	if got := v[len(v)-1]; got != 1.5 {
		t.Errorf("v after two spikes = %g, want 1 + 0.5 (w halved after the first)", got)
	}
	if got := v[20]; got != 1 { // the first spike, at step 10, is seen at the start of step 11
		t.Errorf("v at 2 ms = %g, want 1", got)
	}
}

// TestFacilitatingEventDriven checks a facilitating Tsodyks–Markram synapse
// written with event-driven equations (no active state: x recovers
// directly) against its closed form between spikes.
func TestFacilitatingEventDriven(t *testing.T) {
	t.Parallel()
	src := stimCell("450 ms", 1, `[["10 ms", "12 ms", "14 ms", "16 ms", "18 ms", "60 ms", "61 ms", "200 ms", "400 ms"]]`, 1, "I : 1") + `

[projections.facil]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
U : 1
tau_rec : second
tau_facil : second
dx/dt = (1 - x)/tau_rec : 1 (event-driven)
du/dt = -u/tau_facil : 1 (event-driven)
"""
on_pre = """
u += U*(1 - u)
r = u*x  # a temporary, as Brian2 allows
I_post += r
x -= r
"""
params = { U = 0.1, tau_rec = "100 ms", tau_facil = "500 ms", x = 1 }

[monitors.state.I]
group = "cell"
vars = ["I"]
`
	res, _ := decodeRun(t, src, 1)
	// closed form: x relaxes to 1 with tau_rec, u decays to 0 with tau_facil
	times := []float64{0.010, 0.012, 0.014, 0.016, 0.018, 0.060, 0.061, 0.200, 0.400}
	var want []float64
	x, u, last := 1.0, 0.0, 0.0
	for _, tk := range times {
		h := tk - last
		x = 1 - (1-x)*math.Exp(-h/0.1)
		u *= math.Exp(-h / 0.5)
		u += 0.1 * (1 - u)
		want = append(want, u*x)
		x -= u * x
		last = tk
	}
	var got []float64
	prev := 0.0
	for _, v := range res.Traces[0].Data[0][0] {
		if v != prev {
			got = append(got, v-prev)
		}
		prev = v
	}
	if len(got) != len(want) {
		t.Fatalf("%d releases, want %d", len(got), len(want))
	}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Errorf("spike %d at %g ms: release %.15g, closed form %.15g", k, times[k]*1e3, got[k], want[k])
		}
	}
	if !(want[2] > want[0]) {
		t.Errorf("the parameters do not facilitate: %g then %g", want[0], want[2])
	}
}

// TestSTDP runs the pair-based STDP rule of Brian2's documentation (Song,
// Miller & Abbott 2000), with event-driven traces, for a pre spike at 10 ms,
// post spikes at 15 and 40 ms and a pre spike at 50 ms, against the weight
// change computed by hand.
func TestSTDP(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "60 ms"

[constants]
taupre = "20 ms"
taupost = "20 ms"
Apre = 0.01
Apost = -0.0105
wmax = 1

[groups.pre]
size = 1
model = "SpikeSourceArray"
spike_times = [["10 ms", "50 ms"]]

[groups.post]
size = 1
equations = "dummy : 1"
threshold = "abs(t - 15*ms) < 0.05*ms or abs(t - 40*ms) < 0.05*ms"

[projections.stdp]
pre = "pre"
post = "post"
connector = { rule = "all_to_all" }
equations = """
w : 1
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)
"""
on_pre = """
apre += Apre
w = clip(w + apost, 0, wmax)
"""
on_post = """
apost += Apost
w = clip(w + apre, 0, wmax)
"""
params = { w = 0.5 }

[monitors.synapses.w]
projection = "stdp"
var = "w"
`
	res, _ := decodeRun(t, src, 1)
	e := func(ms float64) float64 { return math.Exp(-ms / 20) }
	// pre at 10: apre = Apre. post at 15: w += Apre·e(5). post at 40:
	// w += Apre·e(30), apost = Apost·e(25) + Apost. pre at 50: w += apost·e(10).
	apost := -0.0105*e(25) - 0.0105
	want := 0.5 + 0.01*e(5) + 0.01*e(30) + apost*e(10)
	w := res.SynapseMeans[0]
	if got := w[len(w)-1]; math.Abs(got-want) > 1e-12 {
		t.Errorf("w = %.15g, want %.15g", got, want)
	}
	if got := w[200]; math.Abs(got-(0.5+0.01*e(5))) > 1e-12 { // 20 ms: after the first pair
		t.Errorf("w at 20 ms = %.15g, want %.15g", got, 0.5+0.01*e(5))
	}
}

// stdpNetwork is Brian2's STDP example (Song, Miller & Abbott 2000) scaled
// down: Poisson inputs onto LIF cells through plastic synapses with
// heterogeneous delays, so that spikes are in flight at any step.
const stdpNetwork = `
[run]
dt = "0.1 ms"
duration = "500 ms"
seed = 3

[constants]
taum = "10 ms"
taupre = "20 ms"
taupost = "20 ms"
Ee = "0 mV"
vt = "-54 mV"
vr = "-60 mV"
El = "-74 mV"
taue = "5 ms"
gmax = 0.05
dApre = 0.0005
dApost = -0.000525

[groups.input]
size = 300
model = "SpikeSourcePoisson"
params = { rate = "25 Hz" }

[groups.cells]
size = 20
equations = """
dv/dt = (ge * (Ee-v) + El - v) / taum : volt
dge/dt = -ge / taue : 1
"""
threshold = "v > vt"
reset = "v = vr"
init = { v = "vr" }

[projections.stdp]
pre = "input"
post = "cells"
connector = { rule = "fixed_probability", p = 0.5 }
delay = "uniform(1 ms, 5 ms)"
equations = """
w : 1
dApre/dt = -Apre / taupre : 1 (event-driven)
dApost/dt = -Apost / taupost : 1 (event-driven)
"""
on_pre = """
ge += w
Apre += dApre
w = clip(w + Apost, 0, gmax)
"""
on_post = """
Apost += dApost
w = clip(w + Apre, 0, gmax)
"""
params = { w = "rand() * gmax" }

[projections.rec]
pre = "cells"
post = "cells"
connector = { rule = "fixed_probability", p = 0.3 }
delay = "0.5 ms"
equations = "c : 1"
on_pre = """
c += (v_pre - vr)/mV  # v before the reset: at least vt - vr
ge_post += 0.002
"""

[monitors]
spikes = ["cells"]

[monitors.synapses.w]
projection = "stdp"
var = "w"
every = "1 ms"

[monitors.synapses.c]
projection = "rec"
var = "c"
every = "1 ms"
`

// TestEquationSynapsesResume checks that a run of plastic synapses with
// spikes in flight, stopped and continued from its snapshot with another
// number of threads, equals the uninterrupted run: spikes, mean weights and
// every synapse's weight.
func TestEquationSynapsesResume(t *testing.T) {
	t.Parallel()
	compile := func(threads int) *build.Plan {
		m, err := model.Decode("stdp.toml", []byte(stdpNetwork))
		if err != nil {
			t.Fatal(err)
		}
		return compileModel(t, m, threads)
	}
	full := compile(1)
	want := runPlan(t, full, 1)
	if n := len(want.Spikes[1].Step); n < 50 {
		t.Fatalf("only %d spikes of the cells: the test needs postsynaptic activity", n)
	}
	w := want.SynapseMeans[0]
	if w[len(w)-1] == w[0] {
		t.Fatal("the mean weight did not change")
	}
	// statements read presynaptic cells that other workers own
	three := compile(3)
	other := runPlan(t, three, 3)
	if !slices.Equal(other.Spikes[1].Step, want.Spikes[1].Step) || !slices.Equal(other.Spikes[1].Cell, want.Spikes[1].Cell) ||
		!slices.Equal(other.SynapseMeans[1], want.SynapseMeans[1]) {
		t.Error("3 threads differ from 1 thread")
	}
	rec := full.Projections[1].Syn
	for k, c := range rec.Var("c") {
		if c != 0 && c < 6 {
			t.Fatalf("synapse %d: c = %g: on_pre read v_pre below the threshold (vt - vr = 6 mV)", k, c)
		}
	}
	first := compile(2)
	res, err := engine.Run(context.Background(), first, engine.Options{Threads: 2, Until: 1234})
	if err != nil {
		t.Fatal(err)
	}
	second := compile(1)
	got, err := engine.Run(context.Background(), second, engine.Options{Threads: 1, From: res.State})
	if err != nil {
		t.Fatal(err)
	}
	for g := range want.Spikes {
		if !slices.Equal(got.Spikes[g].Step, want.Spikes[g].Step) || !slices.Equal(got.Spikes[g].Cell, want.Spikes[g].Cell) {
			t.Fatalf("group %d: spikes differ from the uninterrupted run", g)
		}
	}
	if !slices.Equal(got.SynapseMeans[0], want.SynapseMeans[0]) {
		t.Error("mean weights differ from the uninterrupted run")
	}
	if !slices.Equal(second.Projections[0].Syn.Var("w"), full.Projections[0].Syn.Var("w")) {
		t.Error("final weights differ from the uninterrupted run")
	}
	t.Logf("%d cell spikes; mean w %.5f → %.5f", len(want.Spikes[1].Step), w[0], w[len(w)-1])
}

// TestLazySynapsesEqualEager runs tsodyks2000 (without its monitor of x,
// which makes the E→E synapses integrate every step) twice: with the
// clock-driven synaptic variables advanced at events and the summed
// currents kept as accumulators, and with every synapse integrated and
// summed every step, Brian2's way. Spikes must be the same and the summed
// currents equal to rounding.
func TestLazySynapsesEqualEager(t *testing.T) {
	t.Parallel()
	_, data, ok := examples.Source("tsodyks2000")
	if !ok {
		t.Fatal("no example tsodyks2000")
	}
	src := string(data)
	src = src[:strings.Index(src, "# the seed's third panel")] + `
[monitors.state.currents]
group = "exc"
vars = ["I_syn_ee", "I_syn_ie"]
indices = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
`
	src = strings.Replace(src, `duration = "5100 ms"`, `duration = "2400 ms"`, 1)
	run := func(eager bool) (*engine.Result, *build.Plan) {
		plan := buildPlan(t, src, 2, eager)
		return runPlan(t, plan, 2), plan
	}
	lazy, lplan := run(false)
	eager, eplan := run(true)
	for p := range lplan.Projections {
		if !lplan.Projections[p].Syn.Lazy || eplan.Projections[p].Syn.Lazy {
			t.Fatalf("projection %s: lazy %v with the optimisation, %v without", lplan.Projections[p].Name,
				lplan.Projections[p].Syn.Lazy, eplan.Projections[p].Syn.Lazy)
		}
	}
	for g := range lazy.Spikes {
		if !slices.Equal(lazy.Spikes[g].Step, eager.Spikes[g].Step) || !slices.Equal(lazy.Spikes[g].Cell, eager.Spikes[g].Cell) {
			t.Errorf("group %d: spikes differ (%d lazy, %d eager)", g, len(lazy.Spikes[g].Step), len(eager.Spikes[g].Step))
		}
	}
	var worst, scale float64
	for v := range lazy.Traces[0].Data {
		for c := range lazy.Traces[0].Data[v] {
			for k, a := range lazy.Traces[0].Data[v][c] {
				b := eager.Traces[0].Data[v][c][k]
				worst, scale = max(worst, math.Abs(a-b)), max(scale, math.Abs(b))
			}
		}
	}
	if scale == 0 || worst > 1e-12*scale {
		t.Errorf("summed currents differ by %.3g V (largest current %.3g V)", worst, scale)
	}
	t.Logf("%d spikes; summed currents differ by at most %.3g V of %.3g V", len(lazy.Spikes[0].Step), worst, scale)
}

// TestEquationSynapseDelays checks per-synapse delays given as an
// expression of j: the spike of the source at 1 ms reaches post cell j after
// 1 + j/2 ms, when on_pre adds 1 to it.
func TestEquationSynapseDelays(t *testing.T) {
	t.Parallel()
	src := stimCell("10 ms", 1, `[["1 ms"]]`, 8, "v : 1") + `

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
delay = "1*ms + j*0.5*ms"
equations = "w : 1"
on_pre = "v_post += w"
params = { w = 1 }

[monitors.state.v]
group = "cell"
vars = ["v"]
`
	res, _ := decodeRun(t, src, 2)
	tr := res.Traces[0]
	for j := range 8 {
		arrival := int64(10 + 10 + 5*j) // emitted at step 10, delay 10 + 5j steps
		for k, n := range tr.Steps {
			// the monitor samples the start of a step: the input of step a shows at a+1
			want := 0.0
			if n > arrival {
				want = 1
			}
			if got := tr.Data[0][j][k]; got != want {
				t.Fatalf("cell %d at step %d: v = %g, want %g (arrival at step %d)", j, n, got, want, arrival)
			}
		}
	}
}

// TestNonlinearSynapse integrates a saturating NMDA-like synapse, which is
// not linear, with Brian2's default for it (euler), against the same Euler
// recurrence written out: x jumps at each spike and drives g towards 1.
func TestNonlinearSynapse(t *testing.T) {
	t.Parallel()
	src := stimCell("60 ms", 1, `[["5 ms", "10 ms", "12 ms"]]`, 1, "I : 1") + `

[projections.nmda]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = """
dg/dt = -g/tau_g + alpha*x*(1 - g) : 1 (clock-driven)
dx/dt = -x/tau_x : 1 (clock-driven)
tau_g : second
tau_x : second
alpha : hertz
I_post = g : 1 (summed)
"""
on_pre = "x += 1"
params = { tau_g = "50 ms", tau_x = "2 ms", alpha = "0.5 kHz" }

[monitors.synapses.g]
projection = "nmda"
var = "g"
`
	res, plan := decodeRun(t, src, 1)
	if plan.Projections[0].Syn.Lazy {
		t.Fatal("a nonlinear synapse was made lazy")
	}
	dt := 1e-4
	var x, g float64
	got := res.SynapseMeans[0]
	for n := range 600 {
		if math.Abs(got[n]-g) > 1e-12 {
			t.Fatalf("step %d: g = %.15g, Euler %.15g", n, got[n], g)
		}
		g, x = g+dt*(-g/0.05+500*x*(1-g)), x+dt*(-x/0.002)
		if n == 50 || n == 100 || n == 120 {
			x++
		}
	}
	if !(g > 0.1) {
		t.Errorf("g = %g at the end: the synapse did not open", g)
	}
}

// TestEquationSynapsesFromList gives equation-defined synapses their
// connections, weights (into the synaptic variable w) and delays from a
// list: each post cell receives exactly its synapses' w after their delay.
func TestEquationSynapsesFromList(t *testing.T) {
	t.Parallel()
	src := stimCell("10 ms", 2, `[["1 ms"], ["2 ms"]]`, 3, "g : siemens") + `

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "from_list", list = [[0, 2, 0.004, 1.0], [1, 0, 0.002, 2.5], [0, 0, 0.001, 0.5]] }
equations = "w : siemens"
on_pre = "g_post += w"

[monitors.state.g]
group = "cell"
vars = ["g"]
`
	res, _ := decodeRun(t, src, 2)
	g := res.Traces[0].Data[0]
	at := func(c int, ms float64) float64 { return g[c][int(ms*10+0.5)] }
	// cell 0: 1 nS arrives at 1.5 ms, 2 nS at 4.5 ms; cell 2: 4 nS at 2 ms; cell 1: nothing
	for _, c := range []struct {
		cell int
		ms   float64
		want float64
	}{{0, 1.5, 0}, {0, 1.7, 1e-9}, {0, 4.5, 1e-9}, {0, 4.7, 3e-9}, {2, 2.0, 0}, {2, 2.2, 4e-9}, {1, 9.9, 0}} {
		if got := at(c.cell, c.ms); math.Abs(got-c.want) > 1e-21 {
			t.Errorf("cell %d at %g ms: g = %g S, want %g", c.cell, c.ms, got, c.want)
		}
	}
}
