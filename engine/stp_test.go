package engine_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/record"
)

const stpModel = `
[run]
dt = "0.1 ms"
duration = "450 ms"

[groups.stim]
size = 1
model = "SpikeSourceArray"
spike_times = [["10 ms", "12 ms", "14 ms", "16 ms", "18 ms", "60 ms", "61 ms", "200 ms", "400 ms"]]

[groups.acc]
size = 1
equations = """
dI1/dt = 0*amp/second : amp
dI2/dt = 0*amp/second : amp
"""

[projections.facil]
pre = "stim"
post = "acc"
connector = { rule = "all_to_all" }
weight = "1 nA"
delay = "1.5 ms"
target = "I1"
synapse = "TsodyksMarkramSynapse"
params = { U = 0.1, tau_rec = "100 ms", tau_facil = "500 ms", tau_syn = "3 ms" }

[projections.depress]
pre = "stim"
post = "acc"
connector = { rule = "all_to_all" }
weight = "2 nA"
target = "I2"
synapse = "TsodyksMarkramSynapse"
params = { U = 0.5, tau_rec = "800 ms", tau_syn = "5 ms" }

[monitors.state.acc]
group = "acc"
vars = ["I1", "I2"]

[monitors.synapses.u]
projection = "facil"
var = "u"
`

// tsodyksReference integrates the Tsodyks–Markram equations between spikes
// with RK4 in 10⁴ steps per interval (independent of the closed form the
// engine uses) and returns the fraction u·x transmitted at each spike.
func tsodyksReference(times []float64, U, tauRec, tauFacil, tauSyn float64) []float64 {
	var y, z, u, last float64
	deriv := func(s [3]float64) [3]float64 {
		d := [3]float64{-s[0] / tauSyn, s[0]/tauSyn - s[1]/tauRec, 0}
		if tauFacil > 0 {
			d[2] = -s[2] / tauFacil
		}
		return d
	}
	var out []float64
	for _, t := range times {
		const n = 10000
		h := (t - last) / n
		s := [3]float64{y, z, u}
		for range n {
			k1 := deriv(s)
			k2 := deriv([3]float64{s[0] + h/2*k1[0], s[1] + h/2*k1[1], s[2] + h/2*k1[2]})
			k3 := deriv([3]float64{s[0] + h/2*k2[0], s[1] + h/2*k2[1], s[2] + h/2*k2[2]})
			k4 := deriv([3]float64{s[0] + h*k3[0], s[1] + h*k3[1], s[2] + h*k3[2]})
			for i := range s {
				s[i] += h / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
			}
		}
		y, z, u = s[0], s[1], s[2]
		if tauFacil > 0 {
			u += U * (1 - u)
		} else {
			u = U
		}
		r := u * (1 - y - z)
		y += r
		out = append(out, r)
		last = t
	}
	return out
}

// TestTsodyksMarkram checks the weights a TsodyksMarkramSynapse transmits
// for an irregular spike train (facilitating and depressing parameter sets
// of Tsodyks, Uziel & Markram 2000) against a numerical integration of the
// model, their arrival steps, and that a run stopped and continued gives the
// same result.
func TestTsodyksMarkram(t *testing.T) {
	t.Parallel()
	compile := func() *build.Plan {
		m, err := model.Decode("stp.toml", []byte(stpModel))
		if err != nil {
			t.Fatal(err)
		}
		return compileModel(t, m, 2)
	}
	plan := compile()
	res := runPlan(t, plan, 2)
	times := []float64{0.010, 0.012, 0.014, 0.016, 0.018, 0.060, 0.061, 0.200, 0.400}
	cases := []struct {
		name        string
		w           float64 // A
		delaySteps  int64
		ref         []float64
		facilitates bool // the third release of the burst is larger than the first
	}{
		{"facil", 1e-9, 15, tsodyksReference(times, 0.1, 0.1, 0.5, 0.003), true},
		{"depress", 2e-9, 1, tsodyksReference(times, 0.5, 0.8, 0, 0.005), false},
	}
	for v, c := range cases {
		trace := res.Traces[0].Data[v][0]
		var jumps []float64
		var steps []int64
		prev := 0.0
		for k, x := range trace {
			if x != prev {
				jumps = append(jumps, x-prev)
				steps = append(steps, res.Traces[0].Steps[k])
			}
			prev = x
		}
		if len(jumps) != len(times) {
			t.Fatalf("%s: %d inputs, want %d", c.name, len(jumps), len(times))
		}
		for k, j := range jumps {
			want := c.w * c.ref[k]
			if math.Abs(j-want) > 1e-9*want {
				t.Errorf("%s spike %d: transmitted %.12g A, want %.12g A", c.name, k, j, want)
			}
			// the input lands in the step of arrival; the monitor samples at
			// the start of a step (Brian2's schedule), so it sees it one later
			if arrive := int64(math.Round(times[k]/1e-4)) + c.delaySteps; steps[k] != arrive+1 {
				t.Errorf("%s spike %d: input seen at step %d, want %d", c.name, k, steps[k], arrive+1)
			}
		}
		if c.facilitates && !(c.ref[2] > 1.5*c.ref[0]) || !c.facilitates && !(c.ref[4] < c.ref[0]/2) {
			t.Errorf("%s: releases %v do not show the expected plasticity", c.name, c.ref)
		}
	}

	// stop in the middle of the burst and continue from the snapshot
	first := compile()
	r1, err := engine.Run(context.Background(), first, engine.Options{Threads: 2, Until: 155})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := engine.Run(context.Background(), compile(), engine.Options{Threads: 1, From: r1.State})
	if err != nil {
		t.Fatal(err)
	}
	// u of the one facilitating synapse: 0 until the first spike (step 100;
	// the synapse changes when the spike is emitted, before its delay), then
	// U = 0.1 decaying with tau_facil = 500 ms until the next spike
	// (sums are kept in fixed point with a resolution of 2^-40 ≈ 9e-13)
	u := res.SynapseMeans[0]
	if len(u) != 4500 || u[100] != 0 || math.Abs(u[101]-0.1*math.Exp(-1e-4/0.5)) > 1e-12 ||
		math.Abs(u[119]-0.1*math.Exp(-19e-4/0.5)) > 1e-12 {
		t.Errorf("monitored u: %d samples, u[100] = %g, u[101] = %g, u[119] = %g", len(u), u[100], u[101], u[119])
	}
	if !slices.Equal(r2.SynapseMeans[0], u) {
		t.Error("monitored u: the run stopped and continued differs from the whole run")
	}
	for v := range 2 {
		if !slices.Equal(r2.Traces[0].Data[v][0], res.Traces[0].Data[v][0]) {
			t.Errorf("variable %d: the run stopped at 15.5 ms and continued differs from the whole run", v)
		}
	}
}

// TestTsodyks2000 runs the seed network of Tsodyks, Uziel & Markram 2000
// (examples/tsodyks2000.toml, the seed's equation-defined synapses) with its
// own seed 5 and seeds 1–3. Brian2 2.5.1 (one realization,
// shared/refs/networks.json): exc 8.47 Hz, inh 24.94 Hz, 4 population bursts
// (1-ms bins in which more than 10% of the 500 cells fire; bins less than 5
// ms apart are one burst) in the 4.2 s recorded; Brian2 with seeds 11–14
// (peers/brian2/s4_tsodyks.py, run here): exc 6.35–8.75 Hz, inh 21.8–26.3
// Hz, 2, 2, 0 and 2 bursts. The mean rates must be within 15%, seed 5 must
// burst 3–6 times and the others 1–8 times while the network is otherwise
// asynchronous, and the mean recovered x of the E→E synapses must drop
// below 0.35 at every burst from above 0.4 (Brian2: 0.26 after bursts, 0.425
// on average). Thread counts must not change the spikes.
func TestTsodyks2000(t *testing.T) {
	t.Parallel()
	want := map[string]float64{"exc": 8.47, "inh": 24.94}
	got := map[string]float64{}
	seeds := []string{"5", "1", "2", "3"} // 5: the example's, as the seed script's np.random.seed(5)
	for _, seed := range seeds {
		plan := compileExampleSeed(t, "tsodyks2000", seed)
		res := runPlan(t, plan, 2)
		for g := range want {
			_, rate := record.Count(plan, res, viewIndex(t, plan, g))
			got[g] += rate / float64(len(seeds))
		}
		exc, inh := res.Rates[0], res.Rates[1]
		x := res.SynapseMeans[0] // mean x of E→E, sampled every 1 ms bin
		if len(x) != len(exc) {
			t.Fatalf("%d samples of x for %d bins", len(x), len(exc))
		}
		bursts, busy := 0, 0
		last := -100
		for k := range exc {
			n := exc[k] + inh[k]
			if n > 50 {
				if k-last > 5 {
					bursts++
					// the criterion (Brian2: 0.26 after bursts): x drops below 0.35
					if low := slices.Min(x[k:min(k+20, len(x))]); low > 0.35 || x[max(k-5, 0)] < 0.4 {
						t.Errorf("seed %s, burst at %d ms: mean x %.3f before, lowest %.3f in the 20 ms after", seed, 900+k, x[max(k-5, 0)], low)
					}
				}
				last = k
			}
			if n > 25 {
				busy++
			}
		}
		t.Logf("seed %s: %d bursts", seed, bursts)
		// the 3–6 for the example's seed; other realisations of the
		// network burst less or more often (Brian2's own seeds 11–14: 2, 2, 0, 2)
		if lo, hi := 1, 8; (seed == "5" && (bursts < 3 || bursts > 6)) || bursts < lo || bursts > hi {
			t.Errorf("seed %s: %d population bursts in 4.2 s, want 3–6 with seed 5, 1–8 with others (Brian2: 4)", seed, bursts)
		}
		// outside bursts about 6 of 500 cells fire per ms
		if busy > 20*bursts {
			t.Errorf("seed %s: %d bins with more than 5%% of the cells firing for %d bursts", seed, busy, bursts)
		}
	}
	// the plastic synapses are updated by the worker that owns their post cell:
	// the same spikes and mean x for any number of threads
	one := runPlan(t, compileExampleSeed(t, "tsodyks2000", "1"), 1)
	three := runPlan(t, compileExampleSeed(t, "tsodyks2000", "1"), 3)
	for g := range one.Spikes {
		if !slices.Equal(one.Spikes[g].Step, three.Spikes[g].Step) || !slices.Equal(one.Spikes[g].Cell, three.Spikes[g].Cell) {
			t.Errorf("group %d: spikes with 3 threads differ from 1 thread", g)
		}
	}
	if !slices.Equal(one.SynapseMeans[0], three.SynapseMeans[0]) {
		t.Error("mean x of the E→E synapses with 3 threads differs from 1 thread")
	}
	for g, w := range want {
		if math.Abs(got[g]-w) > 0.15*w { // the issue allows 20%
			t.Errorf("%s: mean rate %.3f Hz, Brian2 %.2f Hz (±15%%)", g, got[g], w)
		}
	}
}
