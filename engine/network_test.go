package engine_test

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/engine"
	"github.com/volleysim/volley/examples"
	"github.com/volleysim/volley/model"
	"github.com/volleysim/volley/record"
)

// compileModel resolves a decoded model (its files, if any, among the
// embedded examples') and compiles it for the given number of threads.
func compileModel(t testing.TB, m *model.Model, threads int) *build.Plan {
	t.Helper()
	net, err := build.ResolveFS(m, examples.Files())
	if err != nil {
		t.Fatal(err)
	}
	plan, err := net.Compile(threads)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// compileExample builds an embedded example with optional constant overrides.
func compileExample(t testing.TB, name string, threads int, sets ...string) *build.Plan {
	t.Helper()
	file, data, ok := examples.Source(name)
	if !ok {
		t.Fatalf("no example %q", name)
	}
	m, err := model.Decode(file, data)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(sets); i += 2 {
		if err := m.SetConstant(sets[i], sets[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	return compileModel(t, m, threads)
}

func runPlan(t testing.TB, plan *build.Plan, threads int) *engine.Result {
	t.Helper()
	res, err := engine.Run(context.Background(), plan, engine.Options{Threads: threads})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func viewIndex(t testing.TB, plan *build.Plan, name string) int {
	t.Helper()
	v, ok := plan.View(name)
	if !ok {
		t.Fatalf("no group %q", name)
	}
	return v
}

// TestVogelsAbbott runs the CUBA and COBA examples for 1 s with four seeds
// and compares the mean rates with Brian2 2.5.1 (shared/refs/networks.json:
// CUBA exc 5.55 Hz, inh 5.61 Hz; COBA exc 16.12 Hz, inh 15.30 Hz) within 15%,
// and each seed's rates within 25%. The references are single realizations:
// Brian2 itself gives COBA exc rates of 14.72, 14.78, 15.78 and 15.68 Hz with
// seeds 1 to 4 (shared/peers/brian2/s3_va_brian2.py with seed(s), measured on
// this project's 2-core machine), and PyNN+NEURON 14.90 Hz, so one seed alone
// is not a fair test. The recurrent synapse count of each seed must be within
// 4 sigma of the binomial expectation 0.02 × 4000 × 4000 = 320,000.
func TestVogelsAbbott(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		exc, inh float64
		external int // synapses from the Poisson sources: 20 × 4000 × 0.01 = 800 expected
	}{
		{"cuba", 5.55, 5.61, 0},
		{"coba", 16.12, 15.30, 800},
	}
	seeds := []string{"1", "2", "3", "4"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mean := map[string]float64{}
			for _, seed := range seeds {
				plan := compileExampleSeed(t, tc.name, seed)
				res := runPlan(t, plan, 2)
				for _, g := range []struct {
					name string
					want float64
				}{{"exc", tc.exc}, {"inh", tc.inh}} {
					_, rate := record.Count(plan, res, viewIndex(t, plan, g.name))
					if math.Abs(rate-g.want) > 0.25*g.want {
						t.Errorf("seed %s: %s rate %.3f Hz, Brian2 %.2f Hz (±25%% for one seed)", seed, g.name, rate, g.want)
					}
					mean[g.name] += rate / float64(len(seeds))
				}
				checkSynapseCounts(t, plan, tc.external)
			}
			for name, want := range map[string]float64{"exc": tc.exc, "inh": tc.inh} {
				if math.Abs(mean[name]-want) > 0.15*want {
					t.Errorf("%s mean rate over seeds %v: %.3f Hz, Brian2 %.2f Hz (±15%%)", name, seeds, mean[name], want)
				}
			}
		})
	}
}

func compileExampleSeed(t testing.TB, name, seed string) *build.Plan {
	t.Helper()
	file, data, _ := examples.Source(name)
	m, err := model.Decode(file, data)
	if err != nil {
		t.Fatal(err)
	}
	if m.Run.Seed, err = strconv.ParseUint(seed, 10, 64); err != nil {
		t.Fatal(err)
	}
	return compileModel(t, m, 2)
}

func checkSynapseCounts(t *testing.T, plan *build.Plan, wantExternal int) {
	t.Helper()
	recurrent, external := 0, 0
	for _, p := range plan.Projections {
		if plan.Views[p.Pre].Name == "ext" {
			external += p.Conn.Len()
		} else {
			recurrent += p.Conn.Len()
		}
	}
	const n, p = 4000 * 4000, 0.02
	if sd := math.Sqrt(n * p * (1 - p)); math.Abs(float64(recurrent)-n*p) > 4*sd {
		t.Errorf("%d recurrent synapses, expected %.0f ± %.0f", recurrent, n*p, 4*sd)
	}
	if wantExternal > 0 {
		sd := math.Sqrt(80000 * 0.01 * 0.99)
		if math.Abs(float64(external-wantExternal)) > 4*sd {
			t.Errorf("%d external synapses, expected %d ± %.0f", external, wantExternal, 4*sd)
		}
	}
}

// TestThreadIndependence checks design §4: 1, 2 and 3 threads give the same
// spikes, traces and connectivity, bit for bit.
func TestThreadIndependence(t *testing.T) {
	t.Parallel()
	var ref *engine.Result
	var refPlan *build.Plan
	for _, threads := range []int{1, 2, 3} {
		plan := compileExample(t, "coba", threads, "n", "4000")
		plan.Steps = 3000 // 300 ms: the Poisson kick, the onset and sustained activity
		if w := engine.Workers(plan, threads); w != threads {
			t.Fatalf("%d workers for %d threads: the test would not split the cells", w, threads)
		}
		res, err := engine.Run(context.Background(), plan, engine.Options{Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		if threads == 1 {
			ref, refPlan = res, plan
			continue
		}
		if d := resultDiff(res, ref); d != "" {
			t.Fatalf("threads=%d: %s differ from 1 thread", threads, d)
		}
		for p := range plan.Projections {
			a, b := plan.Projections[p].Conn, refPlan.Projections[p].Conn
			if !slices.Equal(a.Col, b.Col) || !slices.Equal(a.Col16, b.Col16) {
				t.Fatalf("threads=%d: connectivity of %s differs", threads, plan.Projections[p].Name)
			}
		}
	}
	total := 0
	for _, s := range ref.Spikes {
		total += len(s.Step)
	}
	if total < 1000 {
		t.Fatalf("only %d spikes: the comparison is too weak", total)
	}
}

// benchmarkExample runs an example for its full duration per iteration;
// compilation is outside the timer.
func benchmarkExample(b *testing.B, name string, threads int) {
	plan := compileExample(b, name, threads)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		plan = compileExample(b, name, threads)
		b.StartTimer()
		runPlan(b, plan, threads)
	}
	b.ReportMetric(float64(plan.Steps)*float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

func BenchmarkVogelsAbbott(b *testing.B) {
	for _, name := range []string{"cuba", "coba"} {
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/1s/threads=%d", name, threads), func(b *testing.B) {
				benchmarkExample(b, name, threads)
			})
		}
	}
}

// BenchmarkBuild times resolving and compiling an example (connectivity,
// initial values, kernels).
func BenchmarkBuild(b *testing.B) {
	for _, name := range []string{"cuba", "coba"} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				compileExample(b, name, 2)
			}
		})
	}
}

// TestStopResume: a run stopped at any step and continued from its snapshot
// (a network with delays and Poisson sources, and one with white noise),
// with another thread count and a freshly compiled plan, gives bit for bit
// the spikes, traces and counts of the uninterrupted run (issue 6).
func TestStopResume(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"cuba", "coba", "adex_net"} { // static, delayed and Poisson input, white noise
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			const steps = 2500
			full := compileExample(t, name, 1)
			full.Steps = steps
			want := runPlan(t, full, 1)

			first := compileExample(t, name, 2)
			first.Steps = steps
			res, err := engine.Run(context.Background(), first, engine.Options{Threads: 2, Until: 1234})
			if err != nil {
				t.Fatal(err)
			}
			if res.Completed != 1234 || res.State.Step != 1234 {
				t.Fatalf("stopped after %d steps (snapshot %d), want 1234", res.Completed, res.State.Step)
			}
			second := compileExample(t, name, 1)
			second.Steps = steps
			got, err := engine.Run(context.Background(), second, engine.Options{Threads: 1, From: res.State})
			if err != nil {
				t.Fatal(err)
			}
			if got.Completed != steps {
				t.Fatalf("resumed run completed %d steps", got.Completed)
			}
			for g := range want.Spikes {
				if !slices.Equal(got.Spikes[g].Step, want.Spikes[g].Step) || !slices.Equal(got.Spikes[g].Cell, want.Spikes[g].Cell) {
					t.Fatalf("group %d: spikes differ from the uninterrupted run", g)
				}
				if !slices.Equal(got.Counts[g], want.Counts[g]) {
					t.Fatalf("group %d: counts differ", g)
				}
			}
			for m := range want.Traces {
				for v := range want.Traces[m].Data {
					for k := range want.Traces[m].Data[v] {
						if !slices.Equal(got.Traces[m].Data[v][k], want.Traces[m].Data[v][k]) {
							t.Fatalf("trace %d differs", m)
						}
					}
				}
			}
		})
	}
}

// meanRates runs an example with several seeds and returns the mean rate of
// each named group.
func meanRates(t *testing.T, name string, seeds []string, groups ...string) map[string]float64 {
	t.Helper()
	mean := map[string]float64{}
	for _, seed := range seeds {
		plan := compileExampleSeed(t, name, seed)
		res := runPlan(t, plan, 2)
		for _, g := range groups {
			_, rate := record.Count(plan, res, viewIndex(t, plan, g))
			mean[g] += rate / float64(len(seeds))
		}
	}
	return mean
}

// TestSeedExamples compares the equation-defined seed networks with Brian2
// 2.5.1 (shared/refs/networks.json): mean rates over three seeds within 15%
// of COBA-HH exc 36.98 Hz, inh 36.56 Hz and Tian 2020 exc 6.17 Hz, inh
// 14.65 Hz.
func TestSeedExamples(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		want map[string]float64
	}{
		{"coba_hh", map[string]float64{"exc": 36.98, "inh": 36.56}},
		{"tian2020", map[string]float64{"E": 6.17, "I": 14.65}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var groups []string
			for g := range tc.want {
				groups = append(groups, g)
			}
			got := meanRates(t, tc.name, []string{"1", "2", "3"}, groups...)
			for g, want := range tc.want {
				if math.Abs(got[g]-want) > 0.15*want {
					t.Errorf("%s: mean rate %.3f Hz, Brian2 %.2f Hz (±15%%)", g, got[g], want)
				}
			}
		})
	}
}

// TestAdExSeedNetwork runs the AdEx network with the seed's own connectivity
// for its 60 s: cell 0 must fire at 3.5–5.5 Hz and the network at 4–6 Hz on
// average (Brian2 with this connectivity: cell 0 4.2–4.6 Hz, mean about 5 Hz;
// shared/refs/README.md), irregularly rather than in whole-network bursts.
func TestAdExSeedNetwork(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("60 s of simulated time")
	}
	plan := compileExample(t, "adex_net_seed", 1)
	res := runPlan(t, plan, 1)
	g := viewIndex(t, plan, "G")
	_, mean := record.Count(plan, res, g)
	if mean < 4 || mean > 6 {
		t.Errorf("mean rate %.3f Hz, want 4–6 Hz", mean)
	}
	c0 := float64(res.Counts[0][0]) / 60
	if c0 < 3.5 || c0 > 5.5 {
		t.Errorf("cell 0 fires at %.3f Hz, want 3.5–5.5 Hz", c0)
	}
}

func BenchmarkSeedExamples(b *testing.B) {
	for _, name := range []string{"coba_hh", "tian2020", "adex_net_seed", "tsodyks2000"} {
		b.Run(name+"/threads=1", func(b *testing.B) {
			benchmarkExample(b, name, 1)
		})
	}
}

// collect is a sink that reassembles streamed samples.
type collect struct{ data [][][]float64 } // [vars][cells][samples]

func (c *collect) sink(m int, first int64, data [][][]float64) error {
	if c.data == nil {
		c.data = make([][][]float64, len(data))
		for v := range data {
			c.data[v] = make([][]float64, len(data[v]))
		}
	}
	for v := range data {
		for k := range data[v] {
			if int64(len(c.data[v][k])) != first {
				return fmt.Errorf("chunk at sample %d after %d samples", first, len(c.data[v][k]))
			}
			c.data[v][k] = append(c.data[v][k], data[v][k]...)
		}
	}
	return nil
}

// Streamed state monitors hand the sink exactly the samples an in-memory run
// records, in order, across chunk boundaries and a stop and resume.
func TestStreamedTraces(t *testing.T) {
	t.Parallel()
	plan := compileExample(t, "coba", 2)
	plan.Steps = 2345
	want := runPlan(t, plan, 2)
	var c collect
	first := compileExample(t, "coba", 2)
	first.Steps = 2345
	res, err := engine.Run(context.Background(), first, engine.Options{Threads: 2, Sink: c.sink, ChunkSamples: 100, Until: 1001})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Traces[0].Steps) != 0 {
		t.Errorf("a streamed run kept %d samples", len(res.Traces[0].Steps))
	}
	second := compileExample(t, "coba", 1)
	second.Steps = 2345
	if _, err := engine.Run(context.Background(), second, engine.Options{Threads: 1, Sink: c.sink, ChunkSamples: 64, From: res.State}); err != nil {
		t.Fatal(err)
	}
	for k := range want.Traces[0].Data[0] {
		if !slices.Equal(c.data[0][k], want.Traces[0].Data[0][k]) {
			t.Fatalf("cell %d: streamed samples differ (%d and %d samples)", k, len(c.data[0][k]), len(want.Traces[0].Data[0][k]))
		}
	}
}

// Recording every cell of CUBA for 2 s streamed in chunks allocates a small
// fraction of what keeping the samples would take (4000 × 20000 × 8 bytes =
// 640 MB).
func TestStreamedMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("2 s of simulated time")
	}
	file, data, _ := examples.Source("cuba")
	text := strings.Replace(string(data), "indices = [0, 1]", `indices = "all"`, 1)
	text = strings.Replace(text, `group = "exc"`, `group = "cells"`, 1)
	m, err := model.Decode(file, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	m.Run.Duration = model.Value{Text: "2 s"}
	plan := compileModel(t, m, 2)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	samples := int64(0)
	_, err = engine.Run(context.Background(), plan, engine.Options{Threads: 2, ChunkSamples: 512,
		Sink: func(m int, first int64, data [][][]float64) error {
			samples += int64(len(data[0][0]))
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if samples != 20000 {
		t.Errorf("%d samples streamed, want 20000", samples)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 80<<20 {
		t.Errorf("the run allocated %d MB; streaming should keep it near two chunks (2 × 4000 × 512 × 8 B = 33 MB)", alloc>>20)
	}
}

// coba_scaled gives every cell exactly 64 excitatory and 16 inhibitory
// inputs at any scale, and keeps COBA's activity at 10,000 cells (rates
// within 25% of the 4000-cell Brian2 reference, 16.12 Hz, over 200 ms).
func TestCOBAScaled(t *testing.T) {
	t.Parallel()
	plan := compileExample(t, "coba_scaled", 2, "scale", "2.5")
	in := make([]int, 10000)
	for _, p := range plan.Projections {
		if plan.Views[p.Pre].Name == "ext" {
			continue
		}
		post := plan.Views[p.Post]
		for k := range int64(p.Conn.Len()) {
			in[post.Start+int(p.Conn.Post(k))]++
		}
	}
	for c, n := range in {
		if n != 80 {
			t.Fatalf("cell %d has %d inputs, want 80", c, n)
		}
	}
	plan.Steps = 2000
	res := runPlan(t, plan, 2)
	if _, rate := record.Count(plan, res, viewIndex(t, plan, "exc")); math.Abs(rate-16.12) > 0.25*16.12 {
		t.Errorf("exc rate %.2f Hz", rate)
	}
}

// A population rate monitor counts every spike of its group once, in bins
// (CUBA, 200 ms, 1 ms bins), and the result does not depend on threads.
func TestRateMonitor(t *testing.T) {
	t.Parallel()
	file, data, _ := examples.Source("cuba")
	text := string(data) + "\n[monitors.rate.exc_rate]\ngroup = \"exc\"\nbin = \"1 ms\"\n"
	var counts [][]int64
	for _, threads := range []int{1, 2} {
		m, err := model.Decode(file, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		m.Run.Duration = model.Value{Text: "200 ms"}
		plan := compileModel(t, m, threads)
		res := runPlan(t, plan, threads)
		r := record.Rates(plan, res)[0]
		var total int64
		for _, c := range r.Count {
			total += c
		}
		spikes, _ := record.Count(plan, res, viewIndex(t, plan, "exc"))
		if len(r.Count) != 200 || total != spikes || total == 0 {
			t.Fatalf("%d bins holding %d spikes; the group fired %d", len(r.Count), total, spikes)
		}
		counts = append(counts, r.Count)
	}
	if !slices.Equal(counts[0], counts[1]) {
		t.Error("rate bins differ between 1 and 2 threads")
	}
}

// record_from ends a burn-in: nothing is recorded before it, the monitors
// record the rest with absolute times, the summary's rates cover the
// recorded time, and the dynamics are those of the run without a burn-in.
func TestRecordFrom(t *testing.T) {
	t.Parallel()
	file, data, _ := examples.Source("cuba")
	text := string(data) + "\n[monitors.rate.r]\ngroup = \"exc\"\nbin = \"1 ms\"\n"
	run := func(recordFrom string) (*build.Plan, *engine.Result) {
		m, err := model.Decode(file, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		m.Run.Duration = model.Value{Text: "300 ms"}
		m.Run.RecordFrom = model.Value{Text: recordFrom}
		plan := compileModel(t, m, 2)
		return plan, runPlan(t, plan, 2)
	}
	plan, res := run("100 ms")
	_, all := run("0 ms")
	g := 0
	var k0 int
	for k0 < len(all.Spikes[g].Step) && all.Spikes[g].Step[k0] < 1000 {
		k0++
	}
	if !slices.Equal(res.Spikes[g].Step, all.Spikes[g].Step[k0:]) || !slices.Equal(res.Spikes[g].Cell, all.Spikes[g].Cell[k0:]) {
		t.Fatal("spikes after the burn-in differ from the same part of the whole run")
	}
	tr := res.Traces[0]
	if len(tr.Steps) != 2000 || tr.Steps[0] != 1000 || !slices.Equal(tr.Data[0][0], all.Traces[0].Data[0][0][1000:]) {
		t.Fatalf("trace: %d samples from step %d", len(tr.Steps), tr.Steps[0])
	}
	r := record.Rates(plan, res)[0]
	if len(r.T) != 200 || math.Abs(r.T[0]-0.1) > 1e-12 {
		t.Fatalf("rate bins: %d from %g s", len(r.T), r.T[0])
	}
	n, rate := record.Count(plan, res, viewIndex(t, plan, "exc"))
	if want := float64(n) / (3200 * 0.2); math.Abs(rate-want) > 1e-9 {
		t.Errorf("rate %g Hz, want %g over the 200 ms recorded", rate, want)
	}
}

// idle is a kernel that never changes a cell and never spikes.
type idle struct{}

func (idle) Step(lo, hi int, step int64, out []int32) ([]int32, bool) { return out[:0], true }
func (idle) Reset([]int32, int64)                                     {}

// BenchmarkQuietStep measures what a step of coba costs besides its cells:
// the example's groups, projections, rings and delays, with every kernel
// replaced by one that does nothing and no monitors, so that no cell ever
// spikes. Routes brought it from 245–268 to 110–131 ns a step on one
// worker and from 588–672 to 396–404 ns on two (alternating runs of the
// test binaries before and after, 500000 steps, four pairs, 2026-12-05).
func BenchmarkQuietStep(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("coba/threads=%d", threads), func(b *testing.B) {
			plan := compileExample(b, "coba", threads)
			for _, g := range plan.Groups {
				g.Kernel = idle{}
			}
			plan.Monitors, plan.Rates, plan.SynapseMonitors = nil, nil, nil
			plan.Steps = int64(b.N)
			if w := engine.Workers(plan, threads); w != threads {
				b.Fatalf("%d workers, want %d", w, threads)
			}
			b.ResetTimer()
			res := runPlan(b, plan, threads)
			for g, counts := range res.Counts {
				if n := slices.Max(append(counts, 0)); n != 0 {
					b.Fatalf("group %d: a cell spiked %d times, want never", g, n)
				}
			}
		})
	}
}
