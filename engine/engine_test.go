package engine

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/volleysim/volley/build"
	"github.com/volleysim/volley/connect"
)

// scripted is a test kernel: cells spike at the steps listed for them, and
// Update writes the values listed in set (cell → value) at given steps.
type scripted struct {
	x      []float64
	spikes map[int64][]int32
	set    map[int64]map[int]float64
	reset  float64 // value x takes at reset, NaN: no reset
}

func (k *scripted) Step(lo, hi int, step int64, out []int32) ([]int32, bool) {
	finite := true
	for c, v := range k.set[step] {
		if c >= lo && c < hi {
			k.x[c] = v
			if math.IsNaN(v) || math.IsInf(v, 0) {
				finite = false
			}
		}
	}
	for _, c := range k.spikes[step] {
		if int(c) >= lo && int(c) < hi {
			out = append(out, c)
		}
	}
	return out, finite
}

func (k *scripted) Reset(spikes []int32, step int64) {
	if math.IsNaN(k.reset) {
		return
	}
	for _, c := range spikes {
		k.x[c] = k.reset
	}
}

// twoGroups is a plan with a scripted source group "pre" (2 cells) projecting
// onto "post" (3 cells, variable x recorded at every step): pre 0 → post 1, 2;
// pre 1 → post 0.
func twoGroups(pre, post *scripted, weights []float64, delays []int32, delay int32) *build.Plan {
	xv := &build.Var{Name: "x", Data: post.x}
	pv := &build.Var{Name: "x", Data: pre.x}
	return &build.Plan{
		Name: "t", DT: 1e-3, Steps: 12,
		Groups: []*build.Group{
			{Name: "pre", N: 2, Vars: []*build.Var{pv}, Kernel: pre},
			{Name: "post", N: 3, Vars: []*build.Var{xv}, Kernel: post},
		},
		Views:  []build.View{{Name: "pre", Group: 0, N: 2}, {Name: "post", Group: 1, N: 3}},
		Inputs: []*build.Input{{Group: 1, Name: "x", Var: xv}},
		Projections: []*build.Projection{{
			Name: "p", Pre: 0, Post: 1, Input: 0,
			Conn:   &connect.CSR{NPre: 2, NPost: 3, RowPtr: []int64{0, 2, 3}, Col: []int32{1, 2, 0}},
			Weight: 1, Weights: weights, Delay: delay, Delays: delays,
		}},
		Spikes:   []int{0},
		Monitors: []build.StateMonitor{{Name: "m", View: 1, Vars: []*build.Var{xv}, Indices: []int{0, 1, 2}, Every: 1}},
	}
}

// runWith runs a prepared runner like Run does.
func runWith(r *runner) *Result {
	r.ctx = context.Background()
	done := make(chan struct{})
	for w := 1; w < r.workers; w++ {
		go func(w int) {
			r.work(w)
			done <- struct{}{}
		}(w)
	}
	r.work(0)
	for w := 1; w < r.workers; w++ {
		<-done
	}
	return r.result()
}

// A NaN stops the run with group, variable, cell and time; what was recorded
// up to then is returned.
func TestNumericalError(t *testing.T) {
	t.Parallel()
	pre := &scripted{x: make([]float64, 2), reset: math.NaN()}
	post := &scripted{x: make([]float64, 3), set: map[int64]map[int]float64{5: {2: math.NaN()}}, reset: math.NaN()}
	plan := twoGroups(pre, post, nil, nil, 1)
	res, err := Run(context.Background(), plan, Options{Threads: 2})
	var ne *NumericalError
	if !errors.As(err, &ne) {
		t.Fatalf("error %v, want a *NumericalError", err)
	}
	if ne.Group != "post" || ne.Var != "x" || ne.Cell != 2 || ne.Step != 5 || math.Abs(ne.Time-5e-3) > 1e-15 {
		t.Errorf("error %+v, want post.x cell 2 at step 5", ne)
	}
	if !strings.Contains(err.Error(), "post.x of cell 2") {
		t.Errorf("message %q", err)
	}
	if res == nil || res.Completed != 7 || len(res.Traces[0].Steps) != 7 {
		t.Errorf("completed %d steps with %d samples, want 7 (the step after the NaN completes)", res.Completed, len(res.Traces[0].Steps))
	}
}

// With a delay of 4 steps the workers meet every 4 steps, and the flags
// agreed at a barrier act at the end of the next epoch (see work): a run
// stops after steps 8–11 for a NaN at step 5, in epoch 4–7, at the same
// step for one worker and two (the second updating step 8 while it waits
// at the barrier). The error still names step 5.
func TestNumericalErrorEpoch(t *testing.T) {
	t.Parallel()
	for _, workers := range []int{1, 2} {
		pre := &scripted{x: make([]float64, 2), reset: math.NaN()}
		post := &scripted{x: make([]float64, 3), set: map[int64]map[int]float64{5: {2: math.NaN()}}, reset: math.NaN()}
		plan := twoGroups(pre, post, nil, nil, 4)
		plan.Steps = 20
		if e := epochSteps(plan); e != 4 {
			t.Fatalf("epochs of %d steps, want 4", e)
		}
		r, err := newRunner(plan, workers, false)
		if err != nil {
			t.Fatal(err)
		}
		res := runWith(r)
		if ne := r.numErr; ne == nil || ne.Cell != 2 || ne.Step != 5 {
			t.Fatalf("%d workers: error %v, want a *NumericalError of cell 2 at step 5", workers, ne)
		}
		if res.Completed != 12 || len(res.Traces[0].Steps) != 12 {
			t.Errorf("%d workers: completed %d steps with %d samples, want 12 (the end of the epoch after that of steps 4–7)",
				workers, res.Completed, len(res.Traces[0].Steps))
		}
	}
}

// An infinite value that the reset replaces (Brian2's behaviour when an
// exponential term overflows in the step that crosses threshold) is no error.
func TestTransientInfinityIsReset(t *testing.T) {
	t.Parallel()
	pre := &scripted{x: make([]float64, 2), reset: math.NaN()}
	post := &scripted{x: make([]float64, 3), set: map[int64]map[int]float64{5: {1: math.Inf(1)}},
		spikes: map[int64][]int32{5: {1}}, reset: -0.07}
	plan := twoGroups(pre, post, nil, nil, 1)
	res, err := Run(context.Background(), plan, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Completed != plan.Steps {
		t.Errorf("completed %d of %d steps", res.Completed, plan.Steps)
	}
}

// A cancelled context stops the run at the end of a step.
func TestCancel(t *testing.T) {
	t.Parallel()
	pre := &scripted{x: make([]float64, 2), reset: math.NaN()}
	post := &scripted{x: make([]float64, 3), reset: math.NaN()}
	plan := twoGroups(pre, post, nil, nil, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, plan, Options{Threads: 1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if res.Completed != 1 {
		t.Errorf("completed %d steps, want 1", res.Completed)
	}
}

// BenchmarkEmptyStep measures the fixed cost of a step: a group whose
// kernel does nothing, no monitors; one cell on one worker, and 2048 cells
// on two workers, either without synapses (the workers meet every
// maxEpoch steps) or with a projection of no synapses and no delay (they
// meet every step).
func BenchmarkEmptyStep(b *testing.B) {
	for _, c := range []struct {
		name           string
		cells, threads int
		zeroDelay      bool
	}{{"workers=1", 1, 1, false}, {"workers=2", 2048, 2, false}, {"workers=2/barrier-every-step", 2048, 2, true}} {
		b.Run(c.name, func(b *testing.B) {
			x := &build.Var{Name: "x", Data: make([]float64, c.cells)}
			plan := &build.Plan{Name: "empty", DT: 1e-4, Steps: int64(b.N),
				Groups: []*build.Group{{Name: "g", N: c.cells, Vars: []*build.Var{x}, Kernel: &scripted{x: x.Data, reset: math.NaN()}}},
				Views:  []build.View{{Name: "g", N: c.cells}}}
			if c.zeroDelay {
				plan.Inputs = []*build.Input{{Group: 0, Name: "x", Var: x}}
				plan.Projections = []*build.Projection{{Name: "p", Input: 0, Weight: 1,
					Conn: &connect.CSR{NPre: c.cells, NPost: c.cells, RowPtr: make([]int64, c.cells+1)}}}
			}
			if w := Workers(plan, c.threads); w != c.threads {
				b.Fatalf("%d workers, want %d", w, c.threads)
			}
			if e, want := epochSteps(plan), map[bool]int64{false: maxEpoch, true: 1}[c.zeroDelay]; e != want {
				b.Fatalf("epochs of %d steps, want %d", e, want)
			}
			b.ResetTimer()
			if _, err := Run(context.Background(), plan, Options{Threads: c.threads}); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// What one worker writes every step fills whole pairs of cache lines, and
// each worker's lies on pairs of its own; so do the block bounds, which
// every worker reads at every step, and worker 0's spike records.
func TestWorkerPadding(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		size, pairs uintptr
	}{
		{"touchList", unsafe.Sizeof(touchList{}), 1},
		{"spikeList", unsafe.Sizeof(spikeList{}), 2},
		{"workerFlags", unsafe.Sizeof(workerFlags{}), 1},
		{"rowParts", unsafe.Sizeof(rowParts{}), 1},
	} {
		if c.size != c.pairs*pairBytes {
			t.Errorf("%s: %d bytes, want %d", c.name, c.size, c.pairs*pairBytes)
		}
	}
	if off := unsafe.Offsetof(spikeList{}.spare); off != pairBytes {
		t.Errorf("spikeList.spare at byte %d, want %d (the pair no reader fetches)", off, pairBytes)
	}
	pre := &scripted{x: make([]float64, 2)}
	post := &scripted{x: make([]float64, 3)}
	r, err := newRunner(twoGroups(pre, post, nil, nil, 2), 2, false)
	if err != nil {
		t.Fatal(err)
	}
	var addrs []uintptr
	for _, l := range r.spikes[0][0][0] {
		addrs = append(addrs, uintptr(unsafe.Pointer(l)), uintptr(unsafe.Pointer(&l.spare[:1][0])))
	}
	for _, f := range r.flags {
		addrs = append(addrs, uintptr(unsafe.Pointer(f)))
	}
	for _, p := range r.parts {
		addrs = append(addrs, uintptr(unsafe.Pointer(p)))
	}
	for _, tl := range r.rings[0].touched[1] {
		addrs = append(addrs, uintptr(unsafe.Pointer(tl)), uintptr(unsafe.Pointer(&tl.rows[:1][0])))
	}
	for _, b := range append(r.part, partitionShares(100, []float64{0.3, 0.7})) {
		addrs = append(addrs, uintptr(unsafe.Pointer(&b[0])))
	}
	addrs = append(addrs, uintptr(unsafe.Pointer(&r.out[0])))
	for _, a := range addrs {
		if a%pairBytes != 0 {
			t.Errorf("a worker's structure at %#x, not on a pair of cache lines", a)
		}
	}
}

// A list keeps its cells in its own line while they fit, in the spare
// array the kernel filled once they do not, and goes back to its line.
func TestPublishSpikes(t *testing.T) {
	t.Parallel()
	var l spikeList
	inline := len(l.inline)
	for step, n := range []int{0, 3, inline, inline + 1, 5 * inline, 2, 0, inline + 1} {
		out := l.spare[:0]
		for c := range n {
			out = append(out, int32(100*step+c))
		}
		l.publish(out)
		if !slices.Equal(l.cells, out) {
			t.Fatalf("step %d: cells %v, want %v", step, l.cells, out)
		}
		inLine := cap(l.cells) > 0 && &l.cells[:1][0] == &l.inline[0]
		if want := n <= inline; n > 0 && inLine != want {
			t.Errorf("step %d, %d cells: in the list's line %v, want %v", step, n, inLine, want)
		}
		if cap(l.spare) < n {
			t.Errorf("step %d: spare holds %d cells, want ≥ %d", step, cap(l.spare), n)
		}
	}
}

// costed is a kernel that estimates its cost per cell-step.
type costed struct {
	*scripted
	cost float64
}

func (k costed) CellCost() float64 { return k.cost }

// Workers gives a worker per 3 µs of estimated work per step: 1024 cells of
// a kernel without an estimate, fewer or more cells by the kernel's own.
func TestWorkersCost(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cells   int
		cost    float64 // 0: no estimate
		threads int
		want    int
	}{
		{1023, 0, 2, 1}, {2048, 0, 2, 2}, {10000, 0, 8, 8}, {10000, 0, 4, 4}, {5000, 0, 8, 4},
		{4000, 1, 2, 1},   // cuba's LIF with AVX2: 4 µs a step
		{4000, 1.7, 2, 2}, // cuba's LIF without: 6.8 µs
		{4000, 2.5, 2, 2},
		{100, 100, 2, 2}, {100, 10, 2, 1},
	} {
		x := make([]float64, c.cells)
		var k build.Kernel = &scripted{x: x, reset: math.NaN()}
		if c.cost > 0 {
			k = costed{k.(*scripted), c.cost}
		}
		plan := &build.Plan{Groups: []*build.Group{{Name: "g", N: c.cells, Kernel: k}}}
		if got := Workers(plan, c.threads); got != c.want {
			t.Errorf("%d cells at %g ns, %d threads: %d workers, want %d", c.cells, c.cost, c.threads, got, c.want)
		}
	}
}

// A run that completes keeps its final state only when asked; one that stops
// early always does, at the step where it stopped.
func TestKeepState(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		until int64
		keep  bool
		want  int64 // step of the snapshot, -1 for none
	}{{0, false, -1}, {0, true, 12}, {5, false, 5}, {5, true, 5}} {
		pre := &scripted{x: make([]float64, 2), spikes: map[int64][]int32{3: {0}}, reset: math.NaN()}
		post := &scripted{x: make([]float64, 3), reset: math.NaN()}
		res, err := Run(context.Background(), twoGroups(pre, post, nil, nil, 2), Options{Threads: 1, Until: tc.until, KeepState: tc.keep})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tc.want < 0 && res.State != nil:
			t.Errorf("until %d, keep %v: a snapshot at step %d, want none", tc.until, tc.keep, res.State.Step)
		case tc.want >= 0 && (res.State == nil || res.State.Step != tc.want):
			t.Errorf("until %d, keep %v: snapshot %+v, want one at step %d", tc.until, tc.keep, res.State, tc.want)
		}
	}
}

// The workers' blocks of cells are contiguous, cover the group, start on a
// cache line and differ in size by less than two lines.
func TestPartition(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ n, workers int }{{1005, 3}, {4000, 2}, {3200, 2}, {20, 2}, {7, 3}, {100000, 7}} {
		b := partition(c.n, c.workers)
		if len(b) != c.workers+1 || b[0] != 0 || b[c.workers] != c.n {
			t.Fatalf("partition(%d, %d) = %v", c.n, c.workers, b)
		}
		for w := 1; w < c.workers; w++ {
			x := float64(c.n*w) / float64(c.workers)
			tol := max(float64(c.n)/float64(c.workers)/32, cellsPerPair/2)
			if b[w]%cellsPerPair != 0 || b[w] < b[w-1] || math.Abs(float64(b[w])-x) > tol {
				t.Errorf("partition(%d, %d) = %v: bound %d, want a pair's within %g of %g", c.n, c.workers, b, b[w], tol, x)
			}
		}
	}
	// a page's bound where one is near the even split, a pair's otherwise
	for _, c := range []struct {
		n, workers int
		want       []int
	}{{4000, 2, []int{0, 2048, 4000}}, {3200, 2, []int{0, 1600, 3200}}, {20, 2, []int{0, 16, 20}}} {
		if got := partition(c.n, c.workers); !slices.Equal(got, c.want) {
			t.Errorf("partition(%d, %d) = %v, want %v", c.n, c.workers, got, c.want)
		}
	}
}
