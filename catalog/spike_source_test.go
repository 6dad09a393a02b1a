package catalog

import (
	"math"
	"testing"
)

// Poisson sources: the spike count over the active window is binomial with
// n = cells × steps and p = rate·dt; it must lie within 4 sigma, and no spike
// may fall outside [start, start + duration).
func TestSpikeSourcePoisson(t *testing.T) {
	t.Parallel()
	const n, dt, steps = 500, 1e-4, 10000
	const rate, start, dur = 100.0, 0.2, 0.5
	m := SpikeSourcePoisson()
	k, err := m.New(Instance{N: n, DT: dt, Params: map[string]float64{"rate": rate, "start": start, "duration": dur}, Seed: 42, ID: 7})
	if err != nil {
		t.Fatal(err)
	}
	var out []int32
	count := 0
	perCell := make([]int, n)
	for s := int64(0); s < steps; s++ {
		out, _ = k.Step(0, n, s, out[:0])
		if len(out) > 0 && (s < 2000 || s >= 7000) {
			t.Fatalf("spike at step %d outside [2000, 7000)", s)
		}
		for _, i := range out {
			perCell[i]++
		}
		count += len(out)
	}
	trials := float64(n * 5000)
	p := rate * dt
	mean, sd := trials*p, math.Sqrt(trials*p*(1-p))
	if math.Abs(float64(count)-mean) > 4*sd {
		t.Errorf("%d spikes, expected %.0f ± %.0f (4 sigma)", count, mean, 4*sd)
	}
	// Splitting the cells into blocks gives the same trains.
	k2, _ := m.New(Instance{N: n, DT: dt, Params: map[string]float64{"rate": rate, "start": start, "duration": dur}, Seed: 42, ID: 7})
	perCell2 := make([]int, n)
	for s := int64(0); s < steps; s++ {
		out, _ = k2.Step(0, 200, s, out[:0])
		out, _ = k2.Step(200, n, s, out)
		for _, i := range out {
			perCell2[i]++
		}
	}
	for i := range perCell {
		if perCell[i] != perCell2[i] {
			t.Fatalf("cell %d: %d spikes in one block, %d in two", i, perCell[i], perCell2[i])
		}
	}
}

func TestSpikeSourcePoissonErrors(t *testing.T) {
	t.Parallel()
	for _, p := range []map[string]float64{
		{"rate": -1, "start": 0, "duration": 1},
		{"rate": 20000, "start": 0, "duration": 1},
		{"rate": 10, "start": -1, "duration": 1},
		{"rate": math.NaN(), "start": 0, "duration": 1},
	} {
		if _, err := SpikeSourcePoisson().New(Instance{N: 1, DT: 1e-4, Params: p}); err == nil {
			t.Errorf("params %v: no error", p)
		}
	}
}

// Given times are emitted at round(t/dt); two times on one step give one spike.
func TestSpikeSourceArray(t *testing.T) {
	t.Parallel()
	times := [][]float64{{0.0012, 0.0005, 0.00051}, {}, {0.003}}
	k, err := SpikeSourceArray().New(Instance{N: 3, DT: 1e-4, SpikeTimes: times})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int32][]int64{}
	var out []int32
	for s := int64(0); s < 100; s++ {
		out, _ = k.Step(0, 3, s, out[:0])
		for _, i := range out {
			got[i] = append(got[i], s)
		}
	}
	want := map[int32][]int64{0: {5, 12}, 2: {30}}
	if len(got) != len(want) || len(got[0]) != 2 || got[0][0] != 5 || got[0][1] != 12 || len(got[2]) != 1 || got[2][0] != 30 {
		t.Errorf("spike steps %v, want %v", got, want)
	}
	if _, err := SpikeSourceArray().New(Instance{N: 1, DT: 1e-4, SpikeTimes: [][]float64{{-1}}}); err == nil {
		t.Error("negative spike time: no error")
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"IF_curr_exp", "IF_cond_exp", "SpikeSourcePoisson", "SpikeSourceArray"} {
		if _, err := Lookup(name); err != nil {
			t.Error(err)
		}
	}
	if _, err := Lookup("IF_curr_expp"); err == nil {
		t.Error("unknown model: no error")
	}
}
