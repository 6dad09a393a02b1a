package engine

import (
	"math"
	"slices"
	"testing"

	"github.com/volleysim/volley/build"
)

// Shares follow the measured speeds halfway: equal work, worker 0 computing
// twice as long as worker 1 (half its speed) targets 1/3 and 2/3, and the
// shares move from 1/2 to 5/12 and 7/12. Times within balanceSlack of their
// mean, or a worker without a measurement, change nothing.
func TestProportionalShares(t *testing.T) {
	t.Parallel()
	got := proportionalShares([]int64{2000, 1000}, []float64{5, 5})
	if want := []float64{5.0 / 12, 7.0 / 12}; len(got) != 2 || math.Abs(got[0]-want[0]) > 1e-12 || math.Abs(got[1]-want[1]) > 1e-12 {
		t.Errorf("shares %v, want %v", got, want)
	}
	// unequal work: 3 units in 3000 ns and 1 unit in 500 ns are speeds 1/1000
	// and 1/500 per ns, targets 1/3 and 2/3, from shares 3/4 and 1/4
	got = proportionalShares([]int64{3000, 500}, []float64{3, 1})
	if want := []float64{(0.75 + 1.0/3) / 2, (0.25 + 2.0/3) / 2}; math.Abs(got[0]-want[0]) > 1e-12 || math.Abs(got[1]-want[1]) > 1e-12 {
		t.Errorf("shares %v, want %v", got, want)
	}
	for _, c := range []struct {
		busy []int64
		work []float64
	}{
		{[]int64{1000, 1030, 990}, []float64{1, 1, 1}},
		{[]int64{0, 1000}, []float64{1, 1}},
		{[]int64{1000, 3000}, []float64{1, 0}},
	} {
		if got := proportionalShares(c.busy, c.work); got != nil {
			t.Errorf("busy %v, work %v: shares %v, want none", c.busy, c.work, got)
		}
	}
}

// Blocks follow the shares, their inner bounds on pairs of cache lines or
// pages (or at the group's end, leaving the last blocks empty), in order
// and within the group, whatever the shares.
func TestPartitionShares(t *testing.T) {
	t.Parallel()
	if got, want := partitionShares(4000, []float64{0.6, 0.4}), []int{0, 2400, 4000}; !slices.Equal(got, want) {
		t.Errorf("4000 cells, shares 0.6, 0.4: %v, want %v", got, want)
	}
	// a page bound (cell 2048) beyond 4000/2/32 cells of the share's 2000
	if got, want := partitionShares(4000, []float64{0.5, 0.5}), []int{0, 2048, 4000}; !slices.Equal(got, want) {
		t.Errorf("4000 cells, halves: %v, want %v", got, want)
	}
	if got, want := partitionShares(20, []float64{0.5, 0.5}), []int{0, 16, 20}; !slices.Equal(got, want) {
		t.Errorf("20 cells, halves: %v, want %v", got, want)
	}
	for _, n := range []int{0, 5, 100, 4000} {
		for _, shares := range [][]float64{{0.999, 0.001}, {0.001, 0.999}, {0.2, 0.5, 0.3}, {0, 0, 1}} {
			b := partitionShares(n, shares)
			if len(b) != len(shares)+1 || b[0] != 0 || b[len(shares)] != n {
				t.Fatalf("%d cells, shares %v: bounds %v", n, shares, b)
			}
			for w := 1; w < len(shares); w++ {
				if b[w] < b[w-1] || b[w] > n || (b[w]%cellsPerPair != 0 && b[w] != n) {
					t.Errorf("%d cells, shares %v: bounds %v", n, shares, b)
				}
			}
		}
	}
}

// A change of the workers' blocks hands every recorded cell's sample to
// its new owner, in the lists of before: after the first assignment, none
// allocates (a rebalance happens every few milliseconds on a noisy
// machine; under emulation, 140 times over a 2-second run, 32 MB).
func TestAssignProbesReuses(t *testing.T) {
	const n, workers = 4000, 2
	x := &build.Var{Name: "x", Data: make([]float64, n)}
	cells := make([]int, n)
	for i := range cells {
		cells[i] = i
	}
	plan := &build.Plan{Name: "t", DT: 1e-4, Steps: 1,
		Groups:   []*build.Group{{Name: "g", N: n, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}}},
		Views:    []build.View{{Name: "g", N: n}},
		Monitors: []build.StateMonitor{{Name: "x", View: 0, Vars: []*build.Var{x}, Indices: cells, Every: 1}},
	}
	r, err := newRunner(plan, workers, true)
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]int{{0, 1024, n}, {0, 2048, n}, {0, 3072, n}}
	k := 0
	allocs := testing.AllocsPerRun(20, func() {
		r.part[0] = parts[k%len(parts)]
		k++
		r.assignProbes()
	})
	if allocs != 0 {
		t.Errorf("%g allocations per assignment, want 0", allocs)
	}
	for w := range workers {
		lo, hi := r.part[0][w], r.part[0][w+1]
		if len(r.probes[w]) != hi-lo || r.probes[w][0].cell != lo || r.probes[w][len(r.probes[w])-1].cell != hi-1 {
			t.Errorf("worker %d owns cells [%d, %d) and has %d probes", w, lo, hi, len(r.probes[w]))
		}
	}
}

// Shares that give the present blocks, once their bounds are placed on
// pages and pairs of cache lines, change nothing: the balancer raises no
// flag for them.
func TestMovesBounds(t *testing.T) {
	t.Parallel()
	const n = 4000
	x := &build.Var{Name: "x", Data: make([]float64, n)}
	plan := &build.Plan{Name: "t", DT: 1e-4, Steps: 1,
		Groups: []*build.Group{{Name: "g", N: n, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}}},
		Views:  []build.View{{Name: "g", N: n}},
	}
	r, err := newRunner(plan, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2048, n}; !slices.Equal(r.part[0], want) {
		t.Fatalf("blocks %v, want %v", r.part[0], want)
	}
	for _, c := range []struct {
		shares []float64
		moves  bool
	}{
		{[]float64{0.5, 0.5}, false},
		{[]float64{0.52, 0.48}, false}, // 2080 cells: the page bound 2048 lies within 62.5
		{[]float64{0.497, 0.503}, false},
		{[]float64{0.53, 0.47}, true}, // 2120: beyond the page bound's reach, on 2112
		{[]float64{0.4, 0.6}, true},
	} {
		if got := r.movesBounds(c.shares); got != c.moves {
			t.Errorf("shares %v from blocks %v: moves %v, want %v", c.shares, r.part[0], got, c.moves)
		}
	}
}
