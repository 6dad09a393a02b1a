package engine_test

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

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
const tmEquationModel = `
[run]
dt = "0.1 ms"
duration = "1200 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["10 ms", "60 ms", "110 ms", "160 ms", "210 ms", "260 ms", "310 ms", "360 ms", "410 ms", "460 ms", "510 ms", "560 ms", "610 ms", "660 ms", "710 ms", "760 ms", "810 ms", "860 ms", "910 ms", "960 ms"]]

[groups.cell]
size = 1
equations = "I : 1"

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
