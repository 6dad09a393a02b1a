package record

import (
	"math"
	"testing"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
	"github.com/volleysim/volley/engine"
)

// plan: root group "g" of 10 cells with views "a" = g[2:5] and "b" = g[5:10];
// projection a → b with synapses 0→1, 0→4, 2→0.
func testPlan() *build.Plan {
	return &build.Plan{
		DT:     1e-3,
		Groups: []*build.Group{{Name: "g", N: 10}},
		Views:  []build.View{{Name: "g", N: 10}, {Name: "a", Start: 2, N: 3}, {Name: "b", Start: 5, N: 5}},
		Projections: []*build.Projection{{Name: "p", Pre: 1, Post: 2,
			Conn: &connect.CSR{NPre: 3, NPost: 5, RowPtr: []int64{0, 2, 2, 3}, Col: []int32{1, 4, 0}}}},
	}
}

func TestSpikesOfView(t *testing.T) {
	t.Parallel()
	res := &engine.Result{Completed: 100, Counts: [][]int64{{0, 0, 1, 0, 2, 0, 0, 0, 0, 1}},
		Spikes: []engine.Spikes{{Step: []int64{3, 3, 7, 9}, Cell: []int32{2, 4, 9, 4}}}}
	p := testPlan()
	s := SpikesOf(p, res, 1)
	dt := p.DT
	wantT, wantI := []float64{3 * dt, 3 * dt, 9 * dt}, []int64{0, 2, 2} // t = step·dt, as Brian2
	if len(s.T) != 3 || s.N != 3 || s.Group != "a" {
		t.Fatalf("spikes of a: %+v", s)
	}
	for k := range wantT {
		if s.T[k] != wantT[k] || s.I[k] != wantI[k] {
			t.Errorf("spike %d: (%g, %d), want (%g, %d)", k, s.T[k], s.I[k], wantT[k], wantI[k])
		}
	}
	n, rate := Count(p, res, 2)
	if n != 1 || rate != 1/(5*0.1) {
		t.Errorf("b: %d spikes at %g Hz, want 1 and 2 Hz", n, rate)
	}
}

// Events counts one event per synapse of each spiking presynaptic cell: cell
// 2 (a[0], two synapses) spiked once and cell 4 (a[2], one synapse) twice.
func TestEvents(t *testing.T) {
	t.Parallel()
	res := &engine.Result{Counts: [][]int64{{0, 0, 1, 0, 2, 0, 0, 0, 0, 1}}}
	if got := Events(testPlan(), res); got != 4 {
		t.Errorf("%d events, want 4", got)
	}
}

func TestConnectivity(t *testing.T) {
	t.Parallel()
	n, m := Connectivity(testPlan(), 0, map[int]float64{0: -4})
	if n != 10 {
		t.Fatalf("n = %d", n)
	}
	want := map[[2]int]float64{{2, 6}: -4, {2, 9}: -4, {4, 5}: -4}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if m[i*n+j] != want[[2]int{i, j}] {
				t.Errorf("m[%d][%d] = %g, want %g", i, j, m[i*n+j], want[[2]int{i, j}])
			}
		}
	}
}

// Rates divide each bin's spikes by the cells and the bin's own length.
func TestRates(t *testing.T) {
	t.Parallel()
	p := testPlan()
	p.Rates = []build.RateMonitor{{Name: "r", View: 2, Bin: 4}}
	res := &engine.Result{Completed: 10, Rates: [][]int64{{2, 0, 1}}}
	r := Rates(p, res)[0]
	wantHz := []float64{2 / (5 * 4 * p.DT), 0, 1 / (5 * 2 * p.DT)}
	if len(r.RateHz) != 3 || r.Group != "b" {
		t.Fatalf("rate %+v", r)
	}
	for i, w := range wantHz {
		if math.Abs(r.RateHz[i]-w) > 1e-9*w {
			t.Errorf("bin %d: %g Hz, want %g", i, r.RateHz[i], w)
		}
	}
}
