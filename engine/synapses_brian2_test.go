package engine_test

import (
	"math"
	"testing"

	"github.com/volleysim/volley/engine"
)

// comboModel is the model of testdata/brian2/combo.py (Brian2 2.5.1, numpy
// target, with S.summed_updaters['I_post'].order = -1, the order Brian2
// gives a summed variable into a root group, which Volley uses for views
// too): a sub-group post view with an offset, per-synapse delays including
// 0, a summed variable into the view, clock- and event-driven variables,
// on_pre and on_post.
const comboModel = `
[run]
dt = "0.1 ms"
duration = "15 ms"

[groups.pre]
size = 4
model = "SpikeSourceArray"
spike_times = [["1 ms", "6 ms", "12 ms"], ["1.5 ms", "9 ms"], ["2 ms", "7.1 ms"], ["3.3 ms", "10 ms"]]

[groups.G]
size = 6
equations = """
dv/dt = (k + I)/(5*ms) : 1
k : 1
I : 1
"""
threshold = "v > 1"
reset = "v = 0"
method = "euler"
init = { k = "0.2 + 0.05*i" }

[groups.post]
slice = "G[2:6]"

[projections.S]
pre = "pre"
post = "post"
connector = { rule = "all_to_all", condition = "(i + j) % 3 != 0" }
delay = "((i + 2*j) % 3)*0.1*ms"
equations = """
w : 1
A : 1
dy/dt = -y/(2*ms) : 1 (clock-driven)
I_post = A*y : 1 (summed)
dApre/dt = -Apre/(4*ms) : 1 (event-driven)
dApost/dt = -Apost/(3*ms) : 1 (event-driven)
"""
on_pre = """
v_post += w
y += 1
Apre += 0.1
w = w + Apost
"""
on_post = """
Apost += -0.1
w = w + Apre
"""
params = { w = "0.1 + 0.02*i + 0.03*j", A = "0.5 + 0.1*j" }

[monitors.state.v]
group = "G"
vars = ["v", "I"]

[monitors.synapses.w]
projection = "S"
var = "w"

[monitors.synapses.y]
projection = "S"
var = "y"

[monitors.synapses.Apre]
projection = "S"
var = "Apre"

[monitors.synapses.Apost]
projection = "S"
var = "Apost"
` + padWorkers

// Brian2's values (printed by testdata/brian2/combo.py): step, v of the 6 cells, I of
// the 6 cells, and the means over synapses of w, y, Apre and Apost.
var comboRef = []struct {
	n                 int
	v, I              [6]float64
	w, y, apre, apost float64
}{
	{16, [6]float64{0.06400000000000003, 0.08, 0.09600000000000003, 0.4262728021104401, 0.34003484746546425, 0.14400000000000007},
		[6]float64{0.0, 0.0, 0.0, 0.5429024508215757, 0.6024955834975405, 0.0}, 0.175, 0.267943872950304, 0.030000000000000006, 0.0},
	{34, [6]float64{0.1360000000000001, 0.17000000000000007, 0.6681467108964838, 0.8239613494615704, 0.9607056547816905, 0.0526536692510823},
		[6]float64{0.0, 0.0, 0.5279298119149276, 0.47717662387210147, 0.6291245696436274, 0.8446876990638842}, 0.1898580549755035, 0.36201537539692774, 0.07485805497550349, -0.02},
	{72, [6]float64{0.2880000000000002, 0.3600000000000002, 0.06314901502410147, 0.8447914802937114, 0.31850233198693595, 0.6748696104013},
		[6]float64{0.0, 0.0, 0.07896173301458115, 0.5778270424495197, 0.6561462210909838, 0.12633877282332984}, 0.23591767003040648, 0.3108156264224444, 0.07720086589666264, -0.10311567144732088},
	{149, [6]float64{0.5960000000000004, 0.7450000000000006, 0.27094088860701754, 0.03881148743551708, 0.24661049916825856, 0.6186211257587804},
		[6]float64{0.0, 0.0, 0.04444707941504651, 0.2821450125484285, 0.29057560467894067, 0.07111532706407442}, 0.3084256355227367, 0.10112881592483473, 0.056830628696279306, -0.1406606622288859},
}

// Brian2's final w in its synapse order (i, j) =
// (0,1) (0,2) (1,0) (1,1) (1,3) (2,0) (2,2) (2,3) (3,1) (3,2).
var comboFinalW = []float64{0.2482503566907832, 0.34004343915647783, 0.17485528851707588, 0.24422189221916596, 0.31524411268555597, 0.1489986347994668, 0.25663790784999063, 0.4689199644466886, 0.40641047032967736, 0.4806742885324856}
var comboPairs = [][2]int32{{0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 3}, {2, 0}, {2, 2}, {2, 3}, {3, 1}, {3, 2}}

// The combined model gives Brian2's values on 1 and 3 threads, lazy and
// eager.
func TestComboBrian2(t *testing.T) {
	t.Parallel()
	const tol = 1e-9
	for _, eager := range []bool{false, true} {
		for _, threads := range []int{1, 3} {
			res, plan, err := tryRun(t, comboModel, threads, eager)
			if err != nil {
				t.Fatal(err)
			}
			if w := engine.Workers(plan, threads); w != threads {
				t.Fatalf("%d workers for %d threads", w, threads)
			}
			tr := res.Traces[0]
			for _, r := range comboRef {
				k := -1
				for i, n := range tr.Steps {
					if n == int64(r.n) {
						k = i
					}
				}
				for c := range 6 {
					if v := tr.Data[0][c][k]; math.Abs(v-r.v[c]) > tol {
						t.Errorf("eager %v, %d threads, step %d: v[%d] = %.12g, Brian2 %.12g", eager, threads, r.n, c, v, r.v[c])
					}
					if v := tr.Data[1][c][k]; math.Abs(v-r.I[c]) > tol {
						t.Errorf("eager %v, %d threads, step %d: I[%d] = %.12g, Brian2 %.12g", eager, threads, r.n, c, v, r.I[c])
					}
				}
				for m, want := range []float64{r.w, r.y, r.apre, r.apost} {
					if got := res.SynapseMeans[m][r.n]; math.Abs(got-want) > tol {
						t.Errorf("eager %v, %d threads, step %d: mean %s = %.12g, Brian2 %.12g", eager, threads, r.n, []string{"w", "y", "Apre", "Apost"}[m], got, want)
					}
				}
			}
			s := plan.Projections[0].Syn
			if s.N != len(comboPairs) {
				t.Fatalf("%d synapses, Brian2 %d", s.N, len(comboPairs))
			}
			w := s.Var("w")
			for b, p := range comboPairs {
				for k := range s.N {
					if s.Pre[k] == p[0] && s.Post[k] == p[1] && math.Abs(w[k]-comboFinalW[b]) > tol {
						t.Errorf("eager %v, %d threads: final w of (%d, %d) = %.12g, Brian2 %.12g", eager, threads, p[0], p[1], w[k], comboFinalW[b])
					}
				}
			}
		}
	}
}

// A clock-driven variable that does not start at its fixed point (y = 1,
// decaying) is read by on_pre: at the event of step n it has been stepped
// n+1 times (the clock step of step n comes first, as in Brian2), whether
// the synapses advance every step (eager) or only at their events (lazy).
// Reference: testdata/brian2/lazy_first_event.py (Brian2 2.5.1, numpy
// target): v at steps 11 and 21.
func TestLazyFirstEvent(t *testing.T) {
	t.Parallel()
	src := stimCell("3 ms", 1, `[["1 ms", "2 ms"]]`, 1, "v : 1") + `

[projections.p]
pre = "stim"
post = "cell"
connector = { rule = "all_to_all" }
equations = "dy/dt = -y/(3*ms) : 1 (clock-driven)"
on_pre = "v_post += y"
params = { y = 1 }

[monitors.state.v]
group = "cell"
vars = ["v"]
`
	for _, eager := range []bool{false, true} {
		res, plan, err := tryRun(t, src, 1, eager)
		if err != nil {
			t.Fatal(err)
		}
		v := res.Traces[0].Data[0][0]
		for _, c := range []struct {
			n    int
			want float64
		}{{11, 0.6930406200864416}, {21, 1.1896259238778513}} {
			if math.Abs(v[c.n]-c.want) > 1e-12 {
				t.Errorf("lazy %v: v at step %d = %.16g, Brian2 %.16g", plan.Projections[0].Syn.Lazy, c.n, v[c.n], c.want)
			}
		}
	}
}

// Two projections sum into I of two sub-groups of one root group that do not
// overlap; Brian2 2.5.1 accepts this (it refuses only the same target or
// overlapping sub-groups) and so does Volley. Reference:
// testdata/brian2/summed_disjoint.py prints I = [2, 2, 4, 4].
func TestSummedIntoDisjointSubgroups(t *testing.T) {
	t.Parallel()
	const src = `
[run]
dt = "0.1 ms"
duration = "2 ms"

[groups.stim]
size = 2
model = "SpikeSourceArray"
spike_times = [["0.5 ms"], ["1 ms"]]

[groups.G]
size = 4
equations = "I : 1"

[groups.lo]
slice = "G[:2]"

[groups.hi]
slice = "G[2:]"

[projections.a]
pre = "stim"
post = "lo"
connector = { rule = "all_to_all" }
equations = """
w : 1
I_post = w : 1 (summed)
"""
params = { w = 1 }

[projections.b]
pre = "stim"
post = "hi"
connector = { rule = "all_to_all" }
equations = """
w : 1
I_post = w : 1 (summed)
"""
params = { w = 2 }

[monitors.state.I]
group = "G"
vars = ["I"]
`
	res, _, err := tryRun(t, src, 1, false)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	tr := res.Traces[0].Data[0]
	for c, want := range []float64{2, 2, 4, 4} { // 2 synapses each
		if got := tr[c][len(tr[c])-1]; got != want {
			t.Errorf("I[%d] = %g, want %g", c, got, want)
		}
	}
}
